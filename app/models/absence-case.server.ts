import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, one, only, preparedQuery, runTx, type Tx } from "~db/client.server";
import { absences, employees, type Absence, type Employee } from "~db/schema";
import { caseReference } from "~/domain/case-reference";
import { compareIso, formatDanishDate, type IsoDate } from "~/domain/dates";
import { fastTrackDateRefusal } from "~/domain/fast-track";
import { computeDeadlines, type Deadline, type DeadlineResult } from "~/domain/deadlines";
import type { AbsenceInput } from "~/forms/absence";
import type { EmployeeInput } from "~/forms/employee";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import { factsOf } from "./absence-facts.server";
import { recordAudit } from "./audit.server";
import { syncCalendarEvents } from "./calendar-sync.server";
import { deadlinesFor } from "./deadline-memo.server";
import { getEmployee, updateEmployee } from "./employee.server";
import { agreementCovering } from "./paragraph56-agreement.server";
import type { EmployerUser } from "./user.server";

export interface AbsenceCase {
  absence: Absence;
  reference: string;
  employee: Employee;
  result: DeadlineResult;
}

// The absence page reads its case on every request: built and prepared once (preparedQuery).
// A prepared statement of the connection also runs inside its transactions.
const scopedAbsenceQuery = preparedQuery("scoped_absence", (db) =>
  db
    .select({ absence: absences, employee: employees })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(and(eq(absences.id, sql.placeholder("absenceId")), eq(absences.companyId, sql.placeholder("companyId"))))
    .prepare(),
);

async function loadScoped(companyId: number, absenceId: number) {
  const row = await one(scopedAbsenceQuery().execute({ companyId, absenceId }));
  if (!row) throw new NotFoundError("Fraværssagen findes ikke.");
  return row;
}

export async function getAbsenceCase(input: { companyId: number; absenceId: number; asOf: IsoDate }): Promise<AbsenceCase> {
  const { absence, employee } = await loadScoped(input.companyId, input.absenceId);
  return { absence, employee, reference: caseReference(absence.id), result: deadlinesFor(factsOf(absence, employee), input.asOf) };
}

/** Recomputes the deadlines after a change and keeps the calendar feed in step, in the same transaction. */
async function afterChange(tx: Tx, absence: Absence, employee: Pick<Employee, "birthDate" | "employmentEndDate">, asOf: IsoDate): Promise<void> {
  const result = computeDeadlines(factsOf(absence, employee), asOf);
  await syncCalendarEvents(tx, { companyId: absence.companyId, absenceId: absence.id, deadlines: result.deadlines });
}

/** The employee's facts (birth date, employment end) feed every one of their absences: all follow a change. */
export async function afterEmployeeChange(tx: Tx, employee: Employee, asOf: IsoDate): Promise<void> {
  for (const absence of await tx.select().from(absences).where(eq(absences.employeeId, employee.id))) await afterChange(tx, absence, employee, asOf);
}

/**
 * Dates that cannot be true against the employee: an absence before the
 * employment began, an employment end before its start. The form checks the
 * rest; these need the stored employee.
 */
