import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "~db/client.server";
import { getDb, one, only, runTx } from "~db/client.server";
import { documents, documentVersions, employees, socialChapterLog, socialChapterRecords, submissions, users } from "~db/schema";
import { socialChapterReference } from "~/domain/case-reference";
import { addDays, compareIso, diffDays, formatDanishDate, type IsoDate } from "~/domain/dates";
import { pensionDate, SOCIAL_CHAPTER_BASIS, socialChapterExemptFrom, socialChapterStatus } from "~/domain/pension-age";
import type { LogEntryInput, RedactLogEntryInput, SocialChapterDossier, SocialChapterInput } from "~/forms/social-chapter";
import { recordAudit } from "./audit.server";
import { lastConversationEvents } from "./conversation.server";
import { saveDocumentContent } from "./document.server";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import { getEmployee } from "./employee.server";
import { resubmitDocumentIn, submitDocumentIn } from "./submission.server";
import type { EmployerUser } from "./user.server";
import { plural } from "~/domain/danish-text";

/** Whole months from S to asOf, capped at 12, for the progress bar. */
export function monthsCompleted(startedOn: IsoDate, asOf: IsoDate): number {
  if (compareIso(asOf, startedOn) < 0) return 0;
  const [sy, sm, sd] = startedOn.split("-").map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split("-").map(Number) as [number, number, number];
  const months = (ay - sy) * 12 + (am - sm) - (ad < sd ? 1 : 0);
  return Math.max(0, Math.min(12, months));
}

/** Reminders: review dates, and 30 days before the 12 months are complete. */
export const COMPLETION_REMINDER_DAYS = 30;

export interface SocialChapterReminder {
  recordId: number;
  employeeId: number;
  employeeName: string;
  reference: string;
  kind: "review" | "completion";
  dueDate: IsoDate;
  title: string;
  basis: string;
  updatedAt: string;
}

/**
 * The company's social-chapter reminders from `fromDaysAgo` days back onwards:
 * each review date, and 30 days before the 12 months are complete where they are required.
 */
export async function socialChapterReminders(input: { companyId: number; asOf: IsoDate; fromDaysAgo: number }): Promise<SocialChapterReminder[]> {
  const from = addDays(input.asOf, -input.fromDaysAgo);
  const rows = await getDb()
    .select({ record: socialChapterRecords, employee: employees })
    .from(socialChapterRecords)
    .innerJoin(employees, eq(employees.id, socialChapterRecords.employeeId))
    .where(eq(socialChapterRecords.companyId, input.companyId));
  const reminders: SocialChapterReminder[] = [];
  for (const { record, employee } of rows) {
    const base = {
      recordId: record.id,
      employeeId: employee.id,
      employeeName: employee.name,
      reference: socialChapterReference(record.id),
      basis: SOCIAL_CHAPTER_BASIS,
      updatedAt: record.updatedAt ?? record.createdAt,
    };
    for (const d of JSON.parse(record.reviewDates) as IsoDate[]) {
      if (compareIso(d, from) >= 0) reminders.push({ ...base, kind: "review", dueDate: d, title: "Opfølgning på ansættelsen på sociale kapitler" });
    }
    const status = socialChapterStatus({ startedOn: record.startedOn, birthDate: employee.birthDate, asOf: input.asOf });
    const remindOn = addDays(status.completesOn, -COMPLETION_REMINDER_DAYS);
    if (status.required !== false && compareIso(remindOn, from) >= 0) {
      reminders.push({
        ...base,
        kind: "completion",
        dueDate: remindOn,
        title: `De 12 måneder på sociale kapitler er gennemført om 30 dage (${formatDanishDate(status.completesOn)})`,
      });
    }
  }
  return reminders.sort((a, b) => compareIso(a.dueDate, b.dueDate));
}

