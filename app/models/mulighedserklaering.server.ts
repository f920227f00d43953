/**
 * The mulighedserklæring workflow (SDL § 36 a): draft → part 1 complete →
 * sent to the doctor → answered. Part 1 is the document's content; the
 * doctor's deadline and answer are on the workflow row.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb, one, only, runTx, type Tx } from "~db/client.server";
import { absences, documentAttachments, documents, documentVersions, employees, mulighedserklaeringer, type DocumentAttachment, type Mulighedserklaering } from "~db/schema";
import { compareIso, formatDanishDate, type IsoDate } from "~/domain/dates";
import type { DocumentType } from "~/domain/documents";
import { isFinal } from "~/domain/review";
import {
  defaultDoctorDeadline,
  MAX_UPLOAD_BYTES,
  missingSteps,
  MULIGHEDSERKLAERING_STEPS,
  UPLOAD_TOO_LARGE,
  type DoctorAnswerInput,
  type MulighedserklaeringDraft,
  type MulighedserklaeringStep,
} from "~/forms/mulighedserklaering";
import { readAttachmentContent, storeAttachmentContent } from "./attachment-store.server";
import { recordAudit } from "./audit.server";
import { getEmployerDocument, saveDocumentContent } from "./document.server";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import type { EmployerUser } from "./user.server";

export type MulighedserklaeringStatus = Mulighedserklaering["status"];

async function loadRecord(db: Tx | ReturnType<typeof getDb>, companyId: number, documentId: number): Promise<Mulighedserklaering> {
  const record = await one(db
    .select()
    .from(mulighedserklaeringer)
    .where(and(eq(mulighedserklaeringer.documentId, documentId), eq(mulighedserklaeringer.companyId, companyId))).limit(1));
  if (!record) throw new NotFoundError("Mulighedserklæringen findes ikke.");
  return record;
}

/** Part 1 as the steps see it: the content plus the deadline kept on the workflow row. */
export function draftOf(content: unknown, record: Pick<Mulighedserklaering, "doctorDeadline">): MulighedserklaeringDraft {
  return { ...(content as MulighedserklaeringDraft), ...(record.doctorDeadline ? { doctorDeadline: record.doctorDeadline } : {}) };
}

/**
 * Starts a mulighedserklæring from an absence, or from the employee alone
 * (a pattern of repeated absences). The contact person defaults to the user.
 */
export async function startMulighedserklaering(input: { user: EmployerUser; employeeId: number; absenceId: number | null }) {
  const companyId = input.user.company.id;
  return await runTx(async (tx) => {
    const employee = await one(tx
      .select()
      .from(employees)
      .where(and(eq(employees.id, input.employeeId), eq(employees.companyId, companyId))).limit(1));
    if (!employee) throw new NotFoundError("Medarbejderen findes ikke.");
    if (input.absenceId !== null) {
      const absence = await one(tx
        .select()
        .from(absences)
        .where(and(eq(absences.id, input.absenceId), eq(absences.employeeId, employee.id), eq(absences.companyId, companyId))).limit(1));
      if (!absence) throw new ValidationError({ absenceId: ["Vælg et af medarbejderens fravær."] });
    }
    const doc = await only(tx
      .insert(documents)
      .values({ companyId, employeeId: employee.id, absenceId: input.absenceId, type: "mulighedserklaering", currentVersion: 1 })
      .returning());
    const draft: MulighedserklaeringDraft = { contactPerson: input.user.name };
    await tx.insert(documentVersions).values({ documentId: doc.id, version: 1, content: JSON.stringify(draft), createdBy: input.user.id });
    await tx.insert(mulighedserklaeringer).values({ documentId: doc.id, companyId, status: "draft" });
    await recordAudit(tx, { userId: input.user.id, action: "document.create", entityType: "document", entityId: doc.id, details: { type: "mulighedserklaering" } });
    return doc;
  });
}

