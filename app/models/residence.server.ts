/**
 * Which municipality a case belongs to on a day: the employee's home municipality
 * (handlekommune, Retssikkerhedsloven § 9), for the jobcenter's case list, inbox,
 * review page and notifications alike. The current municipality is copied onto
 * absences and submissions by triggers; the few employees whose residence on the
 * day differs from it (a move recorded ahead of its date) are found here.
 */
import { and, eq, gt, inArray, notInArray, or, type SQL } from "drizzle-orm";
import { getDb, one, type Tx } from "~db/client.server";
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
export async function residenceExceptions(municipalityCode: number, asOf: IsoDate, db: Reader = getDb()): Promise<{ movedIn: number[]; movedOut: number[] }> {
  const ids = [
    ...new Set(
      (await db
        .select({ id: employeeMoves.employeeId })
        .from(employeeMoves)
        .where(
          or(
            and(eq(employeeMoves.fromMunicipalityCode, municipalityCode), gt(employeeMoves.movedOn, asOf)),
            and(eq(employeeMoves.toMunicipalityCode, municipalityCode), gt(employeeMoves.movedOn, asOf)),
          ),
        ))
        .map((r) => r.id),
    ),
  ];
  if (ids.length === 0) return { movedIn: [], movedOut: [] };
  const movesByEmployee = new Map<number, Move[]>();
  for (const m of await db.select().from(employeeMoves).where(inArray(employeeMoves.employeeId, ids))) {
    const list = movesByEmployee.get(m.employeeId) ?? [];
    list.push(m);
    movesByEmployee.set(m.employeeId, list);
  }
  const movedIn: number[] = [];
  const movedOut: number[] = [];
  for (const e of await db.select({ id: employees.id, code: employees.municipalityCode }).from(employees).where(inArray(employees.id, ids))) {
    const livesThere = homeMunicipalityOn(e.code, movesByEmployee.get(e.id) ?? [], asOf) === municipalityCode;
    if (livesThere && e.code !== municipalityCode) movedIn.push(e.id);
    if (!livesThere && e.code === municipalityCode) movedOut.push(e.id);
  }
  return { movedIn, movedOut };
}

/** The employee's home municipality on asOf. */
export async function homeMunicipalityOfEmployee(employeeId: number, asOf: IsoDate, db: Reader = getDb()): Promise<number | null> {
  const employee = await one(db.select({ code: employees.municipalityCode }).from(employees).where(eq(employees.id, employeeId)).limit(1));
  if (!employee) return null;
  const moves = await db
    .select({ fromMunicipalityCode: employeeMoves.fromMunicipalityCode, toMunicipalityCode: employeeMoves.toMunicipalityCode, movedOn: employeeMoves.movedOn })
    .from(employeeMoves)
    .where(eq(employeeMoves.employeeId, employeeId));
  return homeMunicipalityOn(employee.code, moves, asOf);
}

/**
 * The submissions that belong to the municipality on asOf: every submission of
 * an employee who lives there that day, whichever municipality it was sent to.
 */
export async function submissionsBelongingTo(municipalityCode: number, asOf: IsoDate, db: Reader = getDb()): Promise<SQL> {
  const { movedIn, movedOut } = await residenceExceptions(municipalityCode, asOf, db);
  const residents = and(eq(submissions.employeeMunicipalityCode, municipalityCode), movedOut.length ? notInArray(submissions.employeeId, movedOut) : undefined)!;
  return movedIn.length ? or(residents, inArray(submissions.employeeId, movedIn))! : residents;
}
