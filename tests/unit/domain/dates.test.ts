import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  compareIso,
  danishWeekdayName,
  diffDays,
  formatDanishDate,
  isIsoDate,
  isoWeekday,
  lastDayOfMonth,
  maxDate,
  minDate,
  todayInCopenhagen,
} from "../../../app/domain/dates";

describe("isIsoDate", () => {
  it.each(["2024-02-29", "2000-02-29", "1900-01-01", "2200-12-31", "2025-12-31"])("accepts the real calendar date %s", (s) => {
    expect(isIsoDate(s)).toBe(true);
  });

  it.each([
    "2026-02-30",
    "2023-02-29",
    "2100-02-29",
    "2024-04-31",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "0000-00-00",
    "1899-12-31",
    "2201-01-01",
    "2024-1-01",
    "20240101",
    " 2024-01-01",
    "2024-01-01T00:00",
    "",
  ])("rejects %j", (s) => {
    expect(isIsoDate(s)).toBe(false);
  });

  it.each([20240101, null, undefined, new Date(0)])("rejects the non-string %j", (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe("addDays", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-02-28", 2, "2024-03-01"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2025-01-01", -1, "2024-12-31"],
    ["2025-03-03", 0, "2025-03-03"],
    ["2025-03-30", 1, "2025-03-31"], // start of summer time
    ["2025-10-26", 1, "2025-10-27"], // end of summer time
    ["2025-03-03", 155, "2025-08-05"],
  ])("%s + %i days = %s", (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });

  it("refuses an invalid date", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });

  // Each day's string is made once and shared (dates.ts): the first result for a day and every later
  // one must be that day, whichever function made it first, also at the edges of the calendar and past them.
  it.each([
    ["1900-01-01", 0, "1900-01-01"],
    ["1900-01-02", -1, "1900-01-01"],
    ["1900-01-01", -1, "1899-12-31"],
    ["2200-12-30", 1, "2200-12-31"],
    ["2200-12-31", 1, "2201-01-01"],
  ])("%s + %i days = %s at the calendar's edges", (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(addDays(d, n)).toBe(expected);
  });

  it("gives the same day by any road, the first made by months, then by days", () => {
    expect(addMonths("2031-01-31", 1)).toBe("2031-02-28");
    expect(addDays("2031-02-27", 1)).toBe("2031-02-28");
    expect(lastDayOfMonth("2031-02-10")).toBe("2031-02-28");
    expect(addDays("2031-03-01", -1)).toBe("2031-02-28");
  });
});

describe("addMonths keeps the day of month and clamps to the month's last day", () => {
  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2024-08-31", 1, "2024-09-30"],
    ["2024-11-30", 3, "2025-02-28"],
    ["2023-11-30", 3, "2024-02-29"],
    ["2024-12-15", 1, "2025-01-15"],
    ["2025-01-15", -1, "2024-12-15"],
    ["2024-05-31", 12, "2025-05-31"],
    ["2024-01-31", -13, "2022-12-31"],
    ["2025-03-03", 0, "2025-03-03"],
  ])("%s + %i months = %s", (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });
});

describe("addYears", () => {
  it.each([
    ["2024-02-29", 1, "2025-02-28"],
    ["2024-02-29", 4, "2028-02-29"],
    ["2024-02-29", -1, "2023-02-28"],
    ["2023-02-28", 1, "2024-02-28"],
    ["1963-05-15", 68, "2031-05-15"],
  ])("%s + %i years = %s", (d, n, expected) => {
    expect(addYears(d, n)).toBe(expected);
  });
});

describe("diffDays is b − a in days", () => {
  it.each([
    ["2024-02-28", "2024-03-01", 2],
    ["2023-02-28", "2023-03-01", 1],
    ["2025-01-01", "2024-12-31", -1],
    ["2024-01-01", "2025-01-01", 366],
    ["2025-01-01", "2026-01-01", 365],
    ["2025-03-29", "2025-03-31", 2], // across the switch to summer time
    ["2025-10-25", "2025-10-27", 2], // across the switch back
    ["2025-03-03", "2025-03-03", 0],
  ])("from %s to %s is %i", (a, b, expected) => {
    expect(diffDays(a, b)).toBe(expected);
  });
});

