// Refusals and validation of these pages without the HTML are called directly in tests/integration/direct/employees-and-absences.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { queryOne } from "../support/test-db";

let server: RunningServer;
let nordbyg: HttpClient;
let solskin: HttpClient;
const today = todayInCopenhagen(new Date());

async function employeeId(name: string): Promise<number> {
  return (await queryOne<{ id: number }>(server, "select id from employees where name = ?", name)).id;
}

const validEmployee = {
  name: "Åse Ørnstrup",
  birthDate: "1970-05-01",
  municipalityCode: "751",
  employmentStartDate: "2015-01-01",
  jobTitle: "Lagerarbejder",
  weeklyHours: "37",
};

beforeAll(async () => {
  server = await startServer();
  nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
  solskin = await signedIn(server.baseUrl, "hr@solskin.example");
});

afterAll(async () => {
  await server?.stop();
});

describe("employees", () => {
  it("lists only the company's own employees and searches by name", async () => {
    const html = await (await nordbyg.get("/virksomhed/medarbejdere")).text();
    expect(html).toContain("Søren Ærø Åberg");
    expect(html).not.toContain("Hanne Lykke");
    const found = await (await nordbyg.get("/virksomhed/medarbejdere?q=%C5%82ukasz")).text();
    expect(found).toContain("Łukasz Nowak");
    expect(found).not.toContain("Søren Ærø Åberg");
  });

  it("keeps the input and shows Danish field errors when the form is invalid", async () => {
    const res = await nordbyg.postForm("/virksomhed/medarbejdere/ny", { ...validEmployee, birthDate: "2026-02-30", weeklyHours: "abc" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Indtast en gyldig dato (dd.mm.åååå).");
    expect(html).toContain("Indtast ugentlige timer som et tal");
    expect(html).toContain('value="Åse Ørnstrup"');
    expect(html).toContain("Der er problemer");
  });

  it("creates an employee and records it in the audit log", async () => {
    const res = await nordbyg.postForm("/virksomhed/medarbejdere/ny", validEmployee);
    expect(res.status).toBe(302);
    const id = await employeeId("Åse Ørnstrup");
    expect(res.headers.get("location")).toBe(`/virksomhed/medarbejdere/${id}?gemt=oprettet`);
    const audit = await queryOne<{ user_id: number }>(server, "select * from audit_log where action = 'employee.create' and entity_id = ?", String(id));
    expect(audit.user_id).toBeGreaterThan(0);
  });
});

describe("absences and deadlines", () => {
  it("registers an absence and shows its timeline with Danish dates", async () => {
    const id = await employeeId("Jonas Bøgh");
    const first = addDays(today, -10);
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${id}/fravaer/ny`, {
      firstAbsenceDay: first,
      extent: "full",
      pay: "salary",
      expectedOver8Weeks: "on",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(/^\/virksomhed\/fravaer\/\d+\?gemt=oprettet$/);
    const html = await (await nordbyg.get(location)).text();
    expect(html).toContain(formatDanishDate(addDays(first, 28)));
    expect(html).toMatch(/data-deadline="absence-conversation" data-status="(upcoming|due-soon)"/);
    expect(html).toContain("Sygedagpengeloven § 7 a");
  });

  it("marks the conversation done as soon as it is recorded", async () => {
    const id = await employeeId("Jonas Bøgh");
    const absence = await queryOne<{ id: number }>(server, "select id from absences where employee_id = ?", id);
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${absence.id}`, {
      intent: "conversation",
      conversationHeldOn: today,
      conversationNotes: "Aftalt lettere opgaver.",
    });
    expect(res.status).toBe(302);
    const html = await (await nordbyg.get(`/virksomhed/fravaer/${absence.id}`)).text();
    expect(html).toMatch(/data-deadline="absence-conversation" data-status="done"/);
  });
});

describe("dashboard", () => {
  it("only ever shows the user's own company", async () => {
    const own = await (await nordbyg.get("/virksomhed")).text();
    const other = await (await solskin.get("/virksomhed")).text();
    for (const name of ["Hanne Lykke", "Birgitte Nørgaard"]) expect(own).not.toContain(name);
    for (const name of ["Søren Ærø Åberg", "Mette Kjær", "Jonas Bøgh"]) expect(other).not.toContain(name);
    expect(own).toContain("Søren Ærø Åberg");
    expect(other).toContain("Birgitte Nørgaard");
  });

  it("lists overdue deadlines first and counts them", async () => {
    const html = await (await nordbyg.get("/virksomhed")).text();
    const overdue = Number(/data-testid="overdue-deadlines">(\d+)</.exec(html)![1]);
    expect(overdue).toBeGreaterThan(0);
    const firstBadge = /<table[^>]*data-testid="dashboard-deadlines"[\s\S]*?class="badge badge-(\w+)"/.exec(html)![1];
    expect(firstBadge).toBe("error");
  });
});

describe("home municipality", () => {
  it("moves a case to the new municipality's jobcenter from the moving date", async () => {
    const aarhus = new HttpClient(server.baseUrl);
    await aarhus.login("aarhus@jobcenter.example");
    const kbh = new HttpClient(server.baseUrl);
    await kbh.login("koebenhavn@jobcenter.example");
    // Mette Kjær lives in København and has an open demo absence.
    expect(await (await kbh.get("/jobcenter/sager")).text()).toContain("Mette Kjær");
    expect(await (await aarhus.get("/jobcenter/sager")).text()).not.toContain("Mette Kjær");
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Mette Kjær")}/flyt`, { toMunicipalityCode: "751", movedOn: today });
    expect(res.status).toBe(302);
    expect(await (await aarhus.get("/jobcenter/sager")).text()).toContain("Mette Kjær");
    expect(await (await kbh.get("/jobcenter/sager")).text()).not.toContain("Mette Kjær");
  });

  it("keeps the case with the old municipality until a future moving date", async () => {
    const kbh = new HttpClient(server.baseUrl);
    await kbh.login("koebenhavn@jobcenter.example");
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Jonas Bøgh")}/flyt`, { toMunicipalityCode: "461", movedOn: addDays(today, 30) });
    expect(res.status).toBe(302);
    expect(await (await kbh.get("/jobcenter/sager")).text()).toContain("Jonas Bøgh");
  });
});
