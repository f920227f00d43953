import { and, asc, count, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { getDb, type Tx } from "~db/client.server";
import {
  absences,
  companies,
  documents,
  documentVersions,
  employeeMoves,
  employees,
  mulighedserklaeringer,
  submissionEvents,
  submissions,
  users,
  type Submission,
} from "~db/schema";
import { formatDanishDate, type IsoDate } from "~/domain/dates";
import { firstFollowUpDueDate } from "~/domain/deadlines";
import { DOCUMENT_TYPE_LABELS, type DocumentType } from "~/domain/documents";
import { homeMunicipalityOn } from "~/domain/residence";
import { municipalityLabel } from "~/domain/municipalities";
import { transition, type ReviewAction, type SubmissionStatus } from "~/domain/review";
import type { FastTrackContent } from "~/forms/fast-track";
import { caseReference, deadlinesFor, employeeFactColumns, factColumns, factsOf } from "./absence-case.server";
import { recordAudit } from "./audit.server";
import { syncCalendarEvents } from "./calendar.server";
import { fastTrackRefusal } from "~/domain/fast-track";
import { applyDocumentFacts } from "./document.server";
import { municipalityDataVersion, versionedCache } from "./data-versions.server";
import { ConflictError, NotFoundError, ValidationError } from "./errors.server";
import { enqueueSubmissionUpdateMails } from "./mail-notices.server";
import { notify } from "./notification.server";
import { renderDocumentPdf } from "./document-pdf.server";
import { approveAgreement } from "./paragraph56.server";
import { homeMunicipalityOfEmployee, submissionsBelongingTo } from "./residence.server";
import type { EmployerUser, JobcenterUser } from "./user.server";

function employerLink(documentId: number) {
  return `/virksomhed/dokumenter/${documentId}`;
}
function jobcenterLink(submissionId: number) {
  return `/jobcenter/indsendelser/${submissionId}`;
}

function checkReady(tx: Tx, doc: { id: number; type: DocumentType; absenceId: number | null }, content: unknown): void {
  if (doc.type === "mulighedserklaering") {
    const record = tx.select().from(mulighedserklaeringer).where(eq(mulighedserklaeringer.documentId, doc.id)).get();
    if (!record || record.status === "draft") throw new ValidationError({ form: ["Udfyld del 1 af mulighedserklæringen, før den sendes til jobcentret."] });
  }
  if (doc.type === "fast-track" && doc.absenceId !== null) {
    const absence = tx.select().from(absences).where(eq(absences.id, doc.absenceId)).get()!;
    const refusal = fastTrackRefusal(absence, (content as FastTrackContent).requestedOn);
    if (refusal) throw new ValidationError({ form: [refusal] });
  }
}

/**
 * "Send til jobcenter": the jobcenter of the employee's home municipality on
 * that day receives the current version, which is frozen from now on.
 */
export function submitDocument(input: { user: EmployerUser; documentId: number; asOf: IsoDate }): Submission {
  return getDb().transaction((tx) => {
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
    const content: unknown = JSON.parse(version.content);
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
    tx.insert(submissionEvents)
      .values({ submissionId: submission.id, userId: input.user.id, kind: "submitted", fromStatus: null, toStatus: "received", version: version.version })
      .run();
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
  });
}

/** Moves a submission through the state machine, checking the lock so two people cannot both win. */
function applyTransition(
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
  getDb().transaction((tx) => {
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
    const content: unknown = JSON.parse(version.content);
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
    tx.insert(submissionEvents)
      .values({ submissionId: submission.id, userId: input.user.id, kind: "resubmitted", fromStatus: submission.status, toStatus: to, version: version.version, message: input.reply })
      .run();
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

export function listEmployerSubmissions(input: { companyId: number; absenceId?: number }) {
  const where = input.absenceId
    ? and(eq(submissions.companyId, input.companyId), eq(submissions.absenceId, input.absenceId))
    : eq(submissions.companyId, input.companyId);
  return getDb()
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
}

export const INBOX_PAGE_SIZE = 50;
export type InboxSort = "default" | "received" | "deadline";

const UNHANDLED_STATUSES: SubmissionStatus[] = ["received", "in-review"];

interface InboxKey {
  id: number;
  type: DocumentType;
  receivedOn: IsoDate;
}

const byReceived = (a: { receivedOn: string; id: number }, b: { receivedOn: string; id: number }) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id;

/**
 * The caseworker's inbox, scoped to the municipality: unhandled fast-track
 * requests first, then the oldest unhandled, then the rest. Only one page is
 * read in full: the unhandled submissions are few and ranked here; the handled
 * ones are read a page at a time in index order (municipality, received date).
 */
export function listInbox(input: InboxQuery): InboxPage {
  const version = `${municipalityDataVersion(input.municipalityCode)}|${input.asOf}`;
  const key = `${input.municipalityCode}|${input.type ?? ""}|${input.status ?? ""}|${input.sort ?? ""}|${input.page ?? ""}`;
  return inboxCache.get(key, version, () => readInbox(input));
}

interface InboxQuery {
  municipalityCode: number;
  asOf: IsoDate;
  type?: DocumentType;
  status?: SubmissionStatus;
  sort?: InboxSort;
  page?: number;
}

type InboxPage = ReturnType<typeof readInbox>;

// A caseworker reloads the inbox far more often than the municipality's cases change:
// a page is kept per municipality, filter and day while municipality_data_versions
// is unchanged (about 50 rows each).
const inboxCache = versionedCache<InboxPage>(300);

function readInbox(input: InboxQuery) {
  const db = getDb();
  // The whole case follows the employee: also submissions sent to the former municipality.
  const filters: SQL[] = [submissionsBelongingTo(input.municipalityCode, input.asOf, db)];
  if (input.type) filters.push(eq(submissions.type, input.type));
  if (input.status) filters.push(eq(submissions.status, input.status));
  const where = and(...filters);
  const total = db.select({ n: count() }).from(submissions).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const start = (page - 1) * INBOX_PAGE_SIZE;
  const sort = input.sort ?? "default";
  const keyColumns = { id: submissions.id, type: submissions.type, receivedOn: submissions.receivedOn };

  let ids: number[];
  if (sort === "received") {
    ids = db.select({ id: submissions.id }).from(submissions).where(where).orderBy(asc(submissions.receivedOn), asc(submissions.id)).limit(INBOX_PAGE_SIZE).offset(start).all().map((r) => r.id);
  } else if (sort === "deadline") {
    // The first follow-up's due date from three columns; submissions without an absence come last.
    const rows = db
      .select({ ...keyColumns, firstAbsenceDay: absences.firstAbsenceDay, fastTrackRequestedOn: absences.fastTrackRequestedOn, fastTrackDeclined: absences.fastTrackDeclined })
      .from(submissions)
      .leftJoin(absences, eq(absences.id, submissions.absenceId))
      .where(where)
      .all()
      .map((r) => ({ ...r, due: r.firstAbsenceDay ? firstFollowUpDueDate({ firstAbsenceDay: r.firstAbsenceDay, fastTrackRequestedOn: r.fastTrackRequestedOn, fastTrackDeclined: r.fastTrackDeclined ?? false }) : "9999" }));
    rows.sort((a, b) => a.due.localeCompare(b.due) || byReceived(a, b));
    ids = rows.slice(start, start + INBOX_PAGE_SIZE).map((r) => r.id);
  } else {
    // Recording the first follow-up closes a fast-track request for the inbox's ordering.
    const unhandled = db
      .select({ ...keyColumns, followUpHeldOn: absences.firstFollowUpHeldOn })
      .from(submissions)
      .leftJoin(absences, eq(absences.id, submissions.absenceId))
      .where(and(where, inArray(submissions.status, UNHANDLED_STATUSES)))
      .all();
    const first: InboxKey[] = [];
    const second: InboxKey[] = [];
    const closed: InboxKey[] = [];
    for (const r of unhandled) {
      if (r.type === "fast-track") (r.followUpHeldOn ? closed : first).push(r);
      else second.push(r);
    }
    first.sort(byReceived);
    second.sort(byReceived);
    closed.sort(byReceived);
    const ranked = [...first, ...second];
    ids = ranked.slice(start, start + INBOX_PAGE_SIZE).map((r) => r.id);
    const wanted = INBOX_PAGE_SIZE - ids.length;
    if (wanted > 0) ids.push(...handledPage(where, Math.max(0, start - ranked.length), wanted, closed));
  }

  const rows = ids.length
    ? db
        // Only the columns the list shows: a page of whole rows from four tables costs more to map than to read.
        .select({
          submission: { id: submissions.id, type: submissions.type, status: submissions.status, receivedOn: submissions.receivedOn, sentTo: submissions.municipalityCode },
          employee: { name: employees.name, ...employeeFactColumns },
          company: { name: companies.name },
          absence: { id: absences.id, ...factColumns },
        })
        .from(submissions)
        .innerJoin(employees, eq(employees.id, submissions.employeeId))
        .innerJoin(companies, eq(companies.id, submissions.companyId))
        .leftJoin(absences, eq(absences.id, submissions.absenceId))
        .where(inArray(submissions.id, ids))
        .all()
    : [];
  const byId = new Map(rows.map((r) => [r.submission.id, r]));
  const items = ids.map((id) => {
    const r = byId.get(id)!;
    const followUp = r.absence ? deadlinesFor(factsOf(r.absence, r.employee), input.asOf).deadlines.find((d) => d.id === "first-follow-up")! : null;
    return {
      id: r.submission.id,
      type: r.submission.type,
      status: r.submission.status,
      receivedOn: r.submission.receivedOn,
      companyName: r.company.name,
      employeeName: r.employee.name,
      reference: r.absence ? caseReference(r.absence.id) : null,
      takenOverFrom: takenOverFrom(r.submission.sentTo, input.municipalityCode),
      followUp: followUp ? { dueDate: followUp.dueDate, status: followUp.status, daysLeft: followUp.daysLeft } : null,
    };
  });
  return { items, total, page, pageCount };
}

/**
 * Positions [offset, offset + limit) of the handled submissions by received date:
 * those with a final or waiting status, read from the index a page at a time,
 * merged with the few unhandled fast-track requests whose follow-up is held.
 */
function handledPage(where: SQL | undefined, offset: number, limit: number, closed: InboxKey[]): number[] {
  const fetchFrom = Math.max(0, offset - closed.length);
  const fetchCount = limit + closed.length;
  const handled = getDb()
    .select({ id: submissions.id, type: submissions.type, receivedOn: submissions.receivedOn })
    .from(submissions)
    .where(and(where, notInArray(submissions.status, UNHANDLED_STATUSES)))
    .orderBy(asc(submissions.receivedOn), asc(submissions.id))
    .limit(fetchCount)
    .offset(fetchFrom)
    .all();
  const exhausted = handled.length < fetchCount;
  const firstFetched = handled[0];
  // Position in the merged order of the first element considered.
  const before = fetchFrom === 0 || !firstFetched ? [] : closed.filter((c) => byReceived(c, firstFetched) < 0);
  const lastFetched = handled.at(-1);
  const candidates = closed.filter((c) => !before.includes(c) && (exhausted || !lastFetched || byReceived(c, lastFetched) < 0));
  const merged = [...handled, ...candidates].sort(byReceived);
  const position = fetchFrom + before.length;
  return merged.slice(offset - position, offset - position + limit).map((r) => r.id);
}

/** "Overtaget fra Aarhus Kommune" when the submission was sent to another municipality than the one it belongs to now. */
function takenOverFrom(sentTo: number, owner: number): string | null {
  return sentTo === owner ? null : (municipalityLabel(sentTo) ?? String(sentTo));
}

/**
 * A submission of an employee who lives in the municipality on asOf. The former
 * municipality gets "not found" from the moving date, like any other one.
 */
function loadForJobcenter(tx: Tx | ReturnType<typeof getDb>, municipalityCode: number, submissionId: number, asOf: IsoDate): Submission {
  const s = tx.select().from(submissions).where(eq(submissions.id, submissionId)).get();
  if (!s || homeMunicipalityOfEmployee(s.employeeId, asOf, tx) !== municipalityCode) throw new NotFoundError("Indsendelsen findes ikke.");
  return s;
}

/**
 * The review page: the document as submitted, the municipality's deadlines on the
 * absence, and the full history. Every field is picked by name: the caseworker
 * gets what the employer sent and what the page shows, never a whole row (the
 * absence's conversation notes, the employee's record and the company's users stay
 * with the company).
 */
export function getSubmissionForJobcenter(input: { municipalityCode: number; submissionId: number; asOf: IsoDate }) {
  const db = getDb();
  const s = loadForJobcenter(db, input.municipalityCode, input.submissionId, input.asOf);
  return { ...reviewView(db, s, input), submission: reviewedSubmission(s, input.municipalityCode) };
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

function reviewView(db: ReturnType<typeof getDb>, s: Submission, input: { asOf: IsoDate }) {
  const employee = db.select({ name: employees.name, jobTitle: employees.jobTitle, birthDate: employees.birthDate, employmentEndDate: employees.employmentEndDate }).from(employees).where(eq(employees.id, s.employeeId)).get()!;
  const company = db.select({ name: companies.name, cvr: companies.cvr }).from(companies).where(eq(companies.id, s.companyId)).get()!;
  const absence = s.absenceId ? (db.select({ id: absences.id, ...factColumns }).from(absences).where(eq(absences.id, s.absenceId)).get() ?? null) : null;
  const versions = db
    .select({ version: documentVersions.version, submittedAt: documentVersions.submittedAt, content: documentVersions.content })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, s.documentId))
    .orderBy(asc(documentVersions.version))
    .all()
    .filter((v) => v.submittedAt !== null)
    .map((v) => ({ version: v.version, submittedAt: v.submittedAt!, content: JSON.parse(v.content) as unknown }));
  const events = db
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
    .orderBy(asc(submissionEvents.id))
    .all();
  const assignee = s.assignedTo ? (db.select({ name: users.name }).from(users).where(eq(users.id, s.assignedTo)).get() ?? null) : null;
  // The doctor's part as the employer recorded it: the outcome for the work, never health details.
  const doctor =
    s.type === "mulighedserklaering"
      ? (db
          .select({
            status: mulighedserklaeringer.status,
            doctorDeadline: mulighedserklaeringer.doctorDeadline,
            answeredOn: mulighedserklaeringer.answeredOn,
            outcome: mulighedserklaeringer.outcome,
            expectedAbsenceDuration: mulighedserklaeringer.expectedAbsenceDuration,
            doctorRemarks: mulighedserklaeringer.doctorRemarks,
          })
          .from(mulighedserklaeringer)
          .where(eq(mulighedserklaeringer.documentId, s.documentId))
          .get() ?? null)
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
  const s = loadForJobcenter(db, input.municipalityCode, input.submissionId, input.asOf);
  const version = db
    .select({ content: documentVersions.content, submittedAt: documentVersions.submittedAt })
    .from(documentVersions)
    .where(and(eq(documentVersions.documentId, s.documentId), eq(documentVersions.version, s.version)))
    .get();
  if (!version?.submittedAt) throw new NotFoundError("Indsendelsen findes ikke.");
  const company = db.select({ name: companies.name, cvr: companies.cvr }).from(companies).where(eq(companies.id, s.companyId)).get()!;
  const pdf = await renderDocumentPdf({
    type: s.type,
    content: JSON.parse(version.content) as unknown,
    employeeId: s.employeeId,
    absenceId: s.absenceId,
    company,
    contactPerson: company.name,
    asOf: input.asOf,
    documentId: s.documentId,
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
export function reviewSubmission(
  input: { user: JobcenterUser; submissionId: number; asOf: IsoDate } & (
    | { action: "take" | "approve"; lock: number; approvedOn?: IsoDate }
    | { action: "request-information" | "reject"; lock: number; message: string }
    | { action: "note"; note: string }
    | { action: "follow-up"; heldOn: IsoDate }
  ),
): void {
  getDb().transaction((tx) => {
    const s = loadForJobcenter(tx, input.user.municipality.code, input.submissionId, input.asOf);
    const typeLabel = DOCUMENT_TYPE_LABELS[s.type];
    if (input.action === "note") {
      tx.insert(submissionEvents)
        .values({ submissionId: s.id, userId: input.user.id, kind: "note", message: input.note, visibleToEmployer: false })
        .run();
      recordAudit(tx, { userId: input.user.id, action: "submission.note", entityType: "submission", entityId: s.id });
      return;
    }
    if (input.action === "follow-up") {
      if (!s.absenceId) throw new ValidationError({ heldOn: ["Indsendelsen hører ikke til et sygefravær."] });
      const absence = tx.select().from(absences).where(eq(absences.id, s.absenceId)).get()!;
      if (input.heldOn < absence.firstAbsenceDay) {
        throw new ValidationError({ heldOn: ["Opfølgningen kan ikke ligge før første fraværsdag."] });
      }
      if (input.heldOn > input.asOf) throw new ValidationError({ heldOn: ["Datoen kan ikke ligge i fremtiden."] });
      const updated = tx
        .update(absences)
        .set({ firstFollowUpHeldOn: input.heldOn, updatedAt: new Date().toISOString() })
        .where(eq(absences.id, absence.id))
        .returning()
        .get()!;
      const employee = tx.select().from(employees).where(eq(employees.id, updated.employeeId)).get()!;
      syncCalendarEvents(tx, { companyId: updated.companyId, absenceId: updated.id, deadlines: deadlinesFor(factsOf(updated, employee), input.asOf).deadlines });
      tx.insert(submissionEvents)
        .values({ submissionId: s.id, userId: input.user.id, kind: "follow-up", message: `Første opfølgningssamtale holdt ${formatDanishDate(input.heldOn)}` })
        .run();
      recordAudit(tx, { userId: input.user.id, action: "absence.first-follow-up", entityType: "absence", entityId: absence.id, details: { heldOn: input.heldOn } });
      notify(tx, { to: { companyId: s.companyId }, exceptUserId: null, submissionId: s.id, text: `Jobcentret har holdt første opfølgning: ${typeLabel}`, link: employerLink(s.documentId) });
      return;
    }
    if (input.action === "approve" && s.type === "paragraph56") {
      // Approving a § 56 agreement fixes its start A, and with it the validity (SDL § 56).
      if (!input.approvedOn) throw new ValidationError({ approvedOn: ["Angiv datoen, aftalen godkendes fra."] });
      if (input.approvedOn > input.asOf) throw new ValidationError({ approvedOn: ["Godkendelsesdatoen kan ikke ligge i fremtiden."] });
      approveAgreement(tx, { documentId: s.documentId, approvedOn: input.approvedOn });
    }
    const to = applyTransition(tx, {
      submission: s,
      action: input.action,
      actor: "jobcenter",
      userId: input.user.id,
      lock: input.lock,
      changes: input.action === "take" ? { assignedTo: input.user.id } : undefined,
    });
    const message = "message" in input ? input.message : null;
    tx.insert(submissionEvents)
      .values({ submissionId: s.id, userId: input.user.id, kind: input.action, fromStatus: s.status, toStatus: to, version: s.version, message })
      .run();
    recordAudit(tx, {
      userId: input.user.id,
      action: `submission.${input.action}`,
      entityType: "submission",
      entityId: s.id,
      details: { from: s.status, to },
    });
    notify(tx, {
      to: { companyId: s.companyId },
      exceptUserId: null,
      submissionId: s.id,
      text: EMPLOYER_TEXT[input.action]!(typeLabel),
      link: employerLink(s.documentId),
    });
    if (input.action === "request-information" || input.action === "approve" || input.action === "reject") {
      enqueueSubmissionUpdateMails(tx, {
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
