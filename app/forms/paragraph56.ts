import { z } from "zod";
import "./danish-errors";
import { compareIso } from "~/domain/dates";
import { MIN_EXPECTED_DAYS } from "~/domain/paragraph56";
import { freeText, withDiagnosisCheck } from "./diagnosis";
import { checkbox, decimalNumber, isoDate, MAX_ID, validDate } from "./fields";

export const PARAGRAPH56_KIND_OPTIONS = [
  { value: "almindelig", label: "Almindelig aftale (2 år)", hint: "Langvarig eller kronisk lidelse, der ventes at give mindst 10 fraværsdage om året." },
  { value: "midlertidig", label: "Midlertidig aftale (1 år)", hint: "Behandling besluttet ved ansættelsen, eller 21 dage allerede betalt for samme lidelse inden for 12 måneder." },
] as const;

/** The agreement's fields as the pages and the PDFs name them. */
export const PARAGRAPH56_LABELS = {
  kind: "Aftaletype",
  effectOnWork: "Lidelsens betydning for arbejdet",
  expectedDaysPerYear: "Forventede fraværsdage om året",
  appliedOn: "Ansøgt",
  materialChange: "Væsentlig ændring",
  renewalOfId: "Fornyelse af aftale nr.",
  approvedOn: "Godkendt fra",
  validUntil: "Gyldig til",
} as const;

export const RENEWAL_NOT_FOUND = "Aftalen, der skal fornyes, kunne ikke findes. Start fornyelsen igen fra medarbejderens § 56-side.";
export const RENEWAL_OTHER_EMPLOYEE = "Aftalen, der skal fornyes, tilhører en anden medarbejder. En § 56-aftale kan kun fornyes for den samme medarbejder.";

export function paragraph56Schema(today: string) {
  return withDiagnosisCheck({
      kind: z.enum(["almindelig", "midlertidig"], { error: "Vælg aftaletypen." }),
      effectOnWork: freeText({ required: "Beskriv lidelsens betydning for arbejdet.", max: 4000 }),
      expectedDaysPerYear: decimalNumber({
        required: "Indtast det forventede antal fraværsdage om året som et tal.",
        invalid: "Indtast et helt antal dage.",
        integer: true,
        min: 1,
        max: 365,
        tooSmall: "Indtast mindst 1 dag.",
        tooBig: "Et år har højst 365 dage.",
      }),
      employmentRequirement: z.enum(["yes", "no"], { error: "Angiv om medarbejderen opfylder beskæftigelseskravet." }),
      employerConfirms: checkbox,
      employeeConfirms: checkbox,
      appliedOn: isoDate({ required: "Indtast datoen for ansøgningen." }),
      materialChange: freeText({ max: 2000 }),
      // A hidden field: a tampered or stale value is shown above the form, not at a field.
      renewalOfId: z.coerce
        .number({ error: RENEWAL_NOT_FOUND })
        .int(RENEWAL_NOT_FOUND)
        .positive(RENEWAL_NOT_FOUND)
        .max(MAX_ID, RENEWAL_NOT_FOUND)
        .optional(),
    })
    .superRefine((v, ctx) => {
      if (v.kind === "almindelig" && v.expectedDaysPerYear < MIN_EXPECTED_DAYS) {
        ctx.addIssue({ code: "custom", path: ["expectedDaysPerYear"], message: "En almindelig aftale kræver mindst 10 forventede fraværsdage om året." });
      }
      if (v.employmentRequirement === "no") {
        ctx.addIssue({
          code: "custom",
          path: ["employmentRequirement"],
          message: "Aftalen kan ikke indgås: medarbejderen skal have været ansat de seneste 8 uger og have arbejdet mindst 74 timer i dem (sygedagpengeloven § 30).",
        });
      }
      if (!v.employerConfirms) ctx.addIssue({ code: "custom", path: ["employerConfirms"], message: "Arbejdsgiveren skal bekræfte ansøgningen." });
      if (!v.employeeConfirms) ctx.addIssue({ code: "custom", path: ["employeeConfirms"], message: "Medarbejderen skal bekræfte ansøgningen." });
      if (validDate(v.appliedOn) && compareIso(v.appliedOn, today) > 0) {
        ctx.addIssue({ code: "custom", path: ["appliedOn"], message: "Datoen kan ikke ligge i fremtiden." });
      }
    });
}

export type Paragraph56Input = z.infer<ReturnType<typeof paragraph56Schema>>;
