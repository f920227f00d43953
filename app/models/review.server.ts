/**
 * The caseworker's side of a submission: the review page, its PDF, and the
 * actions (take, ask, approve, reject, note, follow-up).
 */
import { and, asc, eq } from "drizzle-orm";
import { getDb, one, only, runTx, type Tx } from "~db/client.server";
import { absences, companies, documentVersions, employees, mulighedserklaeringer, submissionEvents, submissions, users, type Submission } from "~db/schema";
import { caseReference } from "~/domain/case-reference";
import { formatDanishDate, type IsoDate } from "~/domain/dates";
import { DOCUMENT_TYPE_LABELS } from "~/domain/documents";
import { takenOverFrom } from "~/domain/municipalities";
import type { ReviewAction } from "~/domain/review";
import { documentKind, readContent, versionChanges } from "~/documents";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import { factColumns, factsOf } from "./absence-facts.server";
import { recordAudit } from "./audit.server";
import { syncCalendarEvents } from "./calendar-sync.server";
import { deadlinesFor } from "./deadline-memo.server";
import { renderDocumentPdf } from "./document-pdf.server";
import { enqueueSubmissionUpdateMails } from "./mail-notices.server";
import { notify } from "./notification.server";
import { homeMunicipalityOfEmployee } from "./residence.server";
import { applyTransition } from "./submission.server";
import type { JobcenterUser } from "./user.server";
import { citizenContactSupplement } from "./jobcenter-contact.server";

function employerLink(documentId: number) {
  return `/virksomhed/dokumenter/${documentId}`;
}

/**
 * A submission of an employee who lives in the municipality on asOf. The former
 * municipality gets "not found" from the moving date, like any other one.
 */
async function loadForJobcenter(tx: Tx | ReturnType<typeof getDb>, municipalityCode: number, submissionId: number, asOf: IsoDate): Promise<Submission> {
  const s = await one(tx.select().from(submissions).where(eq(submissions.id, submissionId)).limit(1));
  if (!s || await homeMunicipalityOfEmployee(s.employeeId, asOf, tx) !== municipalityCode) throw new NotFoundError("Indsendelsen findes ikke.");
  return s;
}

/**
 * The review page: the document as submitted, the municipality's deadlines on the
 * absence, and the full history. Every field is picked by name: the caseworker
 * gets what the employer sent and what the page shows, never a whole row (the
 * absence's conversation notes, the employee's record and the company's users stay
 * with the company).
 */
export async function getSubmissionForJobcenter(input: { municipalityCode: number; submissionId: number; asOf: IsoDate }) {
  const db = getDb();
  const s = await loadForJobcenter(db, input.municipalityCode, input.submissionId, input.asOf);
  return { ...await reviewView(db, s, input), submission: reviewedSubmission(s, input.municipalityCode) };
}

function reviewedSubmission(s: Submission, municipalityCode: number) {
  return {
    id: s.id,
    type: s.type,
    status: s.status,
    version: s.version,
    lock: s.lock,
    receivedOn: s.receivedOn,
    takenOverFrom: takenOverFrom(s.municipalityCode, municipalityCode),
  };
}

