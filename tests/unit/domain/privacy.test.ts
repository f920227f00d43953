import { describe, expect, it } from "vitest";
import { initials } from "~/domain/privacy";
import { timeInCopenhagen } from "~/domain/dates";

describe("an employee in an e-mail", () => {
  it.each([
    ["Søren Ærø Åberg", "S.Æ.Å."],
    ["Łukasz Nowak", "Ł.N."],
    ["Mohammed Al-Sayed", "M.A.S."],
    ["  birgitte   nørgaard ", "B.N."],
    ["", ""],
  ])("is named only by initials: %s → %s", (name, expected) => {
    expect(initials(name)).toBe(expected);
  });
});

describe("the digest clock", () => {
  it.each([
    ["2026-11-24T05:59:00Z", "06:59"],
    ["2026-11-24T06:00:00Z", "07:00"],
    ["2026-07-01T05:00:00Z", "07:00"],
    ["2026-03-29T01:30:00Z", "03:30"],
    ["2026-11-24T23:30:00Z", "00:30"],
  ])("reads Danish wall-clock time: %s is %s", (instant, time) => {
    expect(timeInCopenhagen(new Date(instant))).toBe(time);
  });
});
