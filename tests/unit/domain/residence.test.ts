import { describe, expect, it } from "vitest";
import { homeMunicipalityOn } from "~/domain/residence";

const moves = [
  { fromMunicipalityCode: 101, toMunicipalityCode: 751, movedOn: "2026-03-01" },
  { fromMunicipalityCode: 751, toMunicipalityCode: 461, movedOn: "2026-09-15" },
];

describe("the case follows the home municipality from the moving date (Retssikkerhedsloven § 9)", () => {
  it.each([
    ["2026-02-28", 101],
    ["2026-03-01", 751],
    ["2026-09-14", 751],
    ["2026-09-15", 461],
    ["2027-01-01", 461],
  ])("on %s the case belongs to %i", (date, expected) => {
    expect(homeMunicipalityOn(461, moves, date)).toBe(expected);
  });

  it("uses the current municipality when there are no moves", () => {
    expect(homeMunicipalityOn(751, [], "2026-01-01")).toBe(751);
  });

  it("does not depend on the order the moves are given in", () => {
    expect(homeMunicipalityOn(461, [...moves].reverse(), "2026-05-01")).toBe(751);
  });
});
