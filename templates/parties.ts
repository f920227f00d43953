import type { FieldValue, TemplateField, TemplateSection } from "./types";

/** The parties section every form opens with, in pairs (company and CVR, …); `extra` fields follow the CVR number. */
export function partiesSection(referenceLabel: string, extra: readonly TemplateField[] = []): TemplateSection {
  return {
    heading: "Parterne",
    columns: 2,
    fields: [
      { name: "companyName", label: "Virksomhed", kind: "text", filledBy: "employer" },
      { name: "companyCvr", label: "CVR-nummer", kind: "text", filledBy: "employer" },
      ...extra,
      { name: "employeeName", label: "Medarbejder", kind: "text", filledBy: "employer" },
      { name: "jobTitle", label: "Stilling", kind: "text", filledBy: "employer" },
      { name: "reference", label: referenceLabel, kind: "text", filledBy: "employer" },
    ],
  };
}

export function partiesValues(d: { company: { name: string; cvr: string }; employee: { name: string; jobTitle: string }; reference: string }): Record<string, FieldValue> {
  return { companyName: d.company.name, companyCvr: d.company.cvr, employeeName: d.employee.name, jobTitle: d.employee.jobTitle, reference: d.reference };
}
