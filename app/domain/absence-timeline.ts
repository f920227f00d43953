/**
 * The picture of one absence: what a timeline draws, in days from the first
 * absence day. Every date comes from the deadline computation (deadlines.ts)
 * and the fast-track rule (fast-track.ts); this module only places them, so a
 * change of law moves the picture with the table.
 */
import { addDays, compareIso, diffDays, maxDate, type IsoDate } from "./dates";
import type { DeadlineId, DeadlineResult, DeadlineStatus } from "./deadlines";
import { fastTrackWindow } from "./fast-track";

/** The state a marker shows; "done-late" keeps an act recorded after its due date from looking like one on time. */
export type MarkerState = Exclude<DeadlineStatus, "not-applicable"> | "done-late";

export interface TimelineMarker {
  id: DeadlineId | "doctor-deadline";
  /** 1, 2, 3 … in date order: the label that ties the drawing to the list beside it. */
  number: number;
  title: string;
  date: IsoDate;
  /** Days from the first absence day (day 0 on the axis). */
  offset: number;
  state: MarkerState;
  doneOn: IsoDate | null;
}

export interface TimelineBand {
  from: IsoDate;
  to: IsoDate;
  fromOffset: number;
  /** Exclusive end on the axis: the band covers the whole last day. */
  toOffset: number;
}

export interface TimelineWeek {
  /** Week 1 starts on the first absence day. */
  week: number;
  start: IsoDate;
  offset: number;
}

export interface AbsenceTimeline {
  start: IsoDate;
  /** The last day drawn; the axis runs to end + 1. */
  end: IsoDate;
  /** Days on the axis (end − start + 1). */
  days: number;
  weeks: TimelineWeek[];
  employerPeriod: TimelineBand | null;
  fastTrackWindow: TimelineBand | null;
  durationLimit: { date: IsoDate; offset: number } | null;
  returnedOn: { date: IsoDate; offset: number } | null;
  today: { date: IsoDate; offset: number } | null;
  /** Today lies after the last day drawn: the drawing says so instead of stretching. */
  todayAfterEnd: boolean;
  markers: TimelineMarker[];
}

export interface TimelineInput {
  result: Pick<DeadlineResult, "deadlines" | "employerPeriod" | "durationLimitDay">;
  firstAbsenceDay: IsoDate;
  returnedOn: IsoDate | null;
  /** The deadline the employer set for the doctor's part of a mulighedserklæring, where one is tracked. */
  doctorDeadline?: { date: IsoDate; state: DeadlineStatus } | null;
  asOf: IsoDate;
}

const DAYS_PER_WEEK = 7;

function band(start: IsoDate, from: IsoDate, to: IsoDate): TimelineBand {
  return { from, to, fromOffset: diffDays(start, from), toOffset: diffDays(start, to) + 1 };
}

function markerState(status: Exclude<DeadlineStatus, "not-applicable">, doneDaysLate: number | null): MarkerState {
  return status === "done" && (doneDaysLate ?? 0) > 0 ? "done-late" : status;
}

export function absenceTimeline(input: TimelineInput): AbsenceTimeline {
  const { result, firstAbsenceDay: start, returnedOn, asOf } = input;
  const drafts: Array<Omit<TimelineMarker, "number" | "offset">> = [];
  for (const d of result.deadlines) {
    if (d.status === "not-applicable") continue;
    drafts.push({ id: d.id, title: d.title, date: d.dueDate, state: markerState(d.status, d.doneDaysLate), doneOn: d.doneOn });
  }
  const doctor = input.doctorDeadline;
  if (doctor && doctor.state !== "not-applicable") {
    drafts.push({ id: "doctor-deadline", title: "Lægens frist for mulighedserklæringen", date: doctor.date, state: doctor.state, doneOn: null });
  }
  drafts.sort((a, b) => compareIso(a.date, b.date) || a.title.localeCompare(b.title, "da"));

  // The picture runs to the duration limit, or to the return when the employee is back;
  // a deadline after that end (a late report, the refund request) still gets its marker.
  const lastAbsenceDay = returnedOn ? addDays(returnedOn, -1) : result.durationLimitDay;
  const end = maxDate(lastAbsenceDay, ...drafts.map((d) => d.date));
  const days = diffDays(start, end) + 1;
  const weeks: TimelineWeek[] = [];
  for (let w = 0; w * DAYS_PER_WEEK < days; w++) weeks.push({ week: w + 1, start: addDays(start, w * DAYS_PER_WEEK), offset: w * DAYS_PER_WEEK });

  const p = result.employerPeriod;
  const fastTrack = result.deadlines.find((d) => d.id === "fast-track-request");
  const window = fastTrackWindow({ firstAbsenceDay: start });
  const inRange = (date: IsoDate) => compareIso(date, start) >= 0 && compareIso(date, end) <= 0;

  return {
    start,
    end,
    days,
    weeks,
    employerPeriod: p.end ? band(start, p.start, p.end) : null,
    // The window matters only where fast track applies (the absence is expected to last more than 8 weeks).
    fastTrackWindow: fastTrack && fastTrack.status !== "not-applicable" ? band(start, window.from, window.to) : null,
    durationLimit: inRange(result.durationLimitDay) ? { date: result.durationLimitDay, offset: diffDays(start, result.durationLimitDay) } : null,
    returnedOn: returnedOn && inRange(returnedOn) ? { date: returnedOn, offset: diffDays(start, returnedOn) } : null,
    today: inRange(asOf) ? { date: asOf, offset: diffDays(start, asOf) } : null,
    todayAfterEnd: compareIso(asOf, end) > 0,
    markers: drafts.map((d, i) => ({ ...d, number: i + 1, offset: diffDays(start, d.date) })),
  };
}
