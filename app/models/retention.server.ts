/**
 * Storage limitation (GDPR art. 5(1)(e)): a closed absence and everything
 * written about it are deleted a number of years after the employee came
 * back (RETENTION_YEARS, default 5: the limitation period for claims arising
 * from the employment, forældelsesloven § 3). Employee-level records (the
 * social-chapter log, § 56 agreements) follow the employee, not an absence.
 */
import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, auditLog, calendarEvents, documentAttachments, documents, notifications, submissionEvents, submissions, documentVersions } from "~db/schema";
import { addYears, type IsoDate } from "~/domain/dates";
import { recordAudit } from "./audit.server";
import { removeUpload } from "./mulighedserklaering.server";

/** An absence that closed on or before this day is due for deletion on `asOf`. */
export function retentionCutoff(asOf: IsoDate, years: number): IsoDate {
  return addYears(asOf, -years);
}

export interface RetentionResult {
  absences: number;
  documents: number;
  submissions: number;
}

/**
 * Deletes every absence that closed `years` or more before `asOf`, with its
 * documents, versions, submissions, their events and notifications and its
 * calendar events. One transaction per absence, each with an audit row that
 * names only ids and counts; the audit rows about the deleted records keep
 * who did what and when, but lose their details (dates, notes).
 */
export function purgeExpiredAbsences(input: { asOf: IsoDate; years: number }): RetentionResult {
  const db = getDb();
  const cutoff = retentionCutoff(input.asOf, input.years);
  const due = db
    .select({ id: absences.id })
    .from(absences)
    .where(and(isNotNull(absences.returnedOn), lte(absences.returnedOn, cutoff)))
    .all();
  const total: RetentionResult = { absences: 0, documents: 0, submissions: 0 };
  for (const { id: absenceId } of due) {
    const uploaded = db.transaction((tx) => {
      const documentIds = tx.select({ id: documents.id }).from(documents).where(eq(documents.absenceId, absenceId)).all().map((d) => d.id);
      // Uploaded files (the doctor's returned PDF) go with their rows; mulighedserklæring rows cascade with the document.
      const files = documentIds.length
        ? tx.select({ storageName: documentAttachments.storageName }).from(documentAttachments).where(inArray(documentAttachments.documentId, documentIds)).all()
        : [];
      const submissionIds = documentIds.length
        ? tx.select({ id: submissions.id }).from(submissions).where(inArray(submissions.documentId, documentIds)).all().map((s) => s.id)
        : [];
      if (submissionIds.length) {
        tx.delete(notifications).where(inArray(notifications.submissionId, submissionIds)).run();
        tx.delete(submissionEvents).where(inArray(submissionEvents.submissionId, submissionIds)).run();
        tx.delete(submissions).where(inArray(submissions.id, submissionIds)).run();
      }
      if (documentIds.length) {
        tx.delete(documentVersions).where(inArray(documentVersions.documentId, documentIds)).run();
        tx.delete(documents).where(inArray(documents.id, documentIds)).run();
      }
      tx.delete(calendarEvents).where(eq(calendarEvents.absenceId, absenceId)).run();
      tx.delete(absences).where(eq(absences.id, absenceId)).run();
      const scrub = (entityType: string, ids: number[]) => {
        if (ids.length === 0) return;
        tx.update(auditLog)
          .set({ details: null })
          .where(and(eq(auditLog.entityType, entityType), inArray(auditLog.entityId, ids.map(String))))
          .run();
      };
      scrub("absence", [absenceId]);
      scrub("document", documentIds);
      scrub("submission", submissionIds);
      recordAudit(tx, {
        userId: null,
        action: "retention.delete",
        entityType: "absence",
        entityId: absenceId,
        details: { retentionYears: input.years, documents: documentIds.length, submissions: submissionIds.length },
      });
      total.absences += 1;
      total.documents += documentIds.length;
      total.submissions += submissionIds.length;
      return files;
    });
    // Only once the rows are gone for good: a rolled-back deletion keeps its files.
    for (const f of uploaded) removeUpload(f.storageName);
  }
  return total;
}
