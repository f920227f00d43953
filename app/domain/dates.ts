/**
 * Calendar-date arithmetic on plain ISO dates ("YYYY-MM-DD").
 *
 * The statute counts calendar days in Danish time, never instants, so every
 * value here is a date without a time zone. All arithmetic runs on Date.UTC,
 * which has no daylight-saving transitions: a day is always 86 400 000 ms.
 */

import { BoundedMemo } from "../../lib/bounded-memo";

export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const DANISH_WEEKDAY_NAMES = [
  "mandag",
  "tirsdag",
  "onsdag",
  "torsdag",
  "fredag",
  "lørdag",
  "søndag",
] as const;

export type DanishWeekdayName = (typeof DANISH_WEEKDAY_NAMES)[number];

interface DateParts {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseParts(s: string): DateParts | null {
  const match = ISO_DATE_PATTERN.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

// Every deadline adds days to a handful of dates, so the same strings are parsed
// over and over: their parts are kept, in a bounded map (a flood of distinct
// inputs evicts the oldest rather than growing it).
const PARSED_LIMIT = 20_000;
const parsedDates = new BoundedMemo<string, DateParts | null>(PARSED_LIMIT);

function tryParse(s: string): DateParts | null {
  return parsedDates.getOrCompute(s, parseParts);
}

function parse(d: IsoDate): DateParts {
  const parts = tryParse(d);
  if (!parts) throw new RangeError(`Not a valid ISO calendar date: "${d}"`);
  return parts;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

// One string per calendar day, made the first time the day is formatted and shared by every
// result after that. Deadlines are dates computed from dates, and the memos of results
// (deadline-memo.server.ts, statistics.server.ts) hold tens of thousands of them: as copies
// each was its own 40-byte string for the garbage collector to mark, shared they are one per
// day. Bounded by the calendar the module accepts (1900–2200: at most 110,000 days); a
// server sees the few thousand days around today.
const FIRST_DAY = Date.UTC(MIN_YEAR, 0, 1) / MS_PER_DAY;
const LAST_DAY = Date.UTC(MAX_YEAR, 11, 31) / MS_PER_DAY;
const isoByDay: Array<IsoDate | undefined> = [];

function formatParts(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The ISO string of a day number (days since 1970-01-01), shared within the calendar's range. */
function isoOfDay(dayNumber: number, year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(dayNumber) || dayNumber < FIRST_DAY || dayNumber > LAST_DAY) return formatParts(year, month, day);
  const index = dayNumber - FIRST_DAY;
  return (isoByDay[index] ??= formatParts(year, month, day));
}

function format(parts: DateParts): IsoDate {
  return isoOfDay(Date.UTC(parts.year, parts.month - 1, parts.day) / MS_PER_DAY, parts.year, parts.month, parts.day);
}

function toUtcMs(d: IsoDate): number {
  const { year, month, day } = parse(d);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): IsoDate {
  const dayNumber = ms / MS_PER_DAY;
  const index = dayNumber - FIRST_DAY;
  // A known day needs no Date: most results are days seen before.
  const known = Number.isInteger(index) && index >= 0 && dayNumber <= LAST_DAY ? isoByDay[index] : undefined;
  if (known !== undefined) return known;
  const date = new Date(ms);
  return isoOfDay(dayNumber, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** True for a real calendar date "YYYY-MM-DD" with a year in 1900–2200. */
export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === "string" && tryParse(s) !== null;
}

export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromUtcMs(toUtcMs(d) + n * MS_PER_DAY);
}

/**
 * Adds calendar months keeping the day of the month; a day that does not
 * exist in the target month becomes that month's last day (31 Jan + 1 month
 * = 28/29 Feb), the counting rule the portal applies to every statutory
 * "N måneder".
 */
export function addMonths(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of months: ${n}`);
  const { year, month, day } = parse(d);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** Adds calendar years; 29 Feb in a non-leap target year becomes 28 Feb. */
export function addYears(d: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of years: ${n}`);
  return addMonths(d, n * 12);
}

/** Number of days from a to b (b − a); negative when b is before a. */
export function diffDays(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / MS_PER_DAY);
}

export function lastDayOfMonth(d: IsoDate): IsoDate {
  const { year, month } = parse(d);
  return format({ year, month, day: daysInMonth(year, month) });
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(d: IsoDate): number {
  const sundayBased = new Date(toUtcMs(d)).getUTCDay();
  return sundayBased === 0 ? 7 : sundayBased;
}

/** An instant (ISO, UTC) as Danish wall-clock date and time: "dd.mm.åååå kl. HH.MM", Europe/Copenhagen. */
export function formatDanishDateTime(instant: string): string {
  const at = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(instant) ? instant : `${instant}Z`);
  return `${formatDanishDate(todayInCopenhagen(at))} kl. ${timeInCopenhagen(at).replace(":", ".")}`;
}

/** Danish display form "dd.mm.yyyy". */
export function formatDanishDate(d: IsoDate): string {
  const { year, month, day } = parse(d);
  return `${pad(day, 2)}.${pad(month, 2)}.${pad(year, 4)}`;
}

/**
 * A date as a Danish user types it, as an ISO date, or null when it is no
 * real date. Accepts dd.mm.åååå, d.m.åååå, dd-mm-åååå, dd/mm/åååå and
 * ddmmåååå (a phone's number pad has no full stop), and åååå-mm-dd, which
 * a browser's own date picker and older links send.
 */
export function parseDanishDate(input: string): IsoDate | null {
  const s = input.trim();
  if (isIsoDate(s)) return s;
  const m = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

export function danishWeekdayName(d: IsoDate): DanishWeekdayName {
  const name = DANISH_WEEKDAY_NAMES[isoWeekday(d) - 1];
  if (name === undefined) throw new RangeError(`No weekday for "${d}"`);
  return name;
}

// Building an Intl.DateTimeFormat costs about a millisecond; every request asks for today.
let copenhagenDateFormat: Intl.DateTimeFormat | undefined;
function copenhagenDate(): Intl.DateTimeFormat {
  copenhagenDateFormat ??= new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Copenhagen", year: "numeric", month: "2-digit", day: "2-digit" });
  return copenhagenDateFormat;
}

// The Danish date changes on a whole hour of UTC (the offsets are whole hours), so
// within one UTC minute it is the same: the last answer is kept with its minute.
let lastToday: { minute: number; date: IsoDate } | undefined;

/**
 * The calendar date in Denmark at the instant `now`. The only bridge from
 * clock time to the domain: callers read the clock, the domain never does.
 */

export function todayInCopenhagen(now: Date): IsoDate {
  const minute = Math.floor(now.getTime() / 60_000);
  if (lastToday?.minute === minute) return lastToday.date;
  const parts = copenhagenDate().formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes): number => {
    const value = parts.find((p) => p.type === type)?.value;
    if (value === undefined) throw new RangeError(`Cannot format ${now.toISOString()}`);
    return Number(value);
  };
  const date = format({ year: part("year"), month: part("month"), day: part("day") });
  lastToday = { minute, date };
  return date;
}

/** The wall-clock time in Denmark at the instant `now`, as "HH:MM" (24-hour). */
export function timeInCopenhagen(now: Date): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Copenhagen",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const hour = parts.find((p) => p.type === "hour")?.value ?? "00";
  const minute = parts.find((p) => p.type === "minute")?.value ?? "00";
  return `${hour}:${minute}`;
}

/** Sort comparator: negative when a is before b, 0 when equal, positive after. */
export function compareIso(a: IsoDate, b: IsoDate): number {
  return Math.sign(diffDays(b, a));
}

export function minDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  parse(first);
  return rest.reduce((min, d) => (compareIso(d, min) < 0 ? d : min), first);
}

export function maxDate(first: IsoDate, ...rest: IsoDate[]): IsoDate {
  parse(first);
  return rest.reduce((max, d) => (compareIso(d, max) > 0 ? d : max), first);
}
