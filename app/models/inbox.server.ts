/**
 * The caseworker's inbox: the municipality's submissions, ranked and paged,
 * each with the first follow-up's deadline.
 */
import { and, asc, count, eq, inArray, notInArray, type SQL } from "drizzle-orm";
import { getDb, one } from "~db/client.server";
import { absences, companies, employees, submissions } from "~db/schema";
import { caseReference } from "~/domain/case-reference";
import type { IsoDate } from "~/domain/dates";
import { firstFollowUpDueDate } from "~/domain/deadlines";
import type { DocumentType } from "~/domain/documents";
import { takenOverFrom } from "~/domain/municipalities";
import type { SubmissionStatus } from "~/domain/review";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { municipalityDataVersion, versionedCache } from "./data-versions.server";
import { deadlinesFor } from "./deadline-memo.server";
import { submissionsBelongingTo } from "./residence.server";

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
export async function listInbox(input: InboxQuery): Promise<InboxPage> {
  const version = `${await municipalityDataVersion(input.municipalityCode)}|${input.asOf}`;
  const key = `${input.municipalityCode}|${input.type ?? ""}|${input.status ?? ""}|${input.sort ?? ""}|${input.page ?? ""}`;
  return await inboxCache.get(key, version, async () => await readInbox(input));
}

interface InboxQuery {
  municipalityCode: number;
  asOf: IsoDate;
  type?: DocumentType;
  status?: SubmissionStatus;
  sort?: InboxSort;
  page?: number;
}

type InboxPage = Awaited<ReturnType<typeof readInbox>>;

// A caseworker reloads the inbox far more often than the municipality's cases change:
// a page is kept per municipality, filter and day while municipality_data_versions
// is unchanged (about 50 rows each).
const inboxCache = versionedCache<InboxPage>(300);

async function readInbox(input: InboxQuery) {
  const db = getDb();
  // The whole case follows the employee: also submissions sent to the former municipality.
  const filters: SQL[] = [await submissionsBelongingTo(input.municipalityCode, input.asOf, db)];
  if (input.type) filters.push(eq(submissions.type, input.type));
  if (input.status) filters.push(eq(submissions.status, input.status));
  const where = and(...filters);
  const total = (await one(db.select({ n: count() }).from(submissions).where(where).limit(1)))?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const start = (page - 1) * INBOX_PAGE_SIZE;
  const sort = input.sort ?? "default";
  const keyColumns = { id: submissions.id, type: submissions.type, receivedOn: submissions.receivedOn };

  let ids: number[];
  if (sort === "received") {
    ids = (await db.select({ id: submissions.id }).from(submissions).where(where).orderBy(asc(submissions.receivedOn), asc(submissions.id)).limit(INBOX_PAGE_SIZE).offset(start)).map((r) => r.id);
  } else if (sort === "deadline") {
    // The first follow-up's due date from three columns; submissions without an absence come last.
    const rows = (await db
      .select({ ...keyColumns, firstAbsenceDay: absences.firstAbsenceDay, fastTrackRequestedOn: absences.fastTrackRequestedOn, fastTrackDeclined: absences.fastTrackDeclined })
      .from(submissions)
      .leftJoin(absences, eq(absences.id, submissions.absenceId))
      .where(where))
      .map((r) => ({ ...r, due: r.firstAbsenceDay ? firstFollowUpDueDate({ firstAbsenceDay: r.firstAbsenceDay, fastTrackRequestedOn: r.fastTrackRequestedOn, fastTrackDeclined: r.fastTrackDeclined ?? false }) : "9999" }));
    rows.sort((a, b) => a.due.localeCompare(b.due) || byReceived(a, b));
    ids = rows.slice(start, start + INBOX_PAGE_SIZE).map((r) => r.id);
  } else {
    // Recording the first follow-up closes a fast-track request for the inbox's ordering.
    const unhandled = await db
      .select({ ...keyColumns, followUpHeldOn: absences.firstFollowUpHeldOn })
      .from(submissions)
      .leftJoin(absences, eq(absences.id, submissions.absenceId))
      .where(and(where, inArray(submissions.status, UNHANDLED_STATUSES)));
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
    if (wanted > 0) ids.push(...await handledPage(where, Math.max(0, start - ranked.length), wanted, closed));
  }

  const rows = ids.length
    ? await db
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
async function handledPage(where: SQL | undefined, offset: number, limit: number, closed: InboxKey[]): Promise<number[]> {
  const fetchFrom = Math.max(0, offset - closed.length);
  const fetchCount = limit + closed.length;
  const handled = await getDb()
    .select({ id: submissions.id, type: submissions.type, receivedOn: submissions.receivedOn })
    .from(submissions)
    .where(and(where, notInArray(submissions.status, UNHANDLED_STATUSES)))
    .orderBy(asc(submissions.receivedOn), asc(submissions.id))
    .limit(fetchCount)
    .offset(fetchFrom);
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
