import { describe, expect, it } from "vitest";
import { absenceTimeline, type TimelineInput } from "../../../app/domain/absence-timeline";
import { addDays, diffDays } from "../../../app/domain/dates";
import { computeDeadlines, type AbsenceFacts } from "../../../app/domain/deadlines";

// F = Monday 3 March 2025, as in deadlines.test.ts: F + 28 = 2025-03-31, F + 34 = 2025-04-06, X = 2025-09-08.
const F = "2025-03-03";
const BASE: AbsenceFacts = { firstAbsenceDay: F, pay: "salary", expectedOver8Weeks: true };

function picture(facts: Partial<AbsenceFacts>, asOf: string, extra: Partial<TimelineInput> = {}) {
  const all = { ...BASE, ...facts };
  return absenceTimeline({ result: computeDeadlines(all, asOf), firstAbsenceDay: F, returnedOn: all.returnedOn ?? null, asOf, ...extra });
}

describe("the picture of an absence", () => {
  it("runs from the first absence day to the duration limit while the absence is open", () => {
    const t = picture({}, "2025-03-20");
    expect(t.start).toBe(F);
    expect(t.durationLimit).toEqual({ date: "2025-09-08", offset: diffDays(F, "2025-09-08") });
    expect(diffDays(F, t.end)).toBeGreaterThanOrEqual(diffDays(F, "2025-09-08"));
    expect(t.days).toBe(diffDays(F, t.end) + 1);
    expect(t.weeks[0]).toEqual({ week: 1, start: F, offset: 0 });
    expect(t.weeks[1]).toEqual({ week: 2, start: "2025-03-10", offset: 7 });
    expect(t.weeks.length).toBe(Math.ceil(t.days / 7));
  });

  it.each([
    // [case, facts, asOf, band, expected]
    ["the employer period covers F … F + 29", {}, "2025-03-20", "employerPeriod", { from: F, to: "2025-04-01", fromOffset: 0, toOffset: 30 }],
    ["a § 56 agreement has no employer period", { paragraph56: true }, "2025-03-20", "employerPeriod", null],
    ["the fast-track window is the first 5 weeks (F + 34)", {}, "2025-03-20", "fastTrackWindow", { from: F, to: "2025-04-06", fromOffset: 0, toOffset: 35 }],
    ["no fast-track window when the absence is not expected to pass 8 weeks", { expectedOver8Weeks: false }, "2025-03-20", "fastTrackWindow", null],
  ] as const)("%s", (_name, facts, asOf, band, expected) => {
    expect(picture(facts, asOf)[band]).toEqual(expected);
  });

  it.each([
    // [case, facts, asOf, marker, state]
    ["a deadline ahead is upcoming", {}, "2025-03-04", "absence-conversation", "upcoming"],
    ["a deadline within a week is due soon", {}, "2025-03-25", "absence-conversation", "due-soon"],
    ["a passed deadline is overdue", {}, "2025-04-02", "absence-conversation", "overdue"],
    ["a deadline met is done", { conversationHeldOn: "2025-03-20" }, "2025-04-02", "absence-conversation", "done"],
    ["an act after its due date is done late, not done", { conversationHeldOn: "2025-04-05" }, "2025-04-10", "absence-conversation", "done-late"],
  ] as const)("%s", (_name, facts, asOf, id, state) => {
    expect(picture(facts, asOf).markers.find((m) => m.id === id)?.state).toBe(state);
  });

  it("numbers the markers in date order and leaves out deadlines that do not apply", () => {
    const t = picture({ expectedOver8Weeks: false }, "2025-03-20");
    expect(t.markers.map((m) => m.number)).toEqual(t.markers.map((_, i) => i + 1));
    expect(t.markers.map((m) => m.date)).toEqual([...t.markers.map((m) => m.date)].sort());
    expect(t.markers.some((m) => m.id === "fast-track-request")).toBe(false);
    for (const m of t.markers) expect(m.offset).toBe(diffDays(F, m.date));
  });

  it("draws today as a line inside the picture", () => {
    expect(picture({}, "2025-03-20").today).toEqual({ date: "2025-03-20", offset: 17 });
  });

  it("ends at the return and draws no duration limit after it", () => {
    const t = picture({ returnedOn: "2025-03-20", conversationHeldOn: "2025-03-10" }, "2025-03-25");
    expect(t.returnedOn).toEqual({ date: "2025-03-20", offset: 17 });
    expect(t.durationLimit).toBeNull();
    // The last marker (a report or refund date after the return) still fits.
    expect(t.end).toBe(t.markers.at(-1)!.date > "2025-03-19" ? t.markers.at(-1)!.date : "2025-03-19");
  });

  it("says so when today lies after the picture instead of stretching it", () => {
    const t = picture({ returnedOn: "2025-03-20", conversationHeldOn: "2025-03-10", absenceReportedOn: "2025-03-12" }, "2026-01-10");
    expect(t.today).toBeNull();
    expect(t.todayAfterEnd).toBe(true);
  });

  it.each([
    ["an open doctor's deadline is a marker", { date: "2025-03-27", state: "upcoming" as const }, "upcoming"],
    ["an answered one shows as done", { date: "2025-03-27", state: "done" as const }, "done"],
    ["a deadline not yet tracked is left out", { date: "2025-03-27", state: "not-applicable" as const }, undefined],
  ])("%s", (_name, doctorDeadline, state) => {
    const t = picture({}, "2025-03-20", { doctorDeadline });
    const m = t.markers.find((x) => x.id === "doctor-deadline");
    expect(m?.state).toBe(state);
    if (m) expect(m.offset).toBe(diffDays(F, addDays("2025-03-27", 0)));
  });
});
