/**
 * A jobcenter's open cases: read a page at a time from the absences'
 * copy of the employee's municipality, they are exactly the open absences of
 * the citizens who live in the municipality on the day (residence from the
 * moves, Retssikkerhedsloven § 9), in order of first absence day.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, only, runTx } from "~db/client.server";
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

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

/** An employee of Nordbyg living in `municipalityCode` with one open absence; the absence's id. */
async function employeeWithOpenAbsence(name: string, municipalityCode: number, firstAbsenceDay: string): Promise<{ employeeId: number; absenceId: number }> {
  const employee = await runTx(async (tx) => await only(tx
    .insert(employees)
    .values({ companyId: nordbyg.company.id, name, birthDate: "1980-05-05", municipalityCode, employmentStartDate: "2015-01-01", jobTitle: "Tømrer", weeklyHours: 37 })
    .returning()));
  const absence = await runTx(async (tx) => await only(tx
    .insert(absences)
    .values({ companyId: nordbyg.company.id, employeeId: employee.id, firstAbsenceDay, extent: "full", pay: "salary", expectedOver8Weeks: false })
    .returning()));
  return { employeeId: employee.id, absenceId: absence.id };
}

/** The list computed the slow way: every open absence, residence decided from all moves. */
async function expectedCases(municipalityCode: number, asOf: string): Promise<number[]> {
  const moves = await getDb().select().from(employeeMoves);
  return (await getDb()
    .select({ absence: absences, employee: employees })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId)))
    .filter((r) => r.absence.returnedOn === null)
    .filter((r) => homeMunicipalityOn(r.employee.municipalityCode, moves.filter((m) => m.employeeId === r.employee.id), asOf) === municipalityCode)
    .sort((a, b) => compareIso(a.absence.firstAbsenceDay, b.absence.firstAbsenceDay) || a.absence.id - b.absence.id)
    .map((r) => r.absence.id);
}

async function allPages(municipalityCode: number, asOf: string): Promise<{ ids: number[]; total: number; pageCount: number }> {
  const first = await listMunicipalityCases({ municipalityCode, asOf });
  const ids = first.cases.map((c) => c.absenceId);
  for (let page = 2; page <= first.pageCount; page++) {
    const next = await listMunicipalityCases({ municipalityCode, asOf, page });
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
  await migrateEngine();
  await seedDemoData(today);
  nordbyg = await employerUser("hr@nordbyg.example");
  // More than two pages for København, several on the same first absence day (the id breaks the tie).
  for (let i = 0; i < 2 * CASES_PAGE_SIZE + 7; i++) await employeeWithOpenAbsence(`Borger ${i}`, KOEBENHAVN, addDays(today, -(i % 40)));
  // Moves to Aarhus in a month: lives in København today, registered in Aarhus already.
  movedAway = await employeeWithOpenAbsence("Flytter Snart", KOEBENHAVN, addDays(today, -12));
  await moveEmployee({ user: nordbyg, employeeId: movedAway.employeeId, data: { toMunicipalityCode: "751", movedOn: addDays(today, 30) } });
  // Moves from Aarhus to København in ten days: still Aarhus's case today.
  movingIn = await employeeWithOpenAbsence("Kommer Snart", AARHUS, addDays(today, -12));
  await moveEmployee({ user: nordbyg, employeeId: movingIn.employeeId, data: { toMunicipalityCode: "101", movedOn: addDays(today, 10) } });
  // Moved to København last year: København's case.
  movedLongAgo = await employeeWithOpenAbsence("Flyttet For Længst", AARHUS, addDays(today, -3));
  await moveEmployee({ user: nordbyg, employeeId: movedLongAgo.employeeId, data: { toMunicipalityCode: "101", movedOn: addDays(today, -300) } });
});

