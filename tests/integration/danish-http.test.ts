/**
 * Danish all the way, through the running server: numbers typed with a
 * decimal comma are read and shown with one, a bad value in the
 * mulighedserklæring's step 3 is answered in Danish (where "Invalid input"
 * was seen), and no page, PDF or e-mail of a journey shows an ISO date
 * (2026-12-01) or a UTC time (T08:15Z) to its reader.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { documentIdFrom, signedIn, type HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;
const UTC_TIME = /T\d\d:\d\d(:\d\d(\.\d+)?)?Z/;
const today = todayInCopenhagen(new Date());

let server: RunningServer;
let hr: HttpClient;
let aarhus: HttpClient;
let employee: { id: number; name: string; birth_date: string; employment_start_date: string; employment_end_date: string | null; job_title: string };
let absenceId: number;

function rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return withTestDb(server, (db) => db.all<T>(sql, ...params));
}

beforeAll(async () => {
  server = await startServer();
  [hr, aarhus] = await Promise.all([signedIn(server.baseUrl, "hr@nordbyg.example"), signedIn(server.baseUrl, "aarhus@jobcenter.example")]);
  // Søren Ærø Åberg lives in Aarhus; his demo absence is expected to last more than 8 weeks.
  employee = (await rows<typeof employee>("select * from employees where name = 'Søren Ærø Åberg'"))[0]!;
  absenceId = (await rows<{ id: number }>("select id from absences where employee_id = ?", employee.id))[0]!.id;
  // Starting a server on the shared 2-core machine can take most of a minute.
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

/** What a reader sees of a page: its text and the values in its visible fields, not scripts, links or machine attributes. */
function visibleText(html: string): string {
  const values = [...html.matchAll(/<input\b(?![^>]*type="hidden")[^>]*\bvalue="([^"]*)"/g)].map((m) => m[1]);
  const text = html
    .replace(/<script\b[\s\S]*?<\/script>/g, " ")
    .replace(/<style\b[\s\S]*?<\/style>/g, " ")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z]+;|&#\d+;/g, " ");
  return `${text}\n${values.join("\n")}`;
}

function pdfText(bytes: ArrayBuffer): string {
  const dir = mkdtempSync(join(tmpdir(), "danish-pdf-"));
  const file = join(dir, "doc.pdf");
  writeFileSync(file, Buffer.from(bytes));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** Where an ISO date or a UTC time shows, with a little context. */
function isoHits(where: string, text: string): string[] {
  return [ISO_DATE, UTC_TIME].flatMap((pattern) => {
    const global = new RegExp(pattern.source, "g");
    return [...text.matchAll(global)].map((m) => `${where}: …${text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 20).replace(/\s+/g, " ")}…`);
  });
}

/** Every page and PDF a user can reach by following links from the start pages, up to a limit. */
async function crawl(client: HttpClient, start: string[], limit = 150): Promise<{ visited: string[]; hits: string[] }> {
  const queue = [...start];
  const seen = new Set(queue);
  const visited: string[] = [];
  const hits: string[] = [];
  while (queue.length && visited.length < limit) {
    const path = queue.shift()!;
    const res = await client.get(path);
    if (res.status !== 200) {
      await res.arrayBuffer();
      continue;
    }
    visited.push(path);
    const type = res.headers.get("content-type") ?? "";
    if (type.includes("application/pdf")) {
      hits.push(...isoHits(path, pdfText(await res.arrayBuffer())));
      continue;
    }
    if (!type.includes("text/html")) {
      await res.arrayBuffer();
      continue;
    }
    const html = await res.text();
    hits.push(...isoHits(path, visibleText(html)));
    for (const m of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const link = m[1]!.replace(/&amp;/g, "&");
      // Static files, the calendar feed and the API are for programs; their dates are ISO on purpose.
      if (/^\/(build|dkfds|fonts|api|favicon|logout)|\.ics$|kalender|\.css$|\.js$|\.svg$|\.png$|\.ico$/.test(link)) continue;
      if (!seen.has(link)) {
        seen.add(link);
        queue.push(link);
      }
    }
  }
  return { visited, hits };
}

describe("numbers typed the Danish way", () => {
  it("reads weekly hours typed as 37,5 and shows them with a comma", async () => {
    const res = await hr.postForm(`/virksomhed/medarbejdere/${employee.id}/rediger`, {
      name: employee.name,
      birthDate: formatDanishDate(employee.birth_date),
      employmentStartDate: formatDanishDate(employee.employment_start_date),
      employmentEndDate: "",
      jobTitle: employee.job_title,
      weeklyHours: "37,5",
    });
    expect(res.status, await res.clone().text()).toBe(302);
    expect((await rows<{ weekly_hours: number }>("select weekly_hours from employees where id = ?", employee.id))[0]!.weekly_hours).toBe(37.5);
    expect(visibleText(await (await hr.get(`/virksomhed/medarbejdere/${employee.id}`)).text()).replace(/\s+/g, " ")).toContain("37,5 timer om ugen");
    expect(await (await hr.get(`/virksomhed/medarbejdere/${employee.id}/rediger`)).text()).toMatch(/name="weeklyHours"[^>]*value="37,5"|value="37,5"[^>]*name="weeklyHours"/);
  });
});

describe("the mulighedserklæring's step 3", () => {
  let documentId: number;
  const step3 = { changedTasks: "on", reducedHours: "on", hoursPerWeek: "20", adjustmentsDescription: "Lettere opgaver ved montagebordet.", durationWeeks: "6" };

  beforeAll(async () => {
    documentId = documentIdFrom(await hr.postForm(`/virksomhed/medarbejdere/${employee.id}/mulighedserklaering/ny`, { absenceId: String(absenceId) }));
    await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/parter`, { contactPerson: "Lise Holm", contactPhone: "12 34 56 78" });
    await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/begraensninger`, {
      functionalLimitations: "Kan ikke løfte over 5 kg eller stå længe.",
      affectedFunctions: "Tunge løft og montage over skulderhøjde.",
    });
  });

  it.each([
    ["hours that are no number", { hoursPerWeek: "tyve" }, "Indtast timer om ugen som et tal"],
    ["hours out of range", { hoursPerWeek: "60" }, "Indtast mellem 1 og 48 timer om ugen."],
    ["weeks that are no whole number", { durationWeeks: "6,5" }, "Indtast varigheden i hele uger."],
    ["weeks that are no number", { durationWeeks: "seks" }, "Indtast varigheden i hele uger."],
  ])("answers %s in Danish at the field", async (_what, change, message) => {
    const res = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/tilpasninger`, { ...step3, ...change });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).not.toMatch(/Invalid|Expected|received/);
  });

  it("accepts hours with a decimal comma", async () => {
    const res = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/tilpasninger`, { ...step3, hoursPerWeek: "20,5" });
    expect(res.status).toBe(302);
    const html = await (await hr.get(`/virksomhed/dokumenter/${documentId}/trin/tilpasninger`)).text();
    expect(html).toContain('value="20,5"');
  });
});

