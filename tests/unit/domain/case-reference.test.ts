import { describe, expect, it } from "vitest";
import { caseReference, formatReference, parseCaseReference, parseReference } from "~/domain/case-reference";

describe("one case-reference format", () => {
  it("prints a kind code, a dash and six digits", () => {
    expect(caseReference(6)).toBe("FH-000006");
    expect(formatReference("ME", 13)).toBe("ME-000013");
    expect(formatReference("P56", 1)).toBe("P56-000001");
    expect(formatReference("SK", 1234567)).toBe("SK-1234567");
  });

  it("refuses an id that is not a positive integer", () => {
    expect(() => formatReference("FH", 0)).toThrow(RangeError);
    expect(() => formatReference("FH", 1.5)).toThrow(RangeError);
  });

  it.each([
    ["FH-000006", 6],
    ["fh-000006", 6],
    ["FH000006", 6],
    ["fh6", 6],
    [" Fh 000006 ", 6],
    ["FH-6", 6],
  ])("reads %j back as absence %i", (typed, id) => {
    expect(parseCaseReference(typed)).toBe(id);
  });

  it.each(["", "FH", "FH-", "FH-0", "FH-00x6", "Hansen", "6", "FH-1234567890", "ME-000006"])("reads %j as no case reference", (typed) => {
    expect(parseCaseReference(typed)).toBeNull();
  });

  it("tells the codes apart, the longest first", () => {
    expect(parseReference("p56-000003")).toEqual({ kind: "P56", id: 3 });
    expect(parseReference("sk7")).toEqual({ kind: "SK", id: 7 });
    expect(parseReference("dok-12")).toEqual({ kind: "DOK", id: 12 });
    expect(parseReference("XY-000001")).toBeNull();
  });

  it("round-trips every reference it prints", () => {
    for (const id of [1, 9, 10, 999999, 1000000]) expect(parseCaseReference(caseReference(id))).toBe(id);
  });
});
