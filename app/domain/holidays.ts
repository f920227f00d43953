/**
 * Danish public holidays (søgnehelligdage). They matter for the 22-week limit
 * of Sygedagpengeloven § 24 (holidays on Monday–Friday are not counted) and
 * for telling the user that a deadline falls on a holiday.
 *
 * The holidays are data: each rule is either a fixed date or an offset from
 * Easter Sunday, optionally limited in time. Grundlovsdag (5 June),
 * juleaftensdag (24 Dec) and nytårsaftensdag (31 Dec) are not søgnehelligdage
 * and are deliberately absent.
 */
import { addDays, isIsoDate, type IsoDate } from "./dates";

export interface PublicHoliday {
  readonly date: IsoDate;
  readonly name: string;
}

type HolidayRule =
  | { readonly name: string; readonly kind: "fixed"; readonly month: number; readonly day: number; readonly lastYear?: number }
  | { readonly name: string; readonly kind: "easter"; readonly offset: number; readonly lastYear?: number };

/** Store bededag ceased to be a holiday from 1 Jan 2024 (lov om afskaffelse af store bededag som helligdag, 2023). */
const STORE_BEDEDAG_LAST_YEAR = 2023;

export const DANISH_HOLIDAY_RULES: readonly HolidayRule[] = [
  { name: "Nytårsdag", kind: "fixed", month: 1, day: 1 },
  { name: "Skærtorsdag", kind: "easter", offset: -3 },
  { name: "Langfredag", kind: "easter", offset: -2 },
  { name: "Påskedag", kind: "easter", offset: 0 },
  { name: "2. påskedag", kind: "easter", offset: 1 },
  { name: "Store bededag", kind: "easter", offset: 26, lastYear: STORE_BEDEDAG_LAST_YEAR },
  { name: "Kristi himmelfartsdag", kind: "easter", offset: 39 },
  { name: "Pinsedag", kind: "easter", offset: 49 },
  { name: "2. pinsedag", kind: "easter", offset: 50 },
  { name: "Juledag", kind: "fixed", month: 12, day: 25 },
  { name: "2. juledag", kind: "fixed", month: 12, day: 26 },
];

function isoFromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoFromParts(year, month, day);
}

/** The søgnehelligdage of a year, sorted by date. */
export function danishPublicHolidays(year: number): PublicHoliday[] {
  return [...holidaysByDate(year)].map(([date, name]) => ({ date, name }));
}

const cache = new Map<number, ReadonlyMap<IsoDate, string>>();

function holidaysByDate(year: number): ReadonlyMap<IsoDate, string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const holidays = DANISH_HOLIDAY_RULES.filter((rule) => rule.lastYear === undefined || year <= rule.lastYear)
    .map((rule): PublicHoliday => ({
      name: rule.name,
      date: rule.kind === "fixed" ? isoFromParts(year, rule.month, rule.day) : addDays(easter, rule.offset),
    }))
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const byDate: ReadonlyMap<IsoDate, string> = new Map(holidays.map((h) => [h.date, h.name]));
  cache.set(year, byDate);
  return byDate;
}

/** The Danish name of the public holiday on `date`, or null on an ordinary day. */
export function publicHolidayName(date: IsoDate): string | null {
  if (!isIsoDate(date)) return null;
  return holidaysByDate(Number(date.slice(0, 4))).get(date) ?? null;
}

export function isDanishPublicHoliday(date: IsoDate): boolean {
  return publicHolidayName(date) !== null;
}
