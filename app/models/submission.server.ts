/**
 * "Send til jobcenter" and the employer's answer to a request for information:
 * the submission side of the review workflow, which other models (the § 56
 * application, the social-chapter dossier) call to send what they made.
 */
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import { getDb, one, only, runTx, type Tx } from "~db/client.server";
import { documents, documentVersions, employeeMoves, employees, submissionEvents, submissions, users, type Submission } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { DOCUMENT_TYPE_LABELS, type DocumentType } from "~/domain/documents";
import { homeMunicipalityOn } from "~/domain/residence";
import { transition, type ReviewAction, type SubmissionStatus } from "~/domain/review";
import { documentKind, readContent } from "~/documents";
import { ConflictError, NotFoundError, ValidationError } from "~/utils/errors.server";
import { recordAudit } from "./audit.server";
import { lastConversationEvents } from "./conversation.server";
import { applyDocumentFacts, getEmployerDocument, saveDocumentContent } from "./document.server";
import { enqueueSubmissionReceipt } from "./mail-notices-receipt.server";
import { notify } from "./notification.server";
import { homeMunicipalityOfEmployee } from "./residence.server";
import type { EmployerUser } from "./user.server";
import { employeesInScope, HR_ONLY_DOCUMENT_TYPES, MANAGER_MAY_NOT_SUBMIT, maySubmitToJobcenter } from "./department-scope.server";

function jobcenterLink(submissionId: number) {
  return `/jobcenter/indsendelser/${submissionId}`;
}

/** The kind decides whether a document can go: its reason is shown above the form. */
async function checkReady(tx: Tx, doc: { id: number; type: DocumentType; absenceId: number | null }, content: unknown): Promise<void> {
  const refusal = await documentKind(doc.type).readyToSubmit(tx, doc, content);
  if (refusal) throw new ValidationError({ form: [refusal] });
}

/**
 * "Send til jobcenter": the jobcenter of the employee's home municipality on
 * that day receives the current version, which is frozen from now on.
 */
const receiptUser = (user: EmployerUser) => ({ id: user.id, email: user.email, companyId: user.company.id });

export async function submitDocument(input: { user: EmployerUser; documentId: number; asOf: IsoDate }): Promise<Submission> {
  return await runTx(async (tx) => await submitDocumentIn(tx, input));
}

/** submitDocument inside the caller's transaction: a model that creates a document and sends it does both or neither. */
export async function submitDocumentIn(tx: Tx, input: { user: EmployerUser; documentId: number; asOf: IsoDate }): Promise<Submission> {
  if (!await maySubmitToJobcenter(input.user, tx)) throw new ValidationError({ form: [MANAGER_MAY_NOT_SUBMIT] });
  const doc = await one(tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, input.documentId), eq(documents.companyId, input.user.company.id))).limit(1));
  if (!doc) throw new NotFoundError("Dokumentet findes ikke.");
  if (await one(tx.select().from(submissions).where(eq(submissions.documentId, doc.id)).limit(1))) {
    throw new ValidationError({ form: ["Dokumentet er allerede sendt til jobcentret. Svar på en anmodning om oplysninger med en ny version."] });
  }
  const version = (await one(tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion))).limit(1)))!;
  const content = readContent(doc.type, version.content);
  await checkReady(tx, doc, content);
  const employee = (await one(tx.select().from(employees).where(eq(employees.id, doc.employeeId)).limit(1)))!;
  const moves = await tx.select().from(employeeMoves).where(eq(employeeMoves.employeeId, employee.id));
  const municipalityCode = homeMunicipalityOn(employee.municipalityCode, moves, input.asOf);
  const now = new Date().toISOString();
  await tx.update(documentVersions).set({ submittedAt: now }).where(eq(documentVersions.id, version.id));
  const submission = await only(tx
    .insert(submissions)
    .values({
      documentId: doc.id,
      companyId: doc.companyId,
      employeeId: doc.employeeId,
      absenceId: doc.absenceId,
      municipalityCode,
      type: doc.type,
      status: "received",
      version: version.version,
      lock: 0,
      receivedOn: input.asOf,
      lastActivityAt: now,
    })
    .returning());
  const received = await only(tx
    .insert(submissionEvents)
    .values({ submissionId: submission.id, userId: input.user.id, kind: "submitted", fromStatus: null, toStatus: "received", version: version.version })
    .returning({ at: submissionEvents.at }));
  await enqueueSubmissionReceipt(tx, { user: receiptUser(input.user), document: doc, version: version.version, resubmitted: false, receivedAt: received.at });
  await applyDocumentFacts(tx, doc, content, input.asOf);
  await recordAudit(tx, {
    userId: input.user.id,
    action: "submission.submit",
    entityType: "submission",
    entityId: submission.id,
    details: { documentId: doc.id, version: version.version, municipalityCode, to: "received" },
  });
  await notify(tx, {
    to: { municipalityCode },
    exceptUserId: null,
    submissionId: submission.id,
    text: `Ny indsendelse: ${DOCUMENT_TYPE_LABELS[doc.type]} fra ${input.user.company.name}`,
    link: jobcenterLink(submission.id),
  });
  return submission;
}

