import { describe, expect, it } from "vitest";
import { addDays } from "../../../app/domain/dates";
import {
  PENSION_AGE_TABLE,
  pensionAge,
  pensionDate,
  socialChapterExemptFrom,
  socialChapterStatus,
} from "../../../app/domain/pension-age";

describe("pensionAge follows the table of Lov om social pension § 1 a at both edges of every row", () => {
  it.each([
    ["1940-05-05", 65, 0, 65],
    ["1953-12-31", 65, 0, 65],
    ["1954-01-01", 65, 6, 65.5],
    ["1954-06-30", 65, 6, 65.5],
    ["1954-07-01", 66, 0, 66],
    ["1954-12-31", 66, 0, 66],
    ["1955-01-01", 66, 6, 66.5],
    ["1955-06-30", 66, 6, 66.5],
    ["1955-07-01", 67, 0, 67],
    ["1962-12-31", 67, 0, 67],
    ["1963-01-01", 68, 0, 68],
    ["1966-12-31", 68, 0, 68],
    ["1967-01-01", 69, 0, 69],
    ["1970-12-31", 69, 0, 69],
    ["1971-01-01", 70, 0, 70],
    ["2000-01-01", 70, 0, 70],
  ])("born %s: %i years and %i months (%d)", (birthDate, years, months, age) => {
    expect(pensionAge(birthDate)).toEqual({ years, months, age });
  });

  it("the table has no gaps or overlaps: each row starts the day after the previous one ends", () => {
    const rows = PENSION_AGE_TABLE;
    expect(rows[0]?.bornFrom).toBeNull();
    expect(rows.at(-1)?.bornTo).toBeNull();
    rows.slice(1).forEach((row, i) => {
      const previousEnd = rows[i]?.bornTo;
      expect(previousEnd).toBeTypeOf("string");
      expect(row.bornFrom).toBe(addDays(previousEnd ?? "", 1));
    });
  });

  it("refuses an invalid birth date", () => {
    expect(() => pensionAge("1963-02-30")).toThrow(RangeError);
  });
});

describe("pensionDate = birth date + pension age, with the month-end rule", () => {
  it.each([
    ["1953-12-31", "2018-12-31"],
    ["1954-01-01", "2019-07-01"],
    ["1954-06-30", "2019-12-30"],
    ["1954-03-31", "2019-09-30"], // 31 March + 65½ years: September has 30 days
    ["1954-07-01", "2020-07-01"],
    ["1955-03-31", "2021-09-30"],
    ["1955-06-30", "2021-12-30"],
    ["1955-08-31", "2022-08-31"],
    ["1963-02-28", "2031-02-28"],
    ["1960-02-29", "2027-02-28"], // born on a leap day, 2027 is not a leap year
    ["1968-02-29", "2037-02-28"],
    ["1964-02-29", "2032-02-29"], // 2032 is a leap year
    ["1963-05-15", "2031-05-15"],
    ["1971-01-01", "2041-01-01"],
  ])("born %s: pension date %s", (birthDate, expected) => {
    expect(pensionDate(birthDate)).toBe(expected);
  });
});

describe("the social-chapter exemption starts 6 years before the pension date", () => {
  it.each([
    ["1963-05-15", "2025-05-15"],
    ["1954-01-01", "2013-07-01"],
    ["1964-02-29", "2026-02-28"], // pension 29 Feb 2032 − 6 years
    ["1960-02-29", "2021-02-28"],
    ["1971-01-01", "2035-01-01"],
  ])("born %s: exempt from %s", (birthDate, expected) => {
    expect(socialChapterExemptFrom(birthDate)).toBe(expected);
  });
});

describe("socialChapterStatus", () => {
  it.each([
    ["1963-05-15", "2025-05-14", true],
    ["1963-05-15", "2025-05-15", false],
    ["1963-05-15", "2025-05-16", false],
    ["1964-02-29", "2026-02-27", true],
    ["1964-02-29", "2026-02-28", false],
  ])("born %s, on %s the 12 months are required: %s", (birthDate, asOf, required) => {
    expect(socialChapterStatus({ startedOn: "2025-01-01", birthDate, asOf }).required).toBe(required);
  });

  it("cannot tell whether the 12 months are required without a birth date", () => {
    expect(socialChapterStatus({ startedOn: "2025-01-01", asOf: "2025-06-01" }).required).toBeNull();
    expect(socialChapterStatus({ startedOn: "2025-01-01", birthDate: null, asOf: "2025-06-01" }).required).toBeNull();
  });

  it.each([
    ["2025-05-15", "2026-05-15"],
    ["2024-02-29", "2025-02-28"],
    ["2023-02-28", "2024-02-28"],
    ["2023-01-31", "2024-01-31"],
    ["2024-03-31", "2025-03-31"],
    ["2024-12-31", "2025-12-31"],
  ])("12 months started on %s are complete on %s", (startedOn, completesOn) => {
    expect(socialChapterStatus({ startedOn, birthDate: "1970-01-01", asOf: "2025-01-01" })).toEqual({
      startedOn,
      completesOn,
      required: true,
    });
  });
});
