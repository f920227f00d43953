import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { type HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { queryOne, withTestDb } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
let kbh: HttpClient;
const today = todayInCopenhagen(new Date());

// Looked up once in beforeAll, so the synchronous paths below can use them.
const employeeIds = new Map<string, number>();

function employeeId(name: string): number {
  const id = employeeIds.get(name);
  if (id === undefined) throw new Error(`no employee ${name} looked up`);
  return id;
}

const agreement = {
  collectiveAgreement: "Industriens Overenskomst",
  tasks: "Lettere montageopgaver og kvalitetskontrol.",
  accommodations: "Ingen tunge løft; pauser efter behov.",
  hoursPerWeek: "25",
  wageTerms: "Løn efter overenskomsten for 25 timer.",
};

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
  kbh = await signedIn(server.baseUrl, "koebenhavn@jobcenter.example");
  for (const name of ["Jonas Bøgh", "Mette Kjær"]) {
    employeeIds.set(name, (await queryOne<{ id: number }>(server, "select id from employees where name = ?", name)).id);
  }
});

afterAll(async () => {
  await server?.stop();
});

describe("an employee more than 6 years from folkepension", () => {
  // Jonas Bøgh, born 1994: the 12 months are required.
  const path = () => `/virksomhed/medarbejdere/${employeeId("Jonas Bøgh")}/sociale-kapitler`;
  const startedOn = addMonths(today, -2);

  it("keeps the input and explains a bad review date", async () => {
    const res = await hr.postForm(`${path()}/rediger`, { ...agreement, startedOn, reviewDates: "31.02.2027" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("&quot;31.02.2027&quot; er ikke en gyldig dato");
    expect(html).toContain("Lettere montageopgaver og kvalitetskontrol.");
  });

  it("records the agreement and says the 12 months are required and when they are complete", async () => {
    const review = addDays(today, 5);
    const res = await hr.postForm(`${path()}/rediger`, { ...agreement, startedOn, reviewDates: formatDanishDate(review) });
    expect(res.status).toBe(302);
    const html = await (await hr.get(path())).text();
    expect(html).toContain("De 12 måneder kræves");
    expect(html).toContain(formatDanishDate(addMonths(startedOn, 12)));
    expect(html).toMatch(/<progress[^>]*max="12"[^>]*value="2"/);
  });

  it("shows the review date on the dashboard, and keeps it out of the calendar feed", async () => {
    expect(await (await hr.get("/virksomhed")).text()).toContain("Opfølgning på ansættelsen på sociale kapitler");
    // The address is shown once, in the answer that made it: only its token's hash is stored.
    const settings = await hr.postForm("/virksomhed/indstillinger", { intent: "create" });
    expect(settings.status).toBe(200);
    const page = await settings.text();
    const feedPath = /\/kalender\/[A-Za-z0-9_-]+\.ics/.exec(page)![0];
    const feed = await (await fetch(server.baseUrl + feedPath)).text();
    const events = new ICAL.Component(ICAL.parse(feed)).getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    // That an employee works on special terms is itself health information: only sickness-absence deadlines go in.
    expect(events.every((e) => /\(sag FH-\d{6}\)$/.test(e.summary))).toBe(true);
    expect(feed).not.toContain("sociale kapitler");
    expect(feed).not.toMatch(/SK-\d{6}/);
    expect(feed).not.toContain("Jonas");
  });

  it("appends to the log and corrects by a new entry", async () => {
    expect((await hr.postForm(path(), { intent: "log", entryDate: today, kind: "adjustment", text: "Hæve-sænkebord afprøvet." })).status).toBe(302);
    const first = await queryOne<{ id: number }>(server, "select id from social_chapter_log order by id desc");
    const bad = await hr.postForm(path(), { intent: "log", entryDate: today, kind: "correction", text: "Rettelse uden henvisning." });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Vælg den indførsel, der rettes.");
    const fix = await hr.postForm(path(), { intent: "log", entryDate: today, kind: "correction", correctsEntryId: String(first.id), text: "Det var et ståbord." });
    expect(fix.status).toBe(302);
    const html = await (await hr.get(path())).text();
    expect(html).toContain("Hæve-sænkebord afprøvet.");
    expect(html).toContain(`Retter indførsel nr. ${first.id}`);
  });

  it("keeps the log append-only in the database itself", async () => {
    await withTestDb(server, async (db) => {
      await expect(async () => db.run("update social_chapter_log set text = 'x'")).rejects.toThrow(/append-only/);
      await expect(async () => db.run("delete from social_chapter_log")).rejects.toThrow(/append-only/);
    });
  });

  it("refuses to send the dossier before the 12 months are complete", async () => {
    const res = await hr.postForm(path(), { intent: "send" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("De 12 måneder er først gennemført om");
  });

  it("answers 404 to another company", async () => {
    expect((await otherHr.get(path())).status).toBe(404);
    expect((await otherHr.postForm(path(), { intent: "log", entryDate: today, kind: "adjustment", text: "x" })).status).toBe(404);
    expect((await otherHr.postForm(`${path()}/rediger`, { ...agreement, startedOn })).status).toBe(404);
  });
});

describe("an employee 6 years or less from folkepension", () => {
  // Mette Kjær, born 30 Jun 1959 (pension age 67 → 30 Jun 2026), lives in København.
  const path = () => `/virksomhed/medarbejdere/${employeeId("Mette Kjær")}/sociale-kapitler`;

  it("is not required to complete 12 months and can send the dossier to the home municipality", async () => {
    expect((await hr.postForm(`${path()}/rediger`, { ...agreement, startedOn: addMonths(today, -1), reviewDates: "" })).status).toBe(302);
    expect(await (await hr.get(path())).text()).toContain("Kravet om 12 måneder gælder ikke");
    const sent = await hr.postForm(path(), { intent: "send" });
    expect(sent.status).toBe(302);
    const inbox = await (await kbh.get("/jobcenter?type=social-chapter")).text();
    expect(inbox).toContain("Mette Kjær");
    expect(inbox).toContain("Sociale kapitler");
  });
});

describe("the dossier PDF", () => {
  it("downloads the sent dossier with the agreement and the computed dates", async () => {
    const row = await queryOne<{ documentId: number; submissionId: number }>(
      server,
      "select d.id as documentId, s.id as submissionId from documents d join submissions s on s.document_id = d.id where d.type = 'social-chapter'",
    );
    const res = await hr.get(`/virksomhed/dokumenter/${row.documentId}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="sociale-kapitler-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const jc = await kbh.get(`/jobcenter/indsendelser/${row.submissionId}/pdf`);
    expect(jc.status).toBe(200);
    expect(jc.headers.get("content-type")).toBe("application/pdf");
  });
});
