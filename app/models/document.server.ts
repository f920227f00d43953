import type { VersionChange } from "~/domain/version-diff";
import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import { getDb, one, only, preparedQuery, runTx, type Tx } from "~db/client.server";
import { absences, documents, documentVersions, employees, submissionEvents, submissions, type Absence, type Document } from "~db/schema";
import { todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { fastTrackRefusal } from "~/domain/fast-track";
import { fastholdelsesplanRefusal } from "~/domain/deadlines";
import { DOCUMENT_KINDS, documentKind, readContent, versionChanges } from "~/documents";
import type { DocumentType } from "~/domain/documents";
import type { FastTrackContent } from "~/forms/fast-track";
import type { FastholdelsesplanContent } from "~/forms/fastholdelsesplan";
import { caseReference } from "~/domain/case-reference";
import { factsOf } from "./absence-facts.server";
import { getAbsenceCase } from "./absence-case.server";
import { syncCalendarEvents } from "./calendar-sync.server";
import { deadlinesFor } from "./deadline-memo.server";
import { recordAudit } from "./audit.server";
import { lastConversationEvents } from "./conversation.server";
import { documentReference } from "./reference.server";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import type { EmployerUser } from "./user.server";
import { HR_ONLY_DOCUMENT_TYPES } from "./department-scope.server";

export interface EmployerDocumentView {
  document: Document;
  reference: string;
  employee: { id: number; name: string; jobTitle: string };
  absence: { id: number; firstAbsenceDay: IsoDate } | null;
  /** Oldest first; `changes` against the version before (null for the first). */
  versions: Array<{ version: number; content: unknown; submittedAt: string | null; createdAt: string; changes: VersionChange[] | null }>;
  current: { version: number; content: unknown; submittedAt: string | null };
  submission: {
    id: number;
    status: string;
    version: number;
    lock: number;
    receivedOn: IsoDate;
    municipalityCode: number;
    events: Array<{ id: number; kind: string; toStatus: string | null; message: string | null; version: number | null; at: string }>;
  } | null;
}

async function loadDocument(tx: Tx | ReturnType<typeof getDb>, companyId: number, documentId: number): Promise<Document> {
  const doc = await one(tx
    .select()
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.companyId, companyId))).limit(1));
  if (!doc) throw new NotFoundError("Dokumentet findes ikke.");
  return doc;
}

/** Everything the employer may see about a document: never the caseworker's internal notes. */
export async function getEmployerDocument(input: { companyId: number; documentId: number }): Promise<EmployerDocumentView> {
  const db = getDb();
  const doc = await loadDocument(db, input.companyId, input.documentId);
  const employee = (await one(db.select().from(employees).where(eq(employees.id, doc.employeeId)).limit(1)))!;
  const absence = doc.absenceId ? await one(db.select().from(absences).where(eq(absences.id, doc.absenceId)).limit(1)) ?? null : null;
  const versions = (await db
    .select()
    .from(documentVersions)
    .where(eq(documentVersions.documentId, doc.id))
    .orderBy(asc(documentVersions.version)))
    .map((v) => ({ version: v.version, content: readContent(doc.type, v.content), submittedAt: v.submittedAt, createdAt: v.createdAt }))
    .map((v, i, all) => ({ ...v, changes: i === 0 ? null : versionChanges(doc.type, all[i - 1]!.content, v.content) }));
  const current = versions.find((v) => v.version === doc.currentVersion)!;
  const submission = await one(db.select().from(submissions).where(eq(submissions.documentId, doc.id)).limit(1));
  return {
    document: doc,
    reference: absence ? caseReference(absence.id) : await documentReference(db, doc),
    employee: { id: employee.id, name: employee.name, jobTitle: employee.jobTitle },
    absence: absence ? { id: absence.id, firstAbsenceDay: absence.firstAbsenceDay } : null,
    versions,
    current,
    submission: submission
      ? {
          id: submission.id,
          status: submission.status,
          version: submission.version,
          lock: submission.lock,
          receivedOn: submission.receivedOn,
          municipalityCode: submission.municipalityCode,
          events: (await db
            .select()
            .from(submissionEvents)
            .where(and(eq(submissionEvents.submissionId, submission.id), eq(submissionEvents.visibleToEmployer, true)))
            .orderBy(asc(submissionEvents.id)))
            .map((e) => ({ id: e.id, kind: e.kind, toStatus: e.toStatus, message: e.message, version: e.version, at: e.at })),
        }
      : null,
  };
}

// Read on every view of the absence page: built and prepared once (preparedQuery).
const absenceDocumentsQuery = preparedQuery("absence_documents", (db) =>
  db
    .select({ document: documents, submissionId: submissions.id, status: submissions.status, receivedOn: submissions.receivedOn })
    .from(documents)
    .leftJoin(submissions, eq(submissions.documentId, documents.id))
    .where(and(eq(documents.companyId, sql.placeholder("companyId")), eq(documents.absenceId, sql.placeholder("absenceId"))))
    .orderBy(desc(documents.id))
    .prepare(),
);

