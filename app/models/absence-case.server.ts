import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, preparedQuery, type Tx } from "~db/client.server";
import { absences, employees, type Absence, type Employee } from "~db/schema";
import { compareIso, diffDays, formatDanishDate, type IsoDate } from "~/domain/dates";
import { fastTrackDateRefusal } from "~/domain/fast-track";
import { computeDeadlines, type AbsenceFacts, type Actor, type Deadline, type DeadlineResult, type DeadlineStatus } from "~/domain/deadlines";
import { companyDataVersion, versionedCache } from "./data-versions.server";
import { deadlinesFor } from "./deadline-memo.server";
import type { AbsenceInput } from "~/forms/absence";
import { recordAudit } from "./audit.server";
import { syncCalendarEvents } from "./calendar.server";
import { NotFoundError, ValidationError } from "./errors.server";
import { getEmployee, updateEmployee } from "./employee.server";
import type { EmployeeInput } from "~/forms/employee";
import { agreementCovering } from "./paragraph56.server";
import { companyReminders } from "./reminders.server";
import type { EmployerUser } from "./user.server";

/** The case reference shown to users and in calendar events instead of the employee's name. */
export function caseReference(absenceId: number): string {
  return `FH-${String(absenceId).padStart(6, "0")}`;
}

type FactColumns = Pick<
  Absence,
  | "firstAbsenceDay"
  | "pay"
  | "expectedOver8Weeks"
  | "conversationHeldOn"
  | "fastTrackRequestedOn"
  | "fastTrackDeclined"
  | "firstFollowUpHeldOn"
  | "returnedOn"
  | "paragraph56"
  | "expectedBackWithin26Weeks"
  | "absenceReportedOn"
  | "refundRequestedOn"
>;

/** The columns factsOf reads, for queries that select only what they need. */
export const factColumns = {
  firstAbsenceDay: absences.firstAbsenceDay,
  pay: absences.pay,
  expectedOver8Weeks: absences.expectedOver8Weeks,
  conversationHeldOn: absences.conversationHeldOn,
  fastTrackRequestedOn: absences.fastTrackRequestedOn,
  fastTrackDeclined: absences.fastTrackDeclined,
  firstFollowUpHeldOn: absences.firstFollowUpHeldOn,
  returnedOn: absences.returnedOn,
  paragraph56: absences.paragraph56,
  expectedBackWithin26Weeks: absences.expectedBackWithin26Weeks,
  absenceReportedOn: absences.absenceReportedOn,
  refundRequestedOn: absences.refundRequestedOn,
};

/** The employee columns factsOf reads. */
export const employeeFactColumns = {
  birthDate: employees.birthDate,
  employmentEndDate: employees.employmentEndDate,
};

export function factsOf(absence: FactColumns, employee: Pick<Employee, "birthDate" | "employmentEndDate">): AbsenceFacts {
  return {
    firstAbsenceDay: absence.firstAbsenceDay,
    pay: absence.pay,
    expectedOver8Weeks: absence.expectedOver8Weeks,
    conversationHeldOn: absence.conversationHeldOn,
    fastTrackRequestedOn: absence.fastTrackRequestedOn,
    fastTrackDeclined: absence.fastTrackDeclined,
    firstFollowUpHeldOn: absence.firstFollowUpHeldOn,
    returnedOn: absence.returnedOn,
    paragraph56: absence.paragraph56,
    expectedBackWithin26Weeks: absence.expectedBackWithin26Weeks,
    absenceReportedOn: absence.absenceReportedOn,
    refundRequestedOn: absence.refundRequestedOn,
    birthDate: employee.birthDate,
    employmentEndsOn: employee.employmentEndDate,
  };
}

