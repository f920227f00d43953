import { z } from "zod";
import "./danish-errors";
import { addYears, compareIso, formatDanishDate } from "~/domain/dates";
import { decimalNumber, isoDate, municipalityCode, optionalIsoDate, perDay, validDate } from "./fields";

/** Danish law lets children work from 13 (light work); a younger employee is a typing error. */
export const MINIMUM_AGE_AT_EMPLOYMENT = 13;

const employeeFields = z.object({
  name: z
    .string({ error: "Indtast medarbejderens navn." })
    .trim()
    .min(1, "Indtast medarbejderens navn.")
    .max(200, "Navnet må højst have 200 tegn."),
  birthDate: isoDate({ required: "Indtast fødselsdatoen." }),
  municipalityCode,
  employmentStartDate: isoDate({ required: "Indtast datoen for ansættelsens start." }),
  /** The last day of employment when notice is given or a fixed term ends (SDL § 7 a). */
  employmentEndDate: optionalIsoDate(),
  jobTitle: z
    .string({ error: "Indtast stillingsbetegnelsen." })
    .trim()
    .min(1, "Indtast stillingsbetegnelsen.")
    .max(200, "Stillingsbetegnelsen må højst have 200 tegn."),
  weeklyHours: decimalNumber({
    required: "Indtast ugentlige timer som et tal, fx 37.",
    invalid: "Indtast ugentlige timer som et tal, fx 37 eller 37,5.",
    min: 1,
    max: 80,
    tooSmall: "Ugentlige timer skal være mindst 1.",
    tooBig: "Ugentlige timer kan højst være 80.",
  }),
});

type EmployeeDates = { birthDate: string; employmentStartDate: string; employmentEndDate?: string };

/** Dates that cannot be true: a birth in the future or too close to the start, an end before the start. */
function checkEmployeeDates(v: EmployeeDates, today: string, ctx: z.RefinementCtx): void {
  if (validDate(v.birthDate)) {
    if (compareIso(v.birthDate, "1900-01-01") < 0) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Fødselsdatoen er for tidlig." });
    } else if (compareIso(v.birthDate, today) > 0) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Fødselsdatoen kan ikke ligge i fremtiden." });
    } else if (validDate(v.employmentStartDate) && compareIso(addYears(v.birthDate, MINIMUM_AGE_AT_EMPLOYMENT), v.employmentStartDate) > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["birthDate"],
        message: `Medarbejderen skal være mindst ${MINIMUM_AGE_AT_EMPLOYMENT} år, da ansættelsen starter ${formatDanishDate(v.employmentStartDate)}.`,
      });
    }
  }
  if (validDate(v.employmentStartDate) && validDate(v.employmentEndDate) && compareIso(v.employmentEndDate, v.employmentStartDate) < 0) {
    ctx.addIssue({ code: "custom", path: ["employmentEndDate"], message: "Fratrædelsesdatoen kan ikke ligge før ansættelsens start." });
  }
}

/** `today` is the Copenhagen date; built once per day (perDay). */
export const employeeSchema = perDay((today) => employeeFields.superRefine((v, ctx) => checkEmployeeDates(v, today, ctx)));

/** Editing leaves the home municipality alone: it changes only through a recorded move. */
export const employeeEditSchema = perDay((today) =>
  employeeFields.omit({ municipalityCode: true }).superRefine((v, ctx) => checkEmployeeDates(v, today, ctx)),
);

export type EmployeeInput = z.infer<ReturnType<typeof employeeSchema>>;

export const EmployeeMoveSchema = z.object({
  toMunicipalityCode: municipalityCode,
  movedOn: isoDate({ required: "Indtast datoen for flytningen." }),
});

export type EmployeeMoveInput = z.infer<typeof EmployeeMoveSchema>;

export const EmployeeSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  side: z.coerce.number().int().min(1).optional().catch(undefined),
});
