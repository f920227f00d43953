/**
 * The administrator's work on departments and managers (/brugere/afdelinger): departments
 * are created and renamed, and each company user is HR or the nearest manager of chosen
 * departments. The reach itself is read and enforced in department-scope.server.ts.
 */
import { and, asc, count, eq } from "drizzle-orm";
import { getDb, one, only, runTx } from "~db/client.server";
import { caseless, equalsCaseless } from "~db/portable-sql";
import { companies, departments, employees, userDepartments, users } from "~db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "~/utils/errors.server";
import { assertAdmin } from "./account.server";
import { recordAudit } from "./audit.server";
import { companyDepartmentIdsAmong } from "./department-scope.server";
import type { EmployerUser, SessionUser } from "./user.server";

/** Only a company's administrator; a caseworker administers no departments. */
function companyAdmin(user: SessionUser): EmployerUser {
  assertAdmin(user);
  if (user.role !== "employer") throw new ForbiddenError("Afdelinger findes kun i virksomheder.");
  return user;
}

/** What the departments page shows: each department with its number of employees and managers, and each company user's reach. */
export async function departmentOverview(input: { admin: SessionUser }) {
  const admin = companyAdmin(input.admin);
  const companyId = admin.company.id;
  const db = getDb();
  const list = await db
    .select({ id: departments.id, name: departments.name, employees: count(employees.id) })
    .from(departments)
    .leftJoin(employees, eq(employees.departmentId, departments.id))
    .where(eq(departments.companyId, companyId))
    .groupBy(departments.id)
    .orderBy(caseless(departments.name));
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, isAdmin: users.isAdmin, accessLevel: users.accessLevel, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(and(eq(users.role, "employer"), eq(users.companyId, companyId)))
    .orderBy(asc(users.name));
  const links = await db
    .select({ userId: userDepartments.userId, departmentId: userDepartments.departmentId })
    .from(userDepartments)
    .innerJoin(departments, eq(departments.id, userDepartments.departmentId))
    .where(eq(departments.companyId, companyId));
  const setting = await one(db.select({ managersMaySubmit: companies.managersMaySubmit }).from(companies).where(eq(companies.id, companyId)).limit(1));
  return {
    departments: list.map((d) => ({ ...d, managers: links.filter((l) => l.departmentId === d.id).length })),
    users: people.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      isAdmin: u.isAdmin,
      active: u.deactivatedAt === null,
      accessLevel: u.accessLevel,
      departmentIds: links.filter((l) => l.userId === u.id).map((l) => l.departmentId),
    })),
    managersMaySubmit: setting?.managersMaySubmit ?? false,
  };
}

const NAME_TAKEN = "Virksomheden har allerede en afdeling med det navn.";

async function nameTaken(companyId: number, name: string, exceptId?: number): Promise<boolean> {
  const found = await one(getDb()
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.companyId, companyId), equalsCaseless(departments.name, name))).limit(1));
  return found !== undefined && found.id !== exceptId;
}

export async function createDepartment(input: { admin: SessionUser; name: string }): Promise<number> {
  const admin = companyAdmin(input.admin);
  const companyId = admin.company.id;
  const name = input.name.trim();
  if (await nameTaken(companyId, name)) throw new ValidationError({ name: [NAME_TAKEN] });
  return await runTx(async (tx) => {
    const id = (await only(tx.insert(departments).values({ companyId, name }).returning({ id: departments.id }))).id;
    await recordAudit(tx, { userId: admin.id, action: "department.create", entityType: "department", entityId: id, details: { name } });
    return id;
  });
}

export async function renameDepartment(input: { admin: SessionUser; departmentId: number; name: string }): Promise<void> {
  const admin = companyAdmin(input.admin);
  const companyId = admin.company.id;
  const name = input.name.trim();
  const before = await one(getDb()
    .select({ name: departments.name })
    .from(departments)
    .where(and(eq(departments.id, input.departmentId), eq(departments.companyId, companyId))).limit(1));
  // Another company's department is not found, as another company's user is not.
  if (!before) throw new NotFoundError("Afdelingen findes ikke.");
  if (await nameTaken(companyId, name, input.departmentId)) throw new ValidationError({ name: [NAME_TAKEN] });
  await runTx(async (tx) => {
    await tx.update(departments).set({ name }).where(eq(departments.id, input.departmentId));
    await recordAudit(tx, { userId: admin.id, action: "department.rename", entityType: "department", entityId: input.departmentId, details: { from: before.name, to: name } });
  });
}

/**
 * Makes a company user HR or the nearest manager of the given departments (replacing the
 * earlier ones). An administrator stays HR: they manage users and see the audit log, which
 * a department's manager may not. The change applies from the user's next request.
 */
export async function setUserAccess(input: { admin: SessionUser; userId: number; accessLevel: "hr" | "manager"; departmentIds: readonly number[] }): Promise<void> {
  const admin = companyAdmin(input.admin);
  const companyId = admin.company.id;
  await runTx(async (tx) => {
    const user = await one(tx
      .select({ id: users.id, isAdmin: users.isAdmin, accessLevel: users.accessLevel })
      .from(users)
      .where(and(eq(users.id, input.userId), eq(users.role, "employer"), eq(users.companyId, companyId))).limit(1));
    if (!user) throw new NotFoundError("Brugeren findes ikke.");
    if (input.accessLevel === "manager" && user.isAdmin) {
      throw new ValidationError({ accessLevel: ["En administrator har altid adgang som HR til hele virksomheden."] });
    }
    const own = input.accessLevel === "manager" ? await companyDepartmentIdsAmong(tx, companyId, input.departmentIds) : [];
    if (input.accessLevel === "manager" && (own.length === 0 || own.length !== new Set(input.departmentIds).size)) {
      throw new ValidationError({ departmentIds: ["Vælg mindst én af virksomhedens afdelinger."] });
    }
    await tx.update(users).set({ accessLevel: input.accessLevel }).where(eq(users.id, user.id));
    await tx.delete(userDepartments).where(eq(userDepartments.userId, user.id));
    for (const departmentId of own) await tx.insert(userDepartments).values({ userId: user.id, departmentId });
    await recordAudit(tx, {
      userId: admin.id,
      action: "user.access",
      entityType: "user",
      entityId: user.id,
      details: { from: user.accessLevel, to: input.accessLevel, departmentIds: own },
    });
  });
}

/** HR's choice whether managers may send documents to the jobcenter themselves. */
export async function setManagersMaySubmit(input: { admin: SessionUser; allowed: boolean }): Promise<void> {
  const admin = companyAdmin(input.admin);
  await runTx(async (tx) => {
    await tx.update(companies).set({ managersMaySubmit: input.allowed }).where(eq(companies.id, admin.company.id));
    await recordAudit(tx, { userId: admin.id, action: "company.managers-may-submit", entityType: "company", entityId: admin.company.id, details: { allowed: input.allowed } });
  });
}
