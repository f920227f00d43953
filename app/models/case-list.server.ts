/**
 * The company's case list (/virksomhed/sager): every absence, open and closed,
 * searched, filtered, sorted and paged in SQL. The deadline state (overdue, due
 * within 7 days) is the domain's, computed for the open cases only, as on the
 * dashboard: a closed case has no deadline the company still works towards.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, max, min, or, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb, one, preparedQueriesByShape, preparedQuery, queryPlan } from "~db/client.server";
import { caseless, likeCaseless, noRow } from "~db/portable-sql";
import { absences, departments, employees, submissions } from "~db/schema";
import { caseReference, parseCaseReference } from "~/domain/case-reference";
import { compareIso, type IsoDate } from "~/domain/dates";
import { isPending, type DeadlineStatus } from "~/domain/deadlines";
import type { DocumentType } from "~/domain/documents";
import type { SubmissionStatus } from "~/domain/review";
import type { ConversationEvent } from "~/domain/review-states";
import type { CaseListQuery, CaseListSort } from "~/forms/case-list";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { deadlinesFor } from "./deadline-memo.server";
import { lastConversationEvents } from "./conversation.server";
import { companyDataVersion, versionedCache } from "./data-versions.server";
import { isInScope, scopeKey, type EmployerScope } from "./department-scope.server";

export const CASE_LIST_PAGE_SIZE = 50;

/** What the list and the export show of a case's deadlines: the next pending one and how many are overdue. */
export interface DeadlineState {
  next: { title: string; dueDate: IsoDate; status: DeadlineStatus } | null;
  overdue: number;
  /** A deadline has the domain's "due soon" status (within 7 days, not yet overdue). */
  dueSoon: boolean;
}

export function deadlineStateOf(deadlines: ReadonlyArray<{ title: string; dueDate: IsoDate; status: DeadlineStatus }>): DeadlineState {
  const pending = deadlines.filter(isPending);
  pending.sort((a, b) => compareIso(a.dueDate, b.dueDate));
  const next = pending[0];
  return {
    next: next ? { title: next.title, dueDate: next.dueDate, status: next.status } : null,
    overdue: pending.filter((d) => d.status === "overdue").length,
    dueSoon: pending.some((d) => d.status === "due-soon"),
  };
}

// The open cases' deadline states change only with the company's data or the day: kept
// per company and day while companies.data_version is unchanged, like the dashboard.
const openStatesCache = versionedCache<Map<number, DeadlineState>>(200);

async function openDeadlineStates(companyId: number, asOf: IsoDate): Promise<Map<number, DeadlineState>> {
  const version = `${await companyDataVersion(companyId)}|${asOf}`;
  return await openStatesCache.get(String(companyId), version, async () => {
    const rows = await getDb()
      .select({ absence: { id: absences.id, ...factColumns }, employee: employeeFactColumns })
      .from(absences)
      .innerJoin(employees, eq(employees.id, absences.employeeId))
      .where(and(eq(absences.companyId, companyId), isNull(absences.returnedOn)));
    return new Map(rows.map((r) => [r.absence.id, deadlineStateOf(deadlinesFor(factsOf(r.absence, r.employee), asOf).deadlines)]));
  });
}

/** A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type CaseFilters = Partial<Omit<CaseListQuery, "side">>;

// The employees a search or department filter matches, as a subquery of their own (an alias, so
// it never reads the outer query's employees).
const matching = alias(employees, "matching");
const matchingIds = (where: SQL) => getDb().select({ id: matching.id }).from(matching).where(where);

/**
 * How a filter's values enter the query. `bind` returns the value itself, or a named placeholder
 * of a statement prepared once per shape of the query (which conditions it has, its sort):
 * drizzle otherwise builds the page's SQL text again on every request, about 1 ms of the
 * largest employer's case list on this machine (tests/bench/pages-history.md). The names bound,
 * in order, are part of the shape's key, so two filters with the same key make the same text.
 */
interface Binding {
  bind<V extends string | number>(name: string, value: V): V | Placeholder;
  names: string[];
  params: Record<string, string | number>;
}

function bindAsValues(): Binding {
  return { bind: (_name, value) => value, names: [], params: {} };
}

function bindAsPlaceholders(): Binding {
  const names: string[] = [];
  const params: Record<string, string | number> = {};
  return {
    names,
    params,
    bind: (name, value) => {
      names.push(name);
      params[name] = value;
      return sql.placeholder(name);
    },
  };
}

