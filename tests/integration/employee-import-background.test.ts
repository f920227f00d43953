/**
 * A large import as background work: the upload and the confirmation answer at once and
 * the import page shows how far the work is (rows done of total), refreshing itself; the
 * user can leave and come back; a restart in the middle is reported in Danish; a
 * confirmation that fails half-way stores nothing; another company's token is not found.
 * The servers slow each planning step (FASTHOLD_TEST_IMPORT_STEP_MS, a test-only hook) so
 * the progress can be watched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, signedIn } from "../support/http";
import { queryOne, restartOnSameDatabase, settled, startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

const HEADER = "Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden;Afdeling";

/** A file of `rows` new employees numbered from `prefix` (none of the demo data's numbers start with "imp-"); more than IMPORT_BACKGROUND_ROWS (1,000), so it runs in the background. */
function file(prefix: string, rows: number): string {
  return `${HEADER}\r\n${Array.from({ length: rows }, (_, i) => `${prefix}${i};Person ${prefix}${i};01.01.1980;751;01.01.2010;Afdeling ${prefix}${i % 7}`).join("\r\n")}\r\n`;
}

function form(content: string): FormData {
  const f = new FormData();
  f.set("file", new File([new TextEncoder().encode(content)], "medarbejdere.csv", { type: "text/csv" }));
  f.set("movedOn", "2026-11-01");
  return f;
}

/** The page as read: React's markers between text parts removed. */
async function page(client: HttpClient, url: string): Promise<string> {
  return (await (await client.get(url)).text()).replace(/<!-- -->/g, "");
}

const statusOf = (html: string) => /data-import-status="(\w+)"/.exec(html)?.[1] ?? null;

