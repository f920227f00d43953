/**
 * Employees who have left (their employment end date has passed). They stay in the
 * lists while one of their absences still has a deadline open, then drop out of the
 * pickers and the dashboard; retention deletes them later (retention.server.ts).
 */
import { and, eq, isNotNull, isNull, lt } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, employees } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { isPending } from "~/domain/deadlines";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { deadlinesFor } from "./deadline-memo.server";
import { listEmployees } from "./employee.server";
import { employeeIdsInScope } from "./department-scope.server";

/** The company's employees whose employment ended before asOf (the end date is their last day). */
export async function leftEmployeeIds(companyId: number, asOf: IsoDate): Promise<Set<number>> {
  return new Set(
    (await getDb()
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.companyId, companyId), isNotNull(employees.employmentEndDate), lt(employees.employmentEndDate, asOf))))
      .map((e) => e.id),
  );
}

/**
 * Employees who have left and have nothing open: no open absence with a pending deadline.
 * They drop out of the employee list (the picker for a new absence or document) and the
 * dashboard; their record stays until retention deletes it.
 */
export async function settledLeavers(input: { companyId: number; asOf: IsoDate }): Promise<Set<number>> {
  const left = await leftEmployeeIds(input.companyId, input.asOf);
  if (left.size === 0) return left;
  const open = await getDb()
    .select({ absence: { id: absences.id, ...factColumns }, employee: { id: employees.id, ...employeeFactColumns } })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(and(eq(absences.companyId, input.companyId), isNull(absences.returnedOn), isNotNull(employees.employmentEndDate), lt(employees.employmentEndDate, input.asOf)));
  for (const { absence, employee } of open) {
    if (deadlinesFor(factsOf(absence, employee), input.asOf).deadlines.some(isPending)) left.delete(employee.id);
  }
  return left;
}

/** The employee list; employees who have left with nothing open are left out unless asked for. */
export async function listCurrentEmployees(input: { companyId: number; departmentIds?: readonly number[] | null; asOf: IsoDate; query?: string; page?: number; includeLeft: boolean }) {
  const departmentIds = input.departmentIds ?? null;
  const companyWide = await settledLeavers(input);
  // A manager's count of hidden leavers is of their own departments only.
  const reach = departmentIds === null ? null : await employeeIdsInScope({ companyId: input.companyId, departmentIds });
  const settled = reach === null ? companyWide : new Set([...companyWide].filter((id) => reach.has(id)));
  const list = await listEmployees({ companyId: input.companyId, departmentIds, query: input.query, page: input.page, hide: input.includeLeft ? undefined : settled });
  return { ...list, hidden: input.includeLeft ? 0 : settled.size, leftIds: [...settled].filter((id) => list.items.some((e) => e.id === id)) };
}
