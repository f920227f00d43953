import { describe, expect, it } from "vitest";
import { danishPublicHolidays, easterSunday, isDanishPublicHoliday, publicHolidayName } from "../../../app/domain/holidays";

describe("easterSunday (anonymous Gregorian algorithm)", () => {
  it.each([
    [1943, "1943-04-25"],
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2023, "2023-04-09"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2038, "2038-04-25"],
  ])("Easter %i is %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe("danishPublicHolidays", () => {
  it("2023 still has store bededag", () => {
    expect(danishPublicHolidays(2023)).toEqual([
      { date: "2023-01-01", name: "Nytårsdag" },
      { date: "2023-04-06", name: "Skærtorsdag" },
      { date: "2023-04-07", name: "Langfredag" },
      { date: "2023-04-09", name: "Påskedag" },
      { date: "2023-04-10", name: "2. påskedag" },
      { date: "2023-05-05", name: "Store bededag" },
      { date: "2023-05-18", name: "Kristi himmelfartsdag" },
      { date: "2023-05-28", name: "Pinsedag" },
      { date: "2023-05-29", name: "2. pinsedag" },
      { date: "2023-12-25", name: "Juledag" },
      { date: "2023-12-26", name: "2. juledag" },
    ]);
  });

  it("2024 has no store bededag (abolished from 1 January 2024)", () => {
    expect(danishPublicHolidays(2024)).toEqual([
      { date: "2024-01-01", name: "Nytårsdag" },
      { date: "2024-03-28", name: "Skærtorsdag" },
      { date: "2024-03-29", name: "Langfredag" },
      { date: "2024-03-31", name: "Påskedag" },
      { date: "2024-04-01", name: "2. påskedag" },
      { date: "2024-05-09", name: "Kristi himmelfartsdag" },
      { date: "2024-05-19", name: "Pinsedag" },
      { date: "2024-05-20", name: "2. pinsedag" },
      { date: "2024-12-25", name: "Juledag" },
      { date: "2024-12-26", name: "2. juledag" },
    ]);
  });

  it("2025", () => {
    expect(danishPublicHolidays(2025)).toEqual([
      { date: "2025-01-01", name: "Nytårsdag" },
      { date: "2025-04-17", name: "Skærtorsdag" },
      { date: "2025-04-18", name: "Langfredag" },
      { date: "2025-04-20", name: "Påskedag" },
      { date: "2025-04-21", name: "2. påskedag" },
      { date: "2025-05-29", name: "Kristi himmelfartsdag" },
      { date: "2025-06-08", name: "Pinsedag" },
      { date: "2025-06-09", name: "2. pinsedag" },
      { date: "2025-12-25", name: "Juledag" },
      { date: "2025-12-26", name: "2. juledag" },
    ]);
  });

  it("2026", () => {
    expect(danishPublicHolidays(2026)).toEqual([
      { date: "2026-01-01", name: "Nytårsdag" },
      { date: "2026-04-02", name: "Skærtorsdag" },
      { date: "2026-04-03", name: "Langfredag" },
      { date: "2026-04-05", name: "Påskedag" },
      { date: "2026-04-06", name: "2. påskedag" },
      { date: "2026-05-14", name: "Kristi himmelfartsdag" },
      { date: "2026-05-24", name: "Pinsedag" },
      { date: "2026-05-25", name: "2. pinsedag" },
      { date: "2026-12-25", name: "Juledag" },
      { date: "2026-12-26", name: "2. juledag" },
    ]);
  });

  it("returns a fresh array that callers cannot use to corrupt the cache", () => {
    const first = danishPublicHolidays(2025);
    first.pop();
    expect(danishPublicHolidays(2025)).toHaveLength(10);
  });
});

describe("publicHolidayName", () => {
  it.each([
    ["2025-12-25", "Juledag"],
    ["2025-12-26", "2. juledag"],
    ["2025-04-18", "Langfredag"],
    ["2023-05-05", "Store bededag"],
    ["2026-01-01", "Nytårsdag"],
  ])("%s is %s", (date, name) => {
    expect(publicHolidayName(date)).toBe(name);
    expect(isDanishPublicHoliday(date)).toBe(true);
  });

  it.each([
    ["2025-06-05", "Grundlovsdag"],
    ["2025-12-24", "juleaftensdag"],
    ["2025-12-31", "nytårsaftensdag"],
    ["2024-04-26", "the former store bededag in 2024"],
    ["2025-05-16", "the former store bededag in 2025"],
    ["2025-03-03", "an ordinary Monday"],
    ["2025-03-08", "an ordinary Saturday"],
  ])("%s is not a søgnehelligdag (%s)", (date) => {
    expect(publicHolidayName(date)).toBeNull();
    expect(isDanishPublicHoliday(date)).toBe(false);
  });

  it("returns null for something that is not a date", () => {
    expect(publicHolidayName("2025-12-32")).toBeNull();
  });
});