/**
 * The filters as conditions on absences alone. A condition on the employee (search, department)
 * becomes "employee_id in (the matching employees)", so SQLite finds the few cases through
 * absences_employee_idx instead of reading each of a large company's 90,000 cases with its
 * employee: the unary + on company_id keeps it from choosing the company index for that
 * (EXPLAIN QUERY PLAN: "SEARCH absences USING INDEX absences_employee_idx").
 * The deadline filter's cases come from the kept deadline states (`states`): a list of ids, whose
 * length changes with the day, so a query with it is built each time, never prepared.
 */
function conditionsOf(scope: EmployerScope, filters: CaseFilters, binding: Binding, overdueOrSoon: readonly number[] | null): SQL {
  const { bind } = binding;
  const { departmentIds } = scope;
  const companyId = bind("companyId", scope.companyId);
  const q = filters.q?.trim();
  const byEmployee = Boolean(q) || filters.afdeling !== undefined || departmentIds !== null;
  const conditions: Array<SQL | undefined> = [byEmployee ? sql`+${absences.companyId} = ${companyId}` : eq(absences.companyId, companyId)];
  // A manager's departments, as a department filter is read: a manager without departments reaches nobody.
  if (departmentIds !== null) {
    conditions.push(
      departmentIds.length === 0
        ? noRow
        : inArray(
            absences.employeeId,
            matchingIds(and(sql`+${matching.companyId} = ${companyId}`, inArray(matching.departmentId, departmentIds.map((id, i) => bind(`managed${i}`, id))))!),
          ),
    );
  }
  if (q) {
    const absenceId = parseCaseReference(q);
    // The name from employees_company_idx (company, name) without reading the rows; the number from its unique index.
    // One subquery of both (UNION ALL), not two ORed: SQLite then scans the company's 50,000 names once, where
    // the OR had it scan them twice (once to find the cases, once more to check the OR): 14 → 8 ms per search.
    const byName = matchingIds(and(eq(matching.companyId, companyId), likeCaseless(matching.name, bind("pattern", containsPattern(q))))!);
    const byNumber = matchingIds(and(eq(matching.companyId, companyId), eq(matching.employeeNumber, bind("number", q)))!);
    conditions.push(or(inArray(absences.employeeId, byName.unionAll(byNumber)), absenceId ? eq(absences.id, bind("reference", absenceId)) : undefined));
  }
  if (filters.status === "aaben") conditions.push(isNull(absences.returnedOn));
  if (filters.status === "afsluttet") conditions.push(isNotNull(absences.returnedOn));
  // The department's employees from employees_department_idx; the + keeps SQLite off the company index of 50,000 employees.
  if (filters.afdeling) conditions.push(inArray(absences.employeeId, matchingIds(and(sql`+${matching.companyId} = ${companyId}`, eq(matching.departmentId, bind("department", filters.afdeling)))!)));
  if (filters.aar) conditions.push(gte(absences.firstAbsenceDay, bind("yearFrom", `${filters.aar}-01-01`)), lt(absences.firstAbsenceDay, bind("yearTo", `${filters.aar + 1}-01-01`)));
  if (overdueOrSoon) conditions.push(overdueOrSoon.length ? inArray(absences.id, [...overdueOrSoon]) : noRow);
  return and(...conditions)!;
}

/** The open cases the deadline filter keeps, or null without that filter. */
async function deadlineFilterIds(filters: CaseFilters, states: () => Promise<Map<number, DeadlineState>>): Promise<number[] | null> {
  if (!filters.frist) return null;
  return [...(await states())].filter(([, s]) => (filters.frist === "overskredet" ? s.overdue > 0 : s.dueSoon)).map(([id]) => id);
}

async function whereOf(scope: EmployerScope, filters: CaseFilters, states: () => Promise<Map<number, DeadlineState>>): Promise<SQL> {
  return conditionsOf(scope, filters, bindAsValues(), await deadlineFilterIds(filters, states));
}

const SORT_COLUMNS: Record<CaseListSort, SQL | AnySQLiteColumn> = {
  sag: absences.id,
  navn: caseless(employees.name),
  nummer: employees.employeeNumber,
  afdeling: departments.name,
  foerste: absences.firstAbsenceDay,
  // Open (no return day) before closed, ascending.
  status: sql`${absences.returnedOn} IS NOT NULL`,
};

function orderOf(filters: CaseFilters): SQL[] {
  const sort = filters.sorter ?? "foerste";
  const descending = filters.retning ? filters.retning === "faldende" : sort === "foerste";
  const by = descending ? desc : asc;
  return [by(SORT_COLUMNS[sort]), by(absences.id)];
}