async function reviewView(db: ReturnType<typeof getDb>, s: Submission, input: { asOf: IsoDate }) {
  const employee = (await one(db.select({ name: employees.name, jobTitle: employees.jobTitle, birthDate: employees.birthDate, employmentEndDate: employees.employmentEndDate }).from(employees).where(eq(employees.id, s.employeeId)).limit(1)))!;
  const company = (await one(db.select({ name: companies.name, cvr: companies.cvr }).from(companies).where(eq(companies.id, s.companyId)).limit(1)))!;
  const absence = s.absenceId ? (await one(db.select({ id: absences.id, ...factColumns }).from(absences).where(eq(absences.id, s.absenceId)).limit(1)) ?? null) : null;
  const versions = (await db
    .select({ version: documentVersions.version, submittedAt: documentVersions.submittedAt, content: documentVersions.content })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, s.documentId))
    .orderBy(asc(documentVersions.version)))
    .filter((v) => v.submittedAt !== null)
    .map((v) => ({ version: v.version, submittedAt: v.submittedAt!, content: readContent(s.type, v.content) }))
    // Against the version sent before it: the caseworker never saw the drafts in between.
    .map((v, i, all) => ({ ...v, changes: i === 0 ? null : versionChanges(s.type, all[i - 1]!.content, v.content) }));
  const events = await db
    .select({
      id: submissionEvents.id,
      kind: submissionEvents.kind,
      fromStatus: submissionEvents.fromStatus,
      toStatus: submissionEvents.toStatus,
      version: submissionEvents.version,
      message: submissionEvents.message,
      at: submissionEvents.at,
      userName: users.name,
    })
    .from(submissionEvents)
    .leftJoin(users, eq(users.id, submissionEvents.userId))
    .where(eq(submissionEvents.submissionId, s.id))
    .orderBy(asc(submissionEvents.id));
  const assignee = s.assignedTo ? (await one(db.select({ name: users.name }).from(users).where(eq(users.id, s.assignedTo)).limit(1)) ?? null) : null;
  // The doctor's part as the employer recorded it: the outcome for the work, never health details.
  const doctor =
    s.type === "mulighedserklaering"
      ? (await one(db
          .select({
            status: mulighedserklaeringer.status,
            doctorDeadline: mulighedserklaeringer.doctorDeadline,
            answeredOn: mulighedserklaeringer.answeredOn,
            outcome: mulighedserklaeringer.outcome,
            expectedAbsenceDuration: mulighedserklaeringer.expectedAbsenceDuration,
            doctorRemarks: mulighedserklaeringer.doctorRemarks,
          })
          .from(mulighedserklaeringer)
          .where(eq(mulighedserklaeringer.documentId, s.documentId)).limit(1)) ?? null)
      : null;
  // Only the jobcenter's own deadlines, without their explanations: the employer's
  // deadlines follow from facts the employer never sent (the conversation, a § 56 agreement).
  const deadlines = absence
    ? deadlinesFor(factsOf(absence, employee), input.asOf)
        .deadlines.filter((d) => d.actor === "municipality")
        .map((d) => ({
          id: d.id,
          title: d.title,
          dueDate: d.dueDate,
          actor: d.actor,
          basis: d.basis,
          status: d.status,
          daysLeft: d.daysLeft,
          dueDateNote: null,
          rule: d.rule,
          doneOn: d.doneOn,
          doneDaysLate: d.doneDaysLate,
        }))
    : null;
  return {
    doctor,
    assignee,
    company,
    employee: { name: employee.name, jobTitle: employee.jobTitle },
    reference: absence ? caseReference(absence.id) : null,
    deadlines: deadlines ? { deadlines } : null,
    versions,
    events,
  };
}

/** The PDF of the version under review, for a caseworker of the municipality the case belongs to. */
export async function renderSubmissionPdfForJobcenter(input: { municipalityCode: number; submissionId: number; asOf: IsoDate }) {
  const db = getDb();
  const s = await loadForJobcenter(db, input.municipalityCode, input.submissionId, input.asOf);
  const version = await one(db
    .select({ content: documentVersions.content, submittedAt: documentVersions.submittedAt })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, s.documentId), eq(documentVersions.version, s.version))).limit(1));
  if (!version?.submittedAt) throw new NotFoundError("Indsendelsen findes ikke.");
  const company = (await one(db.select({ name: companies.name, cvr: companies.cvr }).from(companies).where(eq(companies.id, s.companyId)).limit(1)))!;
  const pdf = await renderDocumentPdf({
    type: s.type,
    content: readContent(s.type, version.content),
    employeeId: s.employeeId,
    absenceId: s.absenceId,
    company,
    contactPerson: company.name,
    asOf: input.asOf,
    documentId: s.documentId,
    supplement: await citizenContactSupplement(input),
    sent: { version: s.version, submittedAt: version.submittedAt, copy: "jobcenter" },
  });
  return { ...pdf, type: s.type };
}

const EMPLOYER_TEXT: Partial<Record<ReviewAction, (type: string) => string>> = {
  take: (t) => `Jobcentret behandler nu: ${t}`,
  "request-information": (t) => `Jobcentret beder om flere oplysninger: ${t}`,
  approve: (t) => `Godkendt af jobcentret: ${t}`,
  reject: (t) => `Afvist af jobcentret: ${t}`,
};

