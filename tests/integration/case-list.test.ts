/**
 * The company's case list: every absence of the company, open and closed,
 * found by name, employee number or case reference however typed, filtered by
 * status, deadline state (the domain's, for open cases), department and year,
 * sorted and paged in SQL; the export carries exactly the list's columns and
 * never free text.
 */
import ExcelJS from "exceljs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, only, runTx } from "~db/client.server";
import { absences, auditLog, companies, departments, employees, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { caseReference } from "~/domain/case-reference";
import { addDays, formatDanishDate } from "~/domain/dates";
import { computeDeadlines } from "~/domain/deadlines";
import { factsOf } from "~/models/absence-facts.server";
import { CASE_EXPORT_COLUMNS, casesCsv, casesCsvStream, casesXlsx, exportCompanyCases } from "~/models/case-export.server";
import { allCompanyCases, CASE_LIST_PAGE_SIZE, caseListQueryPlan, listCompanyCases, type CaseFilters } from "~/models/case-list.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";
import { onPostgres } from "../support/engine";

const today = "2026-11-24";
let nordbyg: EmployerUser;
let solskinId: number;
let byg: number;
let kontor: number;
const NOTES = "Diskusprolaps i lænden, kan ikke løfte";

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

async function addCase(input: { companyId: number; name: string; number?: string; departmentId?: number; firstAbsenceDay: string; returnedOn?: string; notes?: string }): Promise<number> {
  const employee = await runTx(async (tx) => await only(tx
    .insert(employees)
    .values({
      companyId: input.companyId,
      name: input.name,
      employeeNumber: input.number ?? null,
      departmentId: input.departmentId ?? null,
      birthDate: "1980-05-05",
      municipalityCode: 101,
      employmentStartDate: "2010-01-01",
      jobTitle: "Tømrer",
      weeklyHours: 37,
    })
    .returning()));
  return (await runTx(async (tx) => await only(tx
    .insert(absences)
    .values({
      companyId: input.companyId,
      employeeId: employee.id,
      firstAbsenceDay: input.firstAbsenceDay,
      returnedOn: input.returnedOn ?? null,
      conversationNotes: input.notes ?? null,
      extent: "full",
      pay: "salary",
      expectedOver8Weeks: true,
    })
    .returning()))).id;
}

const list = async (filters: CaseFilters, page?: number) => await listCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters, page });
const refs = async (filters: CaseFilters) => (await allCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters })).map((r) => r.reference);

/** The deadline state the slow way: every absence of the company through the domain. */
async function expectedByDeadline(kind: "overdue" | "due-soon"): Promise<string[]> {
  return (await getDb()
    .select({ absence: absences, employee: employees })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(eq(absences.companyId, nordbyg.company.id)))
    .filter((r) => r.absence.returnedOn === null && computeDeadlines(factsOf(r.absence, r.employee), today).deadlines.some((d) => d.status === kind))
    .map((r) => caseReference(r.absence.id))
    .sort();
}

let closedLastYear: number;
let withNotes: number;
let numbered: number;
let solskinCase: number;

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
  nordbyg = await employerUser("hr@nordbyg.example");
  solskinId = (await one(getDb().select().from(companies).where(eq(companies.cvr, "44125242")).limit(1)))!.id;
  byg = (await runTx(async (tx) => await only(tx.insert(departments).values({ companyId: nordbyg.company.id, name: "Byggeri" }).returning()))).id;
  kontor = (await runTx(async (tx) => await only(tx.insert(departments).values({ companyId: nordbyg.company.id, name: "Kontor" }).returning()))).id;
  closedLastYear = await addCase({ companyId: nordbyg.company.id, name: "Karla Lindholm", number: "L-1001", departmentId: kontor, firstAbsenceDay: "2025-03-03", returnedOn: "2025-04-01" });
  withNotes = await addCase({ companyId: nordbyg.company.id, name: "=HYPERLINK(\"x\")", number: "L-1002", departmentId: byg, firstAbsenceDay: addDays(today, -20), notes: NOTES });
  numbered = await addCase({ companyId: nordbyg.company.id, name: "Ole Sørensen; junior", number: "4711", departmentId: byg, firstAbsenceDay: addDays(today, -2) });
  // Enough cases for three pages.
  for (let i = 0; i < 2 * CASE_LIST_PAGE_SIZE + 3; i++) {
    await addCase({ companyId: nordbyg.company.id, name: `Medarbejder ${String(i).padStart(3, "0")}`, firstAbsenceDay: addDays(today, -400 - i), returnedOn: addDays(today, -390 - i) });
  }
  solskinCase = await addCase({ companyId: solskinId, name: "Karla Lindholm", number: "L-1001", firstAbsenceDay: "2025-03-03" });
});

