import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, companies, employeeMoves, employees } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { homeMunicipalityOn, type Move } from "~/domain/residence";
import { caseReference, deadlinesFor, factsOf } from "./absence-case.server";

/**
 * Open absences of employees who live in the municipality on asOf: the case
 * follows the home municipality (Retssikkerhedsloven § 9), not the employer's address.
 */
export const CASES_PAGE_SIZE = 50;

export function listMunicipalityCases(input: { municipalityCode: number; asOf: IsoDate; page?: number }) {
  const db = getDb();
  const movedIds = db
    .selectDistinct({ id: employeeMoves.employeeId })
    .from(employeeMoves)
    .where(or(eq(employeeMoves.fromMunicipalityCode, input.municipalityCode), eq(employeeMoves.toMunicipalityCode, input.municipalityCode)))
    .all()
    .map((r) => r.id);
  const rows = db
    .select({ absence: absences, employee: employees, company: companies })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .innerJoin(companies, eq(companies.id, absences.companyId))
    .where(
      and(
        isNull(absences.returnedOn),
        movedIds.length
          ? or(eq(employees.municipalityCode, input.municipalityCode), inArray(employees.id, movedIds))
          : eq(employees.municipalityCode, input.municipalityCode),
      ),
    )
    .orderBy(asc(absences.firstAbsenceDay))
    .all();
  const movesByEmployee = new Map<number, Move[]>();
  if (movedIds.length) {
    for (const m of db.select().from(employeeMoves).where(inArray(employeeMoves.employeeId, movedIds)).all()) {
      const list = movesByEmployee.get(m.employeeId) ?? [];
      list.push(m);
      movesByEmployee.set(m.employeeId, list);
    }
  }
  const inMunicipality = rows.filter(
    (r) => homeMunicipalityOn(r.employee.municipalityCode, movesByEmployee.get(r.employee.id) ?? [], input.asOf) === input.municipalityCode,
  );
  const pageCount = Math.max(1, Math.ceil(inMunicipality.length / CASES_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const cases = inMunicipality
    .slice((page - 1) * CASES_PAGE_SIZE, page * CASES_PAGE_SIZE)
    .map((r) => {
      const result = deadlinesFor(factsOf(r.absence, r.employee), input.asOf);
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
        followUp,
        reassessment,
      };
    });
  return { cases, page, pageCount, total: inMunicipality.length };
}
