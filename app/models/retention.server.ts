/**
 * Storage limitation (GDPR art. 5(1)(e)): a closed absence and everything
 * written about it are deleted a number of years after the employee came
 * back (RETENTION_YEARS, default 5: the limitation period for claims arising
 * from the employment, forældelsesloven § 3). Employee-level records (the
 * social-chapter log, § 56 agreements) follow the employee, not an absence.
 *
 * An employee who has left is deleted with everything about them (their absences,
 * documents, submissions, social-chapter records, § 56 agreements, moves) the same
 * number of years after the last day of employment: the limitation period runs from
 * when the employment ended. A case that closed later keeps the employee until its
 * own period has run.
 */
import { and, eq, gt, inArray, isNotNull, lte, notExists, sql } from "drizzle-orm";
import { getDb, type Tx } from "~db/client.server";
import {
  absences,
  auditLog,
  calendarEvents,
  documentAttachments,
  documents,
  employees,
  notifications,
  paragraph56Agreements,
  socialChapterLog,
  socialChapterRecords,
  submissionEvents,
  submissions,
  documentVersions,
} from "~db/schema";
import { addYears, type IsoDate } from "~/domain/dates";
import { recordAudit } from "./audit.server";
import { removeLegacyUpload } from "./attachment-store.server";

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
    for (const f of uploaded) removeLegacyUpload(f.storageName);
  }
  return total;
}

export interface EmployeeRetentionResult {
  employees: number;
  absences: number;
  documents: number;
  submissions: number;
}

/** Audit rows about deleted records keep who did what and when, but lose their details. */
function scrubAudit(tx: Tx, entityType: string, ids: number[]): void {
  if (ids.length === 0) return;
  tx.update(auditLog)
    .set({ details: null })
    .where(and(eq(auditLog.entityType, entityType), inArray(auditLog.entityId, ids.map(String))))
    .run();
}

/**
 * Deletes every employee whose employment ended `years` or more before `asOf`, unless
 * one of their absences closed after that cut-off (its own period has not run). One
 * transaction per employee, with an audit row that names only ids and counts.
 */
export function purgeExpiredEmployees(input: { asOf: IsoDate; years: number }): EmployeeRetentionResult {
  const db = getDb();
  const cutoff = retentionCutoff(input.asOf, input.years);
  // The exclusion runs in SQL per candidate (absences_employee_idx): read into memory, the
  // absences closed after the cut-off are millions of rows on a national database, past the heap bound.
  const due = db
    .select({ id: employees.id, companyId: employees.companyId })
    .from(employees)
    .where(
      and(
        isNotNull(employees.employmentEndDate),
        lte(employees.employmentEndDate, cutoff),
        notExists(
          db
            .select({ one: sql`1` })
            .from(absences)
            .where(and(eq(absences.employeeId, employees.id), isNotNull(absences.returnedOn), gt(absences.returnedOn, cutoff))),
        ),
      ),
    )
    .all();
  const total: EmployeeRetentionResult = { employees: 0, absences: 0, documents: 0, submissions: 0 };
  for (const employee of due) {
    const uploaded = db.transaction((tx) => {
      const absenceIds = tx.select({ id: absences.id }).from(absences).where(eq(absences.employeeId, employee.id)).all().map((a) => a.id);
      const documentIds = tx.select({ id: documents.id }).from(documents).where(eq(documents.employeeId, employee.id)).all().map((d) => d.id);
      const submissionIds = tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.employeeId, employee.id)).all().map((x) => x.id);
      const files = documentIds.length
        ? tx.select({ storageName: documentAttachments.storageName }).from(documentAttachments).where(inArray(documentAttachments.documentId, documentIds)).all()
        : [];
      const recordIds = tx.select({ id: socialChapterRecords.id }).from(socialChapterRecords).where(eq(socialChapterRecords.employeeId, employee.id)).all().map((r) => r.id);
      if (submissionIds.length) {
        tx.delete(notifications).where(inArray(notifications.submissionId, submissionIds)).run();
        tx.delete(submissionEvents).where(inArray(submissionEvents.submissionId, submissionIds)).run();
        tx.delete(submissions).where(inArray(submissions.id, submissionIds)).run();
      }
      // A § 56 agreement may point at its application document: it goes first.
      const agreementIds = tx.select({ id: paragraph56Agreements.id }).from(paragraph56Agreements).where(eq(paragraph56Agreements.employeeId, employee.id)).all().map((a) => a.id);
      tx.delete(paragraph56Agreements).where(eq(paragraph56Agreements.employeeId, employee.id)).run();
      if (documentIds.length) {
        tx.delete(documentVersions).where(inArray(documentVersions.documentId, documentIds)).run();
        tx.delete(documents).where(inArray(documents.id, documentIds)).run();
      }
      if (absenceIds.length) {
        tx.delete(calendarEvents).where(inArray(calendarEvents.absenceId, absenceIds)).run();
        tx.delete(absences).where(inArray(absences.id, absenceIds)).run();
      }
      if (recordIds.length) {
        tx.delete(socialChapterLog).where(inArray(socialChapterLog.recordId, recordIds)).run();
        tx.delete(socialChapterRecords).where(inArray(socialChapterRecords.id, recordIds)).run();
      }
      // Moves cascade with the employee.
      tx.delete(employees).where(eq(employees.id, employee.id)).run();
      scrubAudit(tx, "employee", [employee.id]);
      scrubAudit(tx, "absence", absenceIds);
      scrubAudit(tx, "document", documentIds);
      scrubAudit(tx, "submission", submissionIds);
      scrubAudit(tx, "paragraph56", agreementIds);
      recordAudit(tx, {
        userId: null,
        action: "retention.delete",
        entityType: "employee",
        entityId: employee.id,
        details: { retentionYears: input.years, absences: absenceIds.length, documents: documentIds.length, submissions: submissionIds.length },
      });
      total.employees += 1;
      total.absences += absenceIds.length;
      total.documents += documentIds.length;
      total.submissions += submissionIds.length;
      return files;
    });
    for (const f of uploaded) removeLegacyUpload(f.storageName);
  }
  return total;
}
