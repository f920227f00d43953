/**
 * A large confirmation's progress (issue 28): the accepted rows are staged in steps, each
 * committed with the progress, and moved into the real tables in one final transaction
 * (docs/decisions/010-staged-import-confirmation.md). So the page shows rows saved of the
 * total while it runs, from any of the cluster's processes; the user can leave and find the
 * import again on the upload page; and a failure before or within the final move, or a
 * restart, leaves employees and the audit log as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, type HttpClient } from "../support/http";
import { queryOne, restartOnSameDatabase, settled, startServer, type RunningServer } from "../support/server";

const HEADER = "Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden;Afdeling";

/** `rows` new employees numbered from `prefix` (no demo employee's number starts with "cp-"). */
function file(prefix: string, rows: number): string {
  return `${HEADER}\r\n${Array.from({ length: rows }, (_, i) => `${prefix}${i};Person ${prefix}${i};01.01.1980;751;01.01.2010;Afdeling ${prefix}${i % 5}`).join("\r\n")}\r\n`;
}

function form(content: string, name = "medarbejdere.csv"): FormData {
  const f = new FormData();
  f.set("file", new File([new TextEncoder().encode(content)], name, { type: "text/csv" }));
  f.set("movedOn", "2026-11-01");
  return f;
}

async function page(client: HttpClient, url: string): Promise<string> {
  return (await (await client.get(url)).text()).replace(/<!-- -->/g, "");
}

const statusOf = (html: string) => /data-import-status="(\w+)"/.exec(html)?.[1] ?? null;

async function upload(client: HttpClient, content: string, name?: string): Promise<string> {
  const res = await client.postMultipart("/virksomhed/medarbejdere/import", form(content, name));
  expect(res.status, await res.clone().text()).toBe(302);
  return res.headers.get("location")!;
}

