import { z } from "zod";
import { requiredText } from "./fields";

/**
 * A Danish number of eight digits (spaces allowed, +45 or 0045 in front), or an
 * international one with its + and country code: what a caseworker can dial.
 */
const phone = z
  .string({ error: "Indtast et telefonnummer." })
  .trim()
  .min(1, { message: "Indtast et telefonnummer.", abort: true })
  .transform((v) => v.replace(/[\s-]/g, ""))
  .refine((v) => /^(?:(?:\+|00)45)?[0-9]{8}$/.test(v) || /^\+[1-9][0-9]{7,14}$/.test(v), "Indtast et telefonnummer med 8 cifre, fx 12 34 56 78.");

/** The HR contact person the jobcenter sees on the employee's submissions (/virksomhed/indstillinger). */
export const CompanyContactSchema = z.object({
  intent: z.literal("contact"),
  contactName: requiredText("Indtast kontaktpersonens navn.", 100, "Navnet må højst have 100 tegn."),
  contactPhone: phone,
  contactEmail: z
    .string({ error: "Indtast en e-mailadresse." })
    .trim()
    .min(1, { message: "Indtast en e-mailadresse.", abort: true })
    .max(254, "E-mailadressen er for lang.")
    .pipe(z.email({ error: "Indtast en gyldig e-mailadresse, fx hr@firma.dk." })),
});

export type CompanyContactInput = z.infer<typeof CompanyContactSchema>;
