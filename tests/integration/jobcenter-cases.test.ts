/**
 * A jobcenter's open cases: read a page at a time from the absences'
 * copy of the employee's municipality, they are exactly the open absences of
 * the citizens who live in the municipality on the day (residence from the
 * moves, Retssikkerhedsloven § 9), in order of first absence day.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateDatabase } from "~db/client.server";
import { absences, documents, employeeMoves, employees, municipalityOpenAbsences, submissions, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays, compareIso } from "~/domain/dates";
import { homeMunicipalityOn } from "~/domain/residence";
import { moveEmployee } from "~/models/employee.server";
import { CASES_PAGE_SIZE, listMunicipalityCases } from "~/models/jobcenter.server";
import { searchMunicipalityCases, type JobcenterCaseFilters } from "~/models/jobcenter-case-list.server";
import { factsOf } from "~/models/absence-facts.server";
import { caseReference } from "~/domain/case-reference";
import { computeDeadlines } from "~/domain/deadlines";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";

const today = "2026-11-24";
const KOEBENHAVN = 101;
const AARHUS = 751;
let nordbyg: EmployerUser;

function employerUser(email: string): EmployerUser {
  const u = getDb().select().from(users).where(eq(users.email, email)).get()!;
  const session = findSessionUser({ sessionId: startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

/** An employee of Nordbyg living in `municipalityCode` with one open absence; the absence's id. */
function employeeWithOpenAbsence(name: string, municipalityCode: number, firstAbsenceDay: string): { employeeId: number; absenceId: number } {
  const employee = getDb()
    .insert(employees)
    .values({ companyId: nordbyg.company.id, name, birthDate: "1980-05-05", municipalityCode, employmentStartDate: "2015-01-01", jobTitle: "Tømrer", weeklyHours: 37 })
    .returning()
    .get();
  const absence = getDb()
    .insert(absences)
    .values({ companyId: nordbyg.company.id, employeeId: employee.id, firstAbsenceDay, extent: "full", pay: "salary", expectedOver8Weeks: false })
    .returning()
    .get();
  return { employeeId: employee.id, absenceId: absence.id };
}

/** The list computed the slow way: every open absence, residence decided from all moves. */
function expectedCases(municipalityCode: number, asOf: string): number[] {
  const moves = getDb().select().from(employeeMoves).all();
  return getDb()
    .select({ absence: absences, employee: employees })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .all()
    .filter((r) => r.absence.returnedOn === null)
    .filter((r) => homeMunicipalityOn(r.employee.municipalityCode, moves.filter((m) => m.employeeId === r.employee.id), asOf) === municipalityCode)
    .sort((a, b) => compareIso(a.absence.firstAbsenceDay, b.absence.firstAbsenceDay) || a.absence.id - b.absence.id)
    .map((r) => r.absence.id);
}

function allPages(municipalityCode: number, asOf: string): { ids: number[]; total: number; pageCount: number } {
  const first = listMunicipalityCases({ municipalityCode, asOf });
  const ids = first.cases.map((c) => c.absenceId);
  for (let page = 2; page <= first.pageCount; page++) {
    const next = listMunicipalityCases({ municipalityCode, asOf, page });
    expect(next.page).toBe(page);
    expect(next.cases.length).toBeLessThanOrEqual(CASES_PAGE_SIZE);
    ids.push(...next.cases.map((c) => c.absenceId));
  }
  return { ids, total: first.total, pageCount: first.pageCount };
}

let movedAway: { employeeId: number; absenceId: number };
let movingIn: { employeeId: number; absenceId: number };
let movedLongAgo: { employeeId: number; absenceId: number };

