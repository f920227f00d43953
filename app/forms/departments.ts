/**
 * The administrator's forms for departments and who manages them (/brugere/afdelinger),
 * and the company's setting whether managers may send to the jobcenter.
 */
import { z } from "zod";
import "./danish-errors";
import { checkbox, MAX_ID, requiredText } from "./fields";

export const ACCESS_LEVELS = ["hr", "manager"] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

export const ACCESS_LEVEL_LABELS: Record<AccessLevel, string> = {
  hr: "HR (hele virksomheden)",
  manager: "Nærmeste leder (udvalgte afdelinger)",
};

const id = z.coerce.number({ error: "Vælg på listen." }).int("Vælg på listen.").positive("Vælg på listen.").max(MAX_ID, "Vælg på listen.");

const departmentName = requiredText("Skriv afdelingens navn.", 100, "Afdelingens navn må højst have 100 tegn.");

export const accessLevel = z.enum(ACCESS_LEVELS, { error: "Vælg HR eller nærmeste leder." });

/** Checkboxes of departments: one value, several or none (none is refused for a manager by the refinement). */
export const departmentIds = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(id).max(500, "Vælg højst 500 afdelinger."));

export const NO_DEPARTMENT = "Vælg mindst én afdeling, som lederen er nærmeste leder for.";

/** A manager without departments would see nothing: refused at the checkboxes. */
export function managerHasDepartments(v: { accessLevel: AccessLevel; departmentIds: number[] }): boolean {
  return v.accessLevel === "hr" || v.departmentIds.length > 0;
}

export const NewDepartmentSchema = z.object({ name: departmentName });

export const RenameDepartmentSchema = z.object({ departmentId: id, name: departmentName });

export const UserAccessSchema = z
  .object({ userId: id, accessLevel, departmentIds })
  .refine(managerHasDepartments, { path: ["departmentIds"], message: NO_DEPARTMENT });

export const ManagersMaySubmitSchema = z.object({ managersMaySubmit: checkbox });
