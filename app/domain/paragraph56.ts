/**
 * § 56 agreements (SDL §§ 56, 58, 59): reimbursement from the first absence
 * day for absences caused by a chronic or long-term illness. Pure rules.
 */
import { addDays, addYears, compareIso, diffDays, maxDate, minDate, type IsoDate } from "./dates";

export type Paragraph56Kind = "almindelig" | "midlertidig";

export const PARAGRAPH56_BASIS = "Sygedagpengeloven §§ 56 og 59";
/** An ordinary agreement needs an illness expected to cause at least this many absence days a year. */
export const MIN_EXPECTED_DAYS = 10;
export const RENEWAL_REMINDER_DAYS = 60;

/** Valid from the approval date A to A + 2 years − 1 day (midlertidig: A + 1 year − 1 day). */
export function agreementValidUntil(approvedOn: IsoDate, kind: Paragraph56Kind): IsoDate {
  return addDays(addYears(approvedOn, kind === "almindelig" ? 2 : 1), -1);
}

export function isActiveOn(agreement: { approvedOn: IsoDate | null; validUntil: IsoDate | null }, date: IsoDate): boolean {
  return (
    agreement.approvedOn !== null &&
    agreement.validUntil !== null &&
    compareIso(agreement.approvedOn, date) <= 0 &&
    compareIso(date, agreement.validUntil) <= 0
  );
}

/**
 * Absence days within [from, to], each calendar day counted once however many
 * absences cover it. An absence runs from its first day to the day before the
 * return; an open absence runs to `to`.
 */
export function absenceDaysBetween(absences: ReadonlyArray<{ firstAbsenceDay: IsoDate; returnedOn: IsoDate | null }>, from: IsoDate, to: IsoDate): number {
  const spans = absences
    .map((a) => ({ start: maxDate(a.firstAbsenceDay, from), end: minDate(a.returnedOn ? addDays(a.returnedOn, -1) : to, to) }))
    .filter((s) => compareIso(s.start, s.end) <= 0)
    .sort((a, b) => compareIso(a.start, b.start));
  let days = 0;
  let coveredTo: IsoDate | null = null;
  for (const s of spans) {
    const start: IsoDate = coveredTo && compareIso(s.start, coveredTo) <= 0 ? addDays(coveredTo, 1) : s.start;
    if (compareIso(start, s.end) <= 0) days += diffDays(start, s.end) + 1;
    if (!coveredTo || compareIso(s.end, coveredTo) > 0) coveredTo = s.end;
  }
  return days;
}

/** Renewal needs at least 10 absence days in the agreement's last year, unless circumstances changed materially. */
export function renewalPossible(input: { absenceDaysLastYear: number; materialChange: boolean }): boolean {
  return input.absenceDaysLastYear >= MIN_EXPECTED_DAYS || input.materialChange;
}

export function renewalReminderOn(validUntil: IsoDate): IsoDate {
  return addDays(validUntil, -RENEWAL_REMINDER_DAYS);
}