/** The jobcenter's latest message the employer may see on a submission. */
const latestVisibleMessageQuery = preparedQuery("latest_visible_message", (db) =>
  db
    .select({ message: submissionEvents.message, kind: submissionEvents.kind })
    .from(submissionEvents)
    .where(and(eq(submissionEvents.submissionId, sql.placeholder("submissionId")), eq(submissionEvents.visibleToEmployer, true), isNotNull(submissionEvents.message)))
    .orderBy(desc(submissionEvents.id))
    .limit(1)
    .prepare(),
);

/** The absence's documents with their submission status and the latest message meant for the employer; a manager's without HR's own kinds. */
export async function listAbsenceDocuments(input: { companyId: number; departmentIds?: readonly number[] | null; absenceId: number }) {
  const manager = (input.departmentIds ?? null) !== null;
  const rows = (await absenceDocumentsQuery().execute({ companyId: input.companyId, absenceId: input.absenceId })).filter((r) => !manager || !(HR_ONLY_DOCUMENT_TYPES as readonly string[]).includes(r.document.type));
  // The state each side reads ("Jobcentret venter på jeres svar") needs the conversation's last event.
  const lastEvents = await lastConversationEvents({ submissionIds: rows.flatMap((r) => (r.submissionId ? [r.submissionId] : [])) });
  const listed = [];
  for (const r of rows) {
    const latest = r.submissionId ? await one(latestVisibleMessageQuery().execute({ submissionId: r.submissionId })) : undefined;
    listed.push({
      ...r,
      lastEvent: r.submissionId ? (lastEvents[r.submissionId] ?? null) : null,
      latestMessage: latest?.kind === "request-information" || latest?.kind === "reject" ? latest.message : null,
    });
  }
  return listed;
}

/**
 * The kinds the employer can start from the absence page, in the registry's order, each with why
 * a new one cannot be started now (one exists, or the kind's rule refuses; null: it can).
 */
export function documentStarts(absence: Absence, documentsOnAbsence: ReadonlyArray<{ document: { type: DocumentType } }>, asOf: IsoDate) {
  return Object.values(DOCUMENT_KINDS).flatMap((kind) => {
    const start = kind.startOnAbsence;
    if (!start) return [];
    const exists = start.onePerAbsence && documentsOnAbsence.some((d) => d.document.type === kind.type);
    return [{ type: kind.type, exists, refusal: exists ? null : (start.refusal?.(absence, asOf) ?? null) }];
  });
}

/**
 * How the employer answers the jobcenter's request for information on the document page: with a
 * reply and the current version ("reply": an unsent edit, or a kind answered by a reply alone), by
 * editing first ("edit-first"), or on the employee's page the kind is kept on ("own-page").
 */
export function replyMode(view: Pick<EmployerDocumentView, "document" | "current">): "reply" | "edit-first" | "own-page" {
  const kind = documentKind(view.document.type);
  if (kind.answeredOnOwnPage) return "own-page";
  return view.current.submittedAt === null || kind.answeredByReplyAlone ? "reply" : "edit-first";
}

/** Applies what a submitted document says to the absence's facts, as its kind reads them (fast track moves the first follow-up). */
export async function applyDocumentFacts(tx: Tx, doc: { type: DocumentType; absenceId: number | null }, content: unknown, asOf: IsoDate): Promise<void> {
  if (doc.absenceId === null) return;
  const facts = documentKind(doc.type).absenceFacts(content);
  if (!facts) return;
  const absence = await only(tx
    .update(absences)
    .set({ ...facts, updatedAt: new Date().toISOString() })
    .where(eq(absences.id, doc.absenceId))
    .returning());
  const employee = (await one(tx.select().from(employees).where(eq(employees.id, absence.employeeId)).limit(1)))!;
  await syncCalendarEvents(tx, { companyId: absence.companyId, absenceId: absence.id, deadlines: deadlinesFor(factsOf(absence, employee), asOf).deadlines });
}

/** A new fast-track request on an absence; refused outside the window with the reason at the date field. */
export async function createFastTrackDocument(input: { user: EmployerUser; absenceId: number; content: FastTrackContent; asOf: IsoDate }): Promise<Document> {
  return await createAbsenceDocument({
    ...input,
    type: "fast-track",
    check: (c) => {
      const refusal = fastTrackRefusal(c.absence, input.content.requestedOn);
      if (refusal) throw new ValidationError({ requestedOn: [refusal] });
    },
    duplicate: { requestedOn: ["Der er allerede en anmodning om fast track på dette fravær."] },
  });
}

/**
 * The fastholdelsesplan (SDL § 7 b) exists only when the employee is not
 * expected back within 8 weeks; one per absence.
 */
export async function createFastholdelsesplan(input: { user: EmployerUser; absenceId: number; content: FastholdelsesplanContent; asOf: IsoDate }): Promise<Document> {
  return await createAbsenceDocument({
    ...input,
    type: "fastholdelsesplan",
    check: (c) => {
      const refusal = fastholdelsesplanRefusal(c.absence);
      if (refusal) throw new ValidationError({ form: [refusal] });
    },
    duplicate: { form: ["Der er allerede en fastholdelsesplan for dette fravær."] },
  });
}