export interface CaseListRow {
  absenceId: number;
  reference: string;
  employeeId: number;
  employeeName: string;
  employeeNumber: string | null;
  department: string | null;
  firstAbsenceDay: IsoDate;
  returnedOn: IsoDate | null;
  open: boolean;
  deadlines: DeadlineState | null;
}

function rowsQuery(where: SQL, filters: CaseFilters) {
  return getDb()
    .select({
      absenceId: absences.id,
      employeeId: employees.id,
      employeeName: employees.name,
      employeeNumber: employees.employeeNumber,
      department: departments.name,
      firstAbsenceDay: absences.firstAbsenceDay,
      returnedOn: absences.returnedOn,
    })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .where(where)
    .orderBy(...orderOf(filters));
}

type RowsQuery = ReturnType<typeof rowsQuery>;
type ListedRow = Awaited<RowsQuery>[number];

/** A page (or the export's every row) of one shape of the query, prepared on the handle that built it. */
interface PreparedRows {
  execute(params: Record<string, string | number>): PromiseLike<ListedRow[]>;
}

// The shapes are few (the filters present, the sort, a manager's number of departments); the
// bound only guards memory against crafted mixes.
const preparedRowsFor = preparedQueriesByShape<PreparedRows>(500);

async function listedRows(scope: EmployerScope, filters: CaseFilters, states: () => Promise<Map<number, DeadlineState>>, window?: { limit: number; offset: number }): Promise<ListedRow[]> {
  const overdueOrSoon = await deadlineFilterIds(filters, states);
  if (overdueOrSoon) {
    const query = rowsQuery(conditionsOf(scope, filters, bindAsValues(), overdueOrSoon), filters);
    return window ? await query.limit(window.limit).offset(window.offset) : await query;
  }
  const binding = bindAsPlaceholders();
  const where = conditionsOf(scope, filters, binding, null);
  const key = [scope.departmentIds === null ? "company" : "departments", filters.status ?? "", filters.sorter ?? "", filters.retning ?? "", window ? "page" : "all", ...binding.names].join("|");
  const prepared = preparedRowsFor(key, () => {
    const query = rowsQuery(where, filters);
    return window ? query.limit(sql.placeholder("limit")).offset(sql.placeholder("offset")).prepare() : query.prepare();
  });
  return await prepared.execute(window ? { ...binding.params, limit: window.limit, offset: window.offset } : binding.params);
}

async function selectRows(scope: EmployerScope, filters: CaseFilters, asOf: IsoDate, window?: { limit: number; offset: number }): Promise<CaseListRow[]> {
  const states = async () => await openDeadlineStates(scope.companyId, asOf);
  const rows = await listedRows(scope, filters, states, window);
  const open = rows.some((r) => r.returnedOn === null) ? await states() : null;
  return rows.map((r) => ({
    ...r,
    reference: caseReference(r.absenceId),
    open: r.returnedOn === null,
    deadlines: r.returnedOn === null ? (open?.get(r.absenceId) ?? null) : null,
  }));
}

// The number of cases a filter matches changes only with the company's data or the day (the
// deadline filter): counting a large company's 90,000 cases on every page view cost ~20 ms.
const totalsCache = versionedCache<number>(500);

async function countCases(scope: EmployerScope, filters: CaseFilters, asOf: IsoDate): Promise<number> {
  const { companyId } = scope;
  const version = `${await companyDataVersion(companyId)}|${asOf}`;
  const key = JSON.stringify([scopeKey(scope), filters.q?.trim() ?? "", filters.status ?? "", filters.frist ?? "", filters.afdeling ?? "", filters.aar ?? ""]);
  return await totalsCache.get(key, version, async () => {
    const states = async () => await openDeadlineStates(companyId, asOf);
    // Every absence has its employee (a foreign key): the conditions are on absences alone, so no join.
    return (await one(getDb().select({ n: count() }).from(absences).where(await whereOf(scope, filters, states)).limit(1)))?.n ?? 0;
  });
}

/**
 * SQLite's plan for the count and the page of a filter (EXPLAIN QUERY PLAN, one detail line each):
 * tests check that a search or a department filter is answered from the employees' indexes.
 */
export async function caseListQueryPlan(input: { companyId: number; asOf: IsoDate; filters: CaseFilters }): Promise<{ count: string[]; page: string[] }> {
  const states = async () => await openDeadlineStates(input.companyId, input.asOf);
  const where = await whereOf({ companyId: input.companyId, departmentIds: null }, input.filters, states);
  const db = getDb();
  return {
    count: await queryPlan(db.select({ n: count() }).from(absences).where(where)),
    page: await queryPlan(
      db
        .select({ id: absences.id })
        .from(absences)
        .innerJoin(employees, eq(employees.id, absences.employeeId))
        .leftJoin(departments, eq(departments.id, employees.departmentId))
        .where(where)
        .orderBy(...orderOf(input.filters))
        .limit(CASE_LIST_PAGE_SIZE),
    ),
  };
}

