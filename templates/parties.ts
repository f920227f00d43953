import type { FieldValue, TemplateField } from "./types";

const PARTY_FIELDS = {
  companyName: { name: "companyName", label: "Virksomhed", kind: "text", filledBy: "employer" },
  companyCvr: { name: "companyCvr", label: "CVR-nummer", kind: "text", filledBy: "employer" },
  employeeName: { name: "employeeName", label: "Medarbejder", kind: "text", filledBy: "employer" },
  jobTitle: { name: "jobTitle", label: "Stilling", kind: "text", filledBy: "employer" },
} as const satisfies Record<string, TemplateField>;

/** The parties section every form opens with, in pairs (company and CVR, …); `extra` fields follow the CVR number. */
export function partiesSection<const Extra extends readonly TemplateField[] = readonly []>(referenceLabel: string, extra?: Extra) {
  return {
    heading: "Parterne",
    columns: 2,
    fields: [
      PARTY_FIELDS.companyName,
      PARTY_FIELDS.companyCvr,
      ...((extra ?? []) as Extra),
      PARTY_FIELDS.employeeName,
      PARTY_FIELDS.jobTitle,
      { name: "reference", label: referenceLabel, kind: "text", filledBy: "employer" },
    ],
  } as const;
}

type PartyFieldName = keyof typeof PARTY_FIELDS | "reference";

export function partiesValues(d: { company: { name: string; cvr: string }; employee: { name: string; jobTitle: string }; reference: string }): Record<PartyFieldName, FieldValue> {
  return { companyName: d.company.name, companyCvr: d.company.cvr, employeeName: d.employee.name, jobTitle: d.employee.jobTitle, reference: d.reference };
}
