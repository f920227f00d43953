import { describe, expect, it } from "vitest";
import { findDiagnosisTerms } from "~/domain/diagnosis-terms";
import { paragraph56Schema } from "~/forms/paragraph56";

const valid = {
  kind: "almindelig",
  effectOnWork: "Perioder hvor tunge løft ikke er mulige.",
  expectedDaysPerYear: "12",
  employmentRequirement: "yes",
  employerConfirms: "on",
  employeeConfirms: "on",
  appliedOn: "2026-11-20",
};

describe("the diagnosis check", () => {
  it.each([
    ["Medarbejderen har KOL og astma.", ["kol", "astma"]],
    ["Diskusprolaps i lænden.", ["diskusprolaps"]],
    ["Hun har ADHD.", ["adhd"]],
    ["Tunge løft og lange dage er svære.", []],
    ["Vi tilføjer ekstra pauser og adderer timer.", []],
    ["Arbejdet på platforms kræver balance.", []],
  ])("finds the terms in %j", (text, terms) => {
    expect(findDiagnosisTerms(text)).toEqual(terms);
  });

  it("flags a diagnosis unless the user confirms the text names none", () => {
    const flagged = { ...valid, effectOnWork: "Ingen løft i perioder med migræne." };
    expect(paragraph56Schema("2026-11-24").safeParse(flagged).error?.issues[0]?.message).toMatch(/nævne en diagnose \(migræne\)/);
    expect(paragraph56Schema("2026-11-24").safeParse({ ...flagged, confirmNoDiagnosis: "on" }).success).toBe(true);
  });

  it("accepts a midlertidig agreement with fewer than 10 expected days", () => {
    expect(paragraph56Schema("2026-11-24").safeParse({ ...valid, kind: "midlertidig", expectedDaysPerYear: "4" }).success).toBe(true);
  });
});
