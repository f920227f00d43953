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
import { getDb, runTx, type Tx } from "~db/client.server";
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
export async function purgeExpiredAbsences(input: { asOf: IsoDate; years: number }): Promise<RetentionResult> {
  const db = getDb();
  const cutoff = retentionCutoff(input.asOf, input.years);
  const due = await db
    .select({ id: absences.id })
    .from(absences)
    .where(and(isNotNull(absences.returnedOn), lte(absences.returnedOn, cutoff)));
  const total: RetentionResult = { absences: 0, documents: 0, submissions: 0 };
  for (const { id: absenceId } of due) {
    const uploaded = await runTx(async (tx) => {
      const documentIds = (await tx.select({ id: documents.id }).from(documents).where(eq(documents.absenceId, absenceId))).map((d) => d.id);
      // Uploaded files (the doctor's returned PDF) go with their rows; mulighedserklæring rows cascade with the document.
      const files = documentIds.length
        ? await tx.select({ storageName: documentAttachments.storageName }).from(documentAttachments).where(inArray(documentAttachments.documentId, documentIds))
        : [];
      const submissionIds = documentIds.length
        ? (await tx.select({ id: submissions.id }).from(submissions).where(inArray(submissions.documentId, documentIds))).map((s) => s.id)
        : [];
      if (submissionIds.length) {
        await tx.delete(notifications).where(inArray(notifications.submissionId, submissionIds));
        await tx.delete(submissionEvents).where(inArray(submissionEvents.submissionId, submissionIds));
        await tx.delete(submissions).where(inArray(submissions.id, submissionIds));
      }
      if (documentIds.length) {
        await tx.delete(documentVersions).where(inArray(documentVersions.documentId, documentIds));
        await tx.delete(documents).where(inArray(documents.id, documentIds));
      }
      await tx.delete(calendarEvents).where(eq(calendarEvents.absenceId, absenceId));
      await tx.delete(absences).where(eq(absences.id, absenceId));
      const scrub = async (entityType: string, ids: number[]) => {
        if (ids.length === 0) return;
        await tx.update(auditLog)
          .set({ details: null })
          .where(and(eq(auditLog.entityType, entityType), inArray(auditLog.entityId, ids.map(String))));
      };
      await scrub("absence", [absenceId]);
      await scrub("document", documentIds);
      await scrub("submission", submissionIds);
      await recordAudit(tx, {
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
async function scrubAudit(tx: Tx, entityType: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.update(auditLog)
    .set({ details: null })
    .where(and(eq(auditLog.entityType, entityType), inArray(auditLog.entityId, ids.map(String))));
}

/**
 * Deletes every employee whose employment ended `years` or more before `asOf`, unless
 * one of their absences closed after that cut-off (its own period has not run). One
 * transaction per employee, with an audit row that names only ids and counts.
 */
export async function purgeExpiredEmployees(input: { asOf: IsoDate; years: number }): Promise<EmployeeRetentionResult> {
  const db = getDb();
  const cutoff = retentionCutoff(input.asOf, input.years);
  // The exclusion runs in SQL per candidate (absences_employee_idx): read into memory, the
  // absences closed after the cut-off are millions of rows on a national database, past the heap bound.
  const due = await db
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
    );
  const total: EmployeeRetentionResult = { employees: 0, absences: 0, documents: 0, submissions: 0 };
  for (const employee of due) {
    const uploaded = await runTx(async (tx) => {
      const absenceIds = (await tx.select({ id: absences.id }).from(absences).where(eq(absences.employeeId, employee.id))).map((a) => a.id);
      const documentIds = (await tx.select({ id: documents.id }).from(documents).where(eq(documents.employeeId, employee.id))).map((d) => d.id);
      const submissionIds = (await tx.select({ id: submissions.id }).from(submissions).where(eq(submissions.employeeId, employee.id))).map((x) => x.id);
      const files = documentIds.length
        ? await tx.select({ storageName: documentAttachments.storageName }).from(documentAttachments).where(inArray(documentAttachments.documentId, documentIds))
        : [];
      const recordIds = (await tx.select({ id: socialChapterRecords.id }).from(socialChapterRecords).where(eq(socialChapterRecords.employeeId, employee.id))).map((r) => r.id);
      if (submissionIds.length) {
        await tx.delete(notifications).where(inArray(notifications.submissionId, submissionIds));
        await tx.delete(submissionEvents).where(inArray(submissionEvents.submissionId, submissionIds));
        await tx.delete(submissions).where(inArray(submissions.id, submissionIds));
      }
      // A § 56 agreement may point at its application document: it goes first.
      const agreementIds = (await tx.select({ id: paragraph56Agreements.id }).from(paragraph56Agreements).where(eq(paragraph56Agreements.employeeId, employee.id))).map((a) => a.id);
      await tx.delete(paragraph56Agreements).where(eq(paragraph56Agreements.employeeId, employee.id));
      if (documentIds.length) {
        await tx.delete(documentVersions).where(inArray(documentVersions.documentId, documentIds));
        await tx.delete(documents).where(inArray(documents.id, documentIds));
      }
      if (absenceIds.length) {
        await tx.delete(calendarEvents).where(inArray(calendarEvents.absenceId, absenceIds));
        await tx.delete(absences).where(inArray(absences.id, absenceIds));
      }
      if (recordIds.length) {
        await tx.delete(socialChapterLog).where(inArray(socialChapterLog.recordId, recordIds));
        await tx.delete(socialChapterRecords).where(inArray(socialChapterRecords.id, recordIds));
      }
      // Moves cascade with the employee.
      await tx.delete(employees).where(eq(employees.id, employee.id));
      await scrubAudit(tx, "employee", [employee.id]);
      await scrubAudit(tx, "absence", absenceIds);
      await scrubAudit(tx, "document", documentIds);
      await scrubAudit(tx, "submission", submissionIds);
      await scrubAudit(tx, "paragraph56", agreementIds);
      await recordAudit(tx, {
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