beforeAll(async () => {
  migrateDatabase();
  await seedDemoData(getDb(), today);
  nordbyg = employerUser("hr@nordbyg.example");
  // More than two pages for København, several on the same first absence day (the id breaks the tie).
  for (let i = 0; i < 2 * CASES_PAGE_SIZE + 7; i++) employeeWithOpenAbsence(`Borger ${i}`, KOEBENHAVN, addDays(today, -(i % 40)));
  // Moves to Aarhus in a month: lives in København today, registered in Aarhus already.
  movedAway = employeeWithOpenAbsence("Flytter Snart", KOEBENHAVN, addDays(today, -12));
  moveEmployee({ user: nordbyg, employeeId: movedAway.employeeId, data: { toMunicipalityCode: "751", movedOn: addDays(today, 30) } });
  // Moves from Aarhus to København in ten days: still Aarhus's case today.
  movingIn = employeeWithOpenAbsence("Kommer Snart", AARHUS, addDays(today, -12));
  moveEmployee({ user: nordbyg, employeeId: movingIn.employeeId, data: { toMunicipalityCode: "101", movedOn: addDays(today, 10) } });
  // Moved to København last year: København's case.
  movedLongAgo = employeeWithOpenAbsence("Flyttet For Længst", AARHUS, addDays(today, -3));
  moveEmployee({ user: nordbyg, employeeId: movedLongAgo.employeeId, data: { toMunicipalityCode: "101", movedOn: addDays(today, -300) } });
});

describe("a municipality's open cases", () => {
  it.each([
    ["København", KOEBENHAVN],
    ["Aarhus", AARHUS],
  ])("pages through exactly the open absences of the citizens living in %s today, by first absence day", (_name, code) => {
    const expected = expectedCases(code, today);
    const { ids, total, pageCount } = allPages(code, today);
    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
    expect(pageCount).toBe(Math.max(1, Math.ceil(expected.length / CASES_PAGE_SIZE)));
  });

  it("follows the home municipality on the day, not the one registered now", () => {
    const kbh = allPages(KOEBENHAVN, today).ids;
    const aarhus = allPages(AARHUS, today).ids;
    expect(kbh).toContain(movedAway.absenceId);
    expect(aarhus).not.toContain(movedAway.absenceId);
    expect(aarhus).toContain(movingIn.absenceId);
    expect(kbh).not.toContain(movingIn.absenceId);
    expect(kbh).toContain(movedLongAgo.absenceId);
    // After the moving days the cases have followed the citizens.
    const later = addDays(today, 31);
    expect(allPages(AARHUS, later).ids).toContain(movedAway.absenceId);
    expect(allPages(KOEBENHAVN, later).ids).toContain(movingIn.absenceId);
    expect(allPages(KOEBENHAVN, later).ids).toEqual(expectedCases(KOEBENHAVN, later));
  });

  it("leaves out an absence once the employee has returned", () => {
    const { absenceId } = employeeWithOpenAbsence("Snart Rask", KOEBENHAVN, addDays(today, -5));
    expect(allPages(KOEBENHAVN, today).ids).toContain(absenceId);
    getDb().update(absences).set({ returnedOn: today }).where(eq(absences.id, absenceId)).run();
    expect(allPages(KOEBENHAVN, today).ids).not.toContain(absenceId);
  });

  it("answers a page past the end with the last page", () => {
    const last = listMunicipalityCases({ municipalityCode: KOEBENHAVN, asOf: today, page: 10_000 });
    expect(last.page).toBe(last.pageCount);
    expect(last.cases.length).toBeGreaterThan(0);
  });
});