/** Moves a submission through the state machine (also the review workflow's), checking the lock so two people cannot both win. */
export async function applyTransition(
  tx: Tx,
  input: { submission: Submission; action: ReviewAction; actor: "employer" | "jobcenter"; userId: number; lock: number; changes?: Partial<Submission> },
): Promise<SubmissionStatus> {
  // A stale form (someone acted since it was loaded) is a conflict, whatever the action.
  if (input.submission.lock !== input.lock) throw new ConflictError();
  const t = transition(input.submission.status, input.action, input.actor);
  if (!t.ok) throw new ValidationError({ form: [t.reason] });
  const updated = await tx
    .update(submissions)
    .set({ ...input.changes, status: t.to, lock: sql`${submissions.lock} + 1`, lastActivityAt: new Date().toISOString() })
    .where(and(eq(submissions.id, input.submission.id), eq(submissions.lock, input.lock)))
    .returning({ id: submissions.id });
  if (updated.length !== 1) throw new ConflictError();
  return t.to;
}

/** Answers a request for information: the current (edited) version goes back to the jobcenter with the reply. */
export async function resubmitDocument(input: { user: EmployerUser; documentId: number; reply: string; lock: number; asOf: IsoDate }): Promise<void> {
  await runTx(async (tx) => await resubmitDocumentIn(tx, input));
}

/** resubmitDocument inside the caller's transaction, for a model that saves the new version and answers at once. */
export async function resubmitDocumentIn(tx: Tx, input: { user: EmployerUser; documentId: number; reply: string; lock: number; asOf: IsoDate }): Promise<void> {
  if (!await maySubmitToJobcenter(input.user, tx)) throw new ValidationError({ form: [MANAGER_MAY_NOT_SUBMIT] });
  const submission = await one(tx
    .select()
    .from(submissions)
    .where(and(eq(submissions.documentId, input.documentId), eq(submissions.companyId, input.user.company.id))).limit(1));
  if (!submission) throw new NotFoundError("Indsendelsen findes ikke.");
  const doc = (await one(tx.select().from(documents).where(eq(documents.id, submission.documentId)).limit(1)))!;
  const version = (await one(tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion))).limit(1)))!;
  if (version.submittedAt) {
    throw new ValidationError({ form: ["Ret dokumentet først: svaret sendes sammen med en ny version."] });
  }
  const content = readContent(doc.type, version.content);
  await checkReady(tx, doc, content);
  const to = await applyTransition(tx, {
    submission,
    action: "resubmit",
    actor: "employer",
    userId: input.user.id,
    lock: input.lock,
    changes: { version: version.version },
  });
  await tx.update(documentVersions).set({ submittedAt: new Date().toISOString() }).where(eq(documentVersions.id, version.id));
  const received = await only(tx
    .insert(submissionEvents)
    .values({ submissionId: submission.id, userId: input.user.id, kind: "resubmitted", fromStatus: submission.status, toStatus: to, version: version.version, message: input.reply })
    .returning({ at: submissionEvents.at }));
  await enqueueSubmissionReceipt(tx, { user: receiptUser(input.user), document: doc, version: version.version, resubmitted: true, receivedAt: received.at });
  await applyDocumentFacts(tx, doc, content, input.asOf);
  await recordAudit(tx, {
    userId: input.user.id,
    action: "submission.resubmit",
    entityType: "submission",
    entityId: submission.id,
    details: { from: submission.status, to, version: version.version },
  });
  // The reply goes to the municipality the case belongs to today, which a move may have changed.
  const owner = await homeMunicipalityOfEmployee(submission.employeeId, input.asOf, tx) ?? submission.municipalityCode;
  const asker = await replyRecipient(tx, submission, owner);
  if (!asker) await tx.update(submissions).set({ assignedTo: null }).where(eq(submissions.id, submission.id));
  await notify(tx, {
    to: asker ? { userId: asker } : { municipalityCode: owner },
    exceptUserId: null,
    submissionId: submission.id,
    text: `Nyt svar fra virksomheden: ${DOCUMENT_TYPE_LABELS[doc.type]} fra ${input.user.company.name}`,
    link: jobcenterLink(submission.id),
  });
}

