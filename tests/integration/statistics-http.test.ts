import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkingDayCounter } from "~/domain/absence-statistics";
import { addDays, addMonths, addYears, lastDayOfMonth, todayInCopenhagen } from "~/domain/dates";
import { HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { withTestDb, type TestDb } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
let caseworker: HttpClient;
const today = todayInCopenhagen(new Date());
// A whole month in the past: three months back, so the 12-month view holds it.
const month = addMonths(`${today.slice(0, 7)}-01`, -3);
const monthEnd = lastDayOfMonth(month);
const ids = { department: 0, otherDepartment: 0, frequent: 0, covered: 0 };

async function write(run: (db: TestDb) => Promise<void>): Promise<void> {
  await withTestDb(server, run);
}

async function addEmployee(db: TestDb, companyId: number, name: string, departmentId: number, weeklyHours = 37): Promise<number> {
  return (
    await db.one<{ id: number }>(
      "insert into employees (company_id, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours, department_id) values (?, ?, '1980-05-05', 751, '2015-01-01', 'Montør', ?, ?) returning id",
      companyId,
      name,
      weeklyHours,
      departmentId,
    )
  ).id;
}

async function addAbsence(db: TestDb, companyId: number, employeeId: number, first: string, returnedOn: string | null): Promise<void> {
  await db.run(
    "insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, returned_on) values (?, ?, ?, 'full', 'salary', ?, ?)",
    companyId,
    employeeId,
    first,
    0,
    returnedOn,
  );
}

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
  caseworker = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  await write(async (db) => {
    const nordbyg = (await db.one<{ id: number }>("select company_id as id from users where email = 'hr@nordbyg.example'")).id;
    const solskin = (await db.one<{ id: number }>("select company_id as id from users where email = 'hr@solskin.example'")).id;
    ids.department = (await db.one<{ id: number }>("insert into departments (company_id, name) values (?, 'Lager') returning id", nordbyg)).id;
    ids.otherDepartment = (await db.one<{ id: number }>("insert into departments (company_id, name) values (?, 'Vaskeriet') returning id", solskin)).id;
    // Two employees in the Lager department; one of them absent from the 1st to the 10th of the month.
    ids.frequent = await addEmployee(db, nordbyg, "Birgitte Lagerholm", ids.department);
    await addEmployee(db, nordbyg, "Henrik Lagerbo", ids.department, 18.5);
    await addAbsence(db, nordbyg, ids.frequent, month, addDays(month, 10));
    await addAbsence(db, nordbyg, ids.frequent, addDays(today, -20), addDays(today, -18));
    // Absent as often, but under an approved § 56 agreement.
    ids.covered = await addEmployee(db, nordbyg, "Camilla Kronisk", ids.department);
    await addAbsence(db, nordbyg, ids.covered, addDays(today, -60), addDays(today, -58));
    await addAbsence(db, nordbyg, ids.covered, addDays(today, -30), addDays(today, -29));
    await db.run(
      "insert into paragraph56_agreements (company_id, employee_id, kind, effect_on_work, expected_days_per_year, applied_on, approved_on, valid_until) values (?, ?, 'almindelig', 'Perioder med nedsat arbejdsevne.', 14, ?, ?, ?)",
      nordbyg,
      ids.covered,
      addDays(today, -100),
      addDays(today, -90),
      addYears(today, 1),
    );
  });
});

afterAll(async () => {
  await server?.stop();
});

