import { formatPhone } from "~/domain/phone";
import type { FieldValue, TemplateSection } from "./types";

/**
 * Printed after the parties on the PDF a caseworker of the employee's home
 * municipality downloads (never on the employer's copy): how to find the citizen
 * in the municipality's own systems and whom to call at the employer.
 */
export const citizenContactSection: TemplateSection = {
  heading: "Til jobcentret: borger og kontakt",
  columns: 2,
  fields: [
    { name: "citizenBirthDate", label: "Fødselsdato", kind: "date", filledBy: "employer" },
    { name: "citizenAddress", label: "Bopæl", kind: "text", filledBy: "employer" },
    { name: "contactName", label: "Kontaktperson hos arbejdsgiveren", kind: "text", filledBy: "employer" },
    { name: "contactPhone", label: "Telefon", kind: "text", filledBy: "employer" },
    { name: "contactEmail", label: "E-mail", kind: "text", filledBy: "employer" },
  ],
};

export function citizenContactValues(d: {
  birthDate: string;
  address: string | null;
  contact: { name: string; phone: string; email: string } | null;
}): Record<string, FieldValue> {
  return {
    citizenBirthDate: d.birthDate,
    citizenAddress: d.address ?? "Ikke oplyst af arbejdsgiveren",
    contactName: d.contact?.name ?? "Ikke oplyst af arbejdsgiveren",
    contactPhone: d.contact ? formatPhone(d.contact.phone) : "–",
    contactEmail: d.contact?.email ?? "–",
  };
}