/**
 * The caseworker who asked, when the answer can go back to them: still active and of the
 * municipality the case belongs to today. Otherwise (moved case, left the jobcenter) the case is
 * left unassigned for the municipality's caseworkers.
 */
async function replyRecipient(tx: Tx, submission: Submission, owner: number): Promise<number | null> {
  if (!submission.assignedTo) return null;
  const user = await one(tx.select({ id: users.id, municipalityCode: users.municipalityCode, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, submission.assignedTo)).limit(1));
  return user && user.municipalityCode === owner && !user.deactivatedAt ? user.id : null;
}

/**
 * The employer's answer to a request for information. A kind answered by a reply alone (the § 56
 * application) sends its sent content again as a new version with it, in the same transaction.
 */
export async function answerInformationRequest(input: { user: EmployerUser; documentId: number; reply: string; lock: number; asOf: IsoDate }): Promise<void> {
  const view = await getEmployerDocument({ companyId: input.user.company.id, documentId: input.documentId });
  if (documentKind(view.document.type).answeredByReplyAlone && view.current.submittedAt) {
    await saveDocumentContent({
      user: input.user,
      documentId: input.documentId,
      type: view.document.type,
      content: view.current.content,
      alongside: async (tx) => await resubmitDocumentIn(tx, input),
    });
    return;
  }
  await resubmitDocument(input);
}

/** departmentIds: a manager's departments; they see their employees' submissions, and none of HR's own document kinds. */
export async function listEmployerSubmissions(input: { companyId: number; departmentIds?: readonly number[] | null; absenceId?: number }) {
  const scope = { companyId: input.companyId, departmentIds: input.departmentIds ?? null };
  const where = and(
    eq(submissions.companyId, input.companyId),
    input.absenceId ? eq(submissions.absenceId, input.absenceId) : undefined,
    employeesInScope(scope),
    scope.departmentIds === null ? undefined : notInArray(submissions.type, [...HR_ONLY_DOCUMENT_TYPES]),
  );
  const rows = await getDb()
    .select({
      id: submissions.id,
      documentId: submissions.documentId,
      type: submissions.type,
      status: submissions.status,
      version: submissions.version,
      receivedOn: submissions.receivedOn,
      lastActivityAt: submissions.lastActivityAt,
      municipalityCode: submissions.municipalityCode,
      absenceId: submissions.absenceId,
      employeeName: employees.name,
    })
    .from(submissions)
    .innerJoin(employees, eq(employees.id, submissions.employeeId))
    .where(where)
    .orderBy(desc(submissions.lastActivityAt))
    .limit(200);
  const lastEvents = await lastConversationEvents({ submissionIds: rows.map((r) => r.id) });
  return rows.map((r) => ({ ...r, lastEvent: lastEvents[r.id] ?? null }));
}
