/**
 * Everything the company stores about one employee, for an access request
 * (indsigtsanmodning, GDPR art. 15). Scoped to the caller's company like
 * every other read; the caseworker's internal notes are the jobcenter's
 * records, not the employer's, and are left out as everywhere else.
 */
import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb, one, runTx } from "~db/client.server";
import {
  absences,
  auditLog,
  departments,
  calendarEvents,
  documents,
  documentVersions,
  paragraph56Agreements,
  socialChapterLog,
  socialChapterRecords,
  submissionEvents,
  submissions,
  documentAttachments,
  mulighedserklaeringer,
  users,
} from "~db/schema";
import { caseReference } from "~/domain/case-reference";
import type { IsoDate } from "~/domain/dates";
import { documentReadsOf } from "./audit-log.server";
import { recordAudit } from "./audit.server";
import { getEmployee } from "./employee.server";

export async function employeeDataExport(input: { company: { id: number; name: string; cvr: string }; employeeId: number; asOf: IsoDate }) {
  const db = getDb();
  const employee = await getEmployee({ companyId: input.company.id, employeeId: input.employeeId });
  const own = (table: { employeeId: SQLiteColumn; companyId: SQLiteColumn }) => and(eq(table.employeeId, employee.id), eq(table.companyId, input.company.id));

  const departmentName =
    employee.departmentId === null
      ? null
      : ((await one(db.select({ name: departments.name }).from(departments).where(and(eq(departments.id, employee.departmentId), eq(departments.companyId, input.company.id))).limit(1)))?.name ?? null);
  const absenceRows = await db.select().from(absences).where(own(absences)).orderBy(asc(absences.firstAbsenceDay));
  const absenceIds = absenceRows.map((a) => a.id);
  const events = absenceIds.length ? await db.select().from(calendarEvents).where(inArray(calendarEvents.absenceId, absenceIds)) : [];

  const documentRows = await db.select().from(documents).where(own(documents)).orderBy(asc(documents.id));
  const documentIds = documentRows.map((d) => d.id);
  const versions = documentIds.length ? await db.select().from(documentVersions).where(inArray(documentVersions.documentId, documentIds)).orderBy(asc(documentVersions.version)) : [];
  const submissionRows = documentIds.length ? await db.select().from(submissions).where(inArray(submissions.documentId, documentIds)) : [];
  const declarations = documentIds.length ? await db.select().from(mulighedserklaeringer).where(inArray(mulighedserklaeringer.documentId, documentIds)) : [];
  const attachments = documentIds.length ? await db.select().from(documentAttachments).where(inArray(documentAttachments.documentId, documentIds)) : [];
  const submissionIds = submissionRows.map((s) => s.id);
  const messages = submissionIds.length
    ? await db
        .select()
        .from(submissionEvents)
        .where(and(inArray(submissionEvents.submissionId, submissionIds), eq(submissionEvents.visibleToEmployer, true)))
        .orderBy(asc(submissionEvents.id))
    : [];

  const socialChapter = await one(db.select().from(socialChapterRecords).where(own(socialChapterRecords)).limit(1)) ?? null;
  const socialChapterEntries = socialChapter
    ? await db
        .select({ entry: socialChapterLog, redactedByName: users.name })
        .from(socialChapterLog)
        .leftJoin(users, eq(users.id, socialChapterLog.redactedBy))
        .where(eq(socialChapterLog.recordId, socialChapter.id))
        .orderBy(asc(socialChapterLog.entryDate), asc(socialChapterLog.id))
    : [];
  const agreements = await db.select().from(paragraph56Agreements).where(own(paragraph56Agreements)).orderBy(asc(paragraph56Agreements.appliedOn));

  const about = (entityType: string, ids: number[]) => (ids.length ? [and(eq(auditLog.entityType, entityType), inArray(auditLog.entityId, ids.map(String)))] : []);
  const audit = await db
    .select({ at: auditLog.at, action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, byUserId: auditLog.userId })
    .from(auditLog)
    .where(
      or(
        ...about("employee", [employee.id]),
        ...about("absence", absenceIds),
        ...about("document", documentIds),
        ...about("submission", submissionIds),
        ...about("social-chapter", socialChapter ? [socialChapter.id] : []),
        ...about("paragraph56", agreements.map((a) => a.id)),
      ),
    )
    .orderBy(asc(auditLog.id));

  return {
    generatedOn: input.asOf,
    legalBasis: "Databeskyttelsesforordningen art. 15 (indsigtsret)",
    controller: { name: input.company.name, cvr: input.company.cvr },
    employee: {
      id: employee.id,
      employeeNumber: employee.employeeNumber,
      name: employee.name,
      birthDate: employee.birthDate,
      email: employee.email,
      department: departmentName,
      address: { line: employee.addressLine, postalCode: employee.postalCode, city: employee.city },
      municipalityCode: employee.municipalityCode,
      employmentStartDate: employee.employmentStartDate,
      employmentEndDate: employee.employmentEndDate,
      jobTitle: employee.jobTitle,
      weeklyHours: employee.weeklyHours,
      createdAt: employee.createdAt,
      updatedAt: employee.updatedAt,
      moves: employee.moves,
    },
    absences: absenceRows.map((a) => ({
      reference: caseReference(a.id),
      firstAbsenceDay: a.firstAbsenceDay,
      extent: a.extent,
      pay: a.pay,
      expectedOver8Weeks: a.expectedOver8Weeks,
      conversationHeldOn: a.conversationHeldOn,
      conversationNotes: a.conversationNotes,
      fastTrackRequestedOn: a.fastTrackRequestedOn,
      fastTrackDeclined: a.fastTrackDeclined,
      firstFollowUpHeldOn: a.firstFollowUpHeldOn,
      returnedOn: a.returnedOn,
      expectedBackWithin26Weeks: a.expectedBackWithin26Weeks,
      absenceReportedOn: a.absenceReportedOn,
      absenceReportReference: a.absenceReportReference,
      refundRequestedOn: a.refundRequestedOn,
      refundRequestReference: a.refundRequestReference,
      paragraph56: a.paragraph56,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      calendarEvents: events.filter((e) => e.absenceId === a.id).map((e) => ({ deadline: e.deadlineId, dueDate: e.dueDate, cancelled: e.cancelled })),
    })),
    documents: documentRows.map((d) => {
      const submission = submissionRows.find((s) => s.documentId === d.id);
      const declaration = declarations.find((m) => m.documentId === d.id);
      return {
        id: d.id,
        type: d.type,
        absence: d.absenceId ? caseReference(d.absenceId) : null,
        createdAt: d.createdAt,
        // The mulighedserklæring's doctor's part as recorded, and the files uploaded (their bytes are available from the document page).
        doctorPart: declaration
          ? {
              status: declaration.status,
              doctorDeadline: declaration.doctorDeadline,
              sentToDoctorOn: declaration.sentToDoctorOn,
              answeredOn: declaration.answeredOn,
              outcome: declaration.outcome,
              expectedAbsenceDuration: declaration.expectedAbsenceDuration,
              doctorRemarks: declaration.doctorRemarks,
            }
          : null,
        uploadedFiles: attachments.filter((a) => a.documentId === d.id).map((a) => ({ id: a.id, kind: a.kind, sizeBytes: a.sizeBytes, sha256: a.sha256, uploadedAt: a.uploadedAt })),
        versions: versions
          .filter((v) => v.documentId === d.id)
          .map((v) => ({ version: v.version, content: JSON.parse(v.content) as unknown, submittedAt: v.submittedAt, createdAt: v.createdAt })),
        submission: submission
          ? {
              status: submission.status,
              municipalityCode: submission.municipalityCode,
              receivedOn: submission.receivedOn,
              messages: messages
                .filter((m) => m.submissionId === submission.id)
                .map((m) => ({ at: m.at, kind: m.kind, toStatus: m.toStatus, version: m.version, message: m.message })),
            }
          : null,
      };
    }),
    socialChapter: socialChapter
      ? {
          collectiveAgreement: socialChapter.collectiveAgreement,
          startedOn: socialChapter.startedOn,
          tasks: socialChapter.tasks,
          accommodations: socialChapter.accommodations,
          hoursPerWeek: socialChapter.hoursPerWeek,
          wageTerms: socialChapter.wageTerms,
          reviewDates: JSON.parse(socialChapter.reviewDates) as IsoDate[],
          // A redacted entry says so, by whom and when; the original text is not kept anywhere.
          log: socialChapterEntries.map(({ entry: e, redactedByName }) => ({
            id: e.id,
            entryDate: e.entryDate,
            kind: e.kind,
            text: e.text,
            correctsEntryId: e.correctsEntryId,
            redactedAt: e.redactedAt,
            redactedByName: e.redactedAt ? redactedByName : null,
          })),
        }
      : null,
    paragraph56Agreements: agreements.map((a) => ({
      kind: a.kind,
      effectOnWork: a.effectOnWork,
      expectedDaysPerYear: a.expectedDaysPerYear,
      appliedOn: a.appliedOn,
      materialChange: a.materialChange,
      approvedOn: a.approvedOn,
      validUntil: a.validUntil,
    })),
    auditLog: audit,
    // Who has seen or downloaded the employee's documents: HR and the jobcenter's caseworkers alike.
    documentReads: await documentReadsOf({ companyId: input.company.id, employeeId: employee.id }),
  };
}

export type EmployeeDataExport = Awaited<ReturnType<typeof employeeDataExport>>;

/** Handing out personal data is itself recorded: who exported whose data, in which format. */
export async function recordAccessExport(input: { userId: number; employeeId: number; format: "json" | "pdf" }): Promise<void> {
  await runTx(async (tx) => {
    await recordAudit(tx, { userId: input.userId, action: "employee.access-export", entityType: "employee", entityId: input.employeeId, details: { format: input.format } });
  });
}
