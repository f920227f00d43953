/**
 * The employee import over HTTP, as HR uses it: upload, preview (nothing stored), confirm
 * (everything stored at once), the same file again (nothing changes), the refused rows'
 * download, the limits, and who may see a preview.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpClient, signedIn } from "../support/http";
import { queryOne, startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
let aarhus: HttpClient;
let anonymous: HttpClient;

const query = async <T>(sql: string, ...params: unknown[]) => (await queryOne<T>(server, sql, ...params));
const employeeCount = async () => (await query<{ n: number }>("select count(*) as n from employees")).n;

const FILE = [
  "Medarbejdernr;Navn;Fødselsdato;Kommune;Ansat siden;Afdeling;By",
  // Søren (demo 1001) has moved from Aarhus to København and lives in a new town.
  "1001;Søren Ærø Åberg;14.03.1968;Københavns Kommune;01.08.2011;Byggeplads;København N",
  // Łukasz (demo 1002) is as stored.
  "1002;Łukasz Nowak;02-11-1985;751;2019-04-01;Byggeplads;Brabrand",
  "2001;Ida Vang;05.05.1990;Aarhus;01.09.2024;Lager;Aarhus C",
  "2002;Ole Bach;30.06.1975;461;01.01.2020;Lager;Odense C",
  "2003;Uden Dato;31.02.1990;751;01.01.2020;Lager;Aarhus C",
].join("\r\n");

function upload(content: string | Uint8Array, name = "medarbejdere.csv", movedOn = "2026-11-01") {
  const form = new FormData();
  form.set("file", new File([typeof content === "string" ? new TextEncoder().encode(content) : new Uint8Array(content)], name, { type: "text/csv" }));
  form.set("movedOn", movedOn);
  return form;
}

/** The page as read: React's markers between text parts removed. */
async function page(client: HttpClient, url: string): Promise<string> {
  return (await (await client.get(url)).text()).replace(/<!-- -->/g, "");
}

/** The page once a large file's background work is done (it shows its progress until then). */
async function settledPage(client: HttpClient, url: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const html = await page(client, url);
    if (!html.includes("data-import-status=") || Date.now() > deadline) return html;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function preview(content: string | Uint8Array, name?: string): Promise<string> {
  const res = await hr.postMultipart("/virksomhed/medarbejdere/import", upload(content, name));
  expect(res.status, await res.clone().text()).toBe(302);
  return res.headers.get("location")!;
}

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
  aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  const { HttpClient } = await import("../support/http");
  anonymous = new HttpClient(server.baseUrl);
});

afterAll(async () => {
  await server?.stop();
});

