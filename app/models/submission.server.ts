/**
 * "Send til jobcenter" and the employer's answer to a request for information:
 * the submission side of the review workflow, which other models (the § 56
 * application, the social-chapter dossier) call to send what they made.
 */
import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import { getDb, type Tx } from "~db/client.server";
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
function checkReady(tx: Tx, doc: { id: number; type: DocumentType; absenceId: number | null }, content: unknown): void {
  const refusal = documentKind(doc.type).readyToSubmit(tx, doc, content);
  if (refusal) throw new ValidationError({ form: [refusal] });
}

/**
 * "Send til jobcenter": the jobcenter of the employee's home municipality on
 * that day receives the current version, which is frozen from now on.
 */
const receiptUser = (user: EmployerUser) => ({ id: user.id, email: user.email, companyId: user.company.id });

export function submitDocument(input: { user: EmployerUser; documentId: number; asOf: IsoDate }): Submission {
  return getDb().transaction((tx) => submitDocumentIn(tx, input));
}

/** submitDocument inside the caller's transaction: a model that creates a document and sends it does both or neither. */
export function submitDocumentIn(tx: Tx, input: { user: EmployerUser; documentId: number; asOf: IsoDate }): Submission {
  if (!maySubmitToJobcenter(input.user, tx)) throw new ValidationError({ form: [MANAGER_MAY_NOT_SUBMIT] });
  const doc = tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, input.documentId), eq(documents.companyId, input.user.company.id)))
    .get();
  if (!doc) throw new NotFoundError("Dokumentet findes ikke.");
  if (tx.select().from(submissions).where(eq(submissions.documentId, doc.id)).get()) {
    throw new ValidationError({ form: ["Dokumentet er allerede sendt til jobcentret. Svar på en anmodning om oplysninger med en ny version."] });
  }
  const version = tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion)))
    .get()!;
  const content = readContent(doc.type, version.content);
  checkReady(tx, doc, content);
  const employee = tx.select().from(employees).where(eq(employees.id, doc.employeeId)).get()!;
  const moves = tx.select().from(employeeMoves).where(eq(employeeMoves.employeeId, employee.id)).all();
  const municipalityCode = homeMunicipalityOn(employee.municipalityCode, moves, input.asOf);
  const now = new Date().toISOString();
  tx.update(documentVersions).set({ submittedAt: now }).where(eq(documentVersions.id, version.id)).run();
  const submission = tx
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
    .returning()
    .get();
  const received = tx
    .insert(submissionEvents)
    .values({ submissionId: submission.id, userId: input.user.id, kind: "submitted", fromStatus: null, toStatus: "received", version: version.version })
    .returning({ at: submissionEvents.at })
    .get();
  enqueueSubmissionReceipt(tx, { user: receiptUser(input.user), document: doc, version: version.version, resubmitted: false, receivedAt: received.at });
  applyDocumentFacts(tx, doc, content, input.asOf);
  recordAudit(tx, {
    userId: input.user.id,
    action: "submission.submit",
    entityType: "submission",
    entityId: submission.id,
    details: { documentId: doc.id, version: version.version, municipalityCode, to: "received" },
  });
  notify(tx, {
    to: { municipalityCode },
    exceptUserId: null,
    submissionId: submission.id,
    text: `Ny indsendelse: ${DOCUMENT_TYPE_LABELS[doc.type]} fra ${input.user.company.name}`,
    link: jobcenterLink(submission.id),
  });
  return submission;
}

/** Moves a submission through the state machine (also the review workflow's), checking the lock so two people cannot both win. */
export function applyTransition(
  tx: Tx,
  input: { submission: Submission; action: ReviewAction; actor: "employer" | "jobcenter"; userId: number; lock: number; changes?: Partial<Submission> },
): SubmissionStatus {
  // A stale form (someone acted since it was loaded) is a conflict, whatever the action.
  if (input.submission.lock !== input.lock) throw new ConflictError();
  const t = transition(input.submission.status, input.action, input.actor);
  if (!t.ok) throw new ValidationError({ form: [t.reason] });
  const updated = tx
    .update(submissions)
    .set({ ...input.changes, status: t.to, lock: sql`${submissions.lock} + 1`, lastActivityAt: new Date().toISOString() })
    .where(and(eq(submissions.id, input.submission.id), eq(submissions.lock, input.lock)))
    .run();
  if (updated.changes !== 1) throw new ConflictError();
  return t.to;
}

/** Answers a request for information: the current (edited) version goes back to the jobcenter with the reply. */
export function resubmitDocument(input: { user: EmployerUser; documentId: number; reply: string; lock: number; asOf: IsoDate }): void {
  getDb().transaction((tx) => resubmitDocumentIn(tx, input));
}

