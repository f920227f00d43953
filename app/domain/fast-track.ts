/**
 * Fast track (SDL § 7 c): the employer may ask the municipality for early
 * follow-up within the first 5 weeks ("inden for de første 5 uger": F + 34)
 * when the absence is expected to last more than 8 weeks.
 */
import { addDays, compareIso, formatDanishDate, type IsoDate } from "./dates";

export function fastTrackWindow(absence: { firstAbsenceDay: IsoDate }): { from: IsoDate; to: IsoDate } {
  return { from: absence.firstAbsenceDay, to: addDays(absence.firstAbsenceDay, 34) };
}

/** Why fast track cannot be requested on `date` for this absence, or null when it can. */
export function fastTrackRefusal(absence: { firstAbsenceDay: IsoDate; expectedOver8Weeks: boolean }, date: IsoDate): string | null {
  if (!absence.expectedOver8Weeks) {
    return "Fast track kan kun anmodes, når fraværet forventes at vare mere end 8 uger (sygedagpengeloven § 7 c).";
  }
  const w = fastTrackWindow(absence);
  if (compareIso(date, w.from) < 0) return "Anmodningen kan ikke ligge før første fraværsdag.";
  if (compareIso(date, w.to) > 0) {
    return `Fast track skal anmodes inden for de første 5 uger af fraværet, senest ${formatDanishDate(w.to)} (første fraværsdag + 34 dage).`;
  }
  return null;
}
