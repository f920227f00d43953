import { describe, expect, it } from "vitest";
import { absenceDaysBetween, agreementValidUntil, isActiveOn, renewalPossible, renewalReminderOn } from "~/domain/paragraph56";

describe("an agreement runs from the approval date A (SDL § 56)", () => {
  it.each([
    ["2026-03-02", "almindelig", "2028-03-01"],
    ["2026-03-02", "midlertidig", "2027-03-01"],
    ["2024-02-29", "almindelig", "2026-02-27"],
    ["2024-02-29", "midlertidig", "2025-02-27"],
    ["2026-01-01", "almindelig", "2027-12-31"],
    ["2027-03-01", "midlertidig", "2028-02-29"],
  ] as const)("approved %s, %s: valid until %s", (approvedOn, kind, until) => {
    expect(agreementValidUntil(approvedOn, kind)).toBe(until);
  });

  it("is active from A to the last valid day, both included", () => {
    const a = { approvedOn: "2026-03-02", validUntil: "2028-03-01" };
    expect(isActiveOn(a, "2026-03-01")).toBe(false);
    expect(isActiveOn(a, "2026-03-02")).toBe(true);
    expect(isActiveOn(a, "2028-03-01")).toBe(true);
    expect(isActiveOn(a, "2028-03-02")).toBe(false);
    expect(isActiveOn({ approvedOn: null, validUntil: null }, "2026-06-01")).toBe(false);
  });

  it("reminds 60 days before it ends", () => {
    expect(renewalReminderOn("2028-03-01")).toBe("2028-01-01");
  });
});

describe("absence days are counted once per calendar day", () => {
  it("counts from the first day to the day before the return", () => {
    expect(absenceDaysBetween([{ firstAbsenceDay: "2026-03-02", returnedOn: "2026-03-05" }], "2026-01-01", "2026-12-31")).toBe(3);
  });

  it("counts overlapping absences once", () => {
    const absences = [
      { firstAbsenceDay: "2026-03-02", returnedOn: "2026-03-10" },
      { firstAbsenceDay: "2026-03-05", returnedOn: "2026-03-12" },
    ];
    expect(absenceDaysBetween(absences, "2026-01-01", "2026-12-31")).toBe(10);
  });

  it("clips absences across the window's edges, including across a year end", () => {
    const absences = [
      { firstAbsenceDay: "2025-12-28", returnedOn: "2026-01-04" },
      { firstAbsenceDay: "2026-12-30", returnedOn: null },
    ];
    expect(absenceDaysBetween(absences, "2026-01-01", "2026-12-31")).toBe(3 + 2);
  });

  it("counts an open absence up to the end of the window", () => {
    expect(absenceDaysBetween([{ firstAbsenceDay: "2026-12-25", returnedOn: null }], "2026-01-01", "2026-12-31")).toBe(7);
  });

  it("ignores absences outside the window", () => {
    expect(absenceDaysBetween([{ firstAbsenceDay: "2025-01-01", returnedOn: "2025-02-01" }], "2026-01-01", "2026-12-31")).toBe(0);
  });
});

describe("renewal", () => {
  it.each([
    [10, false, true],
    [9, false, false],
    [0, true, true],
  ])("with %i days and material change %s: possible %s", (days, change, expected) => {
    expect(renewalPossible({ absenceDaysLastYear: days, materialChange: change })).toBe(expected);
  });
});