describe("a municipality's open cases", () => {
  it.each([
    ["København", KOEBENHAVN],
    ["Aarhus", AARHUS],
  ])("pages through exactly the open absences of the citizens living in %s today, by first absence day", async (_name, code) => {
    const expected = await expectedCases(code, today);
    const { ids, total, pageCount } = await allPages(code, today);
    expect(ids).toEqual(expected);
    expect(total).toBe(expected.length);
    expect(pageCount).toBe(Math.max(1, Math.ceil(expected.length / CASES_PAGE_SIZE)));
  });

  it("follows the home municipality on the day, not the one registered now", async () => {
    const kbh = (await allPages(KOEBENHAVN, today)).ids;
    const aarhus = (await allPages(AARHUS, today)).ids;
    expect(kbh).toContain(movedAway.absenceId);
    expect(aarhus).not.toContain(movedAway.absenceId);
    expect(aarhus).toContain(movingIn.absenceId);
    expect(kbh).not.toContain(movingIn.absenceId);
    expect(kbh).toContain(movedLongAgo.absenceId);
    // After the moving days the cases have followed the citizens.
    const later = addDays(today, 31);
    expect((await allPages(AARHUS, later)).ids).toContain(movedAway.absenceId);
    expect((await allPages(KOEBENHAVN, later)).ids).toContain(movingIn.absenceId);
    expect((await allPages(KOEBENHAVN, later)).ids).toEqual(await expectedCases(KOEBENHAVN, later));
  });

  it("leaves out an absence once the employee has returned", async () => {
    const { absenceId } = await employeeWithOpenAbsence("Snart Rask", KOEBENHAVN, addDays(today, -5));
    expect((await allPages(KOEBENHAVN, today)).ids).toContain(absenceId);
    await runTx(async (tx) => await tx.update(absences).set({ returnedOn: today }).where(eq(absences.id, absenceId)));
    expect((await allPages(KOEBENHAVN, today)).ids).not.toContain(absenceId);
  });

  it("answers a page past the end with the last page", async () => {
    const last = await listMunicipalityCases({ municipalityCode: KOEBENHAVN, asOf: today, page: 10_000 });
    expect(last.page).toBe(last.pageCount);
    expect(last.cases.length).toBeGreaterThan(0);
  });
});