/** Reads the page every 100 ms until the background work is over, with what each read showed and what the database held just before. */
async function follow(client: HttpClient, url: string, probe: () => number | Promise<number> = () => 0): Promise<{ html: string; seen: Array<{ html: string; probe: number }> }> {
  const seen: Array<{ html: string; probe: number }> = [];
  const deadline = Date.now() + 90_000;
  for (;;) {
    // Read before the page: a page that still shows the work running was read before the work ended, so the probe was too.
    const before = await probe();
    const html = await page(client, url);
    if (!statusOf(html)) return { html, seen };
    seen.push({ html, probe: before });
    if (Date.now() > deadline) throw new Error(`still running:\n${html}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a large confirmation's progress, on a cluster of two processes", () => {
  let server: RunningServer;
  let hr: HttpClient;
  const count = async (sql: string, ...params: unknown[]) => (await queryOne<{ n: number }>(server, sql, ...params)).n;
  const stored = async (prefix: string) => (await count("select count(*) as n from employees where employee_number like ?", `${prefix}%`));

  beforeAll(async () => {
    // Two processes: the page is asked of either while one of them stages the rows.
    server = await startServer({ FASTHOLD_TEST_IMPORT_STEP_MS: "250", WEB_CONCURRENCY: "2" });
    hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("shows rows saved of the total while it saves, keeps the real tables untouched until the final move, then stores every row", async () => {
    const url = await upload(hr, file("cp-A", 3_500));
    await follow(hr, url);
    expect((await hr.postForm(url, {})).status).toBe(302);
    const { html, seen } = await follow(hr, url, () => stored("cp-A"));
    const saving = seen.filter((s) => statusOf(s.html) === "saving");
    expect(saving.length).toBeGreaterThan(1);
    const done = saving.map((s) => Number(/<progress id="import-progress-bar" class="import-progress" max="3500" value="(\d+)"/.exec(s.html)![1]));
    // Steps of 1,000 rows, each committed with its count: the page saw it grow, never past the total.
    expect(done.every((n, i) => n >= (done[i - 1] ?? 0) && n <= 3_500)).toBe(true);
    expect(done.some((n) => n > 0 && n < 3_500)).toBe(true);
    const midway = saving.find((s) => /Gemt 1\.000 af 3\.500 rækker/.test(s.html) || /Gemt 2\.000 af 3\.500 rækker/.test(s.html));
    expect(midway, saving.map((s) => s.html.match(/role="status">[^<]*/)?.[0]).join("\n")).toBeDefined();
    // Rows staged, not stored: no employee of the file existed while the page counted.
    expect(saving.every((s) => s.probe === 0)).toBe(true);
    expect(html).toContain("Importen er gennemført");
    expect(html).toContain("3500 nye og 0 opdaterede medarbejdere er gemt");
    expect((await stored("cp-A"))).toBe(3_500);
    expect((await count("select count(*) as n from audit_log where action = 'employee.create' and employee_id in (select id from employees where employee_number like 'cp-A%')"))).toBe(3_500);
    expect((await count("select count(*) as n from departments where name like 'Afdeling cp-A%'"))).toBe(5);
    expect((await count("select count(*) as n from employee_import_staged"))).toBe(0);
  }, 120_000);

  it("is found again on the upload page after leaving it, by its uploader only, with its progress", async () => {
    const url = await upload(hr, file("cp-B", 3_000), "loen-december.csv");
    await follow(hr, url);
    expect((await hr.postForm(url, {})).status).toBe(302);
    // The user leaves for the employee list and comes back to the upload page.
    expect((await hr.get("/virksomhed/medarbejdere")).status).toBe(200);
    const entry = await page(hr, "/virksomhed/medarbejdere/import");
    expect(entry).toContain("Dine importer");
    const row = new RegExp(`<a [^>]*href="${url}">loen-december\\.csv</a></th><td>[^<]+</td><td>Gemmes \\(([\\d.]+) af 3\\.000 rækker klar\\)</td>`).exec(entry);
    expect(row, entry.slice(entry.indexOf("Dine importer"), entry.indexOf("Dine importer") + 1500)).not.toBeNull();
    // Following the link shows the running confirmation.
    expect(statusOf(await page(hr, url))).toBe("saving");
    // Another company's HR sees neither the import nor its link.
    const other = await signedIn(server.baseUrl, "hr@solskin.example");
    expect(await page(other, "/virksomhed/medarbejdere/import")).not.toContain("loen-december.csv");
    expect((await other.get(url)).status).toBe(404);
    const { html } = await follow(hr, url);
    expect(html).toContain("Importen er gennemført");
    expect(await page(hr, "/virksomhed/medarbejdere/import")).toMatch(/loen-december\.csv<\/a><\/th><td>[^<]+<\/td><td>Gennemført<\/td>/);
  }, 120_000);
});

describe("a large confirmation that fails or is interrupted stores nothing", () => {
  it("stores nothing when the final move throws after its writes", async () => {
    const server = await startServer({ FASTHOLD_TEST_IMPORT_FAIL_IN_MOVE: "1" });
    try {
      const hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
      const before = (await queryOne<{ n: number }>(server, "select count(*) as n from employees")).n;
      const audits = (await queryOne<{ n: number }>(server, "select count(*) as n from audit_log where action like 'employee.%'")).n;
      const url = await upload(hr, file("cp-M", 2_500));
      await follow(hr, url);
      expect((await hr.postForm(url, {})).status).toBe(302);
      const { html } = await follow(hr, url);
      expect(html).toContain("Importen mislykkedes");
      expect(html).toContain("Importen kunne ikke gemmes. Intet er gemt.");
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employees")).n).toBe(before);
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from audit_log where action like 'employee.%'")).n).toBe(audits);
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from departments where name like 'Afdeling cp-M%'")).n).toBe(0);
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employee_import_staged")).n).toBe(0);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("offers a confirmation cut off by a restart again, with its staged rows gone and nothing stored, and then stores it", async () => {
    let server = await startServer({ FASTHOLD_TEST_IMPORT_STEP_MS: "400" });
    try {
      let hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
      const url = await upload(hr, file("cp-R", 4_000));
      await follow(hr, url);
      expect((await hr.postForm(url, {})).status).toBe(302);
      const deadline = Date.now() + 30_000;
      while ((await queryOne<{ n: number }>(server, "select count(*) as n from employee_import_staged")).n === 0) {
        if (Date.now() > deadline) throw new Error("nothing was staged");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await server.kill("SIGKILL");
      expect(await queryOne(server, "select status from employee_imports order by id desc limit 1")).toEqual({ status: "saving" });
      server = await restartOnSameDatabase(server);
      hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
      const html = await settled(() => page(hr, url), (h) => statusOf(h) === null);
      expect(statusOf(html)).toBe(null);
      expect(html).toContain("Gemningen blev afbrudt, fordi serveren genstartede. Intet er gemt. Du kan bekræfte importen igen.");
      expect(html).toContain("Bekræft import af 4.000 rækker");
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employee_import_staged")).n).toBe(0);
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employees where employee_number like 'cp-R%'")).n).toBe(0);
      expect((await hr.postForm(url, {})).status).toBe(302);
      expect((await follow(hr, url)).html).toContain("Importen er gennemført");
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employees where employee_number like 'cp-R%'")).n).toBe(4_000);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