// The rule lives in the domain; the fastholdelsesplan page imports it from here.
export { fastholdelsesplanRefusal };

async function createAbsenceDocument(input: {
  user: EmployerUser;
  absenceId: number;
  type: DocumentType;
  content: unknown;
  asOf: IsoDate;
  check: (c: Awaited<ReturnType<typeof getAbsenceCase>>) => void | Promise<void>;
  duplicate: Record<string, string[]>;
}): Promise<Document> {
  const c = await getAbsenceCase({ companyId: input.user.company.id, absenceId: input.absenceId, asOf: input.asOf });
  await input.check(c);
  return await runTx(async (tx) => {
    const existing = await one(tx
      .select()
      .from(documents)
      .where(and(eq(documents.absenceId, c.absence.id), eq(documents.type, input.type))).limit(1));
    if (existing) throw new ValidationError(input.duplicate);
    const doc = await only(tx
      .insert(documents)
      .values({ companyId: input.user.company.id, employeeId: c.employee.id, absenceId: c.absence.id, type: input.type, currentVersion: 1 })
      .returning());
    await tx.insert(documentVersions)
      .values({ documentId: doc.id, version: 1, content: JSON.stringify(input.content), createdBy: input.user.id });
    await recordAudit(tx, { userId: input.user.id, action: "document.create", entityType: "document", entityId: doc.id, details: { type: input.type } });
    return doc;
  });
}

/**
 * Saves new content. A version that was sent to the jobcenter is frozen, so
 * the edit becomes the next version; an unsent version is edited in place.
 */
export async function saveDocumentContent(input: {
  user: EmployerUser;
  documentId: number;
  type: DocumentType;
  content: unknown;
  validate?: (doc: Document) => void | Promise<void>;
  /** Further writes that belong to the same change, in the same transaction. */
  alongside?: (tx: Tx) => void | Promise<void>;
}): Promise<Document> {
  return await runTx(async (tx) => {
    const doc = await loadDocument(tx, input.user.company.id, input.documentId);
    if (doc.type !== input.type) throw new NotFoundError("Dokumentet findes ikke.");
    await input.validate?.(doc);
    const current = (await one(tx
      .select()
      .from(documentVersions)
      .where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, doc.currentVersion))).limit(1)))!;
    const now = new Date().toISOString();
    let version = doc.currentVersion;
    if (current.submittedAt) {
      version = doc.currentVersion + 1;
      await tx.insert(documentVersions)
        .values({ documentId: doc.id, version, content: JSON.stringify(input.content), createdBy: input.user.id });
    } else {
      await tx.update(documentVersions).set({ content: JSON.stringify(input.content) }).where(eq(documentVersions.id, current.id));
    }
    const updated = await only(tx.update(documents).set({ currentVersion: version, updatedAt: now }).where(eq(documents.id, doc.id)).returning());
    // Once the jobcenter has the request, the employee's answer counts at once: a refusal returns the
    // first follow-up to F + 55 without waiting for a review (SDL § 7 e).
    if (await one(tx.select().from(submissions).where(eq(submissions.documentId, doc.id)).limit(1))) {
      await applyDocumentFacts(tx, doc, input.content, todayInCopenhagen(new Date()));
    }
    await input.alongside?.(tx);
    await recordAudit(tx, { userId: input.user.id, action: "document.save", entityType: "document", entityId: doc.id, details: { version } });
    return updated;
  });
}

/**
 * What a PDF download of the company's document needs: the document and its current version, parsed.
 * Scoped like getEmployerDocument, without the other versions and their changes, which the
 * download does not print (a sent version's PDF is kept, docs/decisions/012, so these reads are
 * most of what is left of a download).
 */
// Read on every PDF download: the document and its current version in one statement, built and
// prepared once (preparedQuery). The company is part of the key, so another company's id finds nothing.
const currentVersionQuery = preparedQuery("document_current_version", (db) =>
  db
    .select({ document: documents, version: documentVersions.version, content: documentVersions.content, submittedAt: documentVersions.submittedAt })
    .from(documents)
    .innerJoin(documentVersions, and(eq(documentVersions.documentId, documents.id), eq(documentVersions.version, documents.currentVersion)))
    .where(and(eq(documents.id, sql.placeholder("documentId")), eq(documents.companyId, sql.placeholder("companyId"))))
    .limit(1)
    .prepare(),
);

export async function getEmployerDocumentVersion(input: { companyId: number; documentId: number }): Promise<{
  document: Document;
  current: { version: number; content: unknown; submittedAt: string | null };
}> {
  const row = await one(currentVersionQuery().execute({ documentId: input.documentId, companyId: input.companyId }));
  if (!row) throw new NotFoundError("Dokumentet findes ikke.");
  const doc = row.document;
  return { document: doc, current: { version: row.version, content: readContent(doc.type, row.content), submittedAt: row.submittedAt } };
}