describe("who sees the statistics", () => {
  it.each([
    ["/virksomhed/statistik"],
    ["/virksomhed/statistik.csv"],
    ["/virksomhed/statistik.xlsx"],
  ])("a caseworker is refused %s, and an anonymous visitor is sent to log in", async (path) => {
    expect((await caseworker.get(path)).status).toBe(403);
    const anonymous = await new HttpClient(server.baseUrl).get(path);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
  });

  it.each([
    ["/virksomhed/statistik"],
    ["/virksomhed/statistik.csv"],
    ["/virksomhed/statistik.xlsx"],
  ])("another company's department is not found on %s", async (path) => {
    const res = await hr.get(`${path}?afdeling=${ids.otherDepartment}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Afdelingen findes ikke.");
  });

  it("another company sees none of Nordbyg's figures", async () => {
    const bytes = new Uint8Array(await (await otherHr.get("/virksomhed/statistik.csv")).arrayBuffer());
    const page = await (await otherHr.get("/virksomhed/statistik")).text();
    expect(page).not.toContain("Lager");
    // A byte-order mark first, so Excel reads æøå; then the Danish header.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split("\r\n")[0]).toBe("Måned;Fraværsdage;Aftalte arbejdsdage;Fraværsprocent");
  });
});

describe("the figures", () => {
  it("counts a department's absence days and rate for a past month, and shows the definition", async () => {
    const counter = new WorkingDayCounter(month, monthEnd);
    const absent = counter.between(month, addDays(month, 9));
    const contract = counter.between(month, monthEnd) * 3;
    const rate = ((absent * 7.4) / (counter.between(month, monthEnd) * (7.4 + 3.7 + 7.4))) * 100;
    const csv = await (await hr.get(`/virksomhed/statistik.csv?afdeling=${ids.department}`)).text();
    const row = csv.split("\r\n").find((l) => l.startsWith(month.slice(0, 7)));
    expect(row).toBe(`${month.slice(0, 7)};${absent};${contract};${String(Math.round(rate * 10) / 10).replace(".", ",")}`);
    const page = await (await hr.get(`/virksomhed/statistik?afdeling=${ids.department}`)).text();
    expect(page).toMatch(/Tal for (<!-- -->)?afdelingen Lager/);
    expect(page).toContain("= fraværsdage ÷ aftalte arbejdsdage × 100");
  });

  it("shows 24 months when asked, and refuses a period it does not offer with a Danish message", async () => {
    const csv = await (await hr.get("/virksomhed/statistik.csv?periode=24")).text();
    expect(csv.trim().split("\r\n")).toHaveLength(25);
    const bad = await hr.get("/virksomhed/statistik?periode=36");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Vælg 12 eller 24 måneder.");
    expect((await hr.get("/virksomhed/statistik.csv?periode=36")).status).toBe(400);
  });

  it("gives Excel real numbers and dates under Danish column names", async () => {
    const res = await hr.get(`/virksomhed/statistik.xlsx?afdeling=${ids.department}`);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Fravær pr. måned", "Fravær efter længde", "Frister"]);
    const sheet = workbook.getWorksheet("Fravær pr. måned")!;
    expect(sheet.getRow(1).values).toEqual([undefined, "Måned", "Fraværsdage", "Aftalte arbejdsdage", "Fraværsprocent"]);
    const row = sheet.getRows(2, 12)!.find((r) => (r.getCell(1).value as Date).toISOString().startsWith(month))!;
    expect(row.getCell(1).value).toBeInstanceOf(Date);
    expect(typeof row.getCell(2).value).toBe("number");
    expect(row.getCell(4).numFmt).toBe("0.0%");
  });
});

describe("the opt-in list for an omsorgssamtale", () => {
  it("is not there while the policy is off", async () => {
    const page = await (await hr.get("/virksomhed/statistik")).text();
    expect(page).not.toContain('data-testid="frequent-absence"');
    expect(page).not.toContain("Birgitte Lagerholm");
  });

  it("refuses a policy outside its range with a Danish message at the field, keeping the input", async () => {
    const res = await hr.postForm("/virksomhed/indstillinger", { intent: "absence-prompt", policy: "on", minPeriods: "1", months: "12" });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("Angiv antal fraværsperioder mellem 2 og 20.");
    expect(text).toMatch(/name="months"[^>]*value="12"|value="12"[^>]*name="months"/);
  });

  it("lists employees with at least N periods in M months once the administrator turns it on, leaving out a § 56 agreement by default", async () => {
    const saved = await hr.postForm("/virksomhed/indstillinger", { intent: "absence-prompt", policy: "on", minPeriods: "2", months: "6" });
    expect(saved.status).toBe(302);
    const page = await (await hr.get("/virksomhed/statistik")).text();
    expect(page).toContain('data-testid="frequent-absence"');
    expect(page).toContain("Tilbyd en omsorgssamtale");
    expect(page).toContain(`data-employee="${ids.frequent}"`);
    expect(page).not.toContain(`data-employee="${ids.covered}"`);
    expect(page).toContain("(1 udeladt)");
    const withAgreement = await (await hr.get("/virksomhed/statistik?paragraf56=ja")).text();
    expect(withAgreement).toContain(`data-employee="${ids.covered}"`);
  });

  it("never leaves the page: not in the downloads, and not for another company", async () => {
    for (const path of ["/virksomhed/statistik.csv"]) expect(await (await hr.get(path)).text()).not.toContain("Birgitte");
    expect(await (await otherHr.get("/virksomhed/statistik")).text()).not.toContain('data-testid="frequent-absence"');
  });

  it("is set by the company's administrator only; another HR user reads it", async () => {
    await write(async (db) => {
      const admin = await db.one<{ hash: string; companyId: number }>("select password_hash as hash, company_id as companyId from users where email = 'hr@nordbyg.example'");
      await db.run(
        "insert into users (email, name, password_hash, role, company_id, is_admin) values ('kollega@nordbyg.example', 'Karen Kollega', ?, 'employer', ?, ?)",
        admin.hash,
        admin.companyId,
        0,
      );
    });
    const colleague = await signedIn(server.baseUrl, "kollega@nordbyg.example");
    const refused = await colleague.postForm("/virksomhed/indstillinger", { intent: "absence-prompt", policy: "off" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Kun virksomhedens administrator kan ændre listen over hyppigt fravær.");
    const settings = await (await colleague.get("/virksomhed/indstillinger")).text();
    expect(settings).toContain('data-testid="absence-prompt-readonly"');
    expect(settings).toMatch(/Listen er slået til: mindst 2 fraværsperioder inden for 6 måneder\./);
    expect(await (await colleague.get("/virksomhed/statistik")).text()).toContain('data-testid="frequent-absence"');
  });

  it("turns off again", async () => {
    expect((await hr.postForm("/virksomhed/indstillinger", { intent: "absence-prompt", policy: "off" })).status).toBe(302);
    expect(await (await hr.get("/virksomhed/statistik")).text()).not.toContain('data-testid="frequent-absence"');
  });
});