/** resubmitDocument inside the caller's transaction, for a model that saves the new version and answers at once. */
export function resubmitDocumentIn(tx: Tx, input: { user: EmployerUser; documentId: number; reply: string; lock: number; asOf: IsoDate }): void {
  if (!maySubmitToJobcenter(input.user, tx)) throw new ValidationError({ form: [MANAGER_MAY_NOT_SUBMIT] });
  const submission = tx
    .select()
    .from(submissions)
    .where(and(eq(submissions.documentId, input.documentId), eq(submissions.companyId, input.user.company.id)))
    .get();
  if (!submission) throw new NotFoundError("Indsendelsen findes ikke.");
  const doc = tx.select().from(documents).where(eq(documents.id, submission.documentId)).get()!;
  const version = tx
    .select()
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion)))
    .get()!;
  if (version.submittedAt) {
    throw new ValidationError({ form: ["Ret dokumentet først: svaret sendes sammen med en ny version."] });
  }
  const content = readContent(doc.type, version.content);
  checkReady(tx, doc, content);
  const to = applyTransition(tx, {
    submission,
    action: "resubmit",
    actor: "employer",
    userId: input.user.id,
    lock: input.lock,
    changes: { version: version.version },
  });
  tx.update(documentVersions).set({ submittedAt: new Date().toISOString() }).where(eq(documentVersions.id, version.id)).run();
  const received = tx
    .insert(submissionEvents)
    .values({ submissionId: submission.id, userId: input.user.id, kind: "resubmitted", fromStatus: submission.status, toStatus: to, version: version.version, message: input.reply })
    .returning({ at: submissionEvents.at })
    .get();
  enqueueSubmissionReceipt(tx, { user: receiptUser(input.user), document: doc, version: version.version, resubmitted: true, receivedAt: received.at });
  applyDocumentFacts(tx, doc, content, input.asOf);
  recordAudit(tx, {
    userId: input.user.id,
    action: "submission.resubmit",
    entityType: "submission",
    entityId: submission.id,
    details: { from: submission.status, to, version: version.version },
  });
  // The reply goes to the municipality the case belongs to today, which a move may have changed.
  const owner = homeMunicipalityOfEmployee(submission.employeeId, input.asOf, tx) ?? submission.municipalityCode;
  const asker = replyRecipient(tx, submission, owner);
  if (!asker) tx.update(submissions).set({ assignedTo: null }).where(eq(submissions.id, submission.id)).run();
  notify(tx, {
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
function replyRecipient(tx: Tx, submission: Submission, owner: number): number | null {
  if (!submission.assignedTo) return null;
  const user = tx.select({ id: users.id, municipalityCode: users.municipalityCode, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, submission.assignedTo)).get();
  return user && user.municipalityCode === owner && !user.deactivatedAt ? user.id : null;
}

/**
 * The employer's answer to a request for information. A kind answered by a reply alone (the § 56
 * application) sends its sent content again as a new version with it, in the same transaction.
 */
export function answerInformationRequest(input: { user: EmployerUser; documentId: number; reply: string; lock: number; asOf: IsoDate }): void {
  const view = getEmployerDocument({ companyId: input.user.company.id, documentId: input.documentId });
  if (documentKind(view.document.type).answeredByReplyAlone && view.current.submittedAt) {
    saveDocumentContent({
      user: input.user,
      documentId: input.documentId,
      type: view.document.type,
      content: view.current.content,
      alongside: (tx) => resubmitDocumentIn(tx, input),
    });
    return;
  }
  resubmitDocument(input);
}

/** departmentIds: a manager's departments; they see their employees' submissions, and none of HR's own document kinds. */
export function listEmployerSubmissions(input: { companyId: number; departmentIds?: readonly number[] | null; absenceId?: number }) {
  const scope = { companyId: input.companyId, departmentIds: input.departmentIds ?? null };
  const where = and(
    eq(submissions.companyId, input.companyId),
    input.absenceId ? eq(submissions.absenceId, input.absenceId) : undefined,
    employeesInScope(scope),
    scope.departmentIds === null ? undefined : notInArray(submissions.type, [...HR_ONLY_DOCUMENT_TYPES]),
  );
  const rows = getDb()
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
    .limit(200)
    .all();
  const lastEvents = lastConversationEvents({ submissionIds: rows.map((r) => r.id) });
  return rows.map((r) => ({ ...r, lastEvent: lastEvents[r.id] ?? null }));
}
