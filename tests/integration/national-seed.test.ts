/**
 * The national benchmark generator (scripts/seed-national.mjs) at a small
 * scale: the data it writes is what the app reads (the large company's shape,
 * a PDF of every generated document type), and the jobcenter inbox, which reads
 * one page at a time, pages through it in exactly the order of the whole list.
 * Needs `npm run build` (the generator uses the app's domain code from the build).
 */
import path from "node:path";
import { and, asc, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb, getSqlite, one } from "~db/client.server";
import { absences, companies, documents, documentVersions, submissions, users, DOCUMENT_TYPES } from "~db/schema";
import { companyDashboard } from "~/models/dashboard.server";
import { listMunicipalityCases, municipalityFastTrackCases } from "~/models/jobcenter.server";
import { renderDocumentPdf } from "~/models/document-pdf.server";
import { INBOX_PAGE_SIZE, listInbox, type InboxSort } from "~/models/inbox.server";
import { firstFollowUpDueDate } from "~/domain/deadlines";
import { TMP_DIR } from "../support/paths";
import { NATIONAL_LOGINS, seedNational } from "../../scripts/seed-national.mjs";

const today = "2026-11-24";
let summary: { employees: number; absences: number; openAbsences: number; submissions: number; submissionsByStatus: Record<string, number> };

beforeAll(async () => {
  const file = path.join(TMP_DIR, `national-${process.pid}.db`);
  summary = await seedNational({ file, scale: 0.01, today, log: () => {} });
  closeDatabase();
  process.env.DATABASE_PATH = file;
}, 120_000);

/** The inbox's order computed the slow way: every submission of the municipality, sorted in memory. */
async function expectedOrder(municipalityCode: number, sort: InboxSort): Promise<number[]> {
  const rows = await getDb()
    .select({ submission: submissions, absence: absences })
    .from(submissions)
    .leftJoin(absences, eq(absences.id, submissions.absenceId))
    .where(eq(submissions.municipalityCode, municipalityCode));
  const byReceived = (a: (typeof rows)[number], b: (typeof rows)[number]) =>
    a.submission.receivedOn.localeCompare(b.submission.receivedOn) || a.submission.id - b.submission.id;
  const due = (r: (typeof rows)[number]) =>
    r.absence ? firstFollowUpDueDate({ firstAbsenceDay: r.absence.firstAbsenceDay, fastTrackRequestedOn: r.absence.fastTrackRequestedOn, fastTrackDeclined: r.absence.fastTrackDeclined }) : "9999";
  const rank = (r: (typeof rows)[number]) => {
    const unhandled = (r.submission.status === "received" || r.submission.status === "in-review") && !(r.submission.type === "fast-track" && r.absence?.firstFollowUpHeldOn);
    return unhandled ? (r.submission.type === "fast-track" ? 0 : 1) : 2;
  };
  rows.sort((a, b) => {
    if (sort === "received") return byReceived(a, b);
    if (sort === "deadline") return due(a).localeCompare(due(b)) || byReceived(a, b);
    return rank(a) - rank(b) || byReceived(a, b);
  });
  return rows.map((r) => r.submission.id);
}

