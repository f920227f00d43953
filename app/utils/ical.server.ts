/**
 * The company's deadline calendar as iCalendar (RFC 5545), written with `ics`.
 * Each deadline is an all-day event (DTSTART;VALUE=DATE, DTEND the next day)
 * whose UID and SEQUENCE come from the stored row, so a subscribed calendar
 * updates or cancels the event it already has instead of adding a new one.
 */
import { createEvents, type DateArray, type EventAttributes } from "ics";
import { addDays, formatDanishDate, type IsoDate } from "~/domain/dates";
import { ACTOR_LABELS, type Actor } from "~/domain/deadlines";

/** One event of the feed: what the calendar has been told, and what the deadline is. No personal data. */
export interface CalendarEntry {
  uid: string;
  /** The page in the portal the event is about (needs a login). */
  path: string;
  reference: string;
  deadlineId: string;
  dueDate: IsoDate;
  sequence: number;
  cancelled: boolean;
  updatedAt: string;
  title: string;
  actor: Actor;
  basis: string;
}

/** The secret part of `/kalender/<token>.ics`: base64url, as renewCalendarFeed makes it. */
const CALENDAR_FILE = /^([A-Za-z0-9_-]{16,128})\.ics$/;

/** The token in a calendar file name, or null for anything that is not one. */
export function calendarTokenFromFileName(file: string | undefined): string | null {
  if (!file) return null;
  return CALENDAR_FILE.exec(file)?.[1] ?? null;
}

export function calendarPath(token: string): string {
  return `/kalender/${token}.ics`;
}

function dateArray(d: IsoDate): DateArray {
  const [year, month, day] = d.split("-").map(Number);
  return [year!, month!, day!];
}

function describe(entry: CalendarEntry): string {
  const lines = entry.cancelled ? ["Fristen gælder ikke længere."] : [];
  lines.push(
    `Frist: ${formatDanishDate(entry.dueDate)}`,
    `Sag: ${entry.reference}`,
    `Hvem skal handle: ${ACTOR_LABELS[entry.actor]}`,
    `Lovgrundlag: ${entry.basis}`,
  );
  return lines.join("\n");
}

/**
 * The feed text. Only deadlines, case references and the company's own name go
 * in: never the employee's name or anything about the illness. A deadline's
 * explanation stays on the absence page: under a § 56 agreement it names the
 * agreement, and that an employee has one is itself health information.
 */
export function renderCalendar(input: { companyName: string; entries: readonly CalendarEntry[]; baseUrl?: string }): string {
  const events: EventAttributes[] = input.entries.map((entry) => ({
    uid: entry.uid,
    sequence: entry.sequence,
    start: dateArray(entry.dueDate),
    end: dateArray(addDays(entry.dueDate, 1)),
    title: `Frist: ${entry.title} (sag ${entry.reference})`,
    description: describe(entry),
    status: entry.cancelled ? "CANCELLED" : "CONFIRMED",
    // A deadline is a reminder, not a meeting: it should not block the day as busy.
    transp: "TRANSPARENT",
    busyStatus: "FREE",
    lastModified: Date.parse(entry.updatedAt),
    ...(input.baseUrl ? { url: `${input.baseUrl}${entry.path}` } : {}),
  }));
  const { error, value } = createEvents(events, {
    productId: "fasthold",
    method: "PUBLISH",
    calName: `Fasthold – frister for ${input.companyName}`,
  });
  if (error || value === null) throw error ?? new Error("The calendar could not be written.");
  return value;
}
