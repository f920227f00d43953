import { describe, expect, it } from "vitest";
import { socialChapterExemptFrom, socialChapterStatus } from "~/domain/pension-age";
import { monthsCompleted } from "~/models/social-chapter.server";

describe("the 12 months under the social chapter are complete on S + 12 months (LAB § 118)", () => {
  it.each([
    ["2025-01-15", "2026-01-15"],
    ["2025-01-31", "2026-01-31"],
    ["2024-02-29", "2025-02-28"],
    ["2023-02-28", "2024-02-28"],
    ["2025-12-31", "2026-12-31"],
  ])("started %s → complete %s", (startedOn, completesOn) => {
    expect(socialChapterStatus({ startedOn, asOf: "2026-01-01" }).completesOn).toBe(completesOn);
  });
});

describe("required only when more than 6 years from folkepension", () => {
  // Born 1 Jan 1963: pension age 68 → 1 Jan 2031; exempt from 1 Jan 2025.
  const birthDate = "1963-01-01";

  it("the exemption starts 6 years before the pension date", () => {
    expect(socialChapterExemptFrom(birthDate)).toBe("2025-01-01");
  });

  it.each([
    ["2024-12-31", true],
    ["2025-01-01", false],
    ["2025-01-02", false],
  ])("on %s required is %s", (asOf, required) => {
    expect(socialChapterStatus({ startedOn: "2024-06-01", birthDate, asOf }).required).toBe(required);
  });

  it("is unknown without a birth date", () => {
    expect(socialChapterStatus({ startedOn: "2024-06-01", asOf: "2025-01-01" }).required).toBeNull();
  });
});

describe("progress in whole months", () => {
  it.each([
    ["2025-01-31", "2025-01-30", 0],
    ["2025-01-31", "2025-02-28", 0],
    ["2025-01-31", "2025-03-31", 2],
    ["2025-01-15", "2025-07-15", 6],
    ["2025-01-15", "2026-01-15", 12],
    ["2025-01-15", "2027-06-01", 12],
  ])("from %s to %s: %i months", (startedOn, asOf, months) => {
    expect(monthsCompleted(startedOn, asOf)).toBe(months);
  });
});
