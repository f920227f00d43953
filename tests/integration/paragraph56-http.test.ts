import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, addYears, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { type HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { queryOne } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
let aarhus: HttpClient;
let kbh: HttpClient;
const today = todayInCopenhagen(new Date());

function query<T>(sql: string, ...params: unknown[]): Promise<T> {
  return queryOne<T>(server, sql, ...params);
}

const application = {
  kind: "almindelig",
  effectOnWork: "Perioder med smerter, hvor tunge løft og lange arbejdsdage ikke er mulige.",
  expectedDaysPerYear: "14",
  employmentRequirement: "yes",
  employerConfirms: "on",
  employeeConfirms: "on",
  appliedOn: today,
};

let employeeId: number;
let absence: { id: number; first: string };
const path = () => `/virksomhed/medarbejdere/${employeeId}/paragraf-56`;

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
  aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  kbh = await signedIn(server.baseUrl, "koebenhavn@jobcenter.example");
  // Søren Ærø Åberg lives in Aarhus and has an open absence that started 24 days ago.
  const row = await query<{ employeeId: number; id: number; first: string }>(
    "select e.id as employeeId, a.id as id, a.first_absence_day as first from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
  );
  employeeId = row.employeeId;
  absence = { id: row.id, first: row.first };
});

afterAll(async () => {
  await server?.stop();
});

const absenceForm = (patch: Record<string, string>) => ({ firstAbsenceDay: absence.first, extent: "full", pay: "salary", expectedOver8Weeks: "on", ...patch });

describe("applying", () => {
  it.each([
    [{ effectOnWork: "Medarbejderen har en diskusprolaps." }, "Teksten ser ud til at nævne en diagnose (diskusprolaps)"],
    [{ employmentRequirement: "no" }, "medarbejderen skal have været ansat de seneste 8 uger"],
    [{ expectedDaysPerYear: "5" }, "En almindelig aftale kræver mindst 10 forventede fraværsdage om året."],
    [{ employeeConfirms: "" }, "Medarbejderen skal bekræfte ansøgningen."],
  ])("refuses %o with a Danish reason", async (patch, message) => {
    const res = await hr.postForm(`${path()}/ny`, { ...application, ...patch });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
  });

  it("cannot link an absence before the agreement is approved", async () => {
    const res = await hr.postForm(`/virksomhed/fravaer/${absence.id}/rediger`, absenceForm({ paragraph56: "on" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("ingen godkendt § 56-aftale");
  });

  it("sends the application to the home municipality", async () => {
    const res = await hr.postForm(`${path()}/ny`, application);
    expect(res.status).toBe(302);
    const s = await query<{ municipality_code: number; status: string }>("select * from submissions where type = 'paragraph56'");
    expect(s).toMatchObject({ municipality_code: 751, status: "received" });
    expect(await (await hr.get(path())).text()).toContain("Afventer kommunens godkendelse");
  });
});

describe("approval and scoping", () => {
  const submissionId = async () => (await query<{ id: number }>("select id from submissions where type = 'paragraph56'")).id;
  const lock = async () => String((await query<{ lock: number }>("select lock from submissions where id = ?", await submissionId())).lock);

  it("is hidden from other companies and municipalities", async () => {
    expect((await otherHr.get(path())).status).toBe(404);
    expect((await otherHr.postForm(`${path()}/ny`, application)).status).toBe(404);
    expect((await kbh.get(`/jobcenter/indsendelser/${await submissionId()}`)).status).toBe(404);
  });

  it("needs an approval date, and the agreement then runs A to A + 2 years − 1 day", async () => {
    expect((await aarhus.postForm(`/jobcenter/indsendelser/${await submissionId()}`, { intent: "take", lock: await lock() })).status).toBe(302);
    const noDate = await aarhus.postForm(`/jobcenter/indsendelser/${await submissionId()}`, { intent: "approve", lock: await lock() });
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain("Angiv datoen, aftalen godkendes fra.");
    const approvedOn = addDays(today, -30);
    expect((await aarhus.postForm(`/jobcenter/indsendelser/${await submissionId()}`, { intent: "approve", lock: await lock(), approvedOn, confirmed: "ja" })).status).toBe(302);
    const a = await query<{ approved_on: string; valid_until: string }>("select * from paragraph56_agreements");
    expect(a).toEqual(expect.objectContaining({ approved_on: approvedOn, valid_until: addDays(addYears(approvedOn, 2), -1) }));
    expect(await (await hr.get(path())).text()).toContain(formatDanishDate(a.valid_until));
  });
});

describe("a linked absence", () => {
  it("gets reimbursement from the first day and the § 56 reporting deadline", async () => {
    expect((await hr.postForm(`/virksomhed/fravaer/${absence.id}/rediger`, absenceForm({ paragraph56: "on" }))).status).toBe(302);
    let html = await (await hr.get(`/virksomhed/fravaer/${absence.id}`)).text();
    expect(html).toContain("Ingen – § 56-aftale giver refusion fra første fraværsdag");
    // Back after 10 days (at most 30): the report is due F + 3 months.
    const returnedOn = addDays(absence.first, 10);
    expect((await hr.postForm(`/virksomhed/fravaer/${absence.id}/rediger`, absenceForm({ paragraph56: "on", returnedOn }))).status).toBe(302);
    html = await (await hr.get(`/virksomhed/fravaer/${absence.id}`)).text();
    const report = /data-deadline="absence-report"[\s\S]*?<\/tr>/.exec(html)![0];
    expect(report).toContain(formatDanishDate(addMonths(absence.first, 3)));
  });

  it("counts the linked absence days of the last 12 months", async () => {
    const html = await (await hr.get(path())).text();
    expect(/data-testid="agreement-days">(\d+)</.exec(html)![1]).toBe("10");
    expect(html).toContain("Mulig: mindst 10 fraværsdage");
  });

  it("offers a renewal prefilled from the agreement", async () => {
    const id = (await query<{ id: number }>("select id from paragraph56_agreements")).id;
    const html = await (await hr.get(`${path()}/ny?fornyelse=${id}`)).text();
    expect(html).toContain("Fornyelse af § 56-aftale");
    expect(html).toContain("Perioder med smerter");
    expect((await otherHr.get(`/virksomhed/medarbejdere/${employeeId}/paragraf-56/ny?fornyelse=${id}`)).status).toBe(404);
  });

  it("keeps the renewal reminder out of the calendar feed (the arrangement says something about health), and the PDF has signature areas", async () => {
    // The address is shown once, in the answer to the POST that made it.
    const page = await (await hr.postForm("/virksomhed/indstillinger", { intent: "create" })).text();
    const feed = await (await fetch(server.baseUrl + /\/kalender\/[A-Za-z0-9_-]+\.ics/.exec(page)![0])).text();
    expect(feed).toContain("BEGIN:VCALENDAR");
    expect(feed).not.toContain("§ 56");
    const documentId = (await query<{ document_id: number }>("select document_id from paragraph56_agreements")).document_id;
    const pdf = await hr.get(`/virksomhed/dokumenter/${documentId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toMatch(/filename="paragraf-56-\d{4}-\d{2}-\d{2}\.pdf"/);
  });
});
