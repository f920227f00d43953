/**
 * Background work of several servers on one PostgreSQL database (issue 27, docs/decisions/017):
 * an export and an import running on server A are left alone when server B starts (before, B's
 * start-up marked every running job interrupted); when A is killed, B marks A's work interrupted
 * once A's heartbeat is older than the stale limit, and the user sees the interrupted messages on
 * B. The servers beat every 200 ms (JOB_HEARTBEAT_MS), so the stale limit is 600 ms; each export
 * step and import step is slowed by the test-only hooks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type HttpClient } from "../support/http";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";
import { queryPostgres, seededDatabase, startServerOnPostgres } from "../support/postgres-servers";
import type { RunningServer } from "../support/server";

const HEARTBEAT_MS = 200;
const STALE_MS = 3 * HEARTBEAT_MS;

const ENV = {
  JOB_HEARTBEAT_MS: String(HEARTBEAT_MS),
  LEADERSHIP_POLL_MS: "200",
  FASTHOLD_TEST_EXPORT_BACKGROUND_ROWS: "1",
  FASTHOLD_TEST_EXPORT_STEP_ROWS: "1",
  FASTHOLD_TEST_IMPORT_STEP_MS: "3000",
};

const HEADER = "Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden";

/** More rows than IMPORT_BACKGROUND_ROWS, so the file is planned in the background, 1,000 rows a step. */
function importFile(prefix: string, rows: number): FormData {
  const content = `${HEADER}\r\n${Array.from({ length: rows }, (_, i) => `${prefix}${i};Person ${prefix}${i};01.01.1980;751;01.01.2010`).join("\r\n")}\r\n`;
  const f = new FormData();
  f.set("file", new File([new TextEncoder().encode(content)], "medarbejdere.csv", { type: "text/csv" }));
  f.set("movedOn", "2026-11-01");
  return f;
}

async function page(client: HttpClient, url: string): Promise<string> {
  return (await (await client.get(url)).text()).replace(/<!-- -->/g, "");
}

const exportStatus = (html: string) => /data-export-status="(\w+)"/.exec(html)?.[1] ?? null;
const importStatus = (html: string) => /data-import-status="(\w+)"/.exec(html)?.[1] ?? null;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startExport(client: HttpClient): Promise<string> {
  const res = await client.postForm("/virksomhed/sager/eksporter", { format: "csv" });
  expect(res.status, await res.clone().text()).toBe(302);
  return res.headers.get("location")!;
}

async function startImport(client: HttpClient, prefix: string): Promise<string> {
  const res = await client.postMultipart("/virksomhed/medarbejdere/import", importFile(prefix, 10_000));
  expect(res.status, await res.clone().text()).toBe(302);
  return res.headers.get("location")!;
}

describe.skipIf(!postgresAvailable())("background jobs of two servers on one PostgreSQL", () => {
  let postgres: RunningPostgres;
  let databaseUrl: string;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    databaseUrl = await seededDatabase(postgres);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop().catch(() => {})));
    await postgres?.stop();
  });

  const exportRow = async (url: string) =>
    (await queryPostgres<{ status: string; rows_done: number; job_owner: string | null; heartbeat_at: string | null }>(databaseUrl, "select status, rows_done, job_owner, heartbeat_at from case_exports where id = $1", [Number(url.split("/").pop())]))[0]!;

  it("leaves the work of a live server alone when another starts, and marks a killed server's work once its heartbeat is stale", async () => {
    // Each export step (one case) takes 5 s: the demo company's few cases make an export of many seconds.
    const a = await startServerOnPostgres(postgres, { databaseUrl, env: { ...ENV, FASTHOLD_TEST_EXPORT_STEP_MS: "5000" } });
    servers.push(a);
    const viaA = await signedIn(a.baseUrl, "hr@nordbyg.example");
    const exportUrl = await startExport(viaA);
    const importUrl = await startImport(viaA, "two-");
    expect(exportStatus(await page(viaA, exportUrl))).toBe("running");
    const importPage = await page(viaA, importUrl);
    expect(importStatus(importPage), `${importPage.replace(/[\s\S]*<main/, "").slice(0, 3000)}\n${a.output()}`).toBe("reading");
    const before = await exportRow(exportUrl);
    expect(before.job_owner).toMatch(/^[0-9a-f-]{36}\/[^/]+\/\d+\/\d+$/);

    // B starts while A works, and sweeps under the jobs' leadership (or A does): neither touches A's work.
    const b = await startServerOnPostgres(postgres, { databaseUrl, env: { ...ENV, FASTHOLD_TEST_EXPORT_STEP_MS: "5000" } });
    servers.push(b);
    const viaB = await signedIn(b.baseUrl, "hr@nordbyg.example");
    await sleep(5 * STALE_MS);
    const during = await exportRow(exportUrl);
    expect(during.status).toBe("running");
    expect(during.heartbeat_at! > before.heartbeat_at!).toBe(true);
    expect(importStatus(await page(viaB, importUrl))).toBe("reading");
    // A's export runs to its end, read through B.
    const deadline = Date.now() + 60_000;
    while (exportStatus(await page(viaB, exportUrl)) === "running" && Date.now() < deadline) await sleep(200);
    expect(exportStatus(await page(viaB, exportUrl))).toBe("done");

    // A second export on A, then A dies without any shutdown code.
    const second = await startExport(viaA);
    expect(exportStatus(await page(viaA, second))).toBe("running");
    expect(importStatus(await page(viaA, importUrl))).toBe("reading");
    await a.kill("SIGKILL");
    const killedAt = Date.now();
    const lastBeat = (await exportRow(second)).heartbeat_at!;

    // B marks both once A's heartbeat is older than the stale limit (B holds the jobs' lock now).
    let exportHtml = "";
    let importHtml = "";
    for (;;) {
      exportHtml = await page(viaB, second);
      importHtml = await page(viaB, importUrl);
      if (exportStatus(exportHtml) !== "running" && importStatus(importHtml) === null) break;
      if (Date.now() - killedAt > 20_000) throw new Error(`not marked within 20 s:\n${b.output()}`);
      await sleep(100);
    }
    expect(exportStatus(exportHtml)).toBe("failed");
    expect(exportHtml).toContain("Eksporten blev afbrudt, fordi serveren genstartede. Start en ny fra sagslisten.");
    expect(importHtml).toContain("Importen mislykkedes");
    expect(importHtml).toContain("Indlæsningen af filen blev afbrudt, fordi serveren genstartede. Upload filen igen.");
    // Not before A's last heartbeat was older than the stale limit.
    expect(Date.now() - Date.parse(lastBeat)).toBeGreaterThanOrEqual(STALE_MS);
    expect((await exportRow(second)).heartbeat_at).toBe(lastBeat);
    expect((await queryPostgres<{ n: number }>(databaseUrl, "select count(*)::int as n from employee_import_rows r join employee_imports i on i.id = r.import_id where i.status = 'failed'"))[0]!.n).toBe(0);
    // B goes on serving, and its own new work runs.
    const onB = await startExport(viaB);
    expect(exportStatus(await page(viaB, onB))).toBe("running");
  }, 180_000);
});
