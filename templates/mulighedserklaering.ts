import type { IsoDate } from "~/domain/dates";
import { ADJUSTMENT_OPTIONS, MULIGHEDSERKLAERING_LABELS as L, type MulighedserklaeringDraft } from "~/forms/mulighedserklaering";
import { partiesSection, partiesValues } from "./parties";
import { defineTemplate } from "./types";
import { formatDanishNumber, plural } from "~/domain/danish-text";

export interface MulighedserklaeringPdfData {
  reference: string;
  company: { name: string; cvr: string };
  employee: { name: string; jobTitle: string };
  part1: MulighedserklaeringDraft;
  doctorDeadline: IsoDate | null;
}

/** Part 2's choices; the doctor ticks one in a PDF viewer or on paper. */
export const DOCTOR_SOUNDNESS_OPTIONS = [
  { value: "ja", label: "Ja, ordningen er helbredsmæssigt forsvarlig" },
  { value: "delvist", label: "Delvist – se bemærkninger" },
  { value: "nej", label: "Nej, ordningen er ikke helbredsmæssigt forsvarlig" },
] as const;

export const DOCTOR_CAPACITY_OPTIONS = [
  { value: "som-aftalt", label: "Som aftalt i del 1" },
  { value: "mere", label: "Mere end aftalt" },
  { value: "mindre", label: "Mindre end aftalt" },
] as const;

function adjustmentsText(d: MulighedserklaeringDraft): string | null {
  if (d.doctorAssessOnly) return "Ingen forslag – lægen bedes vurdere arbejdssituationen (punkt 5).";
  const chosen = ADJUSTMENT_OPTIONS.filter((o) => d[o.name]).map((o) =>
    o.name === "reducedHours" && d.hoursPerWeek !== undefined ? `${o.label} (${formatDanishNumber(d.hoursPerWeek)} timer om ugen)` : o.label,
  );
  if (chosen.length === 0 && !d.adjustmentsDescription) return null;
  return [chosen.join(", "), d.adjustmentsDescription].filter(Boolean).join("\n");
}

/**
 * The mulighedserklæring (SDL § 36 a): part 1 printed as agreed at the meeting
 * (not editable), part 2 as form fields for the employee's own doctor.
 */
export const mulighedserklaeringTemplate = defineTemplate({
  id: "mulighedserklaering",
  title: "Mulighedserklæring",
  legalBasis: "Sygedagpengeloven § 36 a",
  intro:
    "Del 1 er udfyldt af arbejdsgiver og medarbejder sammen. Medarbejderen tager erklæringen med til sin egen læge, som udfylder del 2. " +
    "Arbejdsgiveren betaler lægens honorar. Erklæringen må ikke oplyse en diagnose – kun sygdommens betydning for arbejdet.",
  sections: [
    partiesSection("Sagsnummer", [
      { name: "contactPerson", label: L.contactPerson, kind: "text", filledBy: "employer" },
      { name: "contactPhone", label: L.contactPhone, kind: "text", filledBy: "employer" },
    ]),
    {
      heading: "Del 1 – udfyldes af arbejdsgiver og medarbejder",
      fields: [
        { name: "functionalLimitations", label: L.functionalLimitations, kind: "multiline", filledBy: "employer" },
        { name: "affectedFunctions", label: L.affectedFunctions, kind: "multiline", filledBy: "employer" },
        { name: "adjustments", label: L.adjustments, kind: "multiline", filledBy: "employer" },
        { name: "durationWeeks", label: L.durationWeeks, kind: "text", filledBy: "employer" },
        { name: "doctorAssessOnly", label: L.doctorAssessOnly, kind: "checkbox", filledBy: "employer" },
        { name: "meetingDate", label: L.meetingDate, kind: "date", filledBy: "employer" },
        { name: "bothPresent", label: L.bothPresent, kind: "checkbox", filledBy: "employer" },
        { name: "doctorDeadline", label: "Lægens del bedes returneret senest", kind: "date", filledBy: "employer" },
      ],
    },
    {
      heading: "Del 2 – udfyldes af medarbejderens læge",
      startsOnNewPage: true,
      note: "Felterne kan udfyldes i en PDF-læser eller i hånden. Angiv ikke en diagnose – kun sygdommens betydning for arbejdet.",
      fields: [
        { name: "doctorSoundness", label: "Er ordningen i del 1 helbredsmæssigt forsvarlig?", kind: "choice", filledBy: "doctor", options: DOCTOR_SOUNDNESS_OPTIONS },
        { name: "doctorCapacity", label: "Kan medarbejderen mere eller mindre end aftalt?", kind: "choice", filledBy: "doctor", options: DOCTOR_CAPACITY_OPTIONS },
        { name: "doctorCapacityDetails", label: "Uddybning af hvad medarbejderen kan mere eller mindre", kind: "multiline", filledBy: "doctor" },
        { name: "doctorExpectedDuration", label: "Forventet varighed af fraværet", kind: "text", filledBy: "doctor" },
        { name: "doctorRemarks", label: "Andre bemærkninger", kind: "multiline", filledBy: "doctor" },
        { name: "doctorDate", label: "Dato", kind: "text", filledBy: "doctor" },
        { name: "doctorName", label: "Lægens navn", kind: "text", filledBy: "doctor" },
        { name: "doctorAddress", label: "Lægens adresse", kind: "multiline", filledBy: "doctor" },
        { name: "doctorStamp", label: "Stempel", kind: "signature", filledBy: "doctor" },
        { name: "doctorSignature", label: "Lægens underskrift", kind: "signature", filledBy: "doctor" },
      ],
    },
  ],
  footer:
    "Arbejdsgiveren kan bede om en mulighedserklæring på ethvert tidspunkt under sygefraværet eller ved gentagne fravær. " +
    "Medarbejderen har pligt til at medvirke. Arbejdsgiveren må ikke spørge om diagnosen (helbredsoplysningsloven).",
  resolve: (d: MulighedserklaeringPdfData) => ({
    ...partiesValues(d),
    contactPerson: d.part1.contactPerson ?? null,
    contactPhone: d.part1.contactPhone ?? null,
    functionalLimitations: d.part1.functionalLimitations ?? null,
    affectedFunctions: d.part1.affectedFunctions ?? null,
    adjustments: adjustmentsText(d.part1),
    durationWeeks: d.part1.doctorAssessOnly || d.part1.durationWeeks === undefined ? null : plural(d.part1.durationWeeks, "uge", "uger"),
    doctorAssessOnly: d.part1.doctorAssessOnly ?? false,
    meetingDate: d.part1.meetingDate ?? null,
    bothPresent: d.part1.bothPresent ?? false,
    doctorDeadline: d.doctorDeadline,
  }),
});
