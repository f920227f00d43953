/**
 * The company dashboard is kept per company and day and is valid while
 * companies.data_version is unchanged. The version is bumped by triggers in the
 * writer's transaction, so the cached list follows every write it depends on,
 * from any code path or another process, and never another company's writes.
 */
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databasePath, getDb, getSqlite, migrateEngine, one, only, runTx } from "~db/client.server";
import { absences, companies, employees, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays } from "~/domain/dates";
import { createAbsence, recordAbsenceFact } from "~/models/absence-case.server";
import { companyDashboard } from "~/models/dashboard.server";
import { updateEmployee } from "~/models/employee.server";
import { saveSocialChapterRecord } from "~/models/social-chapter.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";

const today = "2026-11-24";
let nordbyg: EmployerUser;
let solskin: EmployerUser;

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

async function versionOf(companyId: number): Promise<number> {
  return (await one(getDb().select({ v: companies.dataVersion }).from(companies).where(eq(companies.id, companyId)).limit(1)))!.v;
}

/** Every item of the dashboard, all pages. */
async function allItems(companyId: number, asOf = today) {
  return (await companyDashboard({ companyId, asOf, pageSize: 10_000 })).items;
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
  nordbyg = await employerUser("hr@nordbyg.example");
  solskin = await employerUser("hr@solskin.example");
});

describe("the company's data version", () => {
  it("has an insert, update and delete trigger on every table the dashboard reads", () => {
    const triggers = getSqlite().prepare("select tbl_name as tableName, sql from sqlite_master where type = 'trigger' and sql like '%UPDATE `companies` SET `data_version`%'").all() as Array<{ tableName: string; sql: string }>;
    for (const table of ["absences", "employees", "documents", "paragraph56_agreements", "social_chapter_records", "mulighedserklaeringer"]) {
      for (const event of ["INSERT", "UPDATE", "DELETE"]) {
        expect(triggers.filter((t) => t.tableName === table && t.sql.includes(`AFTER ${event} ON`)), `${event} on ${table}`).toHaveLength(1);
      }
    }
  });

  it("changes with a write to the company's rows, and only the company's", async () => {
    const own = await versionOf(nordbyg.company.id);
    const other = await versionOf(solskin.company.id);
    getSqlite().prepare("update employees set job_title = job_title where id = (select min(id) from employees where company_id = ?)").run(nordbyg.company.id);
    expect(await versionOf(nordbyg.company.id)).toBeGreaterThan(own);
    expect(await versionOf(solskin.company.id)).toBe(other);
  });

  it("changes with an insert and a delete of an absence", async () => {
    const employee = (await one(getDb().select().from(employees).where(eq(employees.companyId, nordbyg.company.id)).limit(1)))!;
    const before = await versionOf(nordbyg.company.id);
    const { id } = await runTx(async (tx) => await only(tx
      .insert(absences)
      .values({ companyId: nordbyg.company.id, employeeId: employee.id, firstAbsenceDay: addDays(today, -400), extent: "full", pay: "salary", expectedOver8Weeks: false, returnedOn: addDays(today, -399) })
      .returning({ id: absences.id })));
    const afterInsert = await versionOf(nordbyg.company.id);
    expect(afterInsert).toBeGreaterThan(before);
    await runTx(async (tx) => await tx.delete(absences).where(eq(absences.id, id)));
    expect(await versionOf(nordbyg.company.id)).toBeGreaterThan(afterInsert);
  });
});

