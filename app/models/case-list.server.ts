/**
 * The company's case list (/virksomhed/sager): every absence, open and closed,
 * searched, filtered, sorted and paged in SQL. The deadline state (overdue, due
 * within 7 days) is the domain's, computed for the open cases only, as on the
 * dashboard: a closed case has no deadline the company still works towards.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, max, min, or, sql, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb } from "~db/client.server";
import { absences, departments, employees } from "~db/schema";
import { caseReference, parseCaseReference } from "~/domain/case-reference";
import { compareIso, type IsoDate } from "~/domain/dates";
import { isPending, type DeadlineStatus } from "~/domain/deadlines";
import type { CaseListQuery, CaseListSort } from "~/forms/case-list";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { deadlinesFor } from "./deadline-memo.server";
import { companyDataVersion, versionedCache } from "./data-versions.server";

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

function openDeadlineStates(companyId: number, asOf: IsoDate): Map<number, DeadlineState> {
  const version = `${companyDataVersion(companyId)}|${asOf}`;
  return openStatesCache.get(String(companyId), version, () => {
    const rows = getDb()
      .select({ absence: { id: absences.id, ...factColumns }, employee: employeeFactColumns })
      .from(absences)
      .innerJoin(employees, eq(employees.id, absences.employeeId))
      .where(and(eq(absences.companyId, companyId), isNull(absences.returnedOn)))
      .all();
    return new Map(rows.map((r) => [r.absence.id, deadlineStateOf(deadlinesFor(factsOf(r.absence, r.employee), asOf).deadlines)]));
  });
}

/** A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export type CaseFilters = Partial<Omit<CaseListQuery, "side">>;

function whereOf(companyId: number, filters: CaseFilters, states: () => Map<number, DeadlineState>): SQL {
  const conditions: Array<SQL | undefined> = [eq(absences.companyId, companyId)];
  const q = filters.q?.trim();
  if (q) {
    const absenceId = parseCaseReference(q);
    conditions.push(
      or(
        sql`${employees.name} LIKE ${containsPattern(q)} ESCAPE '\\'`,
        eq(employees.employeeNumber, q),
        absenceId ? eq(absences.id, absenceId) : undefined,
      ),
    );
  }
  if (filters.status === "aaben") conditions.push(isNull(absences.returnedOn));
  if (filters.status === "afsluttet") conditions.push(isNotNull(absences.returnedOn));
  if (filters.afdeling) conditions.push(eq(employees.departmentId, filters.afdeling));
  if (filters.aar) conditions.push(gte(absences.firstAbsenceDay, `${filters.aar}-01-01`), lt(absences.firstAbsenceDay, `${filters.aar + 1}-01-01`));
  if (filters.frist) {
    const ids = [...states()].filter(([, s]) => (filters.frist === "overskredet" ? s.overdue > 0 : s.dueSoon)).map(([id]) => id);
    conditions.push(ids.length ? inArray(absences.id, ids) : sql`0`);
  }
  return and(...conditions)!;
}

const SORT_COLUMNS: Record<CaseListSort, SQL | AnySQLiteColumn> = {
  sag: absences.id,
  navn: sql`${employees.name} COLLATE NOCASE`,
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

function selectRows(companyId: number, filters: CaseFilters, asOf: IsoDate, window?: { limit: number; offset: number }): CaseListRow[] {
  const states = () => openDeadlineStates(companyId, asOf);
  const query = getDb()
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
    .where(whereOf(companyId, filters, states))
    .orderBy(...orderOf(filters));
  const rows = window ? query.limit(window.limit).offset(window.offset).all() : query.all();
  const open = rows.some((r) => r.returnedOn === null) ? states() : null;
  return rows.map((r) => ({
    ...r,
    reference: caseReference(r.absenceId),
    open: r.returnedOn === null,
    deadlines: r.returnedOn === null ? (open?.get(r.absenceId) ?? null) : null,
  }));
}

/** One page of the company's cases with the filters the page offers. */
export function listCompanyCases(input: { companyId: number; asOf: IsoDate; filters: CaseFilters; page?: number }) {
  const db = getDb();
  const states = () => openDeadlineStates(input.companyId, input.asOf);
  const total =
    db
      .select({ n: count() })
      .from(absences)
      .innerJoin(employees, eq(employees.id, absences.employeeId))
      .where(whereOf(input.companyId, input.filters, states))
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / CASE_LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const rows = selectRows(input.companyId, input.filters, input.asOf, { limit: CASE_LIST_PAGE_SIZE, offset: (page - 1) * CASE_LIST_PAGE_SIZE });
  return { rows, total, page, pageCount, departments: companyDepartments(input.companyId), years: caseYears(input.companyId) };
}

/** Every case the filters match, for the export (no page). */
export function allCompanyCases(input: { companyId: number; asOf: IsoDate; filters: CaseFilters }): CaseListRow[] {
  return selectRows(input.companyId, input.filters, input.asOf);
}

export function companyDepartments(companyId: number): Array<{ id: number; name: string }> {
  return getDb()
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.companyId, companyId))
    .orderBy(sql`${departments.name} COLLATE NOCASE`)
    .all();
}

/** The years the company's first absence days span, newest first: the year filter's choices. */
export function caseYears(companyId: number): number[] {
  const range = getDb()
    .select({ first: min(absences.firstAbsenceDay), last: max(absences.firstAbsenceDay) })
    .from(absences)
    .where(eq(absences.companyId, companyId))
    .get();
  if (!range?.first || !range.last) return [];
  const years: number[] = [];
  for (let y = Number(range.last.slice(0, 4)); y >= Number(range.first.slice(0, 4)); y--) years.push(y);
  return years;
}
