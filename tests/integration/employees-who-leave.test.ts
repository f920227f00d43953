/**
 * An employee who has left: out of the employee list and the dashboard once nothing
 * of theirs is open, and deleted with everything about them when the retention period
 * (RETENTION_YEARS, counted from the last day of employment) has run.
 */
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateDatabase } from "~db/client.server";
import { absences, auditLog, calendarEvents, documents, employeeMoves, employees, socialChapterRecords, submissions, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays } from "~/domain/dates";
import { companyDashboard } from "~/models/dashboard.server";
import { listCurrentEmployees } from "~/models/leavers.server";
import { purgeExpiredEmployees } from "~/models/retention.server";

const today = "2026-11-24";

function companyId(): number {
  return getDb().select().from(users).where(eq(users.email, "hr@nordbyg.example")).get()!.companyId!;
}

function employee(name: string, employmentEndDate: string | null, extra: Partial<typeof employees.$inferInsert> = {}) {
  return getDb()
    .insert(employees)
    .values({ companyId: companyId(), name, birthDate: "1980-01-01", municipalityCode: 751, employmentStartDate: "2010-01-01", employmentEndDate, jobTitle: "Lagerarbejder", weeklyHours: 37, ...extra })
    .returning()
    .get();
}

function absence(employeeId: number, firstAbsenceDay: string, returnedOn: string | null) {
  return getDb()
    .insert(absences)
    .values({ companyId: companyId(), employeeId, firstAbsenceDay, returnedOn, extent: "full", pay: "salary", expectedOver8Weeks: true })
    .returning()
    .get();
}

function socialChapter(employeeId: number, reviewDates: string) {
  getDb()
    .insert(socialChapterRecords)
    .values({ companyId: companyId(), employeeId, collectiveAgreement: "Industriens", startedOn: "2020-01-01", tasks: "Lager", accommodations: "Kortere dage", hoursPerWeek: 20, wageTerms: "Løntilskud", reviewDates })
    .run();
}

const listed = (includeLeft = false) => listCurrentEmployees({ companyId: companyId(), asOf: today, includeLeft }).items.map((e) => e.name);

beforeAll(async () => {
  migrateDatabase();
  await seedDemoData(getDb(), today);
});

describe("an employee who has left", () => {
  it("drops out of the employee list the day after the last day of employment, and shows when asked for", () => {
    employee("Gået Før", addDays(today, -1));
    employee("Sidste Dag", today);
    expect(listed()).not.toContain("Gået Før");
    expect(listed()).toContain("Sidste Dag");
    expect(listed(true)).toContain("Gået Før");
    expect(listCurrentEmployees({ companyId: companyId(), asOf: today, includeLeft: false }).hidden).toBe(1);
  });

  it("stays on the list and the dashboard while an absence of theirs has an open deadline, and leaves both once it is closed", () => {
    const leaver = employee("Syg Ved Fratræden", addDays(today, -3));
    const sick = absence(leaver.id, addDays(today, -20), null);
    const before = companyDashboard({ companyId: companyId(), asOf: today, pageSize: 1000 });
    expect(listed()).toContain("Syg Ved Fratræden");
    expect(before.items.some((i) => i.employeeName === "Syg Ved Fratræden")).toBe(true);
    getDb().update(absences).set({ returnedOn: addDays(today, -2) }).where(eq(absences.id, sick.id)).run();
    const after = companyDashboard({ companyId: companyId(), asOf: today, pageSize: 1000 });
    expect(listed()).not.toContain("Syg Ved Fratræden");
    expect(after.items.some((i) => i.employeeName === "Syg Ved Fratræden")).toBe(false);
    expect(after.openAbsences).toBe(before.openAbsences - 1);
  });

  it("takes a review of an ended employment off the dashboard; a current employee's stays", () => {
    const review = JSON.stringify([addDays(today, 3)]);
    socialChapter(employee("Fleksjob Fratrådt", addDays(today, -1)).id, review);
    socialChapter(employee("Fleksjob Ansat", null).id, review);
    const names = companyDashboard({ companyId: companyId(), asOf: today, pageSize: 1000 }).items.map((i) => i.employeeName);
    expect(names).toContain("Fleksjob Ansat");
    expect(names).not.toContain("Fleksjob Fratrådt");
  });
});

describe("retention of an employee who has left", () => {
  const asOf = "2032-03-10";
  const years = 5;

  it("deletes them with their cases, documents and records 5 years after the last day of employment, and no earlier", () => {
    const gone = employee("Fem År Siden", "2027-03-10", { employeeNumber: "R-1" });
    const oldCase = absence(gone.id, "2026-12-01", "2027-01-15");
    const db = getDb();
    db.insert(calendarEvents).values({ companyId: companyId(), absenceId: oldCase.id, deadlineId: "x", uid: `leaver-${oldCase.id}@fasthold`, dueDate: "2027-01-01", updatedAt: "2027-01-01T00:00:00Z" }).run();
    const doc = db.insert(documents).values({ companyId: companyId(), employeeId: gone.id, absenceId: null, type: "paragraph56" }).returning().get();
    db.insert(submissions)
      .values({ documentId: doc.id, companyId: companyId(), employeeId: gone.id, municipalityCode: 751, type: "paragraph56", status: "approved", version: 1, receivedOn: "2027-01-02", lastActivityAt: "2027-01-02T00:00:00Z" })
      .run();
    socialChapter(gone.id, "[]");
    db.insert(employeeMoves).values({ employeeId: gone.id, fromMunicipalityCode: 751, toMunicipalityCode: 101, movedOn: "2025-01-01" }).run();
    const stays = employee("Fire År Siden", "2028-03-11");
    // Left more than 5 years ago, but a case closed later has its own period still to run.
    const younger = employee("Sag Sluttede Senere", "2027-03-01");
    absence(younger.id, "2027-02-01", "2027-06-01");

    // The day before, only those who left earlier go (the leavers above).
    purgeExpiredEmployees({ asOf: addDays(asOf, -1), years });
    expect(db.select().from(employees).where(eq(employees.id, gone.id)).get()).toBeDefined();
    const result = purgeExpiredEmployees({ asOf, years });
    expect(result).toEqual({ employees: 1, absences: 1, documents: 1, submissions: 1 });
    expect(db.select().from(employees).where(eq(employees.id, gone.id)).get()).toBeUndefined();
    expect(db.select({ n: count() }).from(absences).where(eq(absences.employeeId, gone.id)).get()!.n).toBe(0);
    expect(db.select({ n: count() }).from(documents).where(eq(documents.employeeId, gone.id)).get()!.n).toBe(0);
    expect(db.select({ n: count() }).from(socialChapterRecords).where(eq(socialChapterRecords.employeeId, gone.id)).get()!.n).toBe(0);
    expect(db.select({ n: count() }).from(employeeMoves).where(eq(employeeMoves.employeeId, gone.id)).get()!.n).toBe(0);
    expect(db.select({ n: count() }).from(calendarEvents).where(eq(calendarEvents.absenceId, oldCase.id)).get()!.n).toBe(0);
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "retention.delete")).all().find((a) => a.entityType === "employee" && a.entityId === String(gone.id));
    expect(JSON.parse(audit!.details!)).toEqual({ retentionYears: 5, absences: 1, documents: 1, submissions: 1 });
    expect(db.select().from(employees).where(eq(employees.id, stays.id)).get()).toBeDefined();
    expect(db.select().from(employees).where(eq(employees.id, younger.id)).get()).toBeDefined();
  });
});