function checkAgainstEmployee(employee: Pick<Employee, "employmentStartDate">, data: Pick<AbsenceInput, "firstAbsenceDay" | "employmentEndsOn">): void {
  const start = employee.employmentStartDate;
  const errors: Record<string, string[]> = {};
  if (compareIso(data.firstAbsenceDay, start) < 0) {
    errors.firstAbsenceDay = [`Fraværet kan ikke begynde før ansættelsen, der startede ${formatDanishDate(start)}.`];
  }
  if (data.employmentEndsOn && compareIso(data.employmentEndsOn, start) < 0) {
    errors.employmentEndsOn = [`Fratrædelsesdatoen kan ikke ligge før ansættelsens start ${formatDanishDate(start)}.`];
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
}

/** The fast-track window is the domain's (SDL § 7 c); the model refuses a late request whatever form sent it. */
function checkFastTrackDate(firstAbsenceDay: IsoDate, requestedOn: IsoDate | undefined | null): void {
  if (!requestedOn) return;
  const refusal = fastTrackDateRefusal(firstAbsenceDay, requestedOn);
  if (refusal) throw new ValidationError({ fastTrackRequestedOn: [refusal] });
}

/** Writes the employment end date from the absence form onto the employee, when it changed. */
async function writeEmploymentEnd(tx: Tx, employee: Employee, employmentEndsOn: IsoDate | undefined): Promise<Employee> {
  const value = employmentEndsOn ?? null;
  if (value === employee.employmentEndDate) return employee;
  return await only(tx.update(employees).set({ employmentEndDate: value, updatedAt: new Date().toISOString() }).where(eq(employees.id, employee.id)).returning());
}

/**
 * The employee edit form: the record, checked against the employee's absences
 * (none may begin before the employment), and every absence's deadlines and
 * calendar events follow in the same transaction (the end date decides § 7 a).
 */
export async function updateEmployeeWithDeadlines(input: { user: EmployerUser; employeeId: number; data: Omit<EmployeeInput, "municipalityCode">; asOf: IsoDate }): Promise<Employee> {
  return await updateEmployee({
    user: input.user,
    employeeId: input.employeeId,
    data: input.data,
    check: async (tx, before) => {
      const first = await one(tx
        .select({ firstAbsenceDay: absences.firstAbsenceDay })
        .from(absences)
        .where(eq(absences.employeeId, before.id))
        .orderBy(asc(absences.firstAbsenceDay)).limit(1));
      if (first && compareIso(first.firstAbsenceDay, input.data.employmentStartDate) < 0) {
        throw new ValidationError({
          employmentStartDate: [`Medarbejderen har fravær fra ${formatDanishDate(first.firstAbsenceDay)}, så ansættelsen kan ikke starte senere.`],
        });
      }
    },
    afterUpdate: async (tx, employee) => await afterEmployeeChange(tx, employee, input.asOf),
  });
}

/** One employee has at most one open absence at a time. */
async function assertNoOverlap(tx: Tx, employeeId: number, exceptId?: number): Promise<void> {
  const open = (await tx
    .select()
    .from(absences)
    .where(and(eq(absences.employeeId, employeeId), isNull(absences.returnedOn))))
    .filter((a) => a.id !== exceptId);
  if (open.length > 0) {
    throw new ValidationError({
      firstAbsenceDay: [`Medarbejderen har allerede et åbent fravær fra ${formatDanishDate(open[0]!.firstAbsenceDay)}. Afslut det først.`],
    });
  }
}

export async function createAbsence(input: { user: EmployerUser; employeeId: number; data: AbsenceInput; asOf: IsoDate }): Promise<Absence> {
  const employee = await getEmployee({ companyId: input.user.company.id, employeeId: input.employeeId });
  checkAgainstEmployee(employee, input.data);
  checkFastTrackDate(input.data.firstAbsenceDay, input.data.fastTrackRequestedOn);
  return await runTx(async (tx) => {
    if (!input.data.returnedOn) await assertNoOverlap(tx, employee.id);
    const paragraph56AgreementId = input.data.paragraph56 ? await agreementCovering(tx, { employeeId: employee.id, firstAbsenceDay: input.data.firstAbsenceDay }) : null;
    const absence = await only(tx
      .insert(absences)
      .values({
        paragraph56AgreementId,
        companyId: input.user.company.id,
        employeeId: employee.id,
        firstAbsenceDay: input.data.firstAbsenceDay,
        extent: input.data.extent,
        pay: input.data.pay,
        expectedOver8Weeks: input.data.expectedOver8Weeks,
        paragraph56: input.data.paragraph56,
        conversationHeldOn: input.data.conversationHeldOn ?? null,
        conversationNotes: input.data.conversationNotes ?? null,
        fastTrackRequestedOn: input.data.fastTrackRequestedOn ?? null,
        returnedOn: input.data.returnedOn ?? null,
        expectedBackWithin26Weeks: input.data.expectedBackWithin26Weeks,
      })
      .returning());
    await recordAudit(tx, { userId: input.user.id, action: "absence.create", entityType: "absence", entityId: absence.id });
    const updatedEmployee = await writeEmploymentEnd(tx, employee, input.data.employmentEndsOn);
    if (updatedEmployee === employee) await afterChange(tx, absence, employee, input.asOf);
    else await afterEmployeeChange(tx, updatedEmployee, input.asOf);
    return absence;
  });
}

export async function updateAbsence(input: { user: EmployerUser; absenceId: number; data: AbsenceInput; asOf: IsoDate }): Promise<Absence> {
  return await runTx(async (tx) => {
    const { absence: before, employee } = await loadScoped(input.user.company.id, input.absenceId);
    checkAgainstEmployee(employee, input.data);
    checkFastTrackDate(input.data.firstAbsenceDay, input.data.fastTrackRequestedOn);
    if (!input.data.returnedOn) await assertNoOverlap(tx, employee.id, before.id);
    const paragraph56AgreementId = input.data.paragraph56 ? await agreementCovering(tx, { employeeId: employee.id, firstAbsenceDay: input.data.firstAbsenceDay }) : null;
    const absence = await only(tx
      .update(absences)
      .set({
        paragraph56AgreementId,
        firstAbsenceDay: input.data.firstAbsenceDay,
        extent: input.data.extent,
        pay: input.data.pay,
        expectedOver8Weeks: input.data.expectedOver8Weeks,
        paragraph56: input.data.paragraph56,
        conversationHeldOn: input.data.conversationHeldOn ?? null,
        conversationNotes: input.data.conversationNotes ?? null,
        fastTrackRequestedOn: input.data.fastTrackRequestedOn ?? null,
        returnedOn: input.data.returnedOn ?? null,
        expectedBackWithin26Weeks: input.data.expectedBackWithin26Weeks,
        updatedAt: new Date().toISOString(),
      })
      .where(eq(absences.id, before.id))
      .returning());
    await recordAudit(tx, { userId: input.user.id, action: "absence.update", entityType: "absence", entityId: absence.id });
    const updatedEmployee = await writeEmploymentEnd(tx, employee, input.data.employmentEndsOn);
    if (updatedEmployee === employee) await afterChange(tx, absence, employee, input.asOf);
    else await afterEmployeeChange(tx, updatedEmployee, input.asOf);
    return absence;
  });
}

export type AbsenceFact =
  | { kind: "conversation"; conversationHeldOn: IsoDate; conversationNotes?: string }
  | { kind: "return"; returnedOn: IsoDate }
  | { kind: "fast-track"; fastTrackRequestedOn: IsoDate }
  /** Done in NemRefusion, outside the portal: the § 40 report or the § 59 refund request. */
  | { kind: "absence-report" | "refund-request"; doneOn: IsoDate; reference?: string };

/** Records one fact on the absence page; the deadlines follow at once. */
export async function recordAbsenceFact(input: { user: EmployerUser; absenceId: number; fact: AbsenceFact; asOf: IsoDate }): Promise<Absence> {
  return await runTx(async (tx) => {
    const { absence: before, employee } = await loadScoped(input.user.company.id, input.absenceId);
    const f = input.fact;
    let changes: Partial<Absence>;
    if (f.kind === "conversation") {
      if (compareIso(f.conversationHeldOn, before.firstAbsenceDay) < 0) {
        throw new ValidationError({ conversationHeldOn: ["Samtalen kan ikke være holdt før første fraværsdag."] });
      }
      changes = { conversationHeldOn: f.conversationHeldOn, conversationNotes: f.conversationNotes ?? null };
    } else if (f.kind === "return") {
      if (compareIso(f.returnedOn, before.firstAbsenceDay) <= 0) {
        throw new ValidationError({ returnedOn: ["Raskmeldingsdatoen skal ligge efter første fraværsdag."] });
      }
      changes = { returnedOn: f.returnedOn };
    } else if (f.kind === "fast-track") {
      checkFastTrackDate(before.firstAbsenceDay, f.fastTrackRequestedOn);
      changes = { fastTrackRequestedOn: f.fastTrackRequestedOn };
    } else {
      if (compareIso(f.doneOn, before.firstAbsenceDay) < 0) {
        throw new ValidationError({ doneOn: ["Datoen kan ikke ligge før første fraværsdag."] });
      }
      // Only a deadline the case has can be closed (no refund request when the employer is not reimbursed).
      const current = computeDeadlines(factsOf(before, employee), input.asOf).deadlines;
      if (!current.some((d) => d.id === f.kind)) {
        throw new ValidationError({ form: ["Sagen har ingen anmodning om refusion, fordi arbejdsgiveren ikke får refusion."] });
      }
      changes =
        f.kind === "absence-report"
          ? { absenceReportedOn: f.doneOn, absenceReportReference: f.reference ?? null }
          : { refundRequestedOn: f.doneOn, refundRequestReference: f.reference ?? null };
    }
    const absence = await only(tx
      .update(absences)
      .set({ ...changes, updatedAt: new Date().toISOString() })
      .where(eq(absences.id, before.id))
      .returning());
    // The audit keeps the fact, never free text: notes that turn out to hold health information are
    // corrected on the absence, and must not live on in the log.
    const { conversationNotes, ...facts } = changes;
    const details = conversationNotes === undefined ? facts : { ...facts, conversationNotes: conversationNotes === null ? "none" : "written" };
    await recordAudit(tx, { userId: input.user.id, action: `absence.${f.kind}`, entityType: "absence", entityId: absence.id, details });
    await afterChange(tx, absence, employee, input.asOf);
    return absence;
  });
}

export interface AbsenceSummary {
  absence: Absence;
  reference: string;
  open: boolean;
  next: Deadline | null;
  overdue: number;
}

function summarize(absence: Absence, employee: Employee, asOf: IsoDate): AbsenceSummary {
  const { deadlines } = deadlinesFor(factsOf(absence, employee), asOf);
  const pending = deadlines.filter((d) => d.status !== "done" && d.status !== "not-applicable");
  pending.sort((a, b) => compareIso(a.dueDate, b.dueDate));
  return {
    absence,
    reference: caseReference(absence.id),
    open: absence.returnedOn === null,
    next: pending[0] ?? null,
    overdue: pending.filter((d) => d.status === "overdue").length,
  };
}

export async function listEmployeeAbsences(input: { companyId: number; employeeId: number; asOf: IsoDate }): Promise<AbsenceSummary[]> {
  const employee = await getEmployee({ companyId: input.companyId, employeeId: input.employeeId });
  return (await getDb()
    .select()
    .from(absences)
    .where(and(eq(absences.employeeId, employee.id), eq(absences.companyId, input.companyId)))
    .orderBy(desc(absences.firstAbsenceDay)))
    .map((a) => summarize(a, employee, input.asOf));
}
