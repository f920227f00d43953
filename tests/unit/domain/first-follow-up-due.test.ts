import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/dates";
import { computeDeadlines, firstFollowUpDueDate } from "~/domain/deadlines";

describe("firstFollowUpDueDate", () => {
  it("is the due date computeDeadlines gives the first follow-up, with and without fast track", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.option(fc.integer({ min: 0, max: 60 })),
        fc.boolean(),
        (offset, requestedAfter, declined) => {
          const firstAbsenceDay = addDays("2020-01-01", offset);
          const fastTrackRequestedOn = requestedAfter === null ? null : addDays(firstAbsenceDay, requestedAfter);
          const facts = { firstAbsenceDay, pay: "salary" as const, expectedOver8Weeks: true, fastTrackRequestedOn, fastTrackDeclined: declined };
          const fromAll = computeDeadlines(facts, "2026-11-24").deadlines.find((d) => d.id === "first-follow-up")!.dueDate;
          expect(firstFollowUpDueDate(facts)).toBe(fromAll);
        },
      ),
    );
  });

  it("comes 2 weeks after a fast-track request made early in the absence", () => {
    expect(firstFollowUpDueDate({ firstAbsenceDay: "2026-03-02", fastTrackRequestedOn: "2026-03-09", fastTrackDeclined: false })).toBe("2026-03-23");
  });
});
