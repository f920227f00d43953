import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb, one, only, runTx, type Tx } from "~db/client.server";
import { departments, employeeMoves, employees, submissions, type Employee } from "~db/schema";
import { compareIso, todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { DOCUMENT_TYPE_LABELS } from "~/domain/documents";
import { municipalityLabel } from "~/domain/municipalities";
import { homeMunicipalityOn, type Move } from "~/domain/residence";
import type { EmployeeInput, EmployeeMoveInput } from "~/forms/employee";
import { recordAudit } from "./audit.server";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import { notify } from "./notification.server";
import type { EmployerUser } from "./user.server";
import { employeesInScope } from "./department-scope.server";

export interface EmployeeWithMoves extends Employee {
  moves: Move[];
  departmentName: string | null;
}

type RecordInput = Pick<EmployeeInput, "employeeNumber" | "email" | "departmentName" | "addressLine" | "postalCode" | "city">;

/** The company's departments, for the department field's suggestions. */
export async function listDepartments(companyId: number): Promise<string[]> {
  return (await getDb()
    .select({ name: departments.name })
    .from(departments)
    .where(eq(departments.companyId, companyId)))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, "da"));
}

/**
 * The department by name, created in the company when it is new: HR types a name
 * rather than managing a list. Names match ignoring case and surrounding spaces, so
 * "Lager" and "lager " are one department.
 */
export async function departmentIdFor(tx: Tx, companyId: number, name: string | undefined, cache?: Map<string, number>): Promise<number | null> {
  const wanted = name?.trim().replace(/\s+/g, " ");
  if (!wanted) return null;
  const key = wanted.toLocaleLowerCase("da");
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  const found = (await tx
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.companyId, companyId)))
    .find((d) => d.name.toLocaleLowerCase("da") === key);
  const id = found?.id ?? (await only(tx.insert(departments).values({ companyId, name: wanted }).returning({ id: departments.id }))).id;
  cache?.set(key, id);
  return id;
}

/** An employee number is the import's key: two employees of a company never share one. */
async function checkEmployeeNumberFree(tx: Tx, companyId: number, employeeNumber: string | undefined, exceptId?: number): Promise<void> {
  if (!employeeNumber) return;
  const other = await one(tx
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(employees.companyId, companyId), eq(employees.employeeNumber, employeeNumber))).limit(1));
  if (other && other.id !== exceptId) {
    throw new ValidationError({ employeeNumber: ["En anden medarbejder har allerede dette medarbejdernummer."] });
  }
}

/** The record's columns; a blank field clears the stored value (undefined would keep it). */
async function recordColumns(tx: Tx, companyId: number, data: RecordInput) {
  return {
    employeeNumber: data.employeeNumber ?? null,
    email: data.email ?? null,
    departmentId: await departmentIdFor(tx, companyId, data.departmentName),
    addressLine: data.addressLine ?? null,
    postalCode: data.postalCode ?? null,
    city: data.city ?? null,
  };
}

export const EMPLOYEES_PAGE_SIZE = 50;

/**
 * Case-insensitive search on name and job title, one page at a time. The
 * filter runs in JS because SQLite's LIKE folds only ASCII (Ø, Ł); the query
 * reads just the three columns it needs.
 */