describe("searching, filtering and sorting a municipality's cases", () => {
  const search = async (code: number, filters: JobcenterCaseFilters) => {
    const first = await searchMunicipalityCases({ municipalityCode: code, asOf: today, filters });
    const rows = [...first.cases];
    for (let page = 2; page <= first.pageCount; page++) rows.push(...(await searchMunicipalityCases({ municipalityCode: code, asOf: today, filters, page })).cases);
    expect(rows).toHaveLength(first.total);
    return rows;
  };
  const ids = async (code: number, filters: JobcenterCaseFilters) => (await search(code, filters)).map((r) => r.absenceId);

  it("finds a citizen by name only in the municipality they live in today", async () => {
    expect(await ids(KOEBENHAVN, { q: "flytter snart" })).toEqual([movedAway.absenceId]);
    // Registered in Aarhus already, but living in København until the moving day.
    expect(await ids(AARHUS, { q: "Flytter Snart" })).toEqual([]);
  });

  it("finds a case by its reference however typed, never another municipality's", async () => {
    const ref = caseReference(movedLongAgo.absenceId);
    expect(await ids(KOEBENHAVN, { q: ref.toLowerCase().replace("-", "") })).toEqual([movedLongAgo.absenceId]);
    expect(await ids(AARHUS, { q: ref })).toEqual([]);
    expect(await ids(AARHUS, { q: `fh${movedLongAgo.absenceId}` })).toEqual([]);
  });

  it("finds a citizen by birth date", async () => {
    const born = await employeeWithOpenAbsence("Født Nytårsaften", KOEBENHAVN, addDays(today, -4));
    await runTx(async (tx) => await tx.update(employees).set({ birthDate: "1971-12-31" }).where(eq(employees.id, born.employeeId)));
    expect(await ids(KOEBENHAVN, { foedt: "1971-12-31" })).toEqual([born.absenceId]);
    expect(await ids(AARHUS, { foedt: "1971-12-31" })).toEqual([]);
  });

  it("filters by fast track and by employer, name or CVR", async () => {
    await runTx(async (tx) => await tx.update(absences).set({ fastTrackRequestedOn: addDays(today, -1) }).where(eq(absences.id, movedLongAgo.absenceId)));
    expect(await ids(KOEBENHAVN, { fasttrack: "ja" })).toContain(movedLongAgo.absenceId);
    expect((await search(KOEBENHAVN, { fasttrack: "ja" })).every((r) => r.fastTrackRequestedOn !== null)).toBe(true);
    expect(await ids(KOEBENHAVN, { fasttrack: "nej" })).not.toContain(movedLongAgo.absenceId);
    const all = await expectedCases(KOEBENHAVN, today);
    expect((await ids(KOEBENHAVN, { fasttrack: "ja" })).length + (await ids(KOEBENHAVN, { fasttrack: "nej" })).length).toBe(all.length);
    const solskin = await search(KOEBENHAVN, { virksomhed: "solskin" });
    expect(solskin.length).toBeGreaterThan(0);
    expect(solskin.every((r) => r.companyName === "Solskin Pleje A/S")).toBe(true);
    expect(await ids(KOEBENHAVN, { virksomhed: "4412 5242" })).toEqual(solskin.map((r) => r.absenceId));
  });

  it("filters by the first follow-up's deadline state, as the domain computes it", async () => {
    for (const daysAgo of [50, 52, 54, 70, 90]) await employeeWithOpenAbsence(`Langvarig ${daysAgo}`, KOEBENHAVN, addDays(today, -daysAgo));
    const scope = new Set(await expectedCases(KOEBENHAVN, today));
    const byStatus = async (status: string) =>
      (await getDb()
        .select({ absence: absences, employee: employees })
        .from(absences)
        .innerJoin(employees, eq(employees.id, absences.employeeId)))
        .filter((r) => scope.has(r.absence.id))
        .filter((r) => computeDeadlines(factsOf(r.absence, r.employee), today).deadlines.find((d) => d.id === "first-follow-up")!.status === status)
        .map((r) => r.absence.id)
        .sort((a, b) => a - b);
    const overdue = await byStatus("overdue");
    const dueSoon = await byStatus("due-soon");
    expect(overdue.length).toBeGreaterThan(0);
    expect(dueSoon.length).toBeGreaterThan(0);
    expect((await ids(KOEBENHAVN, { frist: "overskredet" })).sort((a, b) => a - b)).toEqual(overdue);
    expect((await ids(KOEBENHAVN, { frist: "snart" })).sort((a, b) => a - b)).toEqual(dueSoon);
  });

  it("sorts by a column in either direction, across pages", async () => {
    const byFollowUp = (await search(KOEBENHAVN, { sorter: "opfoelgning" })).map((r) => r.followUp.dueDate);
    expect(byFollowUp).toEqual([...byFollowUp].sort());
    const byName = (await search(KOEBENHAVN, { sorter: "navn", retning: "faldende" })).map((r) => r.employeeName.toLowerCase());
    expect(byName).toEqual([...byName].sort().reverse());
    expect(await ids(KOEBENHAVN, { sorter: "sag" })).toEqual([...await expectedCases(KOEBENHAVN, today)].sort((a, b) => a - b));
  });

  it("without filters is the plain list of the municipality, with links to the newest submission", async () => {
    expect(await ids(KOEBENHAVN, {})).toEqual(await expectedCases(KOEBENHAVN, today));
    expect((await search(AARHUS, {})).every((r) => r.submissionId === null || Number.isInteger(r.submissionId))).toBe(true);
  });

  it("shows a changed birth date and a newly linked submission at once, though the plain list's rows are kept between views", async () => {
    const plainFirstPage = async () => (await searchMunicipalityCases({ municipalityCode: KOEBENHAVN, asOf: today, filters: {} })).cases;
    const row = (await plainFirstPage())[0]!;
    const employeeId = (await one(getDb().select({ id: absences.employeeId }).from(absences).where(eq(absences.id, row.absenceId)).limit(1)))!.id;
    const bornBefore = row.birthDate;
    await runTx(async (tx) => await tx.update(employees).set({ birthDate: "1966-06-16" }).where(eq(employees.id, employeeId)));
    expect((await plainFirstPage())[0]).toMatchObject({ absenceId: row.absenceId, birthDate: "1966-06-16" });
    await runTx(async (tx) => await tx.update(employees).set({ birthDate: bornBefore }).where(eq(employees.id, employeeId)));

    const unlinked = (await plainFirstPage()).find((r) => r.submissionId === null)!;
    const owner = (await one(getDb().select({ employeeId: absences.employeeId, companyId: absences.companyId }).from(absences).where(eq(absences.id, unlinked.absenceId)).limit(1)))!;
    const doc = await runTx(async (tx) => await only(tx.insert(documents).values({ ...owner, absenceId: unlinked.absenceId, type: "fast-track" }).returning()));
    const sent = await runTx(async (tx) => await only(tx
      .insert(submissions)
      .values({ documentId: doc.id, ...owner, absenceId: unlinked.absenceId, municipalityCode: KOEBENHAVN, type: "fast-track", status: "received", version: 1, receivedOn: today, lastActivityAt: new Date().toISOString() })
      .returning()));
    expect((await plainFirstPage()).find((r) => r.absenceId === unlinked.absenceId)!.submissionId).toBe(sent.id);
    await runTx(async (tx) => await tx.delete(submissions).where(eq(submissions.id, sent.id)));
    await runTx(async (tx) => await tx.delete(documents).where(eq(documents.id, doc.id)));
    expect((await plainFirstPage()).find((r) => r.absenceId === unlinked.absenceId)!.submissionId).toBeNull();
  });
});