describe("importing employees from a file", () => {
  let url: string;

  it("previews every row (new, updated with its move, unchanged, refused with the reason) and stores nothing", async () => {
    const before = (await employeeCount());
    url = await preview(FILE);
    expect(url).toMatch(/^\/virksomhed\/medarbejdere\/import\/[A-Za-z0-9_-]{43}$/);
    const html = await page(hr, url);
    expect(html).toContain("Forhåndsvisning af import");
    expect(html).toMatch(/<strong>2<\/strong> nye/);
    expect(html).toMatch(/<strong>1<\/strong> opdateres/);
    expect(html).toMatch(/<strong>1<\/strong> uændrede/);
    expect(html).toMatch(/<strong>1<\/strong> afviste/);
    expect(html).toContain("Flytning: Aarhus Kommune → Københavns Kommune");
    expect(html).toContain("By: Aarhus C → København N");
    expect(html).toContain("Fødselsdato: Indtast en gyldig dato (dd.mm.åååå).");
    expect((await employeeCount())).toBe(before);
  });

  it("lets only the uploader see the preview: other HR gets 404, a caseworker 403, a visitor the login", async () => {
    expect((await otherHr.get(url)).status).toBe(404);
    expect((await otherHr.postForm(url, {})).status).toBe(404);
    expect((await otherHr.get(`${url}/afviste.csv`)).status).toBe(404);
    expect((await aarhus.get(url)).status).toBe(403);
    expect((await anonymous.get(url)).status).toBe(302);
    expect((await anonymous.postForm(url, {})).status).toBe(302);
  });

  it("offers the refused rows as a CSV with the file's columns and an error column", async () => {
    const res = await hr.get(`${url}/afviste.csv`);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const text = await res.text();
    const [header, row, ...rest] = text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(header).toBe("Linje;Medarbejdernr;Navn;Fødselsdato;Kommune;Ansat siden;Afdeling;By;Fejl");
    expect(row).toBe("6;2003;Uden Dato;31.02.1990;751;01.01.2020;Lager;Aarhus C;Fødselsdato: Indtast en gyldig dato (dd.mm.åååå).");
    expect(rest).toEqual([]);
  });

  it("stores every accepted row in one go when HR confirms: new employees, the move from the given date, departments", async () => {
    const before = (await employeeCount());
    const res = await hr.postForm(url, {});
    expect(res.status).toBe(302);
    expect((await employeeCount())).toBe(before + 2);
    const ida = (await query<{ municipality_code: number; department: string; city: string; job_title: string; weekly_hours: number }>(
      "select e.municipality_code, d.name as department, e.city, e.job_title, e.weekly_hours from employees e join departments d on d.id = e.department_id where e.employee_number = '2001'",
    ));
    expect(ida).toEqual({ municipality_code: 751, department: "Lager", city: "Aarhus C", job_title: "", weekly_hours: 37 });
    const move = (await query<{ from_municipality_code: number; to_municipality_code: number; moved_on: string }>(
      "select m.from_municipality_code, m.to_municipality_code, m.moved_on from employee_moves m join employees e on e.id = m.employee_id where e.employee_number = '1001'",
    ));
    expect(move).toEqual({ from_municipality_code: 751, to_municipality_code: 101, moved_on: "2026-11-01" });
    const audit = (await query<{ details: string }>("select details from audit_log where action = 'employee.import' order by id desc limit 1"));
    expect(JSON.parse(audit.details)).toMatchObject({ new: 2, updated: 1, unchanged: 1, refused: 1 });
    expect(await page(hr, url)).toContain("Importen er gennemført");
    // A second confirmation stores nothing twice.
    expect((await hr.postForm(url, {})).status).toBe(409);
    expect((await employeeCount())).toBe(before + 2);
  });

  it("changes nothing when the same file is imported again", async () => {
    const stamps = () => withTestDb(server, (db) => db.all<{ updated_at: string }>("select updated_at from employees order by id"));
    const stamp = await stamps();
    const moves = (await query<{ n: number }>("select count(*) as n from employee_moves")).n;
    const again = await preview(FILE);
    const html = await page(hr, again);
    expect(html).toMatch(/<strong>0<\/strong> nye/);
    expect(html).toMatch(/<strong>0<\/strong> opdateres/);
    expect(html).toMatch(/<strong>4<\/strong> uændrede/);
    expect(html).toContain("Der er intet at gemme");
    await hr.postForm(again, {});
    expect(await stamps()).toEqual(stamp);
    expect((await query<{ n: number }>("select count(*) as n from employee_moves")).n).toBe(moves);
  });

  it("refuses to confirm a preview when a matched employee changed since, and stores nothing", async () => {
    const changed = FILE.replace("Aarhus C", "Risskov");
    const stale = await preview(changed);
    const ida = (await query<{ id: number }>("select id from employees where employee_number = '2001'"));
    await hr.postForm(`/virksomhed/medarbejdere/${ida.id}/rediger`, {
      employeeNumber: "2001",
      name: "Ida Vang",
      birthDate: "1990-05-05",
      employmentStartDate: "2024-09-01",
      jobTitle: "Lagerarbejder",
      weeklyHours: "30",
      departmentName: "Lager",
      city: "Aarhus C",
    });
    const res = await hr.postForm(stale, {});
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Medarbejderne er ændret, siden forhåndsvisningen blev lavet");
    expect((await query<{ city: string }>("select city from employees where id = ?", ida.id)).city).toBe("Aarhus C");
  });
});

describe("the import's limits", () => {
  const header = "Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden;Bemærkning";

  it("takes a file just under 10 MB through to the preview", async () => {
    // 40,000 rows padded by a column the import does not know, to about 9.9 MB.
    const pad = "x".repeat(200);
    const rows = Array.from({ length: 40_000 }, (_, i) => `${90000 + i};Person ${i};01.01.1980;751;01.01.2010;${pad}`);
    const content = `${header}\n${rows.join("\n")}\n`;
    expect(content.length).toBeGreaterThan(9 * 1024 * 1024);
    expect(content.length).toBeLessThan(10 * 1024 * 1024);
    const location = await preview(content);
    const html = await settledPage(hr, location);
    expect(html).toMatch(/<strong>40000<\/strong> nye/);
    // The preview is paged: one page shows 100 rows, not 40,000.
    expect(html.match(/<tr>/g)!.length).toBeLessThanOrEqual(101);
    expect(html).toContain("Side 1 af 400");
  });

  it("refuses a file over 10 MB with a Danish page, and more than 50,000 rows with a message at the field", async () => {
    const big = await hr.postMultipart("/virksomhed/medarbejdere/import", upload("x".repeat(10 * 1024 * 1024 + 100 * 1024)));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("Filen må højst fylde 10 MB.");
    const justOver = await hr.postMultipart("/virksomhed/medarbejdere/import", upload(`${header}\n${"1;A;01.01.1980;751;01.01.2010;\n".repeat(50_001)}`));
    expect(justOver.status).toBe(400);
    expect(await justOver.text()).toContain("Filen må højst have 50.000 rækker med medarbejdere.");
  });

  it("refuses a file without the required columns, naming them", async () => {
    const res = await hr.postMultipart("/virksomhed/medarbejdere/import", upload("Navn;Fødselsdato\nA;01.01.1980\n"));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Filen mangler kolonnerne Medarbejdernummer, Bopælskommune, Ansat siden.");
  });
});