export async function listEmployees(input: { companyId: number; departmentIds?: readonly number[] | null; query?: string; page?: number; hide?: ReadonlySet<number> }) {
  const rows = (await getDb()
    .select({ id: employees.id, name: employees.name, jobTitle: employees.jobTitle, employeeNumber: employees.employeeNumber })
    .from(employees)
    .where(employeesInScope({ companyId: input.companyId, departmentIds: input.departmentIds ?? null }))
    .orderBy(asc(employees.name), asc(employees.id)))
    .filter((e) => !input.hide?.has(e.id));
  const q = input.query?.trim().toLocaleLowerCase("da");
  const matches = q
    ? rows.filter((e) => e.name.toLocaleLowerCase("da").includes(q) || e.jobTitle.toLocaleLowerCase("da").includes(q) || e.employeeNumber?.toLocaleLowerCase("da") === q)
    : rows;
  const pageCount = Math.max(1, Math.ceil(matches.length / EMPLOYEES_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const ids = matches.slice((page - 1) * EMPLOYEES_PAGE_SIZE, page * EMPLOYEES_PAGE_SIZE).map((e) => e.id);
  const items = ids.length
    ? await getDb().select().from(employees).where(inArray(employees.id, ids)).orderBy(asc(employees.name), asc(employees.id))
    : [];
  return { items, total: matches.length, page, pageCount };
}

/** An employee of another company is "not found": the caller learns nothing about it. */
export async function getEmployee(input: { companyId: number; employeeId: number }): Promise<EmployeeWithMoves> {
  const db = getDb();
  const employee = await one(db
    .select()
    .from(employees)
    .where(and(eq(employees.id, input.employeeId), eq(employees.companyId, input.companyId))).limit(1));
  if (!employee) throw new NotFoundError("Medarbejderen findes ikke.");
  const department = employee.departmentId
    ? await one(db.select({ name: departments.name }).from(departments).where(eq(departments.id, employee.departmentId)).limit(1))
    : undefined;
  const moves = await db
    .select({
      fromMunicipalityCode: employeeMoves.fromMunicipalityCode,
      toMunicipalityCode: employeeMoves.toMunicipalityCode,
      movedOn: employeeMoves.movedOn,
    })
    .from(employeeMoves)
    .where(eq(employeeMoves.employeeId, employee.id))
    .orderBy(asc(employeeMoves.movedOn));
  return { ...employee, moves, departmentName: department?.name ?? null };
}

export async function createEmployee(input: { user: EmployerUser; data: EmployeeInput }): Promise<Employee> {
  const companyId = input.user.company.id;
  const { departmentName: _department, ...data } = input.data;
  return await runTx(async (tx) => {
    await checkEmployeeNumberFree(tx, companyId, data.employeeNumber);
    const employee = await only(tx
      .insert(employees)
      .values({ ...data, ...await recordColumns(tx, companyId, input.data), municipalityCode: Number(data.municipalityCode), companyId })
      .returning());
    await recordAudit(tx, { userId: input.user.id, action: "employee.create", entityType: "employee", entityId: employee.id });
    return employee;
  });
}

/**
 * Editing corrects the record; a change of home municipality is a move (see
 * moveEmployee). `check` and `afterUpdate` run in the same transaction: the
 * absence model checks the dates against the absences and brings their
 * deadlines in step (an employment end date changes § 7 a).
 */
export async function updateEmployee(input: {
  user: EmployerUser;
  employeeId: number;
  data: Omit<EmployeeInput, "municipalityCode">;
  check?: (tx: Tx, before: Employee) => void | Promise<void>;
  afterUpdate?: (tx: Tx, employee: Employee) => void | Promise<void>;
}): Promise<Employee> {
  const companyId = input.user.company.id;
  const before = await getEmployee({ companyId, employeeId: input.employeeId });
  const { departmentName: _department, ...data } = input.data;
  return await runTx(async (tx) => {
    await input.check?.(tx, before);
    await checkEmployeeNumberFree(tx, companyId, data.employeeNumber, input.employeeId);
    const employee = await only(tx
      .update(employees)
      // A blank end date clears it: undefined would leave the old value.
      .set({
        ...data,
        ...await recordColumns(tx, companyId, input.data),
        employmentEndDate: data.employmentEndDate ?? null,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(employees.id, input.employeeId), eq(employees.companyId, input.user.company.id)))
      .returning());
    await recordAudit(tx, {
      userId: input.user.id,
      action: "employee.update",
      entityType: "employee",
      entityId: input.employeeId,
      details: { fields: Object.keys(input.data) },
    });
    await input.afterUpdate?.(tx, employee);
    return employee!;
  });
}

/**
 * A move takes effect on movedOn: from that day the whole case belongs to the new
 * municipality (the triggers of migration 0017 carry its submissions along). When
 * the day has come, the new jobcenter is told about the open submissions it took over.
 */
export async function moveEmployee(input: { user: EmployerUser; employeeId: number; data: EmployeeMoveInput; asOf?: IsoDate }): Promise<void> {
  const employee = await getEmployee({ companyId: input.user.company.id, employeeId: input.employeeId });
  const to = Number(input.data.toMunicipalityCode);
  if (to === employee.municipalityCode) {
    throw new ValidationError({ toMunicipalityCode: ["Medarbejderen bor allerede i den kommune."] });
  }
  const lastMove = employee.moves.at(-1);
  if (lastMove && compareIso(input.data.movedOn, lastMove.movedOn) <= 0) {
    throw new ValidationError({ movedOn: ["Flytningen skal ligge efter den seneste registrerede flytning."] });
  }
  await runTx(async (tx) => await recordMove(tx, { user: input.user, employee, to, movedOn: input.data.movedOn, asOf: input.asOf }));
}

/**
 * The move's rows, in the caller's transaction (the form's move, or an import that
 * finds a new home municipality). The caller has checked the date against earlier moves.
 */
export async function recordMove(tx: Tx, input: { user: EmployerUser; employee: Pick<Employee, "id" | "municipalityCode">; to: number; movedOn: IsoDate; asOf?: IsoDate }): Promise<void> {
  const { employee, to } = input;
  await tx.insert(employeeMoves)
    .values({ employeeId: employee.id, fromMunicipalityCode: employee.municipalityCode, toMunicipalityCode: to, movedOn: input.movedOn });
  await tx.update(employees).set({ municipalityCode: to, updatedAt: new Date().toISOString() }).where(eq(employees.id, employee.id));
  await recordAudit(tx, {
    userId: input.user.id,
    action: "employee.move",
    entityType: "employee",
    entityId: employee.id,
    details: { from: employee.municipalityCode, to, movedOn: input.movedOn },
  });
  if (compareIso(input.movedOn, input.asOf ?? todayInCopenhagen(new Date())) > 0) return;
  const open = await tx
    .select({ id: submissions.id, type: submissions.type })
    .from(submissions)
    .where(and(eq(submissions.employeeId, employee.id), inArray(submissions.status, ["received", "in-review", "needs-information"])));
  const from = municipalityLabel(employee.municipalityCode) ?? String(employee.municipalityCode);
  for (const s of open) {
    await notify(tx, {
      to: { municipalityCode: to },
      exceptUserId: null,
      submissionId: s.id,
      text: `Overtaget fra ${from}: ${DOCUMENT_TYPE_LABELS[s.type]} fra ${input.user.company.name}`,
      link: `/jobcenter/indsendelser/${s.id}`,
    });
  }
}

export function municipalityOf(employee: EmployeeWithMoves, date: string): number {
  return homeMunicipalityOn(employee.municipalityCode, employee.moves, date);
}