/** The declaration behind a document page, when the document is one; null for the other kinds. */
export async function findMulighedserklaering(input: { companyId: number; document: { id: number; type: DocumentType }; asOf: IsoDate }) {
  return input.document.type === "mulighedserklaering" ? await getMulighedserklaering({ companyId: input.companyId, documentId: input.document.id, asOf: input.asOf }) : null;
}

export async function getMulighedserklaering(input: { companyId: number; documentId: number; asOf: IsoDate }) {
  const view = await getEmployerDocument({ companyId: input.companyId, documentId: input.documentId });
  if (view.document.type !== "mulighedserklaering") throw new NotFoundError("Mulighedserklæringen findes ikke.");
  const db = getDb();
  const record = await loadRecord(db, input.companyId, input.documentId);
  const draft = draftOf(view.current.content, record);
  const attachments = await db
    .select()
    .from(documentAttachments)
    .where(eq(documentAttachments.documentId, input.documentId))
    .orderBy(asc(documentAttachments.id));
  return { view, record, draft, missing: missingSteps(draft, input.asOf), attachments };
}

function decided(view: Awaited<ReturnType<typeof getEmployerDocument>>) {
  return isFinal(view.submission?.status);
}

/** Saves one step of part 1. The doctor's deadline goes on the workflow row; the rest into the document. */
export async function saveStep(input: { user: EmployerUser; documentId: number; step: MulighedserklaeringStep; values: Record<string, unknown>; asOf: IsoDate }) {
  const current = await getMulighedserklaering({ companyId: input.user.company.id, documentId: input.documentId, asOf: input.asOf });
  if (decided(current.view)) throw new ValidationError({ form: ["Jobcentret har afgjort sagen; erklæringen kan ikke længere rettes."] });
  const { doctorDeadline, ...values } = input.values as Record<string, unknown> & { doctorDeadline?: IsoDate };
  const content = { ...(current.view.current.content as object), ...values };
  await saveDocumentContent({
    user: input.user,
    documentId: input.documentId,
    type: "mulighedserklaering",
    content,
    alongside: async (tx) => {
      if (doctorDeadline === undefined) return;
      await tx.update(mulighedserklaeringer)
        .set({ doctorDeadline, updatedAt: new Date().toISOString() })
        .where(eq(mulighedserklaeringer.id, current.record.id));
    },
  });
}

/** The deadline shown in the meeting step before one is saved: 14 days after the meeting. */
export function suggestedDoctorDeadline(draft: MulighedserklaeringDraft): IsoDate | undefined {
  return draft.doctorDeadline ?? (draft.meetingDate ? defaultDoctorDeadline(draft.meetingDate) : undefined);
}

async function transitionTo(
  input: { user: EmployerUser; documentId: number; asOf: IsoDate },
  allowedFrom: readonly MulighedserklaeringStatus[],
  refusal: string,
  changes: Partial<Mulighedserklaering> & { status: MulighedserklaeringStatus },
  audit: { action: string; details?: Record<string, unknown> },
) {
  return await runTx(async (tx) => {
    const record = await loadRecord(tx, input.user.company.id, input.documentId);
    if (!allowedFrom.includes(record.status)) throw new ValidationError({ form: [refusal] });
    await tx.update(mulighedserklaeringer)
      .set({ ...changes, updatedAt: new Date().toISOString() })
      .where(eq(mulighedserklaeringer.id, record.id));
    await recordAudit(tx, { userId: input.user.id, action: audit.action, entityType: "document", entityId: input.documentId, details: { from: record.status, to: changes.status, ...audit.details } });
  });
}

/** Part 1 is complete when every step's rules accept the draft. */
/**
 * One step of part 1 as the employer saves it, and the next: the step after it, or (after the
 * last) part 1 completed when it was still a draft, and null.
 */
