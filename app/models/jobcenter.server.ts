import { and, count, eq, inArray, isNotNull, isNull, notInArray, type SQL } from "drizzle-orm";
import { getDb, one } from "~db/client.server";
import { absences, companies, employees, municipalityOpenAbsences } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { caseReference } from "~/domain/case-reference";
import { factsOf } from "./absence-facts.server";
import { deadlinesFor } from "./deadline-memo.server";
import { municipalityDataVersion, versionedCache } from "./data-versions.server";
import { residenceExceptions } from "./residence.server";

export const CASES_PAGE_SIZE = 50;

/**
 * Open absences of employees who live in the municipality on asOf, by first
 * absence day, one page at a time: the case follows the home municipality
 * (Retssikkerhedsloven § 9), not the employer's address. The page is read from
 * absences_open_municipality_idx (the employee's current municipality is copied
 * onto each absence) and the total from municipality_open_absences, with the few
 * employees whose residence on asOf differs from it added or left out.
 */
export async function listMunicipalityCases(input: CasesQuery): Promise<CasesPage> {
  const version = `${await municipalityDataVersion(input.municipalityCode)}|${input.asOf}`;
  return await casesCache.get(`${input.municipalityCode}|${input.page ?? ""}`, version, async () => await readMunicipalityCases(input));
}

interface CasesQuery {
  municipalityCode: number;
  asOf: IsoDate;
  page?: number;
}

type CasesPage = Awaited<ReturnType<typeof readMunicipalityCases>>;

// Kept per municipality, page and day while municipality_data_versions is unchanged.
const casesCache = versionedCache<CasesPage>(300);

/** The municipality's open cases on asOf as two arms: its registered residents less those who moved out, and those who moved in. */
async function residenceArms(municipalityCode: number, asOf: IsoDate, extra?: SQL) {
  const { movedIn, movedOut } = await residenceExceptions(municipalityCode, asOf);
  const residents: SQL = and(
    eq(absences.employeeMunicipalityCode, municipalityCode),
    isNull(absences.returnedOn),
    movedOut.length ? notInArray(absences.employeeId, movedOut) : undefined,
    extra,
  )!;
  const newcomers: SQL | null = movedIn.length ? and(inArray(absences.employeeId, movedIn), isNull(absences.returnedOn), extra)! : null;
  return { movedOut, residents, newcomers };
}

/**
 * Every open case of the municipality's residents with a fast-track request, in the list's
 * order (first absence day, id), with the same fields as a page of the list: the digest's
 * candidates. One query for the ids instead of paging through tens of thousands of cases.
 */
export async function municipalityFastTrackCases(input: { municipalityCode: number; asOf: IsoDate }) {
  const db = getDb();
  const { residents, newcomers } = await residenceArms(input.municipalityCode, input.asOf, isNotNull(absences.fastTrackRequestedOn));
  const arm = (where: SQL) => db.select({ id: absences.id, firstAbsenceDay: absences.firstAbsenceDay }).from(absences).where(where);
  const ids = (newcomers ? await arm(residents).unionAll(arm(newcomers)).orderBy(absences.firstAbsenceDay, absences.id) : await arm(residents).orderBy(absences.firstAbsenceDay, absences.id)).map(
    (r) => r.id,
  );
  const cases = [];
  // Read in slices: a bound list far below SQLite's limit on parameters.
  for (let i = 0; i < ids.length; i += 500) cases.push(...await casesOf(ids.slice(i, i + 500), input.asOf));
  return cases;
}

async function readMunicipalityCases(input: CasesQuery) {
  const db = getDb();
  const { movedOut, residents, newcomers } = await residenceArms(input.municipalityCode, input.asOf);

  const countOf = async (where: SQL) => (await one(db.select({ n: count() }).from(absences).where(where).limit(1)))?.n ?? 0;
  // The registered residents' count is kept by triggers; counting them here would read tens of thousands of entries.
  const registered =
    (await one(db
      .select({ n: municipalityOpenAbsences.openAbsences })
      .from(municipalityOpenAbsences)
      .where(eq(municipalityOpenAbsences.municipalityCode, input.municipalityCode)).limit(1)))?.n ?? 0;
  const leaving = movedOut.length ? await countOf(and(inArray(absences.employeeId, movedOut), isNull(absences.returnedOn))!) : 0;
  const total = registered - leaving + (newcomers ? await countOf(newcomers) : 0);
  const pageCount = Math.max(1, Math.ceil(total / CASES_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const offset = (page - 1) * CASES_PAGE_SIZE;

  const arm = (where: SQL) => db.select({ id: absences.id, firstAbsenceDay: absences.firstAbsenceDay }).from(absences).where(where);
  const pageIds = (
    newcomers
      ? await arm(residents).unionAll(arm(newcomers)).orderBy(absences.firstAbsenceDay, absences.id).limit(CASES_PAGE_SIZE).offset(offset)
      : await arm(residents).orderBy(absences.firstAbsenceDay, absences.id).limit(CASES_PAGE_SIZE).offset(offset)
  ).map((r) => r.id);
  return { cases: await casesOf(pageIds, input.asOf), page, pageCount, total };
}

/** The list's fields of the given open cases, in the order of the ids. */
async function casesOf(pageIds: number[], asOf: IsoDate) {
  const db = getDb();
  const rows = pageIds.length
    ? await db
        .select({ absence: absences, employee: employees, company: companies })
        .from(absences)
        .innerJoin(employees, eq(employees.id, absences.employeeId))
        .innerJoin(companies, eq(companies.id, absences.companyId))
        .where(inArray(absences.id, pageIds))
    : [];
  const byId = new Map(rows.map((r) => [r.absence.id, r]));
  return pageIds.map((id) => {
    const r = byId.get(id)!;
    const result = deadlinesFor(factsOf(r.absence, r.employee), asOf);
    const followUp = result.deadlines.find((d) => d.id === "first-follow-up")!;
    const reassessment = result.deadlines.find((d) => d.id === "duration-limit-reassessment")!;
    return {
      absenceId: r.absence.id,
      reference: caseReference(r.absence.id),
      employeeName: r.employee.name,
      companyName: r.company.name,
      companyCvr: r.company.cvr,
      firstAbsenceDay: r.absence.firstAbsenceDay,
      fastTrackRequestedOn: r.absence.fastTrackRequestedOn,
      // Only what the list shows: the page carries its data, fifty rows of it.
      followUp: { title: followUp.title, dueDate: followUp.dueDate, status: followUp.status },
      reassessment: { dueDate: reassessment.dueDate },
    };
  });
}
