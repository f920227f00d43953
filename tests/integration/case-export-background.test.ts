/**
 * A case-list export above the threshold as background work (issue 28): started with a POST,
 * its page shows rows written of total while it runs and then a download button, the case
 * list links back to it, and only its owner reaches it. The file is the one the direct
 * download gives for the same filters. The server lowers the threshold and the step and slows
 * each step (test-only hooks), as the demo company has a handful of cases, not thousands.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, signedIn } from "../support/http";
import { queryOne, restartOnSameDatabase, settled, startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

async function page(client: HttpClient, url: string): Promise<string> {
  return (await (await client.get(url)).text()).replace(/<!-- -->/g, "");
}

const statusOf = (html: string) => /data-export-status="(\w+)"/.exec(html)?.[1] ?? null;

/** Reads the export's page every 100 ms until it is no longer running, with what each read showed. */
async function follow(client: HttpClient, url: string): Promise<{ html: string; seen: string[] }> {
  const seen: string[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const html = await page(client, url);
    if (statusOf(html) !== "running") return { html, seen };
    seen.push(html);
    if (Date.now() > deadline) throw new Error(`still running:\n${html}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function start(client: HttpClient, fields: Record<string, string>): Promise<string> {
  const res = await client.postForm("/virksomhed/sager/eksporter", fields);
  expect(res.status, await res.clone().text()).toBe(302);
  const location = res.headers.get("location")!;
  expect(location).toMatch(/^\/virksomhed\/sager\/eksporter\/\d+$/);
  return location;
}

async function bytes(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

async function sheetValues(file: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString() : v))));
  return rows;
}

describe("a large case export in the background", () => {
  let server: RunningServer;
  let hr: HttpClient;

  beforeAll(async () => {
    server = await startServer({ FASTHOLD_TEST_EXPORT_BACKGROUND_ROWS: "1", FASTHOLD_TEST_EXPORT_STEP_ROWS: "1", FASTHOLD_TEST_EXPORT_STEP_MS: "400" });
    hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("shows rows written of total while it runs, then a download of the same file the direct download gives", async () => {
    const total = (await queryOne<{ n: number }>(server, "select count(*) as n from absences where company_id = (select company_id from users where email = 'hr@nordbyg.example') and returned_on is null")).n;
    expect(total).toBeGreaterThan(1);
    // The list offers the background export above the threshold: a POST form, not the download links.
    const list = await page(hr, "/virksomhed/sager?status=aaben");
    expect(list).toContain('action="/virksomhed/sager/eksporter"');
    expect(list).toContain('<input type="hidden" name="status" value="aaben"/>');
    expect(list).not.toContain('href="/virksomhed/sager/eksport?');
    const url = await start(hr, { status: "aaben", format: "csv" });
    const first = await page(hr, url);
    expect(statusOf(first)).toBe("running");
    expect(first).toContain("Eksporten laves");
    expect(first).toContain("Status: Åbne");
    expect(first).toContain(`<a href="${url}">Opdatér status</a>`);
    const { html, seen } = await follow(hr, url);
    const done = [first, ...seen].map((s) => Number(new RegExp(`<progress id="export-progress-bar" class="import-progress" max="${total}" value="(\\d+)"`).exec(s)![1]));
    expect(done.every((n, i) => n >= (done[i - 1] ?? 0) && n <= total)).toBe(true);
    expect(done.some((n) => n > 0 && n < total)).toBe(true);
    expect([first, ...seen].some((s) => new RegExp(`Skrevet [1-9]\\d* af ${total} rækker`).test(s))).toBe(true);
    expect(statusOf(html)).toBe("done");
    expect(html).toContain("Eksporten er klar");
    expect(html).toContain(`href="${url}/fil"`);
    const file = await hr.get(`${url}/fil`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const direct = await hr.get("/virksomhed/sager/eksport?status=aaben&format=csv");
    expect(direct.status).toBe(200);
    const background = await bytes(file);
    expect(background.equals(await bytes(direct))).toBe(true);
    expect(background.toString("utf8").split("\r\n").filter(Boolean)).toHaveLength(total + 1);
  }, 60_000);

  it("makes the same workbook in the background as the direct download", async () => {
    const url = await start(hr, { format: "xlsx", sorter: "navn" });
    const { html } = await follow(hr, url);
    expect(statusOf(html)).toBe("done");
    const background = await hr.get(`${url}/fil`);
    expect(background.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const direct = await hr.get("/virksomhed/sager/eksport?sorter=navn&format=xlsx");
    const [a, b] = await Promise.all([sheetValues(await bytes(background)), sheetValues(await bytes(direct))]);
    expect(a.length).toBeGreaterThan(2);
    expect(a).toEqual(b);
  }, 60_000);

  it("can be left and found again from the case list, with its progress", async () => {
    const url = await start(hr, { format: "csv" });
    expect((await hr.get("/virksomhed")).status).toBe(200);
    const list = await page(hr, "/virksomhed/sager");
    expect(list).toContain("Dine eksporter");
    expect(list).toMatch(new RegExp(`<a [^>]*href="${url}">CSV-fil, startet [^<]+</a></th><td>Laves \\(\\d+ af \\d+ rækker\\)</td>`));
    await follow(hr, url);
    expect(await page(hr, "/virksomhed/sager")).toMatch(new RegExp(`<a [^>]*href="${url}">CSV-fil, startet [^<]+</a></th><td>Færdig \\(\\d+ rækker\\)</td>`));
    expect(await page(hr, "/virksomhed/sager/eksporter")).toContain(`href="${url}"`);
  }, 60_000);

  it("answers 404 to anyone but its owner, 403 to a manager, 409 for the file while it is being made", async () => {
    const url = await start(hr, { format: "csv" });
    const early = await hr.get(`${url}/fil`);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("Filen er ikke færdig endnu.");
    // Another HR user of the same company: the export is its owner's alone.
    await withTestDb(server, (db) =>
      db.run(
        `insert into users (email, name, password_hash, role, company_id, access_level)
         select 'hr2@nordbyg.example', 'Anden HR', password_hash, role, company_id, 'hr' from users where email = 'hr@nordbyg.example'`,
      ),
    );
    const colleague = await signedIn(server.baseUrl, "hr2@nordbyg.example");
    const other = await signedIn(server.baseUrl, "hr@solskin.example");
    for (const client of [colleague, other]) {
      expect((await client.get(url)).status).toBe(404);
      expect((await client.get(`${url}/fil`)).status).toBe(404);
      expect(await page(client, "/virksomhed/sager/eksporter")).not.toContain(`href="${url}"`);
    }
    const manager = await signedIn(server.baseUrl, "leder@nordbyg.example");
    expect((await manager.get(url)).status).toBe(403);
    expect((await manager.postForm("/virksomhed/sager/eksporter", { format: "csv" })).status).toBe(403);
    expect((await new HttpClient(server.baseUrl).get(url)).status).toBe(302);
    for (const bad of ["/virksomhed/sager/eksporter/0", "/virksomhed/sager/eksporter/abc", "/virksomhed/sager/eksporter/99999999999", "/virksomhed/sager/eksporter/987654/fil"]) {
      expect((await hr.get(bad)).status, bad).toBe(404);
    }
    await follow(hr, url);
    expect((await colleague.get(`${url}/fil`)).status).toBe(404);
    expect((await hr.get(`${url}/fil`)).status).toBe(200);
  }, 60_000);

  it("refuses bad input with a Danish message at the field, the filters kept, and no 500", async () => {
    const noFormat = await hr.postForm("/virksomhed/sager/eksporter", { status: "aaben" });
    expect(noFormat.status).toBe(400);
    const html = (await noFormat.text()).replace(/<!-- -->/g, "");
    expect(html).toContain('id="export-format-error"');
    expect(html).toContain("Vælg CSV eller Excel.");
    expect(html).toContain('<input type="hidden" name="status" value="aaben"/>');
    const badFilter = await hr.postForm("/virksomhed/sager/eksporter", { format: "csv", afdeling: "abc", aar: "12" });
    expect(badFilter.status).toBe(400);
    expect(await badFilter.text()).toContain("Filtrene er ugyldige");
    const odd = await hr.postForm("/virksomhed/sager/eksporter", { format: "pdf", q: "x".repeat(5_000) });
    expect(odd.status).toBe(400);
    const before = (await queryOne<{ n: number }>(server, "select count(*) as n from case_exports")).n;
    expect((await hr.postForm("/virksomhed/sager/eksporter", { format: "csv", status: "ukendt" })).status).toBe(400);
    expect((await queryOne<{ n: number }>(server, "select count(*) as n from case_exports")).n).toBe(before);
  });

  it("sends a small list straight to the direct download", async () => {
    const name = (await queryOne<{ name: string }>(
      server,
      "select e.name from absences a join employees e on e.id = a.employee_id join users u on u.company_id = a.company_id where u.email = 'hr@nordbyg.example' order by a.id limit 1",
    )).name;
    const res = await hr.postForm("/virksomhed/sager/eksporter", { format: "csv", q: name });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/virksomhed/sager/eksport?${new URLSearchParams({ q: name, format: "csv" })}`);
    expect(await page(hr, `/virksomhed/sager?${new URLSearchParams({ q: name })}`)).toContain('href="/virksomhed/sager/eksport?');
  });

  it("removes an expired export's file: its page is gone, and starting the next export deletes it", async () => {
    const url = await start(hr, { format: "csv" });
    await follow(hr, url);
    const id = Number(url.split("/").at(-1));
    await withTestDb(server, (db) => db.run("update case_exports set expires_at = '2000-01-01T00:00:00.000Z' where id = ?", id));
    expect((await hr.get(url)).status).toBe(404);
    expect((await hr.get(`${url}/fil`)).status).toBe(404);
    await follow(hr, await start(hr, { format: "csv" }));
    expect((await queryOne<{ n: number }>(server, "select count(*) as n from case_exports where id = ?", id)).n).toBe(0);
  }, 60_000);
});

describe("a case export cut off by a restart", () => {
  it("is reported in Danish after the restart", async () => {
    let server = await startServer({ FASTHOLD_TEST_EXPORT_BACKGROUND_ROWS: "1", FASTHOLD_TEST_EXPORT_STEP_ROWS: "1", FASTHOLD_TEST_EXPORT_STEP_MS: "5000" });
    try {
      const hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
      const url = await start(hr, { format: "xlsx" });
      expect(statusOf(await page(hr, url))).toBe("running");
      await server.kill("SIGKILL");
      server = await restartOnSameDatabase(server);
      const again = await signedIn(server.baseUrl, "hr@nordbyg.example");
      const html = await settled(() => page(again, url), (h) => statusOf(h) !== "running");
      expect(statusOf(html)).toBe("failed");
      expect(html).toContain("Eksporten blev afbrudt, fordi serveren genstartede. Start en ny fra sagslisten.");
      expect((await again.get(`${url}/fil`)).status).toBe(409);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
