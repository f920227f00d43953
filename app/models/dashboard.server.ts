/**
 * The company's attention list (the dashboard) and the open deadlines it and
 * the daily digest are built from: a read model over absences and reminders.
 */
import { and, asc, eq, isNull } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, employees } from "~db/schema";
import { caseReference } from "~/domain/case-reference";
import { compareIso, diffDays, type IsoDate } from "~/domain/dates";
import { isPending, pendingStatus, type Actor, type DeadlineStatus } from "~/domain/deadlines";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { companyDataVersion, versionedCache } from "./data-versions.server";
import { deadlinesFor } from "./deadline-memo.server";
import { leftEmployeeIds } from "./leavers.server";
import { companyReminders, remindersInScope } from "./reminders.server";
import { employeesInScope, scopeKey, type EmployerScope } from "./department-scope.server";

export interface DashboardItem {
  key: string;
  /** The page where the user acts on it. */
  path: string;
  title: string;
  dueDate: IsoDate;
  daysLeft: number;
  status: DeadlineStatus;
  actor: Actor;
  employeeName: string;
  reference: string;
}

/** Deadlines that need attention soon: overdue or due within this many days. */
export const DASHBOARD_HORIZON_DAYS = 14;

export const DASHBOARD_PAGE_SIZE = 25;

/** Every pending deadline (overdue, due soon or upcoming) within horizonDays across the company's open absences. */
export async function openAbsenceDeadlines(input: { companyId: number; departmentIds?: readonly number[] | null; asOf: IsoDate; horizonDays: number }) {
  const scope: EmployerScope = { companyId: input.companyId, departmentIds: input.departmentIds ?? null };
  // Only the columns the deadlines need: a company can have hundreds of open absences.
  const rows = await getDb()
    .select({
      absence: { id: absences.id, ...factColumns },
      employee: { name: employees.name, ...employeeFactColumns },
    })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(and(eq(absences.companyId, input.companyId), employeesInScope(scope), isNull(absences.returnedOn)))
    .orderBy(asc(absences.firstAbsenceDay));
  const items: DashboardItem[] = [];
  let openAbsences = 0;
  for (const { absence, employee } of rows) {
    const deadlines = deadlinesFor(factsOf(absence, employee), input.asOf).deadlines;
    // An employee who has left counts only while a deadline of the absence is still open.
    const left = employee.employmentEndDate !== null && compareIso(employee.employmentEndDate, input.asOf) < 0;
    if (left && !deadlines.some(isPending)) continue;
    openAbsences += 1;
    for (const d of deadlines) {
      if (isPending(d) && d.daysLeft <= input.horizonDays) {
        items.push({
          key: `${absence.id}-${d.id}`,
          path: `/virksomhed/fravaer/${absence.id}#frist-${d.id}`,
          title: d.title,
          dueDate: d.dueDate,
          daysLeft: d.daysLeft,
          status: d.status,
          actor: d.actor,
          employeeName: employee.name,
          reference: caseReference(absence.id),
        });
      }
    }
  }
  return { openAbsences, items };
}

interface DashboardList {
  openAbsences: number;
  overdueDeadlines: number;
  /** Every item, most urgent first; pages are slices of it. */
  items: DashboardItem[];
}

// A large company's list costs tens of milliseconds to compute (hundreds of open
// absences, their deadlines and reminders) and changes only when its data does
// or the day turns: kept per company and day, valid while companies.data_version
// is unchanged.
const dashboardCache = versionedCache<DashboardList>(500);

/**
 * The company's attention list: every deadline overdue or due within the
 * horizon across its open absences, plus social-chapter reminders in the
 * horizon, most urgent first, one page at a time.
 */
export async function companyDashboard(input: { companyId: number; departmentIds?: readonly number[] | null; asOf: IsoDate; page?: number; pageSize?: number }) {
  const scope: EmployerScope = { companyId: input.companyId, departmentIds: input.departmentIds ?? null };
  const version = `${await companyDataVersion(input.companyId)}|${input.asOf}`;
  // A manager's list is kept apart from HR's: same company version, another key.
  const list = await dashboardCache.get(scopeKey(scope), version, async () => await dashboardList(scope, input.asOf));
  const { items } = list;
  const pageSize = input.pageSize ?? DASHBOARD_PAGE_SIZE;
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  return {
    openAbsences: list.openAbsences,
    overdueDeadlines: list.overdueDeadlines,
    totalItems: items.length,
    page,
    pageCount,
    items: items.slice((page - 1) * pageSize, page * pageSize),
  };
}

async function dashboardList(scope: EmployerScope, asOf: IsoDate): Promise<DashboardList> {
  const input = { companyId: scope.companyId, asOf };
  const { openAbsences, items } = await openAbsenceDeadlines({ ...scope, asOf, horizonDays: DASHBOARD_HORIZON_DAYS });
  const all = await companyReminders({ companyId: input.companyId, asOf: input.asOf, fromDaysAgo: 0 });
  const reminders = await remindersInScope(scope, all);
  // A renewal or review of an employment that has ended is no longer due.
  const left = await leftEmployeeIds(input.companyId, input.asOf);
  for (const r of reminders) {
    if (r.employeeId !== undefined && left.has(r.employeeId)) continue;
    const daysLeft = diffDays(input.asOf, r.dueDate);
    if (daysLeft > DASHBOARD_HORIZON_DAYS && !r.shownFromStart) continue;
    items.push({
      key: r.key,
      path: r.path,
      title: r.title,
      dueDate: r.dueDate,
      daysLeft,
      status: pendingStatus(daysLeft),
      actor: "employer",
      employeeName: r.employeeName,
      reference: r.reference,
    });
  }
  items.sort((a, b) => a.daysLeft - b.daysLeft || a.reference.localeCompare(b.reference));
  return { openAbsences, overdueDeadlines: items.filter((i) => i.status === "overdue").length, items };
}