describe("no ISO date or UTC time reaches a reader", () => {
  it("on any page, PDF or e-mail of a fast-track journey, for the employer and the caseworker", async () => {
    // The journey: HR sends a fast-track request with a date typed the Danish way, the jobcenter takes it and records the first follow-up.
    const created = await hr.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, {
      affectedFunctions: "Tunge løft og arbejde på stillads.",
      affectedDuration: "Siden første fraværsdag.",
      adaptations: "Kontoropgaver i 4 uger er afprøvet.",
      requestedOn: formatDanishDate(today),
      employeeConsent: "agreed",
    });
    expect(created.status, await created.clone().text()).toBe(302);
    const documentId = documentIdFrom(created);
    expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
    const submission = (await rows<{ id: number; lock: number }>("select id, lock from submissions where document_id = ?", documentId))[0]!;
    expect((await aarhus.postForm(`/jobcenter/indsendelser/${submission.id}`, { intent: "take", lock: String(submission.lock) })).status).toBe(302);
    const followUp = await aarhus.postForm(`/jobcenter/indsendelser/${submission.id}`, { intent: "follow-up", heldOn: formatDanishDate(today) });
    expect(followUp.status, await followUp.clone().text()).toBe(302);
    // E-mails: an invitation and a password reset join the digests and updates in the outbox.
    expect((await hr.postForm("/brugere", { intent: "invite", name: "Kim Kollega", email: "kim.kollega@nordbyg.example" })).status).toBeLessThan(400);
    expect((await new (hr.constructor as new (u: string) => HttpClient)(server.baseUrl).postForm("/glemt-adgangskode", { email: "hr@nordbyg.example" })).status).toBeLessThan(400);

    const employer = await crawl(hr, ["/virksomhed", `/virksomhed/fravaer/${absenceId}`, `/virksomhed/dokumenter/${documentId}`, "/notifikationer", "/konto", "/brugere"]);
    const caseworker = await crawl(aarhus, ["/jobcenter", `/jobcenter/indsendelser/${submission.id}`, "/notifikationer"]);
    expect(employer.visited.length).toBeGreaterThan(20);
    expect(employer.visited.some((p) => p.endsWith(".pdf") || p.includes("pdf"))).toBe(true);
    expect(caseworker.visited).toContain(`/jobcenter/indsendelser/${submission.id}`);

    const mails = await rows<{ subject: string; body: string; kind: string }>("select subject, body, kind from outbox order by id");
    expect(mails.map((m) => m.kind)).toEqual(expect.arrayContaining(["invitation", "password-reset"]));
    const mailHits = mails.flatMap((m, i) => isoHits(`e-mail ${i + 1} (${m.kind})`, `${m.subject}\n${m.body}`));

    expect([...employer.hits, ...caseworker.hits, ...mailHits]).toEqual([]);
    // The timeline says when the follow-up was held, in Danish.
    expect(await (await aarhus.get(`/jobcenter/indsendelser/${submission.id}`)).text()).toContain(`holdt ${formatDanishDate(today)}`);
  });
});
