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

  it("never wrote to the SQLite file beside the server", () => {
    expect(sha256(servers[0]!.databasePath)).toBe(sqliteBefore);
  });
});
