import { describe, expect, it } from "vitest";
import { findDiagnosisTerms } from "~/domain/diagnosis-terms";

describe("the diagnosis word list", () => {
  it.each([
    ["Samtalen handlede om hans depression.", ["depression"]],
    ["Depressionen gør morgenerne svære.", ["depressionen"]],
    ["Hun har været depressiv i en periode.", ["depressiv"]],
    ["Han har depressive perioder.", ["depressive"]],
    ["Medarbejderen er stressramt.", ["stressramt"]],
    ["Hun er kræftsyg.", ["kræftsyg"]],
    ["Efter kræftsygdommen arbejder hun på nedsat tid.", ["kræftsygdommen"]],
    ["Hun har diskusprolaps.", ["diskusprolaps"]],
    ["Han har fået konstateret sklerose.", ["sklerose"]],
    ["Flere prolapser i nakken.", ["prolapser"]],
    ["Lungebetændelsen er overstået.", ["lungebetændelsen"]],
    ["Han har en hjertesygdom.", ["hjertesygdom"]],
    ["Hudkræft kræver behandling.", ["hudkræft"]],
    ["Hun får migræneanfald.", ["migræneanfald"]],
    ["Angsten kommer i store grupper.", ["angsten"]],
  ])("flags %j", (text, terms) => {
    expect(findDiagnosisTerms(text)).toEqual(terms);
  });

  it.each([
    "Hun har ikke kræfter til lange vagter.",
    "Sygdommen påvirker tunge løft.",
    "Lidelsens betydning for arbejdet: færre timer.",
    "Kollegerne brokker sig over vagtplanen.",
    "Arbejdet på platforms kræver balance.",
    "Der var et gennembrud i samtalen.",
    "Kolde lagerhaller er svære.",
  ])("leaves an ordinary text alone: %j", (text) => {
    expect(findDiagnosisTerms(text)).toEqual([]);
  });
});
