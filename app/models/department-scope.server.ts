/**
 * How far a company user reaches (docs/decisions/007-managers-and-departments.md):
 * HR the whole company, a manager (nærmeste leder) only the employees of their
 * departments. The one place that turns the reach into SQL for the list models
 * and decides which pages a manager may open at all; it sits below every model
 * that lists employees, absences or documents, so they can all use it.
 */
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { type Db, getDb, one, preparedQuery } from "~db/client.server";
import { noRow } from "~db/portable-sql";
import { absences, companies, departments, documents, employees, userDepartments, users } from "~db/schema";

/** Whose employees a query may reach: departmentIds null = every employee of the company. */
export interface EmployerScope {
  companyId: number;
  departmentIds: readonly number[] | null;
}

/** The departments a manager manages (only departments of their own company count). */
const managedDepartmentsQuery = preparedQuery("managed_departments", (db) =>
  db
    .select({ id: userDepartments.departmentId })
    .from(userDepartments)
    .innerJoin(departments, eq(departments.id, userDepartments.departmentId))
    .where(and(eq(userDepartments.userId, sql.placeholder("userId")), eq(departments.companyId, sql.placeholder("companyId"))))
    .orderBy(userDepartments.departmentId)
    .prepare(),
);

export async function managedDepartmentIds(input: { userId: number; companyId: number }): Promise<number[]> {
  return (await managedDepartmentsQuery().execute({ userId: input.userId, companyId: input.companyId })).map((r) => r.id);
}

/**
 * The condition on `employees` for a query in this scope. A manager without
 * departments reaches nobody, and an employee without a department is HR's alone.
 */
export function employeesInScope(scope: EmployerScope): SQL {
  const company = eq(employees.companyId, scope.companyId);
  if (scope.departmentIds === null) return company;
  if (scope.departmentIds.length === 0) return and(company, noRow)!;
  return and(company, inArray(employees.departmentId, [...scope.departmentIds]))!;
}

/**
 * The same reach for a query on a table with an employee_id column that does not join
 * employees (absences, documents, submissions): a sub-select on the employees of the scope.
 */
export function employeeIdInScope(column: typeof absences.employeeId | typeof documents.employeeId, scope: EmployerScope): SQL | undefined {
  if (scope.departmentIds === null) return undefined;
  return inArray(column, getDb().select({ id: employees.id }).from(employees).where(employeesInScope(scope)));
}

/** The ids of the employees in a manager's reach (a small set: their departments). */
export async function employeeIdsInScope(scope: EmployerScope): Promise<Set<number>> {
  return new Set((await getDb().select({ id: employees.id }).from(employees).where(employeesInScope(scope))).map((r) => r.id));
}

/** A key for caches of a scoped list: the whole company, or this set of departments. */
export function scopeKey(scope: EmployerScope): string {
  return scope.departmentIds === null ? String(scope.companyId) : `${scope.companyId}:${scope.departmentIds.join(",")}`;
}

export function isInScope(scope: EmployerScope, departmentId: number | null): boolean {
  return scope.departmentIds === null || (departmentId !== null && scope.departmentIds.includes(departmentId));
}

/**
 * What a manager may open, by the page's address. Deny by default: a page not
 * listed here (and every page added later) is HR's until someone decides otherwise,
 * so a new route cannot leak another department's data by forgetting a check.
 */
type ManagerPage = { kind: "list" } | { kind: "employee"; id: number } | { kind: "absence"; id: number } | { kind: "document"; id: number };

const MANAGER_PAGES: Array<{ pattern: RegExp; page: (id: number) => ManagerPage }> = [
  { pattern: /^\/virksomhed\/?$/, page: () => ({ kind: "list" }) },
  { pattern: /^\/virksomhed\/sager\/?$/, page: () => ({ kind: "list" }) },
  { pattern: /^\/virksomhed\/indsendelser\/?$/, page: () => ({ kind: "list" }) },
  { pattern: /^\/virksomhed\/medarbejdere\/?$/, page: () => ({ kind: "list" }) },
  // The manager's own calendar address (calendar.server.ts makes it for their departments).
  { pattern: /^\/virksomhed\/kalender\/?$/, page: () => ({ kind: "list" }) },
  { pattern: /^\/virksomhed\/medarbejdere\/(\d+)(?:\/(?:fravaer\/ny|mulighedserklaering\/ny))?\/?$/, page: (id) => ({ kind: "employee", id }) },
  { pattern: /^\/virksomhed\/fravaer\/(\d+)(?:\/(?:rediger|fast-track|fastholdelsesplan))?\/?$/, page: (id) => ({ kind: "absence", id }) },
  {
    pattern: /^\/virksomhed\/dokumenter\/(\d+)(?:\/(?:pdf|rediger|laegens-svar|paamindelse|trin\/[a-z0-9-]+|bilag\/\d+))?\/?$/,
    page: (id) => ({ kind: "document", id }),
  },
];