describe("the cached dashboard", () => {
  it("shows a new absence's deadlines and drops them when the employee returns", async () => {
    const employee = (await one(getDb().select().from(employees).where(eq(employees.name, "Jonas Bøgh")).limit(1)))!;
    const before = await companyDashboard({ companyId: nordbyg.company.id, asOf: today });
    const absence = await createAbsence({
      user: nordbyg,
      employeeId: employee.id,
      asOf: today,
      data: {
        firstAbsenceDay: addDays(today, -25),
        extent: "full",
        pay: "salary",
        expectedOver8Weeks: true,
        paragraph56: false,
        expectedBackWithin26Weeks: false,
        employmentEndsOn: undefined,
        conversationHeldOn: undefined,
        conversationNotes: undefined,
        fastTrackRequestedOn: undefined,
        returnedOn: undefined,
      },
    });
    const withAbsence = await companyDashboard({ companyId: nordbyg.company.id, asOf: today });
    expect(withAbsence.openAbsences).toBe(before.openAbsences + 1);
    expect((await allItems(nordbyg.company.id)).some((i) => i.path.startsWith(`/virksomhed/fravaer/${absence.id}#`))).toBe(true);

    await recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "return", returnedOn: today } });
    expect((await companyDashboard({ companyId: nordbyg.company.id, asOf: today })).openAbsences).toBe(before.openAbsences);
    expect((await allItems(nordbyg.company.id)).some((i) => i.path.startsWith(`/virksomhed/fravaer/${absence.id}#`))).toBe(false);
  });

  it("shows an employee's new name", async () => {
    const item = (await allItems(nordbyg.company.id)).find((i) => i.path.startsWith("/virksomhed/fravaer/"));
    expect(item).toBeDefined();
    const absenceId = Number(/fravaer\/(\d+)/.exec(item!.path)![1]);
    const absence = (await one(getDb().select().from(absences).where(eq(absences.id, absenceId)).limit(1)))!;
    const employee = (await one(getDb().select().from(employees).where(eq(employees.id, absence.employeeId)).limit(1)))!;
    await updateEmployee({
      user: nordbyg,
      employeeId: employee.id,
      data: { name: "Åse Omdøbt Ærø", birthDate: employee.birthDate, employmentStartDate: employee.employmentStartDate, employmentEndDate: undefined, jobTitle: employee.jobTitle, weeklyHours: employee.weeklyHours },
    });
    const renamed = (await allItems(nordbyg.company.id)).filter((i) => i.path.startsWith(`/virksomhed/fravaer/${absenceId}#`));
    expect(renamed.length).toBeGreaterThan(0);
    expect(renamed.every((i) => i.employeeName === "Åse Omdøbt Ærø")).toBe(true);
  });

  it("shows a social-chapter review date when it is recorded and moves it when it changes", async () => {
    const employee = (await one(getDb().select().from(employees).where(eq(employees.companyId, nordbyg.company.id)).limit(1)))!;
    const record = async (reviewDates: string[]) =>
      await saveSocialChapterRecord({
        user: nordbyg,
        employeeId: employee.id,
        data: { collectiveAgreement: "Industriens Overenskomst", startedOn: addDays(today, -60), tasks: "Lettere opgaver.", accommodations: "Pauser.", hoursPerWeek: 20, wageTerms: "Efter overenskomsten.", reviewDates },
      });
    const reviews = async () => (await allItems(nordbyg.company.id)).filter((i) => i.key.startsWith("sk-") && i.title.startsWith("Opfølgning"));
    await record([addDays(today, 5)]);
    expect((await reviews()).map((i) => i.dueDate)).toEqual([addDays(today, 5)]);
    await record([addDays(today, 9)]);
    expect((await reviews()).map((i) => i.dueDate)).toEqual([addDays(today, 9)]);
  });

  it("follows a write by another connection to the same database, as another server process would make", async () => {
    const item = (await allItems(nordbyg.company.id)).find((i) => i.path.startsWith("/virksomhed/fravaer/"))!;
    const absenceId = Number(/fravaer\/(\d+)/.exec(item.path)![1]);
    const other = new Database(databasePath());
    try {
      other.prepare("update absences set returned_on = ? where id = ?").run(today, absenceId);
    } finally {
      other.close();
    }
    expect((await allItems(nordbyg.company.id)).some((i) => i.path.startsWith(`/virksomhed/fravaer/${absenceId}#`))).toBe(false);
  });

  it("is computed again for a new day", async () => {
    const todays = await companyDashboard({ companyId: nordbyg.company.id, asOf: today });
    const later = await companyDashboard({ companyId: nordbyg.company.id, asOf: addDays(today, 30) });
    expect(later.items.map((i) => i.daysLeft)).not.toEqual(todays.items.map((i) => i.daysLeft));
  });

  it("keeps companies apart", async () => {
    const solskinNames = new Set((await getDb().select().from(employees).where(eq(employees.companyId, solskin.company.id))).map((e) => e.name));
    const nordbygNames = new Set((await getDb().select().from(employees).where(eq(employees.companyId, nordbyg.company.id))).map((e) => e.name));
    for (const i of await allItems(solskin.company.id)) expect(nordbygNames.has(i.employeeName) && !solskinNames.has(i.employeeName)).toBe(false);
    for (const i of await allItems(nordbyg.company.id)) expect(solskinNames.has(i.employeeName) && !nordbygNames.has(i.employeeName)).toBe(false);
  });
});