describe("searching, filtering and sorting a municipality's cases", () => {
  const search = (code: number, filters: JobcenterCaseFilters) => {
    const first = searchMunicipalityCases({ municipalityCode: code, asOf: today, filters });
    const rows = [...first.cases];
    for (let page = 2; page <= first.pageCount; page++) rows.push(...searchMunicipalityCases({ municipalityCode: code, asOf: today, filters, page }).cases);
    expect(rows).toHaveLength(first.total);
    return rows;
  };
  const ids = (code: number, filters: JobcenterCaseFilters) => search(code, filters).map((r) => r.absenceId);

  it("finds a citizen by name only in the municipality they live in today", () => {
    expect(ids(KOEBENHAVN, { q: "flytter snart" })).toEqual([movedAway.absenceId]);
    // Registered in Aarhus already, but living in København until the moving day.
    expect(ids(AARHUS, { q: "Flytter Snart" })).toEqual([]);
  });

  it("finds a case by its reference however typed, never another municipality's", () => {
    const ref = caseReference(movedLongAgo.absenceId);
    expect(ids(KOEBENHAVN, { q: ref.toLowerCase().replace("-", "") })).toEqual([movedLongAgo.absenceId]);
    expect(ids(AARHUS, { q: ref })).toEqual([]);
    expect(ids(AARHUS, { q: `fh${movedLongAgo.absenceId}` })).toEqual([]);
  });

  it("finds a citizen by birth date", () => {
    const born = employeeWithOpenAbsence("Født Nytårsaften", KOEBENHAVN, addDays(today, -4));
    getDb().update(employees).set({ birthDate: "1971-12-31" }).where(eq(employees.id, born.employeeId)).run();
    expect(ids(KOEBENHAVN, { foedt: "1971-12-31" })).toEqual([born.absenceId]);
    expect(ids(AARHUS, { foedt: "1971-12-31" })).toEqual([]);
  });

  it("filters by fast track and by employer, name or CVR", () => {
    getDb().update(absences).set({ fastTrackRequestedOn: addDays(today, -1) }).where(eq(absences.id, movedLongAgo.absenceId)).run();
    expect(ids(KOEBENHAVN, { fasttrack: "ja" })).toContain(movedLongAgo.absenceId);
    expect(search(KOEBENHAVN, { fasttrack: "ja" }).every((r) => r.fastTrackRequestedOn !== null)).toBe(true);
    expect(ids(KOEBENHAVN, { fasttrack: "nej" })).not.toContain(movedLongAgo.absenceId);
    const all = expectedCases(KOEBENHAVN, today);
    expect(ids(KOEBENHAVN, { fasttrack: "ja" }).length + ids(KOEBENHAVN, { fasttrack: "nej" }).length).toBe(all.length);
    const solskin = search(KOEBENHAVN, { virksomhed: "solskin" });
    expect(solskin.length).toBeGreaterThan(0);
    expect(solskin.every((r) => r.companyName === "Solskin Pleje A/S")).toBe(true);
    expect(ids(KOEBENHAVN, { virksomhed: "4412 5242" })).toEqual(solskin.map((r) => r.absenceId));
  });

  it("filters by the first follow-up's deadline state, as the domain computes it", () => {
    for (const daysAgo of [50, 52, 54, 70, 90]) employeeWithOpenAbsence(`Langvarig ${daysAgo}`, KOEBENHAVN, addDays(today, -daysAgo));
    const scope = new Set(expectedCases(KOEBENHAVN, today));
    const byStatus = (status: string) =>
      getDb()
        .select({ absence: absences, employee: employees })
        .from(absences)
        .innerJoin(employees, eq(employees.id, absences.employeeId))
        .all()
        .filter((r) => scope.has(r.absence.id))
        .filter((r) => computeDeadlines(factsOf(r.absence, r.employee), today).deadlines.find((d) => d.id === "first-follow-up")!.status === status)
        .map((r) => r.absence.id)
        .sort((a, b) => a - b);
    const overdue = byStatus("overdue");
    const dueSoon = byStatus("due-soon");
    expect(overdue.length).toBeGreaterThan(0);
    expect(dueSoon.length).toBeGreaterThan(0);
    expect(ids(KOEBENHAVN, { frist: "overskredet" }).sort((a, b) => a - b)).toEqual(overdue);
    expect(ids(KOEBENHAVN, { frist: "snart" }).sort((a, b) => a - b)).toEqual(dueSoon);
  });

  it("sorts by a column in either direction, across pages", () => {
    const byFollowUp = search(KOEBENHAVN, { sorter: "opfoelgning" }).map((r) => r.followUp.dueDate);
    expect(byFollowUp).toEqual([...byFollowUp].sort());
    const byName = search(KOEBENHAVN, { sorter: "navn", retning: "faldende" }).map((r) => r.employeeName.toLowerCase());
    expect(byName).toEqual([...byName].sort().reverse());
    expect(ids(KOEBENHAVN, { sorter: "sag" })).toEqual([...expectedCases(KOEBENHAVN, today)].sort((a, b) => a - b));
  });

  it("without filters is the plain list of the municipality, with links to the newest submission", () => {
    expect(ids(KOEBENHAVN, {})).toEqual(expectedCases(KOEBENHAVN, today));
    expect(search(AARHUS, {}).every((r) => r.submissionId === null || Number.isInteger(r.submissionId))).toBe(true);
  });

  it("shows a changed birth date and a newly linked submission at once, though the plain list's rows are kept between views", () => {
    const plainFirstPage = () => searchMunicipalityCases({ municipalityCode: KOEBENHAVN, asOf: today, filters: {} }).cases;
    const row = plainFirstPage()[0]!;
    const employeeId = getDb().select({ id: absences.employeeId }).from(absences).where(eq(absences.id, row.absenceId)).get()!.id;
    const bornBefore = row.birthDate;
    getDb().update(employees).set({ birthDate: "1966-06-16" }).where(eq(employees.id, employeeId)).run();
    expect(plainFirstPage()[0]).toMatchObject({ absenceId: row.absenceId, birthDate: "1966-06-16" });
    getDb().update(employees).set({ birthDate: bornBefore }).where(eq(employees.id, employeeId)).run();

    const unlinked = plainFirstPage().find((r) => r.submissionId === null)!;
    const owner = getDb().select({ employeeId: absences.employeeId, companyId: absences.companyId }).from(absences).where(eq(absences.id, unlinked.absenceId)).get()!;
    const doc = getDb().insert(documents).values({ ...owner, absenceId: unlinked.absenceId, type: "fast-track" }).returning().get();
    const sent = getDb()
      .insert(submissions)
      .values({ documentId: doc.id, ...owner, absenceId: unlinked.absenceId, municipalityCode: KOEBENHAVN, type: "fast-track", status: "received", version: 1, receivedOn: today, lastActivityAt: new Date().toISOString() })
      .returning()
      .get();
    expect(plainFirstPage().find((r) => r.absenceId === unlinked.absenceId)!.submissionId).toBe(sent.id);
    getDb().delete(submissions).where(eq(submissions.id, sent.id)).run();
    getDb().delete(documents).where(eq(documents.id, doc.id)).run();
    expect(plainFirstPage().find((r) => r.absenceId === unlinked.absenceId)!.submissionId).toBeNull();
  });
});

