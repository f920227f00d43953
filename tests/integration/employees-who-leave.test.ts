/**
 * An employee who has left: out of the employee list and the dashboard once nothing
 * of theirs is open, and deleted with everything about them when the retention period
 * (RETENTION_YEARS, counted from the last day of employment) has run.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, only, runTx } from "~db/client.server";
import { absences, auditLog, calendarEvents, documents, employeeMoves, employees, socialChapterRecords, submissions, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays } from "~/domain/dates";
import { companyDashboard } from "~/models/dashboard.server";
import { listCurrentEmployees } from "~/models/leavers.server";
import { purgeExpiredEmployees } from "~/models/retention.server";

const today = "2026-11-24";

async function companyId(): Promise<number> {
  return (await one(getDb().select().from(users).where(eq(users.email, "hr@nordbyg.example")).limit(1)))!.companyId!;
}

async function employee(name: string, employmentEndDate: string | null, extra: Partial<typeof employees.$inferInsert> = {}) {
  return await runTx(async (tx) => await only(tx
    .insert(employees)
    .values({ companyId: await companyId(), name, birthDate: "1980-01-01", municipalityCode: 751, employmentStartDate: "2010-01-01", employmentEndDate, jobTitle: "Lagerarbejder", weeklyHours: 37, ...extra })
    .returning()));
}

async function absence(employeeId: number, firstAbsenceDay: string, returnedOn: string | null) {
  return await runTx(async (tx) => await only(tx
    .insert(absences)
    .values({ companyId: await companyId(), employeeId, firstAbsenceDay, returnedOn, extent: "full", pay: "salary", expectedOver8Weeks: true })
    .returning()));
}

async function socialChapter(employeeId: number, reviewDates: string) {
  await runTx(async (tx) => await tx
    .insert(socialChapterRecords)
    .values({ companyId: await companyId(), employeeId, collectiveAgreement: "Industriens", startedOn: "2020-01-01", tasks: "Lager", accommodations: "Kortere dage", hoursPerWeek: 20, wageTerms: "Løntilskud", reviewDates }));
}

const listed = async (includeLeft = false) => (await listCurrentEmployees({ companyId: await companyId(), asOf: today, includeLeft })).items.map((e) => e.name);

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
});

describe("an employee who has left", () => {
  it("drops out of the employee list the day after the last day of employment, and shows when asked for", async () => {
    await employee("Gået Før", addDays(today, -1));
    await employee("Sidste Dag", today);
    expect(await listed()).not.toContain("Gået Før");
    expect(await listed()).toContain("Sidste Dag");
    expect(await listed(true)).toContain("Gået Før");
    expect((await listCurrentEmployees({ companyId: await companyId(), asOf: today, includeLeft: false })).hidden).toBe(1);
  });

  it("stays on the list and the dashboard while an absence of theirs has an open deadline, and leaves both once it is closed", async () => {
    const leaver = await employee("Syg Ved Fratræden", addDays(today, -3));
    const sick = await absence(leaver.id, addDays(today, -20), null);
    const before = await companyDashboard({ companyId: await companyId(), asOf: today, pageSize: 1000 });
    expect(await listed()).toContain("Syg Ved Fratræden");
    expect(before.items.some((i) => i.employeeName === "Syg Ved Fratræden")).toBe(true);
    await runTx(async (tx) => await tx.update(absences).set({ returnedOn: addDays(today, -2) }).where(eq(absences.id, sick.id)));
    const after = await companyDashboard({ companyId: await companyId(), asOf: today, pageSize: 1000 });
    expect(await listed()).not.toContain("Syg Ved Fratræden");
    expect(after.items.some((i) => i.employeeName === "Syg Ved Fratræden")).toBe(false);
    expect(after.openAbsences).toBe(before.openAbsences - 1);
  });

  it("takes a review of an ended employment off the dashboard; a current employee's stays", async () => {
    const review = JSON.stringify([addDays(today, 3)]);
    await socialChapter((await employee("Fleksjob Fratrådt", addDays(today, -1))).id, review);
    await socialChapter((await employee("Fleksjob Ansat", null)).id, review);
    const names = (await companyDashboard({ companyId: await companyId(), asOf: today, pageSize: 1000 })).items.map((i) => i.employeeName);
    expect(names).toContain("Fleksjob Ansat");
    expect(names).not.toContain("Fleksjob Fratrådt");
  });
});

describe("retention of an employee who has left", () => {
  const asOf = "2032-03-10";
  const years = 5;

  it("deletes them with their cases, documents and records 5 years after the last day of employment, and no earlier", async () => {
    const gone = await employee("Fem År Siden", "2027-03-10", { employeeNumber: "R-1" });
    const oldCase = await absence(gone.id, "2026-12-01", "2027-01-15");
    const db = getDb();
    await runTx(async (tx) => await tx.insert(calendarEvents).values({ companyId: await companyId(), absenceId: oldCase.id, deadlineId: "x", uid: `leaver-${oldCase.id}@fasthold`, dueDate: "2027-01-01", updatedAt: "2027-01-01T00:00:00Z" }));
    const doc = await runTx(async (tx) => await only(tx.insert(documents).values({ companyId: await companyId(), employeeId: gone.id, absenceId: null, type: "paragraph56" }).returning()));
    await runTx(async (tx) => await tx.insert(submissions)
      .values({ documentId: doc.id, companyId: await companyId(), employeeId: gone.id, municipalityCode: 751, type: "paragraph56", status: "approved", version: 1, receivedOn: "2027-01-02", lastActivityAt: "2027-01-02T00:00:00Z" }));
    await socialChapter(gone.id, "[]");
    await runTx(async (tx) => await tx.insert(employeeMoves).values({ employeeId: gone.id, fromMunicipalityCode: 751, toMunicipalityCode: 101, movedOn: "2025-01-01" }));
    const stays = await employee("Fire År Siden", "2028-03-11");
    // Left more than 5 years ago, but a case closed later has its own period still to run.
    const younger = await employee("Sag Sluttede Senere", "2027-03-01");
    await absence(younger.id, "2027-02-01", "2027-06-01");

    // The day before, only those who left earlier go (the leavers above).
    await purgeExpiredEmployees({ asOf: addDays(asOf, -1), years });
    expect(await one(db.select().from(employees).where(eq(employees.id, gone.id)).limit(1))).toBeDefined();
    const result = await purgeExpiredEmployees({ asOf, years });
    expect(result).toEqual({ employees: 1, absences: 1, documents: 1, submissions: 1 });
    expect(await one(db.select().from(employees).where(eq(employees.id, gone.id)).limit(1))).toBeUndefined();
    expect((await one(db.select({ n: count() }).from(absences).where(eq(absences.employeeId, gone.id)).limit(1)))!.n).toBe(0);
    expect((await one(db.select({ n: count() }).from(documents).where(eq(documents.employeeId, gone.id)).limit(1)))!.n).toBe(0);
    expect((await one(db.select({ n: count() }).from(socialChapterRecords).where(eq(socialChapterRecords.employeeId, gone.id)).limit(1)))!.n).toBe(0);
    expect((await one(db.select({ n: count() }).from(employeeMoves).where(eq(employeeMoves.employeeId, gone.id)).limit(1)))!.n).toBe(0);
    expect((await one(db.select({ n: count() }).from(calendarEvents).where(eq(calendarEvents.absenceId, oldCase.id)).limit(1)))!.n).toBe(0);
    const audit = (await db.select().from(auditLog).where(eq(auditLog.action, "retention.delete"))).find((a) => a.entityType === "employee" && a.entityId === String(gone.id));
    expect(JSON.parse(audit!.details!)).toEqual({ retentionYears: 5, absences: 1, documents: 1, submissions: 1 });
    expect(await one(db.select().from(employees).where(eq(employees.id, stays.id)).limit(1))).toBeDefined();
    expect(await one(db.select().from(employees).where(eq(employees.id, younger.id)).limit(1))).toBeDefined();
  });
});
