/**
 * The portal on PostgreSQL (issue 27): built servers (node server.mjs) with DATABASE_URL keep
 * every record in PostgreSQL, two servers on one database see each other's writes at once, and a
 * server killed in the middle of a stream of writes loses none that it acknowledged while the
 * other goes on serving. The SQLite file beside each server is never written.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { HttpClient, signedIn } from "../support/http";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";
import { queryPostgres, seededDatabase, startServerOnPostgres } from "../support/postgres-servers";
import type { RunningServer } from "../support/server";

const today = todayInCopenhagen(new Date());

function sha256(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

describe.skipIf(!postgresAvailable())("the portal on PostgreSQL", () => {
  let postgres: RunningPostgres;
  let databaseUrl: string;
  const servers: RunningServer[] = [];
  let sqliteBefore: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await seededDatabase(postgres);
    servers.push(await startServerOnPostgres(postgres, { databaseUrl }));
    servers.push(await startServerOnPostgres(postgres, { databaseUrl }));
    sqliteBefore = sha256(servers[0]!.databasePath);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await postgres?.stop();
  });

  const employeeId = async (name: string) => (await queryPostgres<{ id: number }>(databaseUrl, "select id from employees where name = $1", [name]))[0]!.id;

  it("registers an employee and an absence through one server and shows its deadlines through the other", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const viaA = await signedIn(a.baseUrl, "hr@nordbyg.example");
    const created = await viaA.postForm("/virksomhed/medarbejdere/ny", {
      name: "Åse Ørnstrup",
      birthDate: "1970-05-01",
      municipalityCode: "751",
      employmentStartDate: "2015-01-01",
      jobTitle: "Lagerarbejder",
      weeklyHours: "37",
    });
    expect(created.status).toBe(302);
    const id = await employeeId("Åse Ørnstrup");
    const first = addDays(today, -10);
    const absence = await viaA.postForm(`/virksomhed/medarbejdere/${id}/fravaer/ny`, { firstAbsenceDay: first, extent: "full", pay: "salary", expectedOver8Weeks: "on" });
    expect(absence.status).toBe(302);
    const location = absence.headers.get("location")!;

    const viaB = await signedIn(b.baseUrl, "hr@nordbyg.example");
    const page = await viaB.get(location);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Åse Ørnstrup");
    expect(html).toContain(formatDanishDate(addDays(first, 28)));
    expect(html).toContain("Sygedagpengeloven § 7 a");
    const audit = await queryPostgres<{ n: number }>(databaseUrl, "select count(*)::int as n from audit_log where action = 'employee.create' and entity_id = $1", [String(id)]);
    expect(audit[0]!.n).toBe(1);
  });

  it("keeps a session made on one server valid on the other (one secret, sessions in the database)", async () => {
    const [a, b] = servers as [RunningServer, RunningServer];
    const viaA = await signedIn(a.baseUrl, "hr@nordbyg.example");
    const res = await new HttpClient(b.baseUrl).get("/virksomhed", { Cookie: viaA.cookieHeader() });
    expect(res.status).toBe(200);
  });

  it("loses no acknowledged write when a server is killed in the middle of a stream, and the other keeps serving", async () => {
    const victim = await startServerOnPostgres(postgres, { databaseUrl });
    const client = await signedIn(victim.baseUrl, "hr@nordbyg.example");
    const acknowledged: string[] = [];
    let stop = false;
    const stream = (async () => {
      for (let i = 0; !stop; i++) {
        const name = `Strøm Skriver ${i}`;
        try {
          const res = await client.postForm("/virksomhed/medarbejdere/ny", { name, birthDate: "1980-01-01", municipalityCode: "751", employmentStartDate: "2020-01-01", jobTitle: "Tester", weeklyHours: "37" });
          if (res.status === 302) acknowledged.push(name);
        } catch {
          return; // the server is gone
        }
      }
    })();
    while (acknowledged.length < 15) await new Promise((r) => setTimeout(r, 10));
    await victim.kill("SIGKILL");
    stop = true;
    await stream;
    const stored = new Set((await queryPostgres<{ name: string }>(databaseUrl, "select name from employees where name like 'Strøm Skriver %'")).map((r) => r.name));
    expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
    const survivor = await signedIn(servers[1]!.baseUrl, "hr@nordbyg.example");
    const list = await (await survivor.get("/virksomhed/medarbejdere?q=Str%C3%B8m")).text();
    expect(list).toContain(acknowledged[0]!);
  });

  it("answers every page, list, export and PDF of the demo from PostgreSQL without a server error", async () => {
    const server = servers[0]!;
    const q = <T>(text: string) => queryPostgres<T>(databaseUrl, text);
    // A document sent to the jobcenter, so that its pages and PDFs are there to read.
    const hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
    const [soeren] = await q<{ id: number }>("select a.id from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'");
    const created = await hr.postForm(`/virksomhed/fravaer/${soeren!.id}/fast-track`, {
      affectedFunctions: "Tunge løft.",
      affectedDuration: "Siden første fraværsdag.",
      adaptations: "Lettere opgaver.",
      requestedOn: today,
      employeeConsent: "agreed",
    });
    const documentId = Number(/dokumenter\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
    expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
    const company = "(select id from companies where cvr = '12972997')";
    const employees = await q<{ id: number }>(`select id from employees where company_id = ${company} order by id limit 8`);
    const absences = await q<{ id: number }>(`select id from absences where company_id = ${company} order by id limit 8`);
    const documents = await q<{ id: number }>(`select id from documents where company_id = ${company} order by id limit 12`);
    const hrUrls = [
      "/virksomhed",
      "/virksomhed/medarbejdere",
      "/virksomhed/medarbejdere?q=s%C3%B8ren",
      "/virksomhed/sager",
      "/virksomhed/sager?q=s%C3%B8ren&sorter=navn",
      "/virksomhed/sager/eksport?format=csv",
      "/virksomhed/sager/eksport?format=xlsx",
      "/virksomhed/indsendelser",
      "/virksomhed/statistik",
      "/virksomhed/statistik.csv",
      "/virksomhed/afdelinger",
      "/virksomhed/revisionslog",
      "/virksomhed/indstillinger",
      "/virksomhed/kalender",
      "/virksomhed/medarbejdere/import",
      "/brugere",
      "/notifikationer",
      ...employees.flatMap((e) => [`/virksomhed/medarbejdere/${e.id}`, `/virksomhed/medarbejdere/${e.id}/paragraf-56`, `/virksomhed/medarbejdere/${e.id}/sociale-kapitler`, `/virksomhed/medarbejdere/${e.id}/indsigt.pdf`]),
      ...absences.map((a) => `/virksomhed/fravaer/${a.id}`),
      ...documents.flatMap((d) => [`/virksomhed/dokumenter/${d.id}`, `/virksomhed/dokumenter/${d.id}/pdf`]),
    ];
    const submissions = await q<{ id: number }>("select id from submissions order by id desc limit 6");
    const jobcenterUrls = ["/jobcenter", "/jobcenter/sager", "/jobcenter/sager?q=a&sorter=virksomhed", ...submissions.flatMap((s) => [`/jobcenter/indsendelser/${s.id}`, `/jobcenter/indsendelser/${s.id}/pdf`])];
    const broken: string[] = [];
    const visit = async (client: HttpClient, urls: string[]) => {
      for (const url of urls) {
        const res = await client.get(url);
        await res.arrayBuffer();
        if (res.status >= 500) broken.push(`${url}: ${res.status}`);
      }
    };
    await visit(hr, hrUrls);
    await visit(await signedIn(server.baseUrl, "aarhus@jobcenter.example"), jobcenterUrls);
    expect(broken, server.output().slice(-3000)).toEqual([]);
    expect(documents.length).toBeGreaterThan(0);
    expect(submissions.length).toBeGreaterThan(0);
  }, 120_000);

  it("never wrote to the SQLite file beside the server", () => {
    expect(sha256(servers[0]!.databasePath)).toBe(sqliteBefore);
  });
});
