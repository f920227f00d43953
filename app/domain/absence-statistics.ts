/**
 * Counting rules for a company's sickness-absence statistics. Figures about the
 * company and its departments only: nothing here scores a person.
 *
 * - A working day is Monday to Friday, unless it is a Danish public holiday (holidays.ts).
 * - An absence covers its first absence day up to the day before the return; an open
 *   absence is counted up to and including asOf.
 * - A partial absence counts as half a day on each working day it covers: the portal
 *   records that the employee works part of the day, not how many hours.
 * - A day is weighted with the employee's contractual hours (weekly hours / 5): the
 *   absence rate is absent hours over contractual hours, so a part-time employee's day
 *   weighs what it is worth and a 37-hour week weighs the same whatever the headcount.
 * - Only days of employment count, on both sides of the rate. Overlapping absences of
 *   one employee count each day once.
 * - An absence spanning months is split over them; the current month runs to asOf.
 *
 * Dates are valid ISO strings from the database, which order as strings: the loops over
 * hundreds of thousands of absences compare them as strings instead of parsing them.
 */
import { addDays, addMonths, diffDays, lastDayOfMonth, minDate, type IsoDate } from "./dates";
import { pendingStatus, type Deadline, type DeadlineId, type EmployerDeadlineDraft } from "./deadlines";
import { isDanishPublicHoliday } from "./holidays";
import { BoundedMemo } from "../../lib/bounded-memo";

export const PARTIAL_ABSENCE_WEIGHT = 0.5;
const WORKING_DAYS_PER_WEEK = 5;

export const STATISTICS_PERIODS = [12, 24] as const;
export type StatisticsPeriod = (typeof STATISTICS_PERIODS)[number];

export interface StatEmployee {
  id: number;
  weeklyHours: number;
  employmentStartDate: IsoDate;
  employmentEndDate: IsoDate | null;
}

export interface StatAbsence {
  employeeId: number;
  firstAbsenceDay: IsoDate;
  returnedOn: IsoDate | null;
  extent: "full" | "partial";
}

export interface StatMonth {
  /** YYYY-MM */
  month: string;
  from: IsoDate;
  /** The last day counted: the month's last day, or asOf in the current month. */
  to: IsoDate;
}

export interface MonthFigures extends StatMonth {
  /** Working days of absence, a partial day counted as PARTIAL_ABSENCE_WEIGHT. */
  absenceDays: number;
  /** Working days the employees were contracted to work (headcount × working days of employment). */
  contractDays: number;
  absenceHours: number;
  contractHours: number;
  /** absenceHours / contractHours × 100; null when nobody was employed. */
  absenceRate: number | null;
}

/**
 * Days since 1970-01-01 for a valid ISO date, without dates.ts's validation: the statistics
 * turn hundreds of thousands of stored (already valid) dates into numbers per request. Read
 * digit by digit and counted in whole days (the proleptic Gregorian calendar in 400-year eras),
 * without a Date or a substring per call.
 */
export function dayNumber(date: IsoDate): number {
  const digit = (i: number) => date.charCodeAt(i) - 48;
  const month = digit(5) * 10 + digit(6);
  // Years from March, so the leap day is the last day of its year.
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + digit(8) * 10 + digit(9) - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function isWorkingDay(date: IsoDate): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isDanishPublicHoliday(date);
}

/** The last `count` calendar months up to and including asOf's month, oldest first. */
export function statisticsMonths(asOf: IsoDate, count: number): StatMonth[] {
  const firstOfThisMonth = `${asOf.slice(0, 7)}-01`;
  const months: StatMonth[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const from = addMonths(firstOfThisMonth, -i);
    months.push({ month: from.slice(0, 7), from, to: minDate(lastDayOfMonth(from), asOf) });
  }
  return months;
}

/**
 * Working days between two dates in O(1) after one pass over the range: statistics over
 * tens of thousands of employees ask this millions of times, so callers turn each date
 * into a day index once (index) and count on indices (betweenIndices).
 */
export class WorkingDayCounter {
  private readonly prefix: Int32Array;
  private readonly start: number;
  constructor(
    readonly from: IsoDate,
    readonly to: IsoDate,
  ) {
    const days = Math.max(0, diffDays(from, to) + 1);
    this.start = dayNumber(from);
    this.prefix = new Int32Array(days + 1);
    let day = from;
    for (let i = 0; i < days; i++) {
      this.prefix[i + 1] = this.prefix[i]! + (isWorkingDay(day) ? 1 : 0);
      day = addDays(day, 1);
    }
  }