describe("the absences' copy of the employee's municipality", () => {
  it("is the employee's municipality on insert and follows every move", () => {
    const codesOf = (employeeId: number) =>
      getDb().select({ code: absences.employeeMunicipalityCode }).from(absences).where(eq(absences.employeeId, employeeId)).all().map((r) => r.code);
    expect(codesOf(movedAway.employeeId)).toEqual([AARHUS]);
    expect(codesOf(movingIn.employeeId)).toEqual([KOEBENHAVN]);
    const all = getDb().select({ absence: absences, employee: employees }).from(absences).innerJoin(employees, eq(employees.id, absences.employeeId)).all();
    expect(all.filter((r) => r.absence.employeeMunicipalityCode !== r.employee.municipalityCode)).toEqual([]);
  });

  it("is counted per municipality, open absences only, through inserts, returns, reopenings, moves and deletions", () => {
    const { absenceId } = employeeWithOpenAbsence("Kort Fravær", AARHUS, addDays(today, -2));
    getDb().update(absences).set({ returnedOn: today }).where(eq(absences.id, absenceId)).run();
    getDb().update(absences).set({ returnedOn: null }).where(eq(absences.id, absenceId)).run();
    getDb().delete(absences).where(eq(absences.id, absenceId)).run();
    const closed = employeeWithOpenAbsence("Lukket Fravær", AARHUS, addDays(today, -9));
    getDb().update(absences).set({ returnedOn: today }).where(eq(absences.id, closed.absenceId)).run();
    getDb().delete(absences).where(eq(absences.id, closed.absenceId)).run();
    const counted = new Map<number, number>();
    for (const a of getDb().select().from(absences).all()) {
      if (a.returnedOn === null) counted.set(a.employeeMunicipalityCode!, (counted.get(a.employeeMunicipalityCode!) ?? 0) + 1);
    }
    const kept = new Map(getDb().select().from(municipalityOpenAbsences).all().filter((r) => r.openAbsences !== 0).map((r) => [r.municipalityCode, r.openAbsences]));
    expect(kept).toEqual(counted);
    expect(counted.get(KOEBENHAVN)).toBeGreaterThan(2 * CASES_PAGE_SIZE);
  });

  it("follows an absence moved to another employee", () => {
    getDb().update(absences).set({ employeeId: movingIn.employeeId }).where(eq(absences.id, movedAway.absenceId)).run();
    expect(getDb().select().from(absences).where(eq(absences.id, movedAway.absenceId)).get()!.employeeMunicipalityCode).toBe(KOEBENHAVN);
    getDb().update(absences).set({ employeeId: movedAway.employeeId }).where(eq(absences.id, movedAway.absenceId)).run();
    expect(getDb().select().from(absences).where(eq(absences.id, movedAway.absenceId)).get()!.employeeMunicipalityCode).toBe(AARHUS);
  });
});