describe("the absences' copy of the employee's municipality", () => {
  it("is the employee's municipality on insert and follows every move", async () => {
    const codesOf = async (employeeId: number) =>
      (await getDb().select({ code: absences.employeeMunicipalityCode }).from(absences).where(eq(absences.employeeId, employeeId))).map((r) => r.code);
    expect(await codesOf(movedAway.employeeId)).toEqual([AARHUS]);
    expect(await codesOf(movingIn.employeeId)).toEqual([KOEBENHAVN]);
    const all = await getDb().select({ absence: absences, employee: employees }).from(absences).innerJoin(employees, eq(employees.id, absences.employeeId));
    expect(all.filter((r) => r.absence.employeeMunicipalityCode !== r.employee.municipalityCode)).toEqual([]);
  });

  it("is counted per municipality, open absences only, through inserts, returns, reopenings, moves and deletions", async () => {
    const { absenceId } = await employeeWithOpenAbsence("Kort Fravær", AARHUS, addDays(today, -2));
    await runTx(async (tx) => await tx.update(absences).set({ returnedOn: today }).where(eq(absences.id, absenceId)));
    await runTx(async (tx) => await tx.update(absences).set({ returnedOn: null }).where(eq(absences.id, absenceId)));
    await runTx(async (tx) => await tx.delete(absences).where(eq(absences.id, absenceId)));
    const closed = await employeeWithOpenAbsence("Lukket Fravær", AARHUS, addDays(today, -9));
    await runTx(async (tx) => await tx.update(absences).set({ returnedOn: today }).where(eq(absences.id, closed.absenceId)));
    await runTx(async (tx) => await tx.delete(absences).where(eq(absences.id, closed.absenceId)));
    const counted = new Map<number, number>();
    for (const a of await getDb().select().from(absences)) {
      if (a.returnedOn === null) counted.set(a.employeeMunicipalityCode!, (counted.get(a.employeeMunicipalityCode!) ?? 0) + 1);
    }
    const kept = new Map((await getDb().select().from(municipalityOpenAbsences)).filter((r) => r.openAbsences !== 0).map((r) => [r.municipalityCode, r.openAbsences]));
    expect(kept).toEqual(counted);
    expect(counted.get(KOEBENHAVN)).toBeGreaterThan(2 * CASES_PAGE_SIZE);
  });

  it("follows an absence moved to another employee", async () => {
    await runTx(async (tx) => await tx.update(absences).set({ employeeId: movingIn.employeeId }).where(eq(absences.id, movedAway.absenceId)));
    expect((await one(getDb().select().from(absences).where(eq(absences.id, movedAway.absenceId)).limit(1)))!.employeeMunicipalityCode).toBe(KOEBENHAVN);
    await runTx(async (tx) => await tx.update(absences).set({ employeeId: movedAway.employeeId }).where(eq(absences.id, movedAway.absenceId)));
    expect((await one(getDb().select().from(absences).where(eq(absences.id, movedAway.absenceId)).limit(1)))!.employeeMunicipalityCode).toBe(AARHUS);
  });
});