export async function saveStepAndAdvance(input: { user: EmployerUser; documentId: number; step: MulighedserklaeringStep; values: Record<string, unknown>; asOf: IsoDate }): Promise<MulighedserklaeringStep | null> {
  const next = MULIGHEDSERKLAERING_STEPS[MULIGHEDSERKLAERING_STEPS.findIndex((s) => s.slug === input.step) + 1];
  await saveStep(input);
  if (next) return next.slug;
  const current = await getMulighedserklaering({ companyId: input.user.company.id, documentId: input.documentId, asOf: input.asOf });
  if (current.record.status === "draft") await completePart1(input);
  return null;
}

export async function completePart1(input: { user: EmployerUser; documentId: number; asOf: IsoDate }) {
  const current = await getMulighedserklaering({ companyId: input.user.company.id, documentId: input.documentId, asOf: input.asOf });
  if (current.missing.length > 0) {
    const names = MULIGHEDSERKLAERING_STEPS.map((s, i) => ({ ...s, n: i + 1 }))
      .filter((s) => current.missing.includes(s.slug))
      .map((s) => `trin ${s.n} (${s.title})`);
    throw new ValidationError({ form: [`Del 1 er ikke udfyldt. Udfyld ${names.join(" og ")}.`] });
  }
  await transitionTo(input, ["draft"], "Del 1 er allerede markeret som udfyldt.", { status: "part1-complete" }, { action: "mulighedserklaering.complete" });
}

export async function markSentToDoctor(input: { user: EmployerUser; documentId: number; sentToDoctorOn: IsoDate; asOf: IsoDate }) {
  // Part 1 is filled in at the meeting (SDL § 36 a), so the form cannot reach the doctor before it.
  const { draft } = await getMulighedserklaering({ companyId: input.user.company.id, documentId: input.documentId, asOf: input.asOf });
  if (draft.meetingDate && compareIso(input.sentToDoctorOn, draft.meetingDate) < 0) {
    throw new ValidationError({
      sentToDoctorOn: [`Erklæringen kan ikke være sendt til lægen før mødet, hvor del 1 blev udfyldt (${formatDanishDate(draft.meetingDate)}).`],
    });
  }
  await transitionTo(
    input,
    ["part1-complete", "sent-to-doctor"],
    "Udfyld del 1, før erklæringen sendes til lægen.",
    { status: "sent-to-doctor", sentToDoctorOn: input.sentToDoctorOn },
    { action: "mulighedserklaering.sent-to-doctor" },
  );
}

export async function recordDoctorAnswer(input: { user: EmployerUser; documentId: number; answer: DoctorAnswerInput; asOf: IsoDate }) {
  await transitionTo(
    input,
    ["part1-complete", "sent-to-doctor", "answered"],
    "Udfyld del 1, før lægens svar registreres.",
    {
      status: "answered",
      outcome: input.answer.outcome,
      answeredOn: input.answer.answeredOn,
      expectedAbsenceDuration: input.answer.expectedAbsenceDuration,
      doctorRemarks: input.answer.doctorRemarks ?? null,
    },
    { action: "mulighedserklaering.answer", details: { outcome: input.answer.outcome } },
  );
}

/** Why a file is not accepted as the doctor's returned PDF, or null. */
export function pdfUploadRefusal(file: { type: string; size: number }, head: Uint8Array): string | null {
  if (file.size === 0) return "Filen er tom.";
  if (file.size > MAX_UPLOAD_BYTES) return UPLOAD_TOO_LARGE;
  if (file.type !== "application/pdf") return "Filen skal være en PDF.";
  // The content must really be a PDF, whatever the name or declared type says.
  if (Buffer.from(head.subarray(0, 5)).toString("latin1") !== "%PDF-") return "Filen er ikke en gyldig PDF.";
  return null;
}