describe("the national dataset", () => {
  it("has the planned totals and a large company with 5,000 employees and 800 open absences", async () => {
    expect(summary.openAbsences).toBe(3_000);
    expect(summary.absences).toBeGreaterThan(19_000);
    for (const status of ["received", "in-review", "needs-information", "approved", "rejected"]) {
      expect(summary.submissionsByStatus[status] ?? 0, status).toBeGreaterThan(0);
    }
    const hr = (await one(getDb().select().from(users).where(eq(users.email, NATIONAL_LOGINS.largeCompanyHr)).limit(1)))!;
    const dashboard = await companyDashboard({ companyId: hr.companyId!, asOf: today });
    expect(dashboard.openAbsences).toBe(800);
    expect(dashboard.items.length).toBeGreaterThan(0);
  });

  it("renders a PDF of every document type the large company has", async () => {
    const hr = (await one(getDb().select().from(users).where(eq(users.email, NATIONAL_LOGINS.largeCompanyHr)).limit(1)))!;
    const company = (await one(getDb().select().from(companies).where(eq(companies.id, hr.companyId!)).limit(1)))!;
    const docs = await getDb().select().from(documents).where(eq(documents.companyId, company.id)).orderBy(asc(documents.id));
    const oneOfEach = [...new Map(docs.map((d) => [d.type, d])).values()];
    expect(oneOfEach.map((d) => d.type).sort()).toEqual([...DOCUMENT_TYPES].sort());
    for (const doc of oneOfEach) {
      const version = (await one(getDb()
        .select()
        .from(documentVersions)
        .where(and(eq(documentVersions.documentId, doc.id), eq(documentVersions.version, 1))).limit(1)))!;
      const pdf = await renderDocumentPdf({
        type: doc.type,
        content: JSON.parse(version.content) as unknown,
        employeeId: doc.employeeId,
        absenceId: doc.absenceId,
        documentId: doc.id,
        company: { name: company.name, cvr: company.cvr },
        contactPerson: hr.name,
        asOf: today,
      });
      expect(Buffer.from(pdf.bytes).subarray(0, 5).toString(), doc.type).toBe("%PDF-");
    }
  });

  it.each(["default", "received", "deadline"] as const)("pages through København's inbox in the %s order without gaps or repeats", async (sort) => {
    const expected = await expectedOrder(101, sort);
    expect(expected.length).toBeGreaterThan(2 * INBOX_PAGE_SIZE);
    const first = await listInbox({ municipalityCode: 101, asOf: today, sort });
    expect(first.total).toBe(expected.length);
    const seen: number[] = [];
    for (let page = 1; page <= first.pageCount; page++) {
      seen.push(...(await listInbox({ municipalityCode: 101, asOf: today, sort, page })).items.map((i) => i.id));
    }
    expect(seen).toEqual(expected);
  });

  it("copies each employee's municipality onto the absences and leaves the triggers that keep the copy in place", async () => {
    const mismatched = getSqlite()
      .prepare("select count(*) as n from absences a join employees e on e.id = a.employee_id where a.employee_municipality_code is not e.municipality_code")
      .get() as { n: number };
    expect(mismatched.n).toBe(0);
    const triggers = (getSqlite().prepare("select name from sqlite_master where type = 'trigger'").all() as Array<{ name: string }>).map((t) => t.name);
    expect(triggers).toEqual(expect.arrayContaining(["absences_employee_municipality_insert", "employees_municipality_to_absences", "absences_company_version_insert", "absences_statistics_block_insert", "employees_statistics_block_update"]));
    const open = await listMunicipalityCases({ municipalityCode: 101, asOf: today });
    expect(open.total).toBe(
      (getSqlite().prepare("select count(*) as n from absences a join employees e on e.id = a.employee_id where a.returned_on is null and e.municipality_code = 101").get() as { n: number }).n,
    );
  });

  it("reads the municipality's fast-track cases at once, as paging through its whole case list finds them", async () => {
    const paged = [];
    for (let page = 1, pageCount = 1; page <= pageCount; page++) {
      const result = await listMunicipalityCases({ municipalityCode: 101, asOf: today, page });
      pageCount = result.pageCount;
      paged.push(...result.cases.filter((c) => c.fastTrackRequestedOn !== null));
    }
    expect(paged.length).toBeGreaterThan(0);
    expect(await municipalityFastTrackCases({ municipalityCode: 101, asOf: today })).toEqual(paged);
  });

  it("has a largest employer with its employees in 40 departments and its share of open absences", async () => {
    const hr = (await one(getDb().select().from(users).where(eq(users.email, NATIONAL_LOGINS.largestEmployerHr)).limit(1)))!;
    const sqlite = getSqlite();
    const countOf = (sqlText: string) => (sqlite.prepare(sqlText).get(hr.companyId) as { n: number }).n;
    expect(countOf("select count(*) as n from employees where company_id = ?")).toBe(1_000);
    expect(countOf("select count(*) as n from absences where company_id = ? and returned_on is null")).toBe(100);
    expect(countOf("select count(distinct department_id) as n from employees where company_id = ?")).toBe(40);
    expect(countOf("select count(*) as n from employees where company_id = ? and (employee_number is null or department_id is null)")).toBe(0);
  });

  it("pages a filtered inbox in the default order", async () => {
    const expected = await expectedOrder(101, "default");
    const fastTrack = new Set(
      (await getDb()
        .select({ id: submissions.id })
        .from(submissions)
        .where(and(inArray(submissions.id, expected), eq(submissions.type, "fast-track"))))
        .map((r) => r.id),
    );
    const first = await listInbox({ municipalityCode: 101, asOf: today, type: "fast-track" });
    const seen: number[] = [];
    for (let page = 1; page <= first.pageCount; page++) {
      seen.push(...(await listInbox({ municipalityCode: 101, asOf: today, type: "fast-track", page })).items.map((i) => i.id));
    }
    expect(seen).toEqual(expected.filter((id) => fastTrack.has(id)));
  });
});