/** One page of the company's cases with the filters the page offers. */
/** departmentIds: a manager's departments (the session's scope); absent or null for HR. */
export async function listCompanyCases(input: { companyId: number; departmentIds?: readonly number[] | null; asOf: IsoDate; filters: CaseFilters; page?: number }) {
  const scope: EmployerScope = { companyId: input.companyId, departmentIds: input.departmentIds ?? null };
  const total = await countCases(scope, input.filters, input.asOf);
  const pageCount = Math.max(1, Math.ceil(total / CASE_LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const rows = await selectRows(scope, input.filters, input.asOf, { limit: CASE_LIST_PAGE_SIZE, offset: (page - 1) * CASE_LIST_PAGE_SIZE });
  const conversations = await jobcenterConversations(input.companyId, rows.map((r) => r.absenceId));
  return {
    rows: rows.map((r) => ({ ...r, conversations: conversations.get(r.absenceId) ?? [] })),
    total,
    page,
    pageCount,
    departments: (await companyDepartments(input.companyId)).filter((d) => isInScope(scope, d.id)),
    years: await caseYears(input.companyId),
  };
}

/**
 * Where each case's documents stand with the jobcenter, for one page of cases: the kind, the
 * status and the conversation's last event, so the list reads as the document page does
 * ("Jobcentret venter på jeres svar"). Only the page's cases: never for the export.
 */
async function jobcenterConversations(companyId: number, absenceIds: readonly number[]) {
  const byAbsence = new Map<number, Array<{ submissionId: number; type: DocumentType; status: SubmissionStatus; lastEvent: ConversationEvent | null }>>();
  if (absenceIds.length === 0) return byAbsence;
  const rows = await getDb()
    .select({ submissionId: submissions.id, absenceId: submissions.absenceId, type: submissions.type, status: submissions.status })
    .from(submissions)
    .where(and(eq(submissions.companyId, companyId), inArray(submissions.absenceId, [...absenceIds])))
    .orderBy(asc(submissions.id));
  const lastEvents = await lastConversationEvents({ submissionIds: rows.map((r) => r.submissionId) });
  for (const r of rows) {
    if (r.absenceId === null) continue;
    byAbsence.set(r.absenceId, [...(byAbsence.get(r.absenceId) ?? []), { submissionId: r.submissionId, type: r.type, status: r.status, lastEvent: lastEvents[r.submissionId] ?? null }]);
  }
  return byAbsence;
}

/** Every case the filters match, for the export (no page); within a manager's departments when given. */
export async function allCompanyCases(input: { companyId: number; departmentIds?: readonly number[] | null; asOf: IsoDate; filters: CaseFilters }): Promise<CaseListRow[]> {
  return await selectRows({ companyId: input.companyId, departmentIds: input.departmentIds ?? null }, input.filters, input.asOf);
}

const departmentsQuery = preparedQuery("company_departments", (db) =>
  db
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.companyId, sql.placeholder("companyId")))
    .orderBy(caseless(departments.name))
    .prepare(),
);

export async function companyDepartments(companyId: number): Promise<Array<{ id: number; name: string }>> {
  return await departmentsQuery().execute({ companyId });
}

// Two queries: SQLite answers min() or max() alone from the end of absences_company_first_day_idx,
// but both in one select read every entry of the company (22 ms for 90,000 cases).
const firstCaseDayQuery = preparedQuery("first_case_day", (db) =>
  db.select({ day: min(absences.firstAbsenceDay) }).from(absences).where(eq(absences.companyId, sql.placeholder("companyId"))).limit(1).prepare(),
);
const lastCaseDayQuery = preparedQuery("last_case_day", (db) =>
  db.select({ day: max(absences.firstAbsenceDay) }).from(absences).where(eq(absences.companyId, sql.placeholder("companyId"))).limit(1).prepare(),
);

/** The years the company's first absence days span, newest first: the year filter's choices. */
export async function caseYears(companyId: number): Promise<number[]> {
  const first = (await one(firstCaseDayQuery().execute({ companyId })))?.day;
  const last = (await one(lastCaseDayQuery().execute({ companyId })))?.day;
  const range = { first, last };
  if (!range.first || !range.last) return [];
  const years: number[] = [];
  for (let y = Number(range.last.slice(0, 4)); y >= Number(range.first.slice(0, 4)); y--) years.push(y);
  return years;
}
