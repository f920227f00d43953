/**
 * Which municipality a case belongs to on a day: the employee's home municipality
 * (handlekommune, Retssikkerhedsloven § 9), for the jobcenter's case list, inbox,
 * review page and notifications alike. The current municipality is copied onto
 * absences and submissions by triggers; the few employees whose residence on the
 * day differs from it (a move recorded ahead of its date) are found here.
 */
import { and, eq, gt, inArray, notInArray, or, type SQL } from "drizzle-orm";
import { getDb, type Tx } from "~db/client.server";
import { employeeMoves, employees, submissions } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { homeMunicipalityOn, type Move } from "~/domain/residence";

type Reader = Tx | ReturnType<typeof getDb>;

/**
 * Who lives in the municipality on asOf although their current municipality says
 * otherwise, and the reverse. Residence on a date differs from the current
 * municipality only for an employee with a move after that date, and such a move
 * leaves or enters the municipality (moves chain from the current one): a few
 * employees, decided one by one with homeMunicipalityOn.
 */
export function residenceExceptions(municipalityCode: number, asOf: IsoDate, db: Reader = getDb()): { movedIn: number[]; movedOut: number[] } {
  const ids = [
    ...new Set(
      db
        .select({ id: employeeMoves.employeeId })
        .from(employeeMoves)
        .where(
          or(
            and(eq(employeeMoves.fromMunicipalityCode, municipalityCode), gt(employeeMoves.movedOn, asOf)),
            and(eq(employeeMoves.toMunicipalityCode, municipalityCode), gt(employeeMoves.movedOn, asOf)),
          ),
        )
        .all()
        .map((r) => r.id),
    ),
  ];
  if (ids.length === 0) return { movedIn: [], movedOut: [] };
  const movesByEmployee = new Map<number, Move[]>();
  for (const m of db.select().from(employeeMoves).where(inArray(employeeMoves.employeeId, ids)).all()) {
    const list = movesByEmployee.get(m.employeeId) ?? [];
    list.push(m);
    movesByEmployee.set(m.employeeId, list);
  }
  const movedIn: number[] = [];
  const movedOut: number[] = [];
  for (const e of db.select({ id: employees.id, code: employees.municipalityCode }).from(employees).where(inArray(employees.id, ids)).all()) {
    const livesThere = homeMunicipalityOn(e.code, movesByEmployee.get(e.id) ?? [], asOf) === municipalityCode;
    if (livesThere && e.code !== municipalityCode) movedIn.push(e.id);
    if (!livesThere && e.code === municipalityCode) movedOut.push(e.id);
  }
  return { movedIn, movedOut };
}

/** The employee's home municipality on asOf. */
export function homeMunicipalityOfEmployee(employeeId: number, asOf: IsoDate, db: Reader = getDb()): number | null {
  const employee = db.select({ code: employees.municipalityCode }).from(employees).where(eq(employees.id, employeeId)).get();
  if (!employee) return null;
  const moves = db
    .select({ fromMunicipalityCode: employeeMoves.fromMunicipalityCode, toMunicipalityCode: employeeMoves.toMunicipalityCode, movedOn: employeeMoves.movedOn })
    .from(employeeMoves)
    .where(eq(employeeMoves.employeeId, employeeId))
    .all();
  return homeMunicipalityOn(employee.code, moves, asOf);
}

/**
 * The submissions that belong to the municipality on asOf: every submission of
 * an employee who lives there that day, whichever municipality it was sent to.
 */
export function submissionsBelongingTo(municipalityCode: number, asOf: IsoDate, db: Reader = getDb()): SQL {
  const { movedIn, movedOut } = residenceExceptions(municipalityCode, asOf, db);
  const residents = and(eq(submissions.employeeMunicipalityCode, municipalityCode), movedOut.length ? notInArray(submissions.employeeId, movedOut) : undefined)!;
  return movedIn.length ? or(residents, inArray(submissions.employeeId, movedIn))! : residents;
}