describe("lastDayOfMonth", () => {
  it.each([
    ["2024-02-10", "2024-02-29"],
    ["2023-02-10", "2023-02-28"],
    ["2100-02-01", "2100-02-28"],
    ["2000-02-01", "2000-02-29"],
    ["2025-04-15", "2025-04-30"],
    ["2025-12-01", "2025-12-31"],
    ["2025-07-31", "2025-07-31"],
  ])("of %s is %s", (d, expected) => {
    expect(lastDayOfMonth(d)).toBe(expected);
  });
});

describe("weekdays", () => {
  it.each([
    ["2025-03-03", 1, "mandag"],
    ["2025-03-04", 2, "tirsdag"],
    ["2025-03-05", 3, "onsdag"],
    ["2025-03-06", 4, "torsdag"],
    ["2025-03-07", 5, "fredag"],
    ["2025-03-08", 6, "lørdag"],
    ["2025-03-09", 7, "søndag"],
    ["2024-02-29", 4, "torsdag"],
  ])("%s is ISO weekday %i (%s)", (d, weekday, name) => {
    expect(isoWeekday(d)).toBe(weekday);
    expect(danishWeekdayName(d)).toBe(name);
  });
});

describe("formatDanishDate", () => {
  it.each([
    ["2025-03-03", "03.03.2025"],
    ["2024-12-31", "31.12.2024"],
    ["1954-01-01", "01.01.1954"],
  ])("formats %s as %s", (d, expected) => {
    expect(formatDanishDate(d)).toBe(expected);
  });
});

describe("todayInCopenhagen is the Danish calendar date at an instant", () => {
  it.each([
    ["2025-06-30T21:59:59Z", "2025-06-30"], // 23:59:59 summer time
    ["2025-06-30T22:00:00Z", "2025-07-01"], // 00:00 summer time
    ["2025-01-01T22:59:59Z", "2025-01-01"], // 23:59:59 winter time
    ["2025-01-01T23:00:00Z", "2025-01-02"], // 00:00 winter time
    ["2025-03-30T00:30:00Z", "2025-03-30"],
    ["2024-12-31T23:30:00Z", "2025-01-01"],
  ])("at %s it is %s", (instant, expected) => {
    expect(todayInCopenhagen(new Date(instant))).toBe(expected);
  });

  it("turns at midnight when asked again and again around it, and back for an earlier instant", () => {
    const asked = ["2025-06-30T21:59:00Z", "2025-06-30T21:59:59.999Z", "2025-06-30T22:00:00Z", "2025-06-30T22:00:30Z", "2025-06-30T21:59:59Z", "2025-01-01T22:59:59Z", "2025-01-01T23:00:00Z"];
    expect(asked.map((i) => todayInCopenhagen(new Date(i)))).toEqual(["2025-06-30", "2025-06-30", "2025-07-01", "2025-07-01", "2025-06-30", "2025-01-01", "2025-01-02"]);
  });
});

describe("comparing dates", () => {
  it.each([
    ["2025-01-01", "2025-01-02", -1],
    ["2025-01-02", "2025-01-01", 1],
    ["2025-01-01", "2025-01-01", 0],
    ["2024-12-31", "2025-01-01", -1],
  ])("compareIso(%s, %s) = %i", (a, b, expected) => {
    expect(compareIso(a, b)).toBe(expected);
  });

  it("minDate and maxDate pick the earliest and latest date", () => {
    expect(minDate("2025-04-20", "2025-04-27", "2025-03-18")).toBe("2025-03-18");
    expect(maxDate("2025-04-20", "2025-04-27", "2025-03-18")).toBe("2025-04-27");
    expect(minDate("2025-04-20")).toBe("2025-04-20");
  });

  it("sorts chronologically", () => {
    expect(["2025-04-01", "2024-12-31", "2025-01-15"].sort(compareIso)).toEqual(["2024-12-31", "2025-01-15", "2025-04-01"]);
  });
});