export { deadlinesFor } from "./deadline-memo.server";

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
function afterEmployeeChange(tx: Tx, employee: Employee, asOf: IsoDate): void {
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

export interface DashboardItem {
  key: string;
  /** The page where the user acts on it. */
  path: string;
  title: string;
  dueDate: IsoDate;
  daysLeft: number;
  status: DeadlineStatus;
  actor: Actor;
  employeeName: string;
  reference: string;
}

/** Deadlines that need attention soon: overdue or due within this many days. */
export const DASHBOARD_HORIZON_DAYS = 14;

export const DASHBOARD_PAGE_SIZE = 25;

function reminderStatus(daysLeft: number): DeadlineStatus {
  return daysLeft < 0 ? "overdue" : daysLeft <= 7 ? "due-soon" : "upcoming";
}

/** Every pending deadline (overdue, due soon or upcoming) within horizonDays across the company's open absences. */
export function openAbsenceDeadlines(input: { companyId: number; asOf: IsoDate; horizonDays: number }) {
  // Only the columns the deadlines need: a company can have hundreds of open absences.
  const rows = getDb()
    .select({
      absence: { id: absences.id, ...factColumns },
      employee: { name: employees.name, ...employeeFactColumns },
    })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(and(eq(absences.companyId, input.companyId), isNull(absences.returnedOn)))
    .orderBy(asc(absences.firstAbsenceDay))
    .all();
  const items: DashboardItem[] = [];
  for (const { absence, employee } of rows) {
    for (const d of deadlinesFor(factsOf(absence, employee), input.asOf).deadlines) {
      const pending = d.status === "overdue" || d.status === "due-soon" || d.status === "upcoming";
      if (pending && d.daysLeft <= input.horizonDays) {
        items.push({
          key: `${absence.id}-${d.id}`,
          path: `/virksomhed/fravaer/${absence.id}#frist-${d.id}`,
          title: d.title,
          dueDate: d.dueDate,
          daysLeft: d.daysLeft,
          status: d.status,
          actor: d.actor,
          employeeName: employee.name,
          reference: caseReference(absence.id),
        });
      }
    }
  }
  return { openAbsences: rows.length, items };
}

interface DashboardList {
  openAbsences: number;
  overdueDeadlines: number;
  /** Every item, most urgent first; pages are slices of it. */
  items: DashboardItem[];
}

// A large company's list costs tens of milliseconds to compute (hundreds of open
// absences, their deadlines and reminders) and changes only when its data does
// or the day turns: kept per company and day, valid while companies.data_version
// is unchanged.
const dashboardCache = versionedCache<DashboardList>(500);

/**
 * The company's attention list: every deadline overdue or due within the
 * horizon across its open absences, plus social-chapter reminders in the
 * horizon, most urgent first, one page at a time.
 */
export function companyDashboard(input: { companyId: number; asOf: IsoDate; page?: number; pageSize?: number }) {
  const version = `${companyDataVersion(input.companyId)}|${input.asOf}`;
  const list = dashboardCache.get(String(input.companyId), version, () => dashboardList(input));
  const { items } = list;
  const pageSize = input.pageSize ?? DASHBOARD_PAGE_SIZE;
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  return {
    openAbsences: list.openAbsences,
    overdueDeadlines: list.overdueDeadlines,
    totalItems: items.length,
    page,
    pageCount,
    items: items.slice((page - 1) * pageSize, page * pageSize),
  };
}

function dashboardList(input: { companyId: number; asOf: IsoDate }): DashboardList {
  const { openAbsences, items } = openAbsenceDeadlines({ companyId: input.companyId, asOf: input.asOf, horizonDays: DASHBOARD_HORIZON_DAYS });
  for (const r of companyReminders({ companyId: input.companyId, asOf: input.asOf, fromDaysAgo: 0 })) {
    const daysLeft = diffDays(input.asOf, r.dueDate);
    if (daysLeft > DASHBOARD_HORIZON_DAYS && !r.shownFromStart) continue;
    items.push({
      key: r.key,
      path: r.path,
      title: r.title,
      dueDate: r.dueDate,
      daysLeft,
      status: reminderStatus(daysLeft),
      actor: "employer",
      employeeName: r.employeeName,
      reference: r.reference,
    });
  }
  items.sort((a, b) => a.daysLeft - b.daysLeft || a.reference.localeCompare(b.reference));
  return { openAbsences, overdueDeadlines: items.filter((i) => i.status === "overdue").length, items };
}
