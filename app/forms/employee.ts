import { z } from "zod";
import { compareIso } from "~/domain/dates";
import { isoDate, municipalityCode, validDate } from "./fields";

const employeeFields = z
  .object({
    name: z
      .string({ error: "Indtast medarbejderens navn." })
      .trim()
      .min(1, "Indtast medarbejderens navn.")
      .max(200, "Navnet må højst have 200 tegn."),
    birthDate: isoDate({ required: "Indtast fødselsdatoen." }),
    municipalityCode,
    employmentStartDate: isoDate({ required: "Indtast datoen for ansættelsens start." }),
    jobTitle: z
      .string({ error: "Indtast stillingsbetegnelsen." })
      .trim()
      .min(1, "Indtast stillingsbetegnelsen.")
      .max(200, "Stillingsbetegnelsen må højst have 200 tegn."),
    weeklyHours: z.coerce
      .number({ error: "Indtast ugentlige timer som et tal, fx 37." })
      .min(1, "Ugentlige timer skal være mindst 1.")
      .max(80, "Ugentlige timer kan højst være 80."),
  });

function checkEmployeeDates(v: { birthDate: string; employmentStartDate: string }, ctx: z.RefinementCtx): void {
    if (!validDate(v.birthDate)) return;
    if (compareIso(v.birthDate, "1900-01-01") < 0) {
      ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Fødselsdatoen er for tidlig." });
    }
    if (validDate(v.employmentStartDate) && compareIso(v.employmentStartDate, v.birthDate) <= 0) {
      ctx.addIssue({ code: "custom", path: ["employmentStartDate"], message: "Ansættelsen kan ikke starte før fødselsdatoen." });
    }
}

export const EmployeeSchema = employeeFields.superRefine(checkEmployeeDates);

/** Editing leaves the home municipality alone: it changes only through a recorded move. */
export const EmployeeEditSchema = employeeFields.omit({ municipalityCode: true }).superRefine(checkEmployeeDates);

export type EmployeeInput = z.infer<typeof EmployeeSchema>;

export const EmployeeMoveSchema = z.object({
  toMunicipalityCode: municipalityCode,
  movedOn: isoDate({ required: "Indtast datoen for flytningen." }),
});

export type EmployeeMoveInput = z.infer<typeof EmployeeMoveSchema>;

export const EmployeeSearchSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  side: z.coerce.number().int().min(1).optional().catch(undefined),
});
