import { z } from "zod";
import "./danish-errors";
import { addYears, compareIso, formatDanishDate } from "~/domain/dates";
import { withoutNul } from "~/domain/text-input";
import { decimalNumber, isoDate, municipalityCode, optionalIsoDate, optionalText, perDay, validDate } from "./fields";

/** Danish law lets children work from 13 (light work); a younger employee is a typing error. */
export const MINIMUM_AGE_AT_EMPLOYMENT = 13;

/** Postal codes in Denmark are four digits (0800–9990; Greenland and the Faroes use 39xx and 3xx). */
const POSTAL_CODE = /^\d{4}$/;

/**
 * The record HR keeps beside the facts the deadlines need: the payroll's employee
 * number (the import's match key), work e-mail, department, and the home address the
 * caseworker of the home municipality needs. All optional: a company may not have them.
 */
const employeeRecordFields = {
  employeeNumber: optionalText(50, "Medarbejdernummeret må højst have 50 tegn.").refine(
    (v) => v === undefined || /^[\p{L}\p{N}._/-]+$/u.test(v),
    "Medarbejdernummeret må kun indeholde bogstaver, tal og tegnene . _ / -.",
  ),
  email: optionalText(200, "E-mailadressen må højst have 200 tegn.").refine(
    (v) => v === undefined || z.email().safeParse(v).success,
    "Indtast en gyldig e-mailadresse, fx navn@firma.dk.",
  ),
  departmentName: optionalText(100, "Afdelingens navn må højst have 100 tegn."),
  addressLine: optionalText(200, "Adressen må højst have 200 tegn."),
  postalCode: optionalText(4, "Postnummeret skal være 4 cifre.").refine((v) => v === undefined || POSTAL_CODE.test(v), "Postnummeret skal være 4 cifre."),
  city: optionalText(100, "Bynavnet må højst have 100 tegn."),
};

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
  ...employeeRecordFields,
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

type ParsedEmployee = z.infer<ReturnType<typeof employeeSchema>>;
type RecordKey = keyof typeof employeeRecordFields;
/** The record's fields may be left out by a caller (a test, the seed): left out is blank. */
/**
 * One row of an employee file. The same rules as the form, except that a payroll
 * export often has no job title or weekly hours: both may be blank, and hours may be
 * written with a decimal comma ("37,5"). The import decides what a blank means.
 */
export const employeeImportRowSchema = perDay((today) =>
  employeeFields
    .extend({
      employeeNumber: employeeRecordFields.employeeNumber.refine((v) => v !== undefined, "Medarbejdernummeret skal udfyldes."),
      jobTitle: optionalText(200, "Stillingsbetegnelsen må højst have 200 tegn."),
      weeklyHours: z.preprocess(
        (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim().replace(",", ".")) : v),
        z.coerce
          .number({ error: "Skriv ugentlige timer som et tal, fx 37 eller 37,5." })
          .min(1, "Ugentlige timer skal være mindst 1.")
          .max(80, "Ugentlige timer kan højst være 80.")
          .optional(),
      ),
    })
    .superRefine((v, ctx) => checkEmployeeDates(v, today, ctx)),
);

export type EmployeeImportRow = z.infer<ReturnType<typeof employeeImportRowSchema>>;

export type EmployeeInput = Omit<ParsedEmployee, RecordKey> & Partial<Pick<ParsedEmployee, RecordKey>>;

export const EmployeeMoveSchema = z.object({
  toMunicipalityCode: municipalityCode,
  movedOn: isoDate({ required: "Indtast datoen for flytningen." }),
});

export type EmployeeMoveInput = z.infer<typeof EmployeeMoveSchema>;

export const EmployeeSearchSchema = z.object({
  q: z.string().trim().max(100).refine(withoutNul).optional().catch(undefined),
  side: z.coerce.number().int().min(1).optional().catch(undefined),
  /** "vis" shows the employees who have left with nothing open, whom the list otherwise leaves out. */
  fratraadte: z.enum(["vis"]).optional().catch(undefined),
});
