import { describe, expect, it } from "vitest";
import { fastTrackRefusal, fastTrackWindow } from "~/domain/fast-track";

const absence = { firstAbsenceDay: "2026-03-02", expectedOver8Weeks: true };

describe("fast track may be requested within the first 5 weeks (SDL § 7 c)", () => {
  it("the window runs from F to F + 34", () => {
    expect(fastTrackWindow(absence)).toEqual({ from: "2026-03-02", to: "2026-04-05" });
  });

  it.each([
    ["2026-03-02", null],
    ["2026-04-05", null],
  ])("a request on %s is allowed", (date, expected) => {
    expect(fastTrackRefusal(absence, date)).toBe(expected);
  });

  it("a request on F + 35 is refused with the last day", () => {
    expect(fastTrackRefusal(absence, "2026-04-06")).toBe(
      "Fast track skal anmodes inden for de første 5 uger af fraværet. Fristen udløb 05.04.2026 (første fraværsdag + 34 dage).",
    );
  });

  it("a request before the first absence day is refused", () => {
    expect(fastTrackRefusal(absence, "2026-03-01")).toBe("Anmodningen kan ikke ligge før første fraværsdag.");
  });

  it("is refused when the absence is not expected to last more than 8 weeks", () => {
    expect(fastTrackRefusal({ ...absence, expectedOver8Weeks: false }, "2026-03-10")).toMatch(/forventes at vare mere end 8 uger/);
  });
});