/** Stores the doctor's returned PDF and marks the declaration answered (the outcome can be recorded after). */
export async function uploadDoctorAnswer(input: { user: EmployerUser; documentId: number; file: { type: string; bytes: Uint8Array }; asOf: IsoDate }): Promise<DocumentAttachment> {
  const refusal = pdfUploadRefusal({ type: input.file.type, size: input.file.bytes.byteLength }, input.file.bytes);
  if (refusal) throw new ValidationError({ file: [refusal] });
  // A random name that says nothing about the file; the user's own file name is not kept.
  const storageName = `${crypto.randomUUID()}.pdf`;
  return await runTx(async (tx) => {
    const record = await loadRecord(tx, input.user.company.id, input.documentId);
    if (record.status === "draft") throw new ValidationError({ file: ["Udfyld del 1, før lægens svar uploades."] });
    const attachment = await only(tx
      .insert(documentAttachments)
      .values({
        documentId: input.documentId,
        companyId: input.user.company.id,
        kind: "doctor-answer",
        storageName,
        sizeBytes: input.file.bytes.byteLength,
        sha256: crypto.createHash("sha256").update(input.file.bytes).digest("hex"),
        uploadedBy: input.user.id,
      })
      .returning());
    await storeAttachmentContent(tx, attachment.id, input.file.bytes);
    await tx.update(mulighedserklaeringer)
      .set({ status: "answered", answeredOn: record.answeredOn ?? input.asOf, updatedAt: new Date().toISOString() })
      .where(eq(mulighedserklaeringer.id, record.id));
    await recordAudit(tx, { userId: input.user.id, action: "mulighedserklaering.upload", entityType: "document", entityId: input.documentId, details: { attachmentId: attachment.id, sizeBytes: attachment.sizeBytes } });
    return attachment;
  });
}

/** The bytes of an uploaded file, for a user of the company that owns it. */
export async function readAttachment(input: { companyId: number; documentId: number; attachmentId: number }): Promise<Uint8Array> {
  const row = await one(getDb()
    .select()
    .from(documentAttachments)
    .where(
      and(
        eq(documentAttachments.id, input.attachmentId),
        eq(documentAttachments.documentId, input.documentId),
        eq(documentAttachments.companyId, input.companyId),
      ),
    ).limit(1));
  const bytes = row ? await readAttachmentContent(row) : null;
  if (!bytes) throw new NotFoundError("Filen findes ikke.");
  return bytes;
}

/** Declarations waiting for the doctor, for the dashboard and calendar. */
export async function doctorDeadlineReminders(input: { companyId: number }) {
  return (await getDb()
    .select({
      documentId: mulighedserklaeringer.documentId,
      doctorDeadline: mulighedserklaeringer.doctorDeadline,
      status: mulighedserklaeringer.status,
      updatedAt: mulighedserklaeringer.updatedAt,
      employeeId: employees.id,
      employeeName: employees.name,
    })
    .from(mulighedserklaeringer)
    .innerJoin(documents, eq(documents.id, mulighedserklaeringer.documentId))
    .innerJoin(employees, eq(employees.id, documents.employeeId))
    .where(and(eq(mulighedserklaeringer.companyId, input.companyId), inArray(mulighedserklaeringer.status, ["part1-complete", "sent-to-doctor"]))))
    .filter((r): r is typeof r & { doctorDeadline: IsoDate } => r.doctorDeadline !== null);
}

/** The employee's declarations, newest first, with their workflow state. */
export async function listEmployeeMulighedserklaeringer(input: { companyId: number; employeeId: number }) {
  return await getDb()
    .select({
      documentId: documents.id,
      absenceId: documents.absenceId,
      createdAt: documents.createdAt,
      status: mulighedserklaeringer.status,
      doctorDeadline: mulighedserklaeringer.doctorDeadline,
    })
    .from(mulighedserklaeringer)
    .innerJoin(documents, eq(documents.id, mulighedserklaeringer.documentId))
    .where(and(eq(documents.companyId, input.companyId), eq(documents.employeeId, input.employeeId)))
    .orderBy(desc(documents.id));
}