  /** Days from the start of the range (negative before it). */
  index(date: IsoDate): number {
    return dayNumber(date) - this.start;
  }

  /** Working days with index in [lo, hi], clipped to the range; 0 when empty. */
  betweenIndices(lo: number, hi: number): number {
    const a = Math.max(0, lo);
    const b = Math.min(this.prefix.length - 2, hi);
    return b < a ? 0 : this.prefix[b + 1]! - this.prefix[a]!;
  }

  /** Working days in [a, b] (inclusive), clipped to the range. */
  between(a: IsoDate, b: IsoDate): number {
    return this.betweenIndices(this.index(a), this.index(b));
  }
}

// A counter per range: a large company's statistics are counted in dozens of groups over the same months.
const counters = new BoundedMemo<string, WorkingDayCounter>(16);

/** The (shared, read-only) counter for the range. */
export function workingDayCounter(from: IsoDate, to: IsoDate): WorkingDayCounter {
  return counters.getOrCompute(`${from}|${to}`, () => new WorkingDayCounter(from, to));
}

/** The last absence day counted: the day before the return, or asOf while the absence is open. */
export function lastCountedDay(absence: Pick<StatAbsence, "returnedOn">, asOf: IsoDate): IsoDate {
  return absence.returnedOn ? minDate(addDays(absence.returnedOn, -1), asOf) : asOf;
}

/** Absence days and rate per month, by the rules above. */
export function monthlyFigures(employees: readonly StatEmployee[], absences: readonly StatAbsence[], months: readonly StatMonth[]): MonthFigures[] {
  if (months.length === 0) return [];
  const asOf = months.at(-1)!.to;
  const counter = workingDayCounter(months[0]!.from, asOf);
  const end = counter.index(asOf);
  const bounds = months.map((m) => [counter.index(m.from), counter.index(m.to)] as const);
  const absenceDays = new Float64Array(months.length);
  const absenceHours = new Float64Array(months.length);
  const contractDays = new Float64Array(months.length);
  const contractHours = new Float64Array(months.length);
  const employment = new Map<number, { lo: number; hi: number; hoursPerDay: number }>();
  for (const e of employees) {
    const lo = Math.max(0, counter.index(e.employmentStartDate));
    const hi = e.employmentEndDate ? Math.min(end, counter.index(e.employmentEndDate)) : end;
    const hoursPerDay = e.weeklyHours / WORKING_DAYS_PER_WEEK;
    employment.set(e.id, { lo, hi, hoursPerDay });
    if (hi < lo) continue;
    for (let m = 0; m < bounds.length; m++) {
      const [mLo, mHi] = bounds[m]!;
      if (mHi < lo || mLo > hi) continue;
      const days = counter.betweenIndices(Math.max(mLo, lo), Math.min(mHi, hi));
      contractDays[m]! += days;
      contractHours[m]! += days * hoursPerDay;
    }
  }

  // One employee's absences in date order, so an overlap is counted once (by the earlier absence).
  const sorted = absences
    .filter((a) => employment.has(a.employeeId))
    .sort((a, b) => a.employeeId - b.employeeId || (a.firstAbsenceDay < b.firstAbsenceDay ? -1 : a.firstAbsenceDay > b.firstAbsenceDay ? 1 : 0));
  let currentEmployee = -1;
  let countedUpTo = -Infinity;
  for (const a of sorted) {
    const e = employment.get(a.employeeId)!;
    if (a.employeeId !== currentEmployee) {
      currentEmployee = a.employeeId;
      countedUpTo = -Infinity;
    }
    const lo = Math.max(counter.index(a.firstAbsenceDay), e.lo, countedUpTo + 1);
    const hi = Math.min(a.returnedOn ? counter.index(a.returnedOn) - 1 : end, end, e.hi);
    if (hi < lo) continue;
    countedUpTo = hi;
    const weight = a.extent === "partial" ? PARTIAL_ABSENCE_WEIGHT : 1;
    for (let m = 0; m < bounds.length; m++) {
      const [mLo, mHi] = bounds[m]!;
      if (mHi < lo || mLo > hi) continue;
      const days = counter.betweenIndices(Math.max(mLo, lo), Math.min(mHi, hi)) * weight;
      absenceDays[m]! += days;
      absenceHours[m]! += days * e.hoursPerDay;
    }
  }
  return months.map((m, i) => ({
    ...m,
    absenceDays: absenceDays[i]!,
    contractDays: contractDays[i]!,
    absenceHours: absenceHours[i]!,
    contractHours: contractHours[i]!,
    absenceRate: contractHours[i]! > 0 ? (absenceHours[i]! / contractHours[i]!) * 100 : null,
  }));
}

