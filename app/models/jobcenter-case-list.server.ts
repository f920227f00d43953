/**
 * The jobcenter's case list with search, filters and sorting: the open absences
 * of the citizens who live in the municipality on the day (Retssikkerhedsloven
 * § 9; residence from residence.server, the same scope as the unfiltered list),
 * never another municipality's, whatever is searched for.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, max, notInArray, or, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { getDb, one } from "~db/client.server";
import { caseless, likeCaseless } from "~db/portable-sql";
import { absences, companies, employees, submissions } from "~db/schema";
import { caseReference, parseCaseReference } from "~/domain/case-reference";
import { compareIso, type IsoDate } from "~/domain/dates";
import type { DeadlineStatus } from "~/domain/deadlines";
import type { JobcenterCaseQuery, JobcenterCaseSort } from "~/forms/case-list";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { deadlinesFor } from "./deadline-memo.server";
import { containsPattern } from "./case-list.server";
import { municipalityDataVersion, versionedCache } from "./data-versions.server";
import { CASES_PAGE_SIZE, listMunicipalityCases } from "./jobcenter.server";
import { residenceExceptions } from "./residence.server";

export type JobcenterCaseFilters = Partial<Omit<JobcenterCaseQuery, "side">>;

/** The municipality's part of the case: the first follow-up, and the reassessment at 22 weeks. */
interface CaseDeadlines {
  followUp: { title: string; dueDate: IsoDate; status: DeadlineStatus };
  reassessment: { dueDate: IsoDate };
}

async function residentsOf(municipalityCode: number, asOf: IsoDate): Promise<SQL> {
  const { movedIn, movedOut } = await residenceExceptions(municipalityCode, asOf);
  const registered = and(eq(absences.employeeMunicipalityCode, municipalityCode), movedOut.length ? notInArray(absences.employeeId, movedOut) : undefined)!;
  return and(isNull(absences.returnedOn), movedIn.length ? or(registered, inArray(absences.employeeId, movedIn)) : registered)!;
}

function filtersOf(filters: JobcenterCaseFilters): Array<SQL | undefined> {
  const conditions: Array<SQL | undefined> = [];
  const q = filters.q?.trim();
  if (q) {
    const absenceId = parseCaseReference(q);
    conditions.push(or(likeCaseless(employees.name, containsPattern(q)), absenceId ? eq(absences.id, absenceId) : undefined));
  }
  if (filters.foedt) conditions.push(eq(employees.birthDate, filters.foedt));
  if (filters.fasttrack === "ja") conditions.push(isNotNull(absences.fastTrackRequestedOn));
  if (filters.fasttrack === "nej") conditions.push(isNull(absences.fastTrackRequestedOn));
  const company = filters.virksomhed?.trim();
  if (company) {
    const cvr = company.replace(/\s+/g, "");
    conditions.push(or(likeCaseless(companies.name, containsPattern(company)), /^[0-9]{8}$/.test(cvr) ? eq(companies.cvr, cvr) : undefined));
  }
  return conditions;
}

// The municipality's open cases' deadlines, for the deadline filter and the follow-up sort:
// kept per municipality and day while municipality_data_versions is unchanged.
const deadlinesCache = versionedCache<Map<number, CaseDeadlines>>(100);

async function municipalityDeadlines(municipalityCode: number, asOf: IsoDate): Promise<Map<number, CaseDeadlines>> {
  const version = `${await municipalityDataVersion(municipalityCode)}|${asOf}`;
  return await deadlinesCache.get(String(municipalityCode), version, async () => {
    const rows = await getDb()
      .select({ absence: { id: absences.id, ...factColumns }, employee: employeeFactColumns })
      .from(absences)
      .innerJoin(employees, eq(employees.id, absences.employeeId))
      .where(await residentsOf(municipalityCode, asOf));
    return new Map(rows.map((r) => [r.absence.id, deadlinesOf(r.absence, r.employee, asOf)]));
  });
}

