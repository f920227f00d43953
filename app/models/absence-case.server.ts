import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, preparedQuery, type Tx } from "~db/client.server";
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
const scopedAbsenceQuery = preparedQuery((db) =>
  db
    .select({ absence: absences, employee: employees })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(and(eq(absences.id, sql.placeholder("absenceId")), eq(absences.companyId, sql.placeholder("companyId"))))
    .prepare(),
);

function loadScoped(companyId: number, absenceId: number) {
  const row = scopedAbsenceQuery().get({ companyId, absenceId });
  if (!row) throw new NotFoundError("Fraværssagen findes ikke.");
  return row;
}

export function getAbsenceCase(input: { companyId: number; absenceId: number; asOf: IsoDate }): AbsenceCase {
  const { absence, employee } = loadScoped(input.companyId, input.absenceId);
  return { absence, employee, reference: caseReference(absence.id), result: deadlinesFor(factsOf(absence, employee), input.asOf) };
}

/** Recomputes the deadlines after a change and keeps the calendar feed in step, in the same transaction. */
function afterChange(tx: Tx, absence: Absence, employee: Pick<Employee, "birthDate" | "employmentEndDate">, asOf: IsoDate): void {
  const result = computeDeadlines(factsOf(absence, employee), asOf);
  syncCalendarEvents(tx, { companyId: absence.companyId, absenceId: absence.id, deadlines: result.deadlines });
}

/** The employee's facts (birth date, employment end) feed every one of their absences: all follow a change. */
export function afterEmployeeChange(tx: Tx, employee: Employee, asOf: IsoDate): void {
  for (const absence of tx.select().from(absences).where(eq(absences.employeeId, employee.id)).all()) afterChange(tx, absence, employee, asOf);
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
function writeEmploymentEnd(tx: Tx, employee: Employee, employmentEndsOn: IsoDate | undefined): Employee {
  const value = employmentEndsOn ?? null;
  if (value === employee.employmentEndDate) return employee;
  return tx.update(employees).set({ employmentEndDate: value, updatedAt: new Date().toISOString() }).where(eq(employees.id, employee.id)).returning().get()!;
}

/**
 * The employee edit form: the record, checked against the employee's absences
 * (none may begin before the employment), and every absence's deadlines and
 * calendar events follow in the same transaction (the end date decides § 7 a).
 */
export function updateEmployeeWithDeadlines(input: { user: EmployerUser; employeeId: number; data: Omit<EmployeeInput, "municipalityCode">; asOf: IsoDate }): Employee {
  return updateEmployee({
    user: input.user,
    employeeId: input.employeeId,
    data: input.data,
    check: (tx, before) => {
      const first = tx
        .select({ firstAbsenceDay: absences.firstAbsenceDay })
        .from(absences)
        .where(eq(absences.employeeId, before.id))
        .orderBy(asc(absences.firstAbsenceDay))
        .get();
      if (first && compareIso(first.firstAbsenceDay, input.data.employmentStartDate) < 0) {
        throw new ValidationError({
          employmentStartDate: [`Medarbejderen har fravær fra ${formatDanishDate(first.firstAbsenceDay)}, så ansættelsen kan ikke starte senere.`],
        });
      }
    },
    afterUpdate: (tx, employee) => afterEmployeeChange(tx, employee, input.asOf),
  });
}

/** One employee has at most one open absence at a time. */
function assertNoOverlap(tx: Tx, employeeId: number, exceptId?: number): void {
  const open = tx
    .select()
    .from(absences)
    .where(and(eq(absences.employeeId, employeeId), isNull(absences.returnedOn)))
    .all()
    .filter((a) => a.id !== exceptId);
  if (open.length > 0) {
    throw new ValidationError({
      firstAbsenceDay: [`Medarbejderen har allerede et åbent fravær fra ${formatDanishDate(open[0]!.firstAbsenceDay)}. Afslut det først.`],
    });
  }
}

export function createAbsence(input: { user: EmployerUser; employeeId: number; data: AbsenceInput; asOf: IsoDate }): Absence {
  const employee = getEmployee({ companyId: input.user.company.id, employeeId: input.employeeId });
  checkAgainstEmployee(employee, input.data);
  checkFastTrackDate(input.data.firstAbsenceDay, input.data.fastTrackRequestedOn);
  return getDb().transaction((tx) => {
    if (!input.data.returnedOn) assertNoOverlap(tx, employee.id);
    const paragraph56AgreementId = input.data.paragraph56 ? agreementCovering(tx, { employeeId: employee.id, firstAbsenceDay: input.data.firstAbsenceDay }) : null;
    const absence = tx
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
      .returning()
      .get();
    recordAudit(tx, { userId: input.user.id, action: "absence.create", entityType: "absence", entityId: absence.id });
    const updatedEmployee = writeEmploymentEnd(tx, employee, input.data.employmentEndsOn);
    if (updatedEmployee === employee) afterChange(tx, absence, employee, input.asOf);
    else afterEmployeeChange(tx, updatedEmployee, input.asOf);
    return absence;
  });
}

export function updateAbsence(input: { user: EmployerUser; absenceId: number; data: AbsenceInput; asOf: IsoDate }): Absence {
  return getDb().transaction((tx) => {
    const { absence: before, employee } = loadScoped(input.user.company.id, input.absenceId);
    checkAgainstEmployee(employee, input.data);
    checkFastTrackDate(input.data.firstAbsenceDay, input.data.fastTrackRequestedOn);
    if (!input.data.returnedOn) assertNoOverlap(tx, employee.id, before.id);
    const paragraph56AgreementId = input.data.paragraph56 ? agreementCovering(tx, { employeeId: employee.id, firstAbsenceDay: input.data.firstAbsenceDay }) : null;
    const absence = tx
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
      .returning()
      .get()!;
    recordAudit(tx, { userId: input.user.id, action: "absence.update", entityType: "absence", entityId: absence.id });
    const updatedEmployee = writeEmploymentEnd(tx, employee, input.data.employmentEndsOn);
    if (updatedEmployee === employee) afterChange(tx, absence, employee, input.asOf);
    else afterEmployeeChange(tx, updatedEmployee, input.asOf);
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
export function recordAbsenceFact(input: { user: EmployerUser; absenceId: number; fact: AbsenceFact; asOf: IsoDate }): Absence {
  return getDb().transaction((tx) => {
    const { absence: before, employee } = loadScoped(input.user.company.id, input.absenceId);
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
    const absence = tx
      .update(absences)
      .set({ ...changes, updatedAt: new Date().toISOString() })
      .where(eq(absences.id, before.id))
      .returning()
      .get()!;
    // The audit keeps the fact, never free text: notes that turn out to hold health information are
    // corrected on the absence, and must not live on in the log.
    const { conversationNotes, ...facts } = changes;
    const details = conversationNotes === undefined ? facts : { ...facts, conversationNotes: conversationNotes === null ? "none" : "written" };
    recordAudit(tx, { userId: input.user.id, action: `absence.${f.kind}`, entityType: "absence", entityId: absence.id, details });
    afterChange(tx, absence, employee, input.asOf);
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

export function listEmployeeAbsences(input: { companyId: number; employeeId: number; asOf: IsoDate }): AbsenceSummary[] {
  const employee = getEmployee({ companyId: input.companyId, employeeId: input.employeeId });
  return getDb()
    .select()
    .from(absences)
    .where(and(eq(absences.employeeId, employee.id), eq(absences.companyId, input.companyId)))
    .orderBy(desc(absences.firstAbsenceDay))
    .all()
    .map((a) => summarize(a, employee, input.asOf));
}