/**
 * The figures of several groups of employees together (each group's from monthlyFigures over the
 * same months): the days and hours add up, the rate is worked out again from the sums.
 */
export function sumMonthlyFigures(parts: Iterable<readonly MonthFigures[]>, months: readonly StatMonth[]): MonthFigures[] {
  const absenceDays = new Float64Array(months.length);
  const absenceHours = new Float64Array(months.length);
  const contractDays = new Float64Array(months.length);
  const contractHours = new Float64Array(months.length);
  for (const part of parts) {
    for (let i = 0; i < months.length; i++) {
      const m = part[i]!;
      absenceDays[i]! += m.absenceDays;
      absenceHours[i]! += m.absenceHours;
      contractDays[i]! += m.contractDays;
      contractHours[i]! += m.contractHours;
    }
  }
  return months.map((m, i) => ({
    ...m,
    absenceDays: absenceDays[i]!,
    contractDays: contractDays[i]!,
    absenceHours: absenceHours[i]!,
    contractHours: contractHours[i]!,
    absenceRate: contractHours[i]! > 0 ? (absenceHours[i]! / contractHours[i]!) * 100 : null,
  }));
}

export const LENGTH_BUCKETS = [
  { id: "1-3", label: "1–3 dage", min: 1, max: 3 },
  { id: "4-14", label: "4–14 dage", min: 4, max: 14 },
  { id: "15-30", label: "15–30 dage", min: 15, max: 30 },
  { id: "over-30", label: "Over 30 dage", min: 31, max: Infinity },
] as const;
export type LengthBucketId = (typeof LENGTH_BUCKETS)[number]["id"];

/** Calendar days from the first absence day to the last counted day (an open absence: to asOf). */
export function absenceLengthDays(absence: Pick<StatAbsence, "firstAbsenceDay" | "returnedOn">, asOf: IsoDate): number {
  const last = absence.returnedOn && absence.returnedOn <= asOf ? dayNumber(absence.returnedOn) - 1 : dayNumber(asOf);
  return last - dayNumber(absence.firstAbsenceDay) + 1;
}

/** Absences that began in [from, asOf], by length in calendar days. */
export function lengthCounts(absences: readonly Pick<StatAbsence, "firstAbsenceDay" | "returnedOn">[], from: IsoDate, asOf: IsoDate): Record<LengthBucketId, number> {
  const counts: Record<LengthBucketId, number> = { "1-3": 0, "4-14": 0, "15-30": 0, "over-30": 0 };
  for (const a of absences) {
    if (a.firstAbsenceDay < from || a.firstAbsenceDay > asOf) continue;
    const days = absenceLengthDays(a, asOf);
    if (days < 1) continue;
    counts[LENGTH_BUCKETS.find((b) => days >= b.min && days <= b.max)!.id]++;
  }
  return counts;
}

/** Open absences on asOf that have lasted longer than the longest short bucket (over 30 days). */
export function openLongAbsenceCount(absences: readonly Pick<StatAbsence, "firstAbsenceDay" | "returnedOn">[], asOf: IsoDate): number {
  const longFrom = LENGTH_BUCKETS.at(-1)!.min;
  return absences.filter((a) => (a.returnedOn === null || a.returnedOn > asOf) && a.firstAbsenceDay <= asOf && absenceLengthDays({ ...a, returnedOn: null }, asOf) >= longFrom).length;
}

export interface PunctualityRow {
  id: DeadlineId;
  title: string;
  onTime: number;
  late: number;
  /** Past the due date with no recorded act. */
  overdue: number;
}

/**
 * The employer's deadlines that fell due in [from, asOf]: done on time, done late (from
 * the recorded done date) or overdue. Deadlines still ahead and those that do not apply
 * are not counted.
 */
export function deadlinePunctuality(
  deadlines: Iterable<Pick<Deadline, "id" | "title" | "actor" | "dueDate" | "status" | "doneDaysLate">>,
  from: IsoDate,
  asOf: IsoDate,
): PunctualityRow[] {
  const rows = new Map<DeadlineId, PunctualityRow>();
  for (const d of deadlines) {
    if (d.actor !== "employer" || d.status === "not-applicable") continue;
    if (d.dueDate < from || d.dueDate > asOf) continue;
    const kind = d.status === "done" ? ((d.doneDaysLate ?? 0) > 0 ? "late" : "onTime") : d.status === "overdue" ? "overdue" : null;
    if (!kind) continue;
    let row = rows.get(d.id);
    if (!row) rows.set(d.id, (row = { id: d.id, title: d.title, onTime: 0, late: 0, overdue: 0 }));
    row[kind]++;
  }
  return [...rows.values()].sort((a, b) => a.title.localeCompare(b.title, "da"));
}