function deadlinesOf(absence: Parameters<typeof factsOf>[0], employee: Parameters<typeof factsOf>[1], asOf: IsoDate): CaseDeadlines {
  const { deadlines } = deadlinesFor(factsOf(absence, employee), asOf);
  const followUp = deadlines.find((d) => d.id === "first-follow-up")!;
  const reassessment = deadlines.find((d) => d.id === "duration-limit-reassessment")!;
  return { followUp: { title: followUp.title, dueDate: followUp.dueDate, status: followUp.status }, reassessment: { dueDate: reassessment.dueDate } };
}

const SORT_COLUMNS: Record<Exclude<JobcenterCaseSort, "opfoelgning">, SQL | AnySQLiteColumn> = {
  sag: absences.id,
  navn: caseless(employees.name),
  virksomhed: caseless(companies.name),
  foerste: absences.firstAbsenceDay,
};

export interface JobcenterCaseRow {
  absenceId: number;
  reference: string;
  employeeName: string;
  birthDate: IsoDate;
  companyName: string;
  companyCvr: string;
  firstAbsenceDay: IsoDate;
  fastTrackRequestedOn: IsoDate | null;
  /** The newest submission of the case, which the row links to; null before the employer sent anything. */
  submissionId: number | null;
  followUp: CaseDeadlines["followUp"];
  reassessment: CaseDeadlines["reassessment"];
}

// The plain list's pages with their rows, per municipality, page and day while municipality_data_versions is
// unchanged: every row's facts (the absence, the employee's name and birth date, the company's name and CVR,
// the newest submission) are written through tables whose triggers bump that version (docs/decisions/001).
const plainPagesCache = versionedCache<{ cases: JobcenterCaseRow[]; page: number; pageCount: number; total: number }>(300);

/**
 * One page of the municipality's open cases. Without search, filters or a sort
 * its ids and total come from the cached list of jobcenter.server; the deadline filter and the
 * follow-up sort read the domain's deadlines of every open case, kept per day.
 */
export async function searchMunicipalityCases(input: { municipalityCode: number; asOf: IsoDate; filters: JobcenterCaseFilters; page?: number }) {
  const f = input.filters;
  const plain = !f.q?.trim() && !f.foedt && !f.frist && !f.fasttrack && !f.virksomhed?.trim() && !f.sorter && !f.retning;
  if (plain) {
    // The page's ids and the total from the cached list; the rows (birth date, submission) read for its fifty cases,
    // and kept with them: reading and building them again on every view cost a third of the page's server time.
    const version = `${await municipalityDataVersion(input.municipalityCode)}|${input.asOf}`;
    return await plainPagesCache.get(`${input.municipalityCode}|${input.page ?? ""}`, version, async () => {
      const list = await listMunicipalityCases({ municipalityCode: input.municipalityCode, asOf: input.asOf, page: input.page });
      return { cases: await rowsOf(list.cases.map((c) => c.absenceId), input.asOf), page: list.page, pageCount: list.pageCount, total: list.total };
    });
  }
  const db = getDb();
  const where = and(await residentsOf(input.municipalityCode, input.asOf), ...filtersOf(f))!;
  const base = () =>
    db
      .select({ id: absences.id })
      .from(absences)
      .innerJoin(employees, eq(employees.id, absences.employeeId))
      .innerJoin(companies, eq(companies.id, absences.companyId))
      .where(where);
  const sort = f.sorter ?? "foerste";
  const descending = f.retning === "faldende";
  let total: number;
  let pageIds: number[];
  let page: number;
  let pageCount: number;
  if (f.frist || sort === "opfoelgning") {
    const deadlines = await municipalityDeadlines(input.municipalityCode, input.asOf);
    let ids = (await base()
      .orderBy(asc(absences.firstAbsenceDay), asc(absences.id)))
      .map((r) => r.id);
    if (f.frist) ids = ids.filter((id) => deadlines.get(id)?.followUp.status === (f.frist === "overskredet" ? "overdue" : "due-soon"));
    if (sort === "opfoelgning") {
      const due = (id: number) => deadlines.get(id)?.followUp.dueDate ?? "9999-12-31";
      ids.sort((a, b) => (descending ? -1 : 1) * (compareIso(due(a), due(b)) || a - b));
    } else if (sort !== "foerste" || descending) {
      ids = await orderedIds(ids, sort, descending);
    }
    total = ids.length;
    pageCount = Math.max(1, Math.ceil(total / CASES_PAGE_SIZE));
    page = Math.min(Math.max(1, input.page ?? 1), pageCount);
    pageIds = ids.slice((page - 1) * CASES_PAGE_SIZE, page * CASES_PAGE_SIZE);
  } else {
    total =
      (await one(db
        .select({ n: count() })
        .from(absences)
        .innerJoin(employees, eq(employees.id, absences.employeeId))
        .innerJoin(companies, eq(companies.id, absences.companyId))
        .where(where).limit(1)))?.n ?? 0;
    pageCount = Math.max(1, Math.ceil(total / CASES_PAGE_SIZE));
    page = Math.min(Math.max(1, input.page ?? 1), pageCount);
    const by = descending ? desc : asc;
    pageIds = (await base()
      .orderBy(by(SORT_COLUMNS[sort as Exclude<JobcenterCaseSort, "opfoelgning">]), by(absences.id))
      .limit(CASES_PAGE_SIZE)
      .offset((page - 1) * CASES_PAGE_SIZE))
      .map((r) => r.id);
  }
  return { cases: await rowsOf(pageIds, input.asOf), page, pageCount, total };
}

