/**
 * Validation errors and denials of the employee and absence pages, calling their loaders and
 * actions directly (tests/support/direct.ts). Moved here from absences-http.test.ts, which keeps
 * the pages as the browser gets them.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, one } from "~db/client.server";
import { absences, employees } from "~db/schema";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import * as absencePage from "~/routes/virksomhed.fravaer.$absenceId._index";
import * as employeePage from "~/routes/virksomhed.medarbejdere.$employeeId._index";
import * as newAbsence from "~/routes/virksomhed.medarbejdere.$employeeId.fravaer.ny";
import * as editEmployee from "~/routes/virksomhed.medarbejdere.$employeeId.rediger";
import * as employeeList from "~/routes/virksomhed.medarbejdere._index";
import * as newEmployee from "~/routes/virksomhed.medarbejdere.ny";
import { callAction, callLoader, fieldErrorsOf, seedForDirectCalls, sessionCookieFor } from "../../support/direct";

const today = todayInCopenhagen(new Date());
const validEmployee = {
  name: "Åse Ørnstrup",
  birthDate: "1970-05-01",
  municipalityCode: "751",
  employmentStartDate: "2015-01-01",
  jobTitle: "Lagerarbejder",
  weeklyHours: "37",
};

let nordbyg: string;
let solskin: string;
let jobcenter: string;
let soeren: number;
let jonas: number;
let jonasAbsence: { id: number; firstAbsenceDay: string };

const employeeNamed = async (name: string) => (await one(getDb().select().from(employees).where(eq(employees.name, name)).limit(1)))!;

beforeAll(async () => {
  await seedForDirectCalls();
  nordbyg = await sessionCookieFor("hr@nordbyg.example");
  solskin = await sessionCookieFor("hr@solskin.example");
  jobcenter = await sessionCookieFor("aarhus@jobcenter.example");
  soeren = (await employeeNamed("Søren Ærø Åberg")).id;
  jonas = (await employeeNamed("Jonas Bøgh")).id;
  const created = await callAction(
    newAbsence.action,
    `/virksomhed/medarbejdere/${jonas}/fravaer/ny`,
    { firstAbsenceDay: addDays(today, -10), extent: "full", pay: "salary" },
    { cookie: nordbyg, params: { employeeId: String(jonas) } },
  );
  expect(created.status).toBe(302);
  jonasAbsence = (await one(getDb().select().from(absences).where(eq(absences.employeeId, jonas)).limit(1)))!;
});

describe("employees, called directly", () => {
  it("answers a bad form with 400 and a Danish message at each field, and stores nothing", async () => {
    const res = await callAction(newEmployee.action, "/virksomhed/medarbejdere/ny", { ...validEmployee, birthDate: "2026-02-30", weeklyHours: "abc" }, { cookie: nordbyg });
    expect(res.status).toBe(400);
    const errors = await fieldErrorsOf(res);
    expect(errors.birthDate).toContain("Indtast en gyldig dato (dd.mm.åååå).");
    expect(errors.weeklyHours?.join(" ")).toContain("Indtast ugentlige timer som et tal");
    expect(errors.name).toBeUndefined();
    expect(await one(getDb().select().from(employees).where(eq(employees.name, validEmployee.name)).limit(1))).toBeUndefined();
  });

  it("answers 404 when a user opens or edits another company's employee, and changes nothing", async () => {
    const params = { employeeId: String(soeren) };
    expect((await callLoader(employeePage.loader, `/virksomhed/medarbejdere/${soeren}`, { cookie: solskin, params })).status).toBe(404);
    const edit = await callAction(editEmployee.action, `/virksomhed/medarbejdere/${soeren}/rediger`, { ...validEmployee, name: "Overtaget" }, { cookie: solskin, params });
    expect(edit.status).toBe(404);
    const absence = await callAction(newAbsence.action, `/virksomhed/medarbejdere/${soeren}/fravaer/ny`, { firstAbsenceDay: today, extent: "full", pay: "salary" }, { cookie: solskin, params });
    expect(absence.status).toBe(404);
    expect((await employeeNamed("Søren Ærø Åberg")).id).toBe(soeren);
  });

  it("refuses employee pages to a jobcenter user (403) and sends an anonymous visitor to the login page", async () => {
    expect((await callLoader(employeeList.loader, "/virksomhed/medarbejdere", { cookie: jobcenter })).status).toBe(403);
    expect((await callAction(newEmployee.action, "/virksomhed/medarbejdere/ny", validEmployee, { cookie: jobcenter })).status).toBe(403);
    const anonymous = await callLoader(employeeList.loader, "/virksomhed/medarbejdere?q=a");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fvirksomhed%2Fmedarbejdere%3Fq%3Da");
  });
});

describe("absences, called directly", () => {
  it("rejects a return date before the first absence day with a Danish message", async () => {
    const res = await callAction(
      absencePage.action,
      `/virksomhed/fravaer/${jonasAbsence.id}`,
      { intent: "return", returnedOn: addDays(jonasAbsence.firstAbsenceDay, -1) },
      { cookie: nordbyg, params: { absenceId: String(jonasAbsence.id) } },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Raskmeldingsdatoen skal ligge efter første fraværsdag.");
    expect((await one(getDb().select().from(absences).where(eq(absences.id, jonasAbsence.id)).limit(1)))!.returnedOn).toBeNull();
  });

  it("refuses a second open absence for the same employee", async () => {
    const res = await callAction(
      newAbsence.action,
      `/virksomhed/medarbejdere/${jonas}/fravaer/ny`,
      { firstAbsenceDay: today, extent: "full", pay: "salary" },
      { cookie: nordbyg, params: { employeeId: String(jonas) } },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("har allerede et åbent fravær");
    expect(await getDb().select().from(absences).where(eq(absences.employeeId, jonas))).toHaveLength(1);
  });

  it("answers 404 for another company's absence page and its actions", async () => {
    const params = { absenceId: String(jonasAbsence.id) };
    expect((await callLoader(absencePage.loader, `/virksomhed/fravaer/${jonasAbsence.id}`, { cookie: solskin, params })).status).toBe(404);
    const res = await callAction(absencePage.action, `/virksomhed/fravaer/${jonasAbsence.id}`, { intent: "return", returnedOn: today }, { cookie: solskin, params });
    expect(res.status).toBe(404);
    expect((await one(getDb().select().from(absences).where(eq(absences.id, jonasAbsence.id)).limit(1)))!.returnedOn).toBeNull();
  });

  it("gives the absence page the case's facts it shows, not the stored rows of the case and its documents", async () => {
    const res = await callLoader(absencePage.loader, `/virksomhed/fravaer/${jonasAbsence.id}`, { cookie: nordbyg, params: { absenceId: String(jonasAbsence.id) } });
    expect(res.status).toBe(200);
    const data = (await res.json()) as { absence: Record<string, unknown>; documents: Array<{ document: Record<string, unknown> }> };
    expect(data.absence).toMatchObject({ id: jonasAbsence.id, firstAbsenceDay: jonasAbsence.firstAbsenceDay });
    for (const column of ["companyId", "employeeId", "employeeMunicipalityCode", "paragraph56AgreementId", "createdAt", "updatedAt"]) expect(data.absence).not.toHaveProperty(column);
    for (const d of data.documents) expect(Object.keys(d.document).sort()).toEqual(["id", "type"]);
  });
});
