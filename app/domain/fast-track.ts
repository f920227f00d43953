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
    const weeks = versionInForce(FAST_TRACK_RULES, firstAbsenceDay).params.windowWeeks;
    return (
      `Fast track skal anmodes inden for de første ${weeks} uger af fraværet. ` +
      `Fristen udløb ${formatDanishDate(lastDay)} (første fraværsdag + ${diffDays(firstAbsenceDay, lastDay)} dage).`
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