/** The columns of a log entry the pages, the dossier and the export show; a redaction names who made it. */
async function logEntries(recordId: number) {
  return await getDb()
    .select({
      id: socialChapterLog.id,
      entryDate: socialChapterLog.entryDate,
      kind: socialChapterLog.kind,
      text: socialChapterLog.text,
      correctsEntryId: socialChapterLog.correctsEntryId,
      redactedAt: socialChapterLog.redactedAt,
      redactedByName: users.name,
    })
    .from(socialChapterLog)
    .leftJoin(users, eq(users.id, socialChapterLog.redactedBy))
    .where(eq(socialChapterLog.recordId, recordId))
    .orderBy(asc(socialChapterLog.entryDate), asc(socialChapterLog.id));
}

export async function socialChapterView(input: { companyId: number; employeeId: number; asOf: IsoDate }) {
  const employee = await getEmployee({ companyId: input.companyId, employeeId: input.employeeId });
  const db = getDb();
  const record = await one(db
    .select()
    .from(socialChapterRecords)
    .where(and(eq(socialChapterRecords.employeeId, employee.id), eq(socialChapterRecords.companyId, input.companyId))).limit(1));
  if (!record) return { employee, record: null } as const;
  const log = await logEntries(record.id);
  const status = socialChapterStatus({ startedOn: record.startedOn, birthDate: employee.birthDate, asOf: input.asOf });
  const complete = compareIso(input.asOf, status.completesOn) >= 0;
  const reviewDates = JSON.parse(record.reviewDates) as IsoDate[];
  const document = await one(db.select().from(documents).where(and(eq(documents.employeeId, employee.id), eq(documents.type, "social-chapter"))).limit(1)) ?? null;
  const submission = document ? await one(db.select().from(submissions).where(eq(submissions.documentId, document.id)).limit(1)) ?? null : null;
  return {
    employee,
    record: { ...record, reviewDates },
    log,
    status,
    complete,
    monthsCompleted: monthsCompleted(record.startedOn, input.asOf),
    pensionDate: pensionDate(employee.birthDate),
    exemptFrom: socialChapterExemptFrom(employee.birthDate),
    reminderOn: addDays(status.completesOn, -COMPLETION_REMINDER_DAYS),
    canSubmit: complete || status.required === false,
    document,
    submission,
    // The state HR reads ("Jobcentret venter på jeres svar"), as on the document page.
    submissionLastEvent: submission ? ((await lastConversationEvents({ submissionIds: [submission.id] }))[submission.id] ?? null) : null,
  } as const;
}

export async function saveSocialChapterRecord(input: { user: EmployerUser; employeeId: number; data: SocialChapterInput }): Promise<void> {
  const employee = await getEmployee({ companyId: input.user.company.id, employeeId: input.employeeId });
  const values = {
    collectiveAgreement: input.data.collectiveAgreement,
    startedOn: input.data.startedOn,
    tasks: input.data.tasks,
    accommodations: input.data.accommodations,
    hoursPerWeek: input.data.hoursPerWeek,
    wageTerms: input.data.wageTerms,
    reviewDates: JSON.stringify(input.data.reviewDates),
  };
  await runTx(async (tx) => {
    const existing = await one(tx.select().from(socialChapterRecords).where(eq(socialChapterRecords.employeeId, employee.id)).limit(1));
    if (existing) {
      await tx.update(socialChapterRecords).set({ ...values, updatedAt: new Date().toISOString() }).where(eq(socialChapterRecords.id, existing.id));
      await recordAudit(tx, { userId: input.user.id, action: "social-chapter.update", entityType: "social-chapter", entityId: existing.id });
    } else {
      const created = await only(tx
        .insert(socialChapterRecords)
        .values({ ...values, companyId: input.user.company.id, employeeId: employee.id, createdBy: input.user.id })
        .returning());
      await recordAudit(tx, { userId: input.user.id, action: "social-chapter.create", entityType: "social-chapter", entityId: created.id });
    }
  });
}