/** Reads the page until the background work is over, collecting what it showed on the way. */
async function follow(client: HttpClient, url: string): Promise<{ html: string; seen: string[] }> {
  const seen: string[] = [];
  const deadline = Date.now() + 90_000;
  let resets = 0;
  for (;;) {
    let html: string;
    try {
      html = await page(client, url);
    } catch (error) {
      // A kept-alive socket the server closed while a confirmation held its event loop is reset on reuse; a browser asks again.
      if (++resets > 3) throw error;
      continue;
    }
    if (!statusOf(html)) return { html, seen };
    seen.push(html);
    if (Date.now() > deadline) throw new Error(`still running:\n${html}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function upload(client: HttpClient, content: string): Promise<string> {
  const res = await client.postMultipart("/virksomhed/medarbejdere/import", form(content));
  expect(res.status, await res.clone().text()).toBe(302);
  return res.headers.get("location")!;
}

describe("a large import in the background", () => {
  let server: RunningServer;
  let hr: HttpClient;
  const query = async <T>(sql: string, ...params: unknown[]) => (await queryOne<T>(server, sql, ...params));
  const stored = async (prefix: string) => (await query<{ n: number }>("select count(*) as n from employees where employee_number like ?", `${prefix}%`)).n;

  beforeAll(async () => {
    server = await startServer({ FASTHOLD_TEST_IMPORT_STEP_MS: "150" });
    hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("answers the upload at once and shows rows done of total while it plans, asking again by itself, then the preview", async () => {
    const url = await upload(hr, file("imp-B", 3_500));
    const first = await page(hr, url);
    expect(statusOf(first)).toBe("reading");
    expect(first).toMatch(/Behandler række [\d.]+ af 3\.500/);
    // It asks again by itself (with JavaScript); without, a link does it.
    expect(first).toContain(`<a href="${url}">Opdatér status</a>`);
    expect(first).toMatch(/<progress id="import-progress-bar" class="import-progress" max="3500" value="\d+"/);
    const progress: number[] = [];
    const { html, seen } = await follow(hr, url);
    for (const shown of [first, ...seen]) progress.push(Number(/value="(\d+)"/.exec(shown)![1]));
    // The steps commit 1,000 rows each: the page saw the count grow, never past the total.
    expect(progress.every((n, i) => n >= (progress[i - 1] ?? 0) && n <= 3_500)).toBe(true);
    expect(new Set(progress).size).toBeGreaterThan(1);
    expect((await query<{ status: string; rows_done: number; rows_total: number }>("select status, rows_done, rows_total from employee_imports where file_name = 'medarbejdere.csv' order by id desc limit 1"))).toEqual({
      status: "ready",
      rows_done: 3_500,
      rows_total: 3_500,
    });
    expect(html).toMatch(/<strong>3500<\/strong> nye/);
    expect(html).not.toContain("Opdatér status");
    expect((await stored("imp-B"))).toBe(0);
  });

  it("stores a large confirmation in the background, and the page shows it saving, then done", async () => {
    const url = await upload(hr, file("imp-S", 2_500));
    await follow(hr, url);
    const confirmed = await hr.postForm(url, {});
    expect(confirmed.status).toBe(302);
    // No "saved" notice yet: the rows are stored after the answer.
    expect(confirmed.headers.get("location")).toBe(url);
    const { html } = await follow(hr, url);
    expect(html).toContain("Importen er gennemført");
    expect(html).toContain("2500 nye og 0 opdaterede medarbejdere er gemt");
    expect((await stored("imp-S"))).toBe(2_500);
    expect((await query<{ n: number }>("select count(*) as n from audit_log where action = 'employee.create' and employee_id in (select id from employees where employee_number like 'imp-S%')")).n).toBe(2_500);
    // Confirming again is refused.
    expect((await hr.postForm(url, {})).status).toBe(409);
  });

  it("shows the progress to the uploader only: another company's HR gets 404 while it runs", async () => {
    const url = await upload(hr, file("imp-O", 3_000));
    const other = await signedIn(server.baseUrl, "hr@solskin.example");
    expect((await other.get(url)).status).toBe(404);
    expect((await other.postForm(url, {})).status).toBe(404);
    expect((await new HttpClient(server.baseUrl).get(url)).status).toBe(302);
    expect(statusOf(await page(hr, url))).toBe("reading");
    await follow(hr, url);
    expect((await other.get(url)).status).toBe(404);
  });

  it("refuses to confirm while the file is still being planned", async () => {
    const url = await upload(hr, file("imp-E", 4_000));
    const early = await hr.postForm(url, {});
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("Filen er ikke færdigbehandlet endnu.");
    await follow(hr, url);
    expect((await stored("imp-E"))).toBe(0);
  });

  it("stores nothing when a confirmation fails half-way: another employee took a number of the file meanwhile", async () => {
    const url = await upload(hr, file("imp-C", 3_000));
    await follow(hr, url);
    // Someone adds employee imp-C2000 after the preview (another tab, another HR user): line 2,002 of the file can no longer be created.
    await withTestDb(server, (db) =>
      db.run(
        `insert into employees (company_id, employee_number, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours)
         values ((select company_id from users where email = 'hr@nordbyg.example'), 'imp-C2000', 'Hånd Tilføjet', '1980-01-01', 751, '2010-01-01', 'Lagerarbejder', 37)`,
      ),
    );
    expect((await stored("imp-C"))).toBe(1);
    expect((await hr.postForm(url, {})).status).toBe(302);
    const { html } = await follow(hr, url);
    expect(html).toContain("Importen mislykkedes");
    expect(html).toContain("Medarbejderne er ændret, siden forhåndsvisningen blev lavet.");
    // The 1,999 rows before the clash were written in the transaction and rolled back with it.
    expect((await stored("imp-C"))).toBe(1);
    expect((await query<{ n: number }>("select count(*) as n from departments where name like 'Afdeling imp-C%'")).n).toBe(0);
    expect((await query<{ status: string }>("select status from employee_imports order by id desc limit 1")).status).toBe("failed");
  });
});

describe("a large import that fails or is interrupted", () => {
  it("stores nothing when the confirmation throws at line 30,000 of 40,000", async () => {
    const server = await startServer({ FASTHOLD_TEST_IMPORT_FAIL_AT_LINE: "30001" });
    try {
      const hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
      const before = (await queryOne<{ n: number }>(server, "select count(*) as n from employees")).n;
      const created = async () => (await queryOne<{ n: number }>(server, "select count(*) as n from audit_log where action = 'employee.create'")).n;
      const audits = (await created());
      const url = await upload(hr, file("imp-F", 40_000));
      await follow(hr, url);
      expect((await hr.postForm(url, {})).status).toBe(302);
      const { html } = await follow(hr, url);
      expect(html).toContain("Importen kunne ikke gemmes. Intet er gemt.");
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employees")).n).toBe(before);
      expect((await created())).toBe(audits);
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from departments where name like 'Afdeling imp-F%'")).n).toBe(0);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it("reports a preview cut off by a restart in Danish, and offers an interrupted confirmation again", async () => {
    let server = await startServer({ FASTHOLD_TEST_IMPORT_STEP_MS: "300" });
    try {
      let hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
      // A small file is planned within the request: its preview is ready at once.
      const small = await upload(hr, file("imp-Q", 10));
      const url = await upload(hr, file("imp-R", 5_000));
      expect(statusOf(await page(hr, url))).toBe("reading");
      await server.kill("SIGKILL");
      // A confirmation that was being stored when the process died: its transaction is gone, the preview is intact.
      expect(await withTestDb(server, (db) => db.run("update employee_imports set status = 'saving' where status = 'ready'"))).toBe(1);
      server = await restartOnSameDatabase(server);
      hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
      const html = await settled(() => page(hr, url), (h) => statusOf(h) === null);
      expect(statusOf(html)).toBe(null);
      expect(html).toContain("Importen mislykkedes");
      expect(html).toContain("Indlæsningen af filen blev afbrudt, fordi serveren genstartede. Upload filen igen.");
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employees where employee_number like 'imp-R%'")).n).toBe(0);
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employee_import_rows r join employee_imports i on i.id = r.import_id where i.status = 'failed'")).n).toBe(0);
      const again = await page(hr, small);
      expect(again).toContain("Gemningen blev afbrudt, fordi serveren genstartede. Intet er gemt. Du kan bekræfte importen igen.");
      expect(again).toContain("Bekræft import af 10 rækker");
      expect((await hr.postForm(small, {})).status).toBe(302);
      expect(await page(hr, small)).toContain("Importen er gennemført");
      expect((await queryOne<{ n: number }>(server, "select count(*) as n from employees where employee_number like 'imp-Q%'")).n).toBe(10);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
