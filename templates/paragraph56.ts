import type { IsoDate } from "~/domain/dates";
import { partiesSection, partiesValues } from "./parties";
import { defineTemplate } from "./types";

export interface Paragraph56PdfData {
  reference: string;
  company: { name: string; cvr: string };
  employee: { name: string; jobTitle: string };
  kind: "almindelig" | "midlertidig";
  effectOnWork: string;
  expectedDaysPerYear: number;
  appliedOn: IsoDate;
  materialChange: string | null;
  approvedOn: IsoDate | null;
  validUntil: IsoDate | null;
}

/** The application for a § 56 agreement (the content of form DP 211), with signature areas for both parties. */
export const paragraph56Template = defineTemplate({
  id: "paragraph56",
  title: "Aftale om refusion fra første fraværsdag (§ 56)",
  legalBasis: "Sygedagpengeloven §§ 56 og 59 (blanket DP 211)",
  intro: "Arbejdsgiver og medarbejder aftaler, at arbejdsgiveren får refusion fra første fraværsdag ved fravær på grund af en langvarig eller kronisk lidelse.",
  sections: [
    partiesSection("Aftalenummer"),
    {
      heading: "Aftalen",
      fields: [
        {
          name: "kind",
          label: "Aftaletype",
          kind: "choice",
          filledBy: "employer",
          options: [
            { value: "almindelig", label: "Almindelig (langvarig eller kronisk lidelse, 2 år)" },
            { value: "midlertidig", label: "Midlertidig (1 år)" },
          ],
        },
        { name: "effectOnWork", label: "Lidelsens betydning for arbejdet (ingen diagnose)", kind: "multiline", filledBy: "employer" },
        { name: "expectedDaysPerYear", label: "Forventede fraværsdage om året", kind: "text", filledBy: "employer" },
        { name: "materialChange", label: "Væsentlig ændring (ved fornyelse)", kind: "multiline", filledBy: "employer" },
        { name: "appliedOn", label: "Ansøgt", kind: "date", filledBy: "employer" },
      ],
    },
    {
      heading: "Kommunens godkendelse",
      fields: [
        { name: "approvedOn", label: "Godkendt fra (A)", kind: "date", filledBy: "jobcenter" },
        { name: "validUntil", label: "Gyldig til og med", kind: "date", filledBy: "jobcenter" },
      ],
    },
    {
      heading: "Underskrifter",
      fields: [
        { name: "employerSignature", label: "Arbejdsgiverens underskrift og dato", kind: "signature", filledBy: "employer" },
        { name: "employeeSignature", label: "Medarbejderens underskrift og dato", kind: "signature", filledBy: "employee" },
      ],
    },
  ],
  footer:
    "Aftalen gælder fra kommunens godkendelse i 2 år (midlertidig: 1 år). Fravær under aftalen skal anmeldes: varer det højst 30 dage, senest 3 måneder efter første fraværsdag; ellers senest 5 uger efter.",
  resolve: (d: Paragraph56PdfData) => ({
    ...partiesValues(d),
    kind: d.kind,
    effectOnWork: d.effectOnWork,
    expectedDaysPerYear: String(d.expectedDaysPerYear),
    materialChange: d.materialChange,
    appliedOn: d.appliedOn,
    approvedOn: d.approvedOn,
    validUntil: d.validUntil,
    employerSignature: null,
    employeeSignature: null,
  }),
});
