import { describe, expect, it } from "vitest";
import { formatDanishNumber, parseDanishNumber, plural, pluralWord } from "~/domain/danish-text";
import { parseDanishDate } from "~/domain/dates";

describe("counts in Danish", () => {
  it.each([
    [0, "0 overskredne frister"],
    [1, "1 overskredet frist"],
    [2, "2 overskredne frister"],
    [3, "3 overskredne frister"],
    [-1, "-1 overskredet frist"],
  ])("%i reads as %s", (n, text) => {
    expect(plural(n, "overskredet frist", "overskredne frister")).toBe(text);
  });

  it("gives the word alone for a sentence that places the number itself", () => {
    expect(pluralWord(1, "dag", "dage")).toBe("dag");
    expect(pluralWord(14, "dag", "dage")).toBe("dage");
  });
});

describe("numbers in Danish", () => {
  it("shows a decimal comma", () => {
    expect(formatDanishNumber(37.5)).toBe("37,5");
    expect(formatDanishNumber(37)).toBe("37");
  });

  it.each([
    ["37,5", 37.5],
    ["37.5", 37.5],
    [" 37 ", 37],
    ["0,25", 0.25],
    [",5", 0.5],
    ["-2,5", -2.5],
  ])("reads %j as %d", (text, n) => {
    expect(parseDanishNumber(text)).toBe(n);
  });

  it.each(["", "mange", "37,5,1", "1e400", "37 5x", "Infinity", "0x10"])("refuses %j", (text) => {
    expect(parseDanishNumber(text)).toBeNull();
  });
});

describe("dates as a Danish user types them", () => {
  it.each([
    ["05.03.2026", "2026-03-05"],
    ["5.3.2026", "2026-03-05"],
    ["05-03-2026", "2026-03-05"],
    ["5/3/2026", "2026-03-05"],
    ["05032026", "2026-03-05"],
    [" 29.02.2028 ", "2028-02-29"],
    ["2026-03-05", "2026-03-05"],
  ])("reads %j as %s", (text, iso) => {
    expect(parseDanishDate(text)).toBe(iso);
  });

  it.each(["31.02.2026", "29.02.2027", "5.3.26", "2026-3-5", "03/05/2026x", "i går", "", "00.01.2026", "01.13.2026"])("refuses %j", (text) => {
    expect(parseDanishDate(text)).toBeNull();
  });
});