/** Document kinds that stay with HR: a manager's page about one of them is HR-only like the employee's § 56 and social-chapter pages. */
export const HR_ONLY_DOCUMENT_TYPES = ["paragraph56", "social-chapter"] as const;

export type ManagerAccess = "allowed" | "hr-only" | "not-found";

async function employeeDepartment(companyId: number, page: ManagerPage): Promise<{ departmentId: number | null } | undefined> {
  const db = getDb();
  if (page.kind === "employee") {
    return await one(db
      .select({ departmentId: employees.departmentId })
      .from(employees)
      .where(and(eq(employees.id, page.id), eq(employees.companyId, companyId))).limit(1));
  }
  if (page.kind === "absence") {
    return await one(db
      .select({ departmentId: employees.departmentId })
      .from(absences)
      .innerJoin(employees, eq(employees.id, absences.employeeId))
      .where(and(eq(absences.id, page.id), eq(absences.companyId, companyId))).limit(1));
  }
  return undefined;
}

/**
 * A manager's request for a page: "allowed" when the page is one a manager uses and
 * its employee is in one of their departments; "not-found" for another department's
 * (or another company's, or no) id, as another company's id answers; "hr-only" otherwise.
 */
export async function managerAccess(scope: EmployerScope, pathname: string): Promise<ManagerAccess> {
  const path = pathname.normalize("NFC");
  for (const { pattern, page: pageOf } of MANAGER_PAGES) {
    const match = pattern.exec(path);
    if (!match) continue;
    const page = pageOf(Number(match[1] ?? 0));
    if (page.kind === "list") return "allowed";
    if (!Number.isSafeInteger(page.id)) return "not-found";
    if (page.kind === "document") {
      const doc = await one(getDb()
        .select({ type: documents.type, departmentId: employees.departmentId })
        .from(documents)
        .innerJoin(employees, eq(employees.id, documents.employeeId))
        .where(and(eq(documents.id, page.id), eq(documents.companyId, scope.companyId))).limit(1));
      if (!doc || !isInScope(scope, doc.departmentId)) return "not-found";
      return (HR_ONLY_DOCUMENT_TYPES as readonly string[]).includes(doc.type) ? "hr-only" : "allowed";
    }
    const found = await employeeDepartment(scope.companyId, page);
    return found && isInScope(scope, found.departmentId) ? "allowed" : "not-found";
  }
  return "hr-only";
}

/**
 * The condition on `users` for the company users an event about this employee reaches
 * (notices, immediate e-mails): HR always; a manager when the employee is in one of their
 * departments and the document is not of a kind that stays with HR.
 */
export function usersReaching(about: { companyId: number; employeeId: number; documentType: string | null }): SQL {
  const hrOnly = about.documentType !== null && (HR_ONLY_DOCUMENT_TYPES as readonly string[]).includes(about.documentType);
  const managerReach = hrOnly
    ? noRow
    : sql`${users.accessLevel} = 'manager' AND EXISTS (SELECT 1 FROM ${userDepartments} JOIN ${employees} ON ${employees.departmentId} = ${userDepartments.departmentId} WHERE ${userDepartments.userId} = ${users.id} AND ${employees.id} = ${about.employeeId})`;
  return and(eq(users.role, "employer"), eq(users.companyId, about.companyId), sql`(${users.accessLevel} = 'hr' OR (${managerReach}))`)!;
}

export const MANAGER_MAY_NOT_SUBMIT = "HR sender dokumenter til jobcentret i jeres virksomhed. Sig til HR, når dokumentet er klar.";

/**
 * HR always sends to the jobcenter; a manager only where HR has allowed it for the
 * company (companies.managers_may_submit, /virksomhed/indstillinger).
 */
export async function maySubmitToJobcenter(user: { accessLevel: "hr" | "manager"; scope: EmployerScope }, db: Pick<Db, "select"> = getDb()): Promise<boolean> {
  if (user.accessLevel === "hr") return true;
  return (await one(db.select({ allowed: companies.managersMaySubmit }).from(companies).where(eq(companies.id, user.scope.companyId)).limit(1)))?.allowed ?? false;
}

/** The ids among these that are departments of the company, sorted; a foreign or unknown id is simply not there. */
export async function companyDepartmentIdsAmong(db: Pick<Db, "select">, companyId: number, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.companyId, companyId), inArray(departments.id, [...ids])))
    .orderBy(departments.id))
    .map((r) => r.id);
}