/** Appends to the log; a correction must name an earlier entry of the same record. */
export async function addLogEntry(input: { user: EmployerUser; employeeId: number; entry: LogEntryInput }): Promise<void> {
  const view = await socialChapterView({ companyId: input.user.company.id, employeeId: input.employeeId, asOf: input.entry.entryDate });
  if (!view.record) throw new NotFoundError("Der er ikke registreret en ansættelse på sociale kapitler.");
  const corrects = input.entry.correctsEntryId;
  if (input.entry.kind === "correction" && !corrects) {
    throw new ValidationError({ correctsEntryId: ["Vælg den indførsel, der rettes."] });
  }
  if (corrects && !view.log.some((e) => e.id === corrects)) {
    throw new ValidationError({ correctsEntryId: ["Indførslen findes ikke i denne log."] });
  }
  const recordId = view.record.id;
  await runTx(async (tx) => {
    const entry = await only(tx
      .insert(socialChapterLog)
      .values({
        recordId,
        entryDate: input.entry.entryDate,
        kind: corrects ? "correction" : input.entry.kind,
        text: input.entry.text,
        correctsEntryId: corrects ?? null,
        createdBy: input.user.id,
      })
      .returning());
    await recordAudit(tx, { userId: input.user.id, action: "social-chapter.log", entityType: "social-chapter", entityId: recordId, details: { entryId: entry.id } });
  });
}

/**
 * Replaces the text of a log entry that turned out to hold health information
 * (GDPR art. 16; helbredsoplysningsloven): the one change the log's trigger
 * allows, once per entry. The original text is overwritten in the log and in
 * every dossier snapshot that carries the entry, so no later page or PDF can
 * show it; the audit row records the fact (entry, who, when), never the text.
 */
export async function redactLogEntry(input: { user: EmployerUser; employeeId: number; redaction: RedactLogEntryInput; now?: Date }): Promise<void> {
  const employee = await getEmployee({ companyId: input.user.company.id, employeeId: input.employeeId });
  const db = getDb();
  const record = await one(db
    .select({ id: socialChapterRecords.id })
    .from(socialChapterRecords)
    .where(and(eq(socialChapterRecords.employeeId, employee.id), eq(socialChapterRecords.companyId, input.user.company.id))).limit(1));
  if (!record) throw new NotFoundError("Der er ikke registreret en ansættelse på sociale kapitler.");
  const entryId = input.redaction.entryId;
  const redactedAt = (input.now ?? new Date()).toISOString();
  const text = input.redaction.replacement;
  // Checked inside the write transaction: two redactions at once must not reach the trigger (a 500).
  await runTx(async (tx) => {
    const entry = await one(tx
      .select({ id: socialChapterLog.id, redactedAt: socialChapterLog.redactedAt })
      .from(socialChapterLog)
      .where(and(eq(socialChapterLog.id, entryId), eq(socialChapterLog.recordId, record.id))).limit(1));
    if (!entry) throw new ValidationError({ entryId: ["Indførslen findes ikke i denne log."] });
    if (entry.redactedAt) throw new ValidationError({ entryId: ["Teksten i denne indførsel er allerede erstattet."] });
    await tx.update(socialChapterLog).set({ text, redactedAt, redactedBy: input.user.id }).where(eq(socialChapterLog.id, entryId));
    await redactDossierSnapshots(tx, { employeeId: employee.id, entryId, text, redactedAt, redactedByName: input.user.name });
    await recordAudit(tx, { userId: input.user.id, action: "social-chapter.log-redact", entityType: "social-chapter", entityId: record.id, details: { entryId } });
  });
}

