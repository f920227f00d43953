/**
 * Fast track (SDL § 7 c): the employer may ask the municipality for early
 * follow-up within the first 5 weeks ("inden for de første 5 uger": F + 34)
 * when the absence is expected to last more than 8 weeks. The window itself is
 * the fast-track rule of deadlines.ts (fastTrackLastDay), so the deadline row
 * and every form that takes a request agree.
 */
import { compareIso, diffDays, formatDanishDate, type IsoDate } from "./dates";
import { FAST_TRACK_RULES, fastTrackLastDay } from "./deadlines";
import { versionInForce } from "./rule-versions";

/**
 * The window's terms as a text states them: its weeks and its last day as days after the first
 * absence day ("de første 5 uger", "F + 34" under § 7 c today). Without a first absence day, the
 * terms of the newest rule, for texts that state the rule without a case at hand.
 */
export function fastTrackWindowTerms(firstAbsenceDay?: IsoDate): { weeks: number; lastDayOffset: number } {
  const newest = FAST_TRACK_RULES.versions[FAST_TRACK_RULES.versions.length - 1]!;
  // Any day the newest version covers gives its terms: the window's length does not depend on the weekday.
  const day = firstAbsenceDay ?? newest.validFrom ?? "2000-01-03";
  return { weeks: versionInForce(FAST_TRACK_RULES, day).params.windowWeeks, lastDayOffset: diffDays(day, fastTrackLastDay(day)) };
}

export function fastTrackWindow(absence: { firstAbsenceDay: IsoDate }): { from: IsoDate; to: IsoDate } {
  return { from: absence.firstAbsenceDay, to: fastTrackLastDay(absence.firstAbsenceDay) };
}

/**
 * Why a request dated `date` cannot be recorded for an absence that began on
 * `firstAbsenceDay`, or null: before the absence, or after the window closed.
 * Used wherever a request date is entered (absence forms, the absence page, the document).
 */
export function fastTrackDateRefusal(firstAbsenceDay: IsoDate, date: IsoDate): string | null {
  if (compareIso(date, firstAbsenceDay) < 0) return "Anmodningen kan ikke ligge før første fraværsdag.";
  const lastDay = fastTrackLastDay(firstAbsenceDay);
  if (compareIso(date, lastDay) > 0) {
    // The numbers come from the rule in force, so the message cannot drift from the computation.
    const { weeks, lastDayOffset } = fastTrackWindowTerms(firstAbsenceDay);
    return (
      `Fast track skal anmodes inden for de første ${weeks} uger af fraværet. ` +
      `Fristen udløb ${formatDanishDate(lastDay)} (første fraværsdag + ${lastDayOffset} dage).`
    );
  }
  return null;
}

/** Why fast track cannot be requested on `date` for this absence, or null when it can. */
export function fastTrackRefusal(absence: { firstAbsenceDay: IsoDate; expectedOver8Weeks: boolean }, date: IsoDate): string | null {
  if (!absence.expectedOver8Weeks) {
    return "Fast track kan kun anmodes, når fraværet forventes at vare mere end 8 uger (sygedagpengeloven § 7 c).";
  }
  return fastTrackDateRefusal(absence.firstAbsenceDay, date);
}