/** The ids in the order of a SQL column (a filtered set of a few thousand at most). */
async function orderedIds(ids: number[], sort: Exclude<JobcenterCaseSort, "opfoelgning">, descending: boolean): Promise<number[]> {
  if (ids.length === 0) return ids;
  const by = descending ? desc : asc;
  return (await getDb()
    .select({ id: absences.id })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .innerJoin(companies, eq(companies.id, absences.companyId))
    .where(inArray(absences.id, ids))
    .orderBy(by(SORT_COLUMNS[sort]), by(absences.id)))
    .map((r) => r.id);
}

/** The newest submission of each absence: the caseworker's page of the case. */
async function latestSubmissions(absenceIds: number[]): Promise<Map<number, number>> {
  const rows = await getDb()
    .select({ absenceId: submissions.absenceId, id: max(submissions.id) })
    .from(submissions)
    .where(inArray(submissions.absenceId, absenceIds))
    .groupBy(submissions.absenceId);
  return new Map(rows.map((r) => [r.absenceId!, r.id!]));
}

async function rowsOf(pageIds: number[], asOf: IsoDate): Promise<JobcenterCaseRow[]> {
  if (pageIds.length === 0) return [];
  const rows = await getDb()
    .select({
      absence: { id: absences.id, ...factColumns },
      employee: { name: employees.name, ...employeeFactColumns },
      company: { name: companies.name, cvr: companies.cvr },
    })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .innerJoin(companies, eq(companies.id, absences.companyId))
    .where(inArray(absences.id, pageIds));
  const byId = new Map(rows.map((r) => [r.absence.id, r]));
  const latest = await latestSubmissions(pageIds);
  return pageIds.map((id) => {
    const r = byId.get(id)!;
    return {
      absenceId: id,
      reference: caseReference(id),
      employeeName: r.employee.name,
      birthDate: r.employee.birthDate,
      companyName: r.company.name,
      companyCvr: r.company.cvr,
      firstAbsenceDay: r.absence.firstAbsenceDay,
      fastTrackRequestedOn: r.absence.fastTrackRequestedOn,
      submissionId: latest.get(id) ?? null,
      ...deadlinesOf(r.absence, r.employee, asOf),
    };
  });
}