describe("the company's case list", () => {
  it("lists every absence of the company, open and closed, and none of another company's", async () => {
    const all = await refs({});
    const count = (await getDb().select().from(absences).where(eq(absences.companyId, nordbyg.company.id))).length;
    expect(all).toHaveLength(count);
    expect(all).toContain(caseReference(closedLastYear));
    expect(all).not.toContain(caseReference(solskinCase));
    expect((await list({})).total).toBe(count);
  });

  it("finds a case by name, by employee number and by its reference typed in any case, with or without the dash", async () => {
    expect(await refs({ q: "karla" })).toEqual([caseReference(closedLastYear)]);
    expect(await refs({ q: "4711" })).toEqual([caseReference(numbered)]);
    expect(await refs({ q: "L-1001" })).toEqual([caseReference(closedLastYear)]);
    for (const typed of [caseReference(numbered), caseReference(numbered).toLowerCase(), caseReference(numbered).replace("-", ""), `fh${numbered}`]) {
      expect(await refs({ q: typed }), typed).toEqual([caseReference(numbered)]);
    }
    // Another company's case stays out, by name and by its reference alike.
    expect(await refs({ q: caseReference(solskinCase) })).toEqual([]);
  });

  it("takes % and _ in a search literally", async () => {
    expect(await refs({ q: "%" })).toEqual([]);
    expect(await refs({ q: "Medarbejder _0" })).toEqual([]);
  });

  it("filters by status, department and year of the first absence day", async () => {
    const open = await refs({ status: "aaben" });
    const closed = await refs({ status: "afsluttet" });
    expect(open).toContain(caseReference(numbered));
    expect(open).not.toContain(caseReference(closedLastYear));
    expect(closed).toContain(caseReference(closedLastYear));
    expect(open.length + closed.length).toBe((await refs({})).length);
    expect((await refs({ afdeling: byg })).sort()).toEqual([caseReference(withNotes), caseReference(numbered)].sort());
    expect(await refs({ afdeling: kontor, aar: 2025 })).toEqual([caseReference(closedLastYear)]);
    expect(await refs({ afdeling: kontor, aar: 2026 })).toEqual([]);
  });

  it("filters by the domain's deadline state: overdue, and due within 7 days", async () => {
    const overdue = await expectedByDeadline("overdue");
    const dueSoon = await expectedByDeadline("due-soon");
    expect(overdue.length).toBeGreaterThan(0);
    expect(dueSoon.length).toBeGreaterThan(0);
    expect((await refs({ frist: "overskredet" })).sort()).toEqual(overdue);
    expect((await refs({ frist: "snart" })).sort()).toEqual(dueSoon);
    const row = (await list({ frist: "overskredet" })).rows[0]!;
    expect(row.deadlines!.overdue).toBeGreaterThan(0);
  });

  // SQLite's plans: PostgreSQL's planner picks by table statistics, and on a test's few rows a scan is
  // its right choice; the plans of PostgreSQL are not what this test is about.
  it.skipIf(onPostgres)("finds a search's and a department's cases from the employees' indexes, not by reading every case of the company", async () => {
    const plan = async (filters: CaseFilters) => await caseListQueryPlan({ companyId: nordbyg.company.id, asOf: today, filters });
    for (const filters of [{ q: "karla" }, { afdeling: byg }, { afdeling: byg, status: "aaben" as const }]) {
      for (const lines of Object.values(await plan(filters))) {
        expect(lines.join("\n"), JSON.stringify(filters)).toMatch(/SEARCH absences USING INDEX absences_employee_idx/);
        expect(lines.join("\n"), JSON.stringify(filters)).not.toMatch(/absences_company/);
      }
    }
    expect((await plan({ q: "karla" })).count.join("\n")).toMatch(/COVERING INDEX employees_company_idx/);
    expect((await plan({ afdeling: byg })).count.join("\n")).toMatch(/employees_department_idx/);
    // Unfiltered, the count reads only the company's index of its cases.
    expect((await plan({})).count.join("\n")).toMatch(/COVERING INDEX absences_company/);
  });

  // SQLite's plans, as the test above.
  it.skipIf(onPostgres)("reads the company's names once for a search, by name and number in one subquery", async () => {
    for (const filters of [{ q: "karla" }, { q: caseReference(numbered) }]) {
      for (const [query, lines] of Object.entries(await caseListQueryPlan({ companyId: nordbyg.company.id, asOf: today, filters }))) {
        expect(lines.filter((l) => /employees_company_idx/.test(l)), `${query} ${JSON.stringify(filters)}`).toHaveLength(1);
      }
    }
  });

  it("counts again after a write: the kept total is checked against the company's data version", async () => {
    expect((await list({ q: "Vibeke Tælling" })).total).toBe(0);
    const open = (await list({ status: "aaben" })).total;
    const id = await addCase({ companyId: nordbyg.company.id, name: "Vibeke Tælling", firstAbsenceDay: addDays(today, -3) });
    expect((await list({ q: "Vibeke Tælling" })).total).toBe(1);
    expect((await list({ status: "aaben" })).total).toBe(open + 1);
    await runTx(async (tx) => await tx.update(absences).set({ returnedOn: today }).where(eq(absences.id, id)));
    expect((await list({ status: "aaben" })).total).toBe(open);
    await runTx(async (tx) => await tx.update(employees).set({ departmentId: kontor }).where(eq(employees.name, "Vibeke Tælling")));
    expect((await list({ afdeling: kontor })).total).toBe((await refs({ afdeling: kontor })).length);
    expect(await refs({ afdeling: kontor })).toContain(caseReference(id));
  });

  it("sorts by a column in either direction, the case reference breaking ties", async () => {
    const byName = (await allCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters: { sorter: "navn", retning: "stigende" } })).map((r) => r.employeeName);
    // SQLite's NOCASE: ASCII letters without case, everything else by code point (Ł after Z).
    const nocase = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
    expect(byName).toEqual([...byName].sort((a, b) => (nocase(a) < nocase(b) ? -1 : nocase(a) > nocase(b) ? 1 : 0)));
    expect(byName.at(-1)).toBe("Łukasz Nowak");
    const newestFirst = (await allCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters: {} })).map((r) => r.firstAbsenceDay);
    expect(newestFirst).toEqual([...newestFirst].sort().reverse());
    const bySag = (await allCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters: { sorter: "sag", retning: "faldende" } })).map((r) => r.absenceId);
    expect(bySag).toEqual([...bySag].sort((a, b) => b - a));
  });

  it("pages in the order of the whole list, for every sort and filter, rows and all", async () => {
    const sorts = [{}, { sorter: "sag" as const, retning: "stigende" as const }, { sorter: "status" as const, retning: "faldende" as const }, { sorter: "navn" as const }];
    for (const filters of sorts.flatMap((sort) => [sort, { ...sort, afdeling: byg }, { ...sort, q: "medarbejder" }])) {
      const first = await list(filters);
      const paged = [...first.rows];
      for (let page = 2; page <= first.pageCount; page++) paged.push(...(await list(filters, page)).rows);
      const whole = await allCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters });
      expect(paged.map(({ conversations: _, ...row }) => row), JSON.stringify(filters)).toEqual(whole);
    }
  });

  it("pages through the list without losing or repeating a case", async () => {
    const first = await list({});
    expect(first.pageCount).toBe(Math.ceil(first.total / CASE_LIST_PAGE_SIZE));
    const seen = [...first.rows.map((r) => r.absenceId)];
    for (let page = 2; page <= first.pageCount; page++) seen.push(...(await list({}, page)).rows.map((r) => r.absenceId));
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(first.total);
    // A page past the end is the last page.
    expect((await list({}, 999)).page).toBe(first.pageCount);
  });

  it("offers the company's departments and the years its cases span", async () => {
    const { departments: offered, years } = await list({});
    // The demo seed's departments are there too; the two made here are offered among them, by name.
    const names = offered.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(["Byggeri", "Kontor"]));
    expect(years[0]).toBe(2026);
    expect(years).toContain(2025);
  });
});

