import { describe, expect, it } from "vitest";
import {
  MUNICIPALITIES,
  MUNICIPALITY_CODES,
  isMunicipalityCode,
  municipalityByCode,
  municipalityLabel,
} from "../../../app/domain/municipalities";

describe("municipalities", () => {
  it("has exactly 98 unique codes", () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
  });

  it("has 98 unique names", () => {
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
  });

  it.each([
    ["Region Hovedstaden", 29],
    ["Region Sjælland", 17],
    ["Region Syddanmark", 22],
    ["Region Midtjylland", 19],
    ["Region Nordjylland", 11],
  ])("%s has %i municipalities", (region, count) => {
    expect(MUNICIPALITIES.filter((m) => m.region === region)).toHaveLength(count);
  });

  it("MUNICIPALITY_CODES lists every code as a string, for z.enum", () => {
    expect(MUNICIPALITY_CODES).toHaveLength(98);
    expect([...MUNICIPALITY_CODES]).toEqual(MUNICIPALITIES.map((m) => String(m.code)));
  });

  it.each([
    [101, "København", "Region Hovedstaden"],
    [400, "Bornholm", "Region Hovedstaden"],
    [173, "Lyngby-Taarbæk", "Region Hovedstaden"],
    [265, "Roskilde", "Region Sjælland"],
    [461, "Odense", "Region Syddanmark"],
    [615, "Horsens", "Region Midtjylland"],
    [751, "Aarhus", "Region Midtjylland"],
    [773, "Morsø", "Region Nordjylland"],
    [851, "Aalborg", "Region Nordjylland"],
  ])("code %i is %s in %s", (code, name, region) => {
    expect(municipalityByCode(code)).toEqual({ code, name, region });
    expect(municipalityByCode(String(code))).toEqual({ code, name, region });
  });

  it.each([999, 0, "abc", "", "7510", "75"])("%j is not a municipality code", (code) => {
    expect(municipalityByCode(code)).toBeNull();
    expect(municipalityLabel(code)).toBeNull();
    expect(isMunicipalityCode(String(code))).toBe(false);
  });

  it.each([
    [751, "Aarhus Kommune"],
    [101, "Københavns Kommune"],
    [400, "Bornholms Regionskommune"],
    [147, "Frederiksberg Kommune"],
    [173, "Lyngby-Taarbæk Kommune"],
    [480, "Nordfyns Kommune"],
    [820, "Vesthimmerlands Kommune"],
    ["492", "Ærø Kommune"],
  ])("municipality %j is labelled %s", (code, label) => {
    expect(municipalityLabel(code)).toBe(label);
  });

  it("recognises a code string", () => {
    expect(isMunicipalityCode("751")).toBe(true);
    expect(isMunicipalityCode(751)).toBe(false);
  });
});