/** A caseworker's action on a submission; notes are internal and never reach the employer. */
export async function reviewSubmission(
  input: { user: JobcenterUser; submissionId: number; asOf: IsoDate } & (
    | { action: "take" | "approve"; lock: number; approvedOn?: IsoDate }
    | { action: "request-information" | "reject"; lock: number; message: string }
    | { action: "note"; note: string }
    | { action: "follow-up"; heldOn: IsoDate }
  ),
): Promise<void> {
  await runTx(async (tx) => {
    const s = await loadForJobcenter(tx, input.user.municipality.code, input.submissionId, input.asOf);
    const typeLabel = DOCUMENT_TYPE_LABELS[s.type];
    if (input.action === "note") {
      await tx.insert(submissionEvents)
        .values({ submissionId: s.id, userId: input.user.id, kind: "note", message: input.note, visibleToEmployer: false });
      await recordAudit(tx, { userId: input.user.id, action: "submission.note", entityType: "submission", entityId: s.id });
      return;
    }
    if (input.action === "follow-up") {
      if (!s.absenceId) throw new ValidationError({ heldOn: ["Indsendelsen hører ikke til et sygefravær."] });
      const absence = (await one(tx.select().from(absences).where(eq(absences.id, s.absenceId)).limit(1)))!;
      if (input.heldOn < absence.firstAbsenceDay) {
        throw new ValidationError({ heldOn: ["Opfølgningen kan ikke ligge før første fraværsdag."] });
      }
      if (input.heldOn > input.asOf) throw new ValidationError({ heldOn: ["Datoen kan ikke ligge i fremtiden."] });
      const updated = await only(tx
        .update(absences)
        .set({ firstFollowUpHeldOn: input.heldOn, updatedAt: new Date().toISOString() })
        .where(eq(absences.id, absence.id))
        .returning());
      const employee = (await one(tx.select().from(employees).where(eq(employees.id, updated.employeeId)).limit(1)))!;
      await syncCalendarEvents(tx, { companyId: updated.companyId, absenceId: updated.id, deadlines: deadlinesFor(factsOf(updated, employee), input.asOf).deadlines });
      await tx.insert(submissionEvents)
        .values({ submissionId: s.id, userId: input.user.id, kind: "follow-up", message: `Første opfølgningssamtale holdt ${formatDanishDate(input.heldOn)}` });
      await recordAudit(tx, { userId: input.user.id, action: "absence.first-follow-up", entityType: "absence", entityId: absence.id, details: { heldOn: input.heldOn } });
      await notify(tx, { to: { companyId: s.companyId, employeeId: s.employeeId, documentType: s.type }, exceptUserId: null, submissionId: s.id, text: `Jobcentret har holdt første opfølgning: ${typeLabel}`, link: employerLink(s.documentId) });
      return;
    }
    // What approval does besides the status is the kind's (a § 56 agreement gets its validity).
    const approve = documentKind(s.type).approve;
    if (input.action === "approve" && approve) await approve(tx, { documentId: s.documentId, approvedOn: input.approvedOn, asOf: input.asOf });
    const to = await applyTransition(tx, {
      submission: s,
      action: input.action,
      actor: "jobcenter",
      userId: input.user.id,
      lock: input.lock,
      changes: input.action === "take" ? { assignedTo: input.user.id } : undefined,
    });
    const message = "message" in input ? input.message : null;
    await tx.insert(submissionEvents)
      .values({ submissionId: s.id, userId: input.user.id, kind: input.action, fromStatus: s.status, toStatus: to, version: s.version, message });
    await recordAudit(tx, {
      userId: input.user.id,
      action: `submission.${input.action}`,
      entityType: "submission",
      entityId: s.id,
      details: { from: s.status, to },
    });
    await notify(tx, {
      to: { companyId: s.companyId, employeeId: s.employeeId, documentType: s.type },
      exceptUserId: null,
      submissionId: s.id,
      text: EMPLOYER_TEXT[input.action]!(typeLabel),
      link: employerLink(s.documentId),
    });
    if (input.action === "request-information" || input.action === "approve" || input.action === "reject") {
      await enqueueSubmissionUpdateMails(tx, {
        companyId: s.companyId,
        update: input.action,
        documentType: s.type,
        documentId: s.documentId,
        absenceId: s.absenceId,
        submissionId: s.id,
        employeeId: s.employeeId,
      });
    }
  });
}