/**
 * What one absence's deadlines can add to the punctuality table, on any day. The rules give a
 * deadline's due date, its done date and whether it applies from the absence's facts alone;
 * the day only turns a pending deadline overdue once its due date has passed. So the outcomes
 * are worked out once per set of facts and read again on later days and after other writes.
 */
export interface PunctualityOutcome {
  id: DeadlineId;
  title: string;
  dueDate: IsoDate;
  /** Days late when done (0: on time); null while not done. */
  doneDaysLate: number | null;
}

/** The employer's deadlines that apply (employerDeadlineDrafts), as computeDeadlines would finish them on any day. */
export function punctualityOutcomes(drafts: readonly Pick<EmployerDeadlineDraft, "id" | "title" | "dueDate" | "doneOn" | "notApplicable">[]): PunctualityOutcome[] {
  const outcomes: PunctualityOutcome[] = [];
  for (const d of drafts) {
    // Done wins over not applying, as in computeDeadlines' status.
    if (d.doneOn !== null) outcomes.push({ id: d.id, title: d.title, dueDate: d.dueDate, doneDaysLate: Math.max(0, dayNumber(d.doneOn) - dayNumber(d.dueDate)) });
    else if (!d.notApplicable) outcomes.push({ id: d.id, title: d.title, dueDate: d.dueDate, doneDaysLate: null });
  }
  return outcomes;
}

/**
 * The deadlines of one absence on asOf, as deadlinePunctuality counts them: a closed absence
 * adds no overdue deadline (nobody can still act on it), an open one does.
 */
export function deadlinesOn(outcomes: readonly PunctualityOutcome[], asOf: IsoDate, open: boolean): Array<Pick<Deadline, "id" | "title" | "actor" | "dueDate" | "status" | "doneDaysLate">> {
  const deadlines: Array<Pick<Deadline, "id" | "title" | "actor" | "dueDate" | "status" | "doneDaysLate">> = [];
  for (const o of outcomes) {
    const status = o.doneDaysLate !== null ? "done" : pendingStatus(dayNumber(o.dueDate) - dayNumber(asOf));
    if (status === "overdue" && !open) continue;
    deadlines.push({ id: o.id, title: o.title, actor: "employer", dueDate: o.dueDate, status, doneDaysLate: o.doneDaysLate });
  }
  return deadlines;
}

/** The punctuality tables of several groups of absences together, ordered as deadlinePunctuality orders them. */
export function mergePunctuality(parts: Iterable<readonly PunctualityRow[]>): PunctualityRow[] {
  const rows = new Map<DeadlineId, PunctualityRow>();
  for (const part of parts) {
    for (const p of part) {
      const row = rows.get(p.id);
      if (!row) rows.set(p.id, { ...p });
      else {
        row.onTime += p.onTime;
        row.late += p.late;
        row.overdue += p.overdue;
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.title.localeCompare(b.title, "da"));
}

export interface AbsencePromptPolicy {
  /** At least this many absence periods … */
  minPeriods: number;
  /** … within this many months up to asOf. */
  months: number;
}

/** The first day of the policy's window: M months back from asOf, the day after. */
export function promptWindowStart(policy: Pick<AbsencePromptPolicy, "months">, asOf: IsoDate): IsoDate {
  return addDays(addMonths(asOf, -policy.months), 1);
}

/**
 * Employees with at least N absence periods that began or ran within the last M months:
 * the company's own prompt for a supportive conversation (omsorgssamtale). It counts
 * periods only, never weighs them into a score.
 */
export function frequentAbsenceCounts(absences: readonly StatAbsence[], policy: AbsencePromptPolicy, asOf: IsoDate): Map<number, number> {
  const from = promptWindowStart(policy, asOf);
  const counts = new Map<number, number>();
  for (const a of absences) {
    if (a.firstAbsenceDay > asOf) continue;
    // Still running on the window's first day: returned after it, or not yet.
    if (a.returnedOn !== null && a.returnedOn <= from) continue;
    counts.set(a.employeeId, (counts.get(a.employeeId) ?? 0) + 1);
  }
  for (const [id, n] of counts) if (n < policy.minPeriods) counts.delete(id);
  return counts;
}