/** Every stored version of the employee's dossier gets the replaced text too: a sent version is otherwise never edited. */
async function redactDossierSnapshots(tx: Tx, input: { employeeId: number; entryId: number; text: string; redactedAt: string; redactedByName: string }): Promise<void> {
  const versions = await tx
    .select({ id: documentVersions.id, content: documentVersions.content })
    .from(documentVersions)
    .innerJoin(documents, eq(documents.id, documentVersions.documentId))
    .where(and(eq(documents.employeeId, input.employeeId), eq(documents.type, "social-chapter")));
  for (const version of versions) {
    const content = JSON.parse(version.content) as SocialChapterDossier;
    if (!content.log.some((e) => e.id === input.entryId)) continue;
    const log = content.log.map((e) => (e.id === input.entryId ? { ...e, text: input.text, redactedAt: input.redactedAt, redactedByName: input.redactedByName } : e));
    await tx.update(documentVersions).set({ content: JSON.stringify({ ...content, log }) }).where(eq(documentVersions.id, version.id));
  }
}

/** The dossier as sent: the agreement, the log and the computed dates, frozen in a document version. */
function dossierContent(view: Extract<Awaited<ReturnType<typeof socialChapterView>>, { complete: boolean }>): SocialChapterDossier {
  return {
    recordId: view.record.id,
    collectiveAgreement: view.record.collectiveAgreement,
    startedOn: view.record.startedOn,
    tasks: view.record.tasks,
    accommodations: view.record.accommodations,
    hoursPerWeek: view.record.hoursPerWeek,
    wageTerms: view.record.wageTerms,
    reviewDates: view.record.reviewDates,
    completesOn: view.status.completesOn,
    required: view.status.required,
    pensionDate: view.pensionDate,
    exemptFrom: view.exemptFrom,
    log: view.log.map((e) => ({
      id: e.id,
      entryDate: e.entryDate,
      kind: e.kind,
      text: e.text,
      correctsEntryId: e.correctsEntryId,
      redactedAt: e.redactedAt,
      redactedByName: e.redactedByName,
    })),
  };
}

/**
 * Sends the dossier to the employee's municipality once the 12 months are
 * complete or not required; answering a request for information sends a fresh snapshot.
 */
export async function sendSocialChapterDossier(input: { user: EmployerUser; employeeId: number; asOf: IsoDate; reply?: string; lock?: number }): Promise<number> {
  const view = await socialChapterView({ companyId: input.user.company.id, employeeId: input.employeeId, asOf: input.asOf });
  if (!view.record) throw new NotFoundError("Der er ikke registreret en ansættelse på sociale kapitler.");
  if (!view.canSubmit) {
    const daysLeft = diffDays(input.asOf, view.status.completesOn);
    throw new ValidationError({ form: [`De 12 måneder er først gennemført om ${plural(daysLeft, "dag", "dage")}. Dossieret kan sendes, når de er gennemført.`] });
  }
  const content = dossierContent(view);
  // Each way of sending (first time, after a save, as an answer) writes the version and sends it in one transaction.
  if (!view.document) {
    return await runTx(async (tx) => {
      const doc = await only(tx
        .insert(documents)
        .values({ companyId: input.user.company.id, employeeId: view.employee.id, absenceId: null, type: "social-chapter", currentVersion: 1 })
        .returning());
      await tx.insert(documentVersions).values({ documentId: doc.id, version: 1, content: JSON.stringify(content), createdBy: input.user.id });
      await recordAudit(tx, { userId: input.user.id, action: "document.create", entityType: "document", entityId: doc.id, details: { type: "social-chapter" } });
      await submitDocumentIn(tx, { user: input.user, documentId: doc.id, asOf: input.asOf });
      return doc.id;
    });
  }
  const documentId = view.document.id;
  if (!view.submission) {
    await saveDocumentContent({ user: input.user, documentId, type: "social-chapter", content, alongside: async (tx) => {
        await submitDocumentIn(tx, { user: input.user, documentId, asOf: input.asOf });
      },
    });
    return documentId;
  }
  const { reply, lock } = input;
  if (!reply || lock === undefined) {
    throw new ValidationError({ reply: ["Skriv et svar til jobcentret."] });
  }
  await saveDocumentContent({ user: input.user, documentId, type: "social-chapter", content, alongside: async (tx) => {
        await resubmitDocumentIn(tx, { user: input.user, documentId, reply, lock, asOf: input.asOf });
      },
    });
  return documentId;
}