describe("the export", () => {
  const rows = async () => await allCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters: { afdeling: byg, sorter: "sag", retning: "stigende" } });

  it("writes CSV with a byte-order mark, semicolons, Danish column names and dd.mm.åååå dates", async () => {
    const csv = casesCsv(await rows());
    expect(csv.startsWith("\uFEFFSag;Medarbejdernummer;Navn;Afdeling;Første fraværsdag;Status;Næste frist;Næste frist dato;Overskredne frister\r\n")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(new RegExp(`^${caseReference(numbered)};4711;"Ole Sørensen; junior";Byggeri;${formatDanishDate(addDays(today, -2)).replace(/\./g, "\\.")};Åben;`));
    // A name that a spreadsheet would run as a formula is written as text.
    expect(lines[1]).toContain(`;"'=HYPERLINK(""x"")";`);
  });

  it("streams the CSV in pieces of 500 rows, the same bytes as the whole file", async () => {
    const all = await rows();
    const many = Array.from({ length: 600 }, () => all).flat().slice(0, 1_200);
    const pieces: Uint8Array[] = [];
    const reader = casesCsvStream(many).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) pieces.push(read.value);
    // The header, then 500 + 500 + the rest: never the whole file in one piece.
    expect(many).toHaveLength(1_200);
    expect(pieces.map((p) => new TextDecoder().decode(p).split("\r\n").length - 1)).toEqual([1, 500, 500, 200]);
    expect(Buffer.concat(pieces).toString("utf8")).toBe(casesCsv(many));
  });

  it("carries no free text and no health information", async () => {
    const csv = casesCsv(await allCompanyCases({ companyId: nordbyg.company.id, asOf: today, filters: {} }));
    expect(csv).not.toContain("Diskusprolaps");
    expect(csv).not.toContain("Tømrer");
    expect(csv).not.toContain("1980");
  });

  it("writes Excel with Danish column names and real date cells shown as dd.mm.yyyy", async () => {
    const workbook = new ExcelJS.Workbook();
    const bytes = await casesXlsx(await rows());
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet("Sager")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...CASE_EXPORT_COLUMNS]);
    const last = sheet.getRow(3);
    expect(last.getCell(1).value).toBe(caseReference(numbered));
    expect(last.getCell(3).value).toBe("Ole Sørensen; junior");
    const day = last.getCell(5);
    expect(day.value).toBeInstanceOf(Date);
    expect((day.value as Date).toISOString().slice(0, 10)).toBe(addDays(today, -2));
    expect(day.numFmt).toBe("dd.mm.yyyy");
    expect(last.getCell(9).value).toBe((await rows())[1]!.deadlines!.overdue);
  });

  it("logs who exported, in which format, how many rows and with which filters, without the search text", async () => {
    const file = await exportCompanyCases({ user: nordbyg, asOf: today, filters: { q: "karla", status: "afsluttet" }, format: "csv" });
    expect(file.filename).toBe(`sager-${today}.csv`);
    const entry = (await getDb().select().from(auditLog).where(eq(auditLog.action, "case-list.export"))).at(-1)!;
    expect(entry.userId).toBe(nordbyg.id);
    expect(entry.companyId).toBe(nordbyg.company.id);
    expect(JSON.parse(entry.details!)).toEqual({ format: "csv", rows: 1, filters: { status: "afsluttet", search: true } });
    expect(entry.details).not.toContain("karla");
  });
});
