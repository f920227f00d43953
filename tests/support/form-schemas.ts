/// <reference types="vite/client" />
/**
 * Every form schema in app/forms, found rather than listed: each export of each
 * module is a schema, a schema factory (called here with a fixed day) or a
 * field helper, so a new form cannot slip past the tests that walk them all
 * (free text, Danish messages).
 */
import type { z } from "zod";
import { isFreeText } from "~/forms/diagnosis";
import { MULIGHEDSERKLAERING_STEPS } from "~/forms/mulighedserklaering";

export const TODAY = "2026-11-25";

const modules = import.meta.glob<Record<string, unknown>>("../../app/forms/*.ts", { eager: true });

export const isSchema = (v: unknown): v is z.ZodType => typeof v === "object" && v !== null && "_zod" in v && "safeParse" in v;

/** How each exported schema factory is called to get the schemas it builds. */
export const FACTORIES: Record<string, (f: (...args: never[]) => unknown) => unknown[]> = {
  absenceSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  conversationSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  returnSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  fastTrackSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  fastTrackRequestSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  fastholdelsesplanSchema: (f) => [(f as (i: { today: string; firstAbsenceDay: string }) => unknown)({ today: TODAY, firstAbsenceDay: "2026-09-01" })],
  meetingStepSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  stepSchema: (f) => MULIGHEDSERKLAERING_STEPS.map((s) => (f as (step: string, t: string) => unknown)(s.slug, TODAY)),
  sentToDoctorSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  doctorAnswerSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  paragraph56Schema: (f) => [(f as (t: string) => unknown)(TODAY)],
  socialChapterSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  logEntrySchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  deadlineQuerySchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  calculatorSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  nemRefusionSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  employeeSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  employeeEditSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
  employeeImportRowSchema: (f) => [(f as (t: string) => unknown)(TODAY)],
};

/** Exported functions that build fields or compute values, not forms. */
export const HELPERS = new Set([
  "perDay",
  "isoDate",
  "optionalIsoDate",
  "validDate",
  "requiredText",
  "managerHasDepartments",
  "optionalText",
  "freeText",
  "isFreeText",
  "withDiagnosisCheck",
  "checkAbsenceDates",
  "missingSteps",
  "defaultDoctorDeadline",
  "formToQuery",
  "newPasswordHint",
  "danishErrorMap",
  "decimalNumber",
  "optionalDecimalNumber",
]);

export interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  values?: unknown[];
}
export const defOf = (s: z.ZodType) => s._zod.def as unknown as Def;

/** The object shapes a form schema parses (each option of a union is a form of its own). */
export function objectsOf(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.type === "object") return [schema];
  if (def.type === "union") return (def.options ?? []).flatMap(objectsOf);
  if (def.type === "pipe") return [...objectsOf(def.in!), ...objectsOf(def.out!)];
  if (def.innerType) return objectsOf(def.innerType);
  return [];
}

export interface Leaf {
  path: Array<string | number>;
  schema: z.ZodType;
}

/** Every field of an object, with rows of an array field walked into (their first row). */
export function leavesOf(schema: z.ZodType, path: Array<string | number> = []): Leaf[] {
  const shape = defOf(schema).shape ?? {};
  return Object.entries(shape).flatMap(([key, field]) => {
    const nested = nestedObject(field);
    return nested ? leavesOf(nested.schema, [...path, key, ...nested.prefix]) : [{ path: [...path, key], schema: field }];
  });
}

function nestedObject(field: z.ZodType): { schema: z.ZodType; prefix: number[] } | null {
  const def = defOf(field);
  if (isFreeText(field)) return null;
  if (def.type === "object") return { schema: field, prefix: [] };
  if (def.type === "array") {
    const inner = nestedObject(def.element!);
    return inner ? { schema: inner.schema, prefix: [0, ...inner.prefix] } : null;
  }
  if (def.type === "pipe") return nestedObject(def.out!) ?? nestedObject(def.in!);
  if (def.innerType) return nestedObject(def.innerType);
  return null;
}

/** The literal fields (a union's discriminator) a form needs to be recognised at all. */
export function literalsOf(schema: z.ZodType): Record<string, unknown> {
  const shape = defOf(schema).shape ?? {};
  return Object.fromEntries(
    Object.entries(shape)
      .filter(([, f]) => defOf(f).type === "literal")
      .map(([k, f]) => [k, defOf(f).values![0]]),
  );
}

export function setAt(target: Record<string, unknown>, path: Array<string | number>, value: unknown): Record<string, unknown> {
  let node: Record<string | number, unknown> = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) node[key] = value;
    else node = (node[key] ??= typeof path[i + 1] === "number" ? [] : {}) as Record<string | number, unknown>;
  });
  return target;
}

export interface Form {
  name: string;
  schema: z.ZodType;
}

export function allForms(): { forms: Form[]; unclassified: string[] } {
  const forms: Form[] = [];
  const unclassified: string[] = [];
  for (const [file, exports] of Object.entries(modules)) {
    for (const [name, value] of Object.entries(exports)) {
      if (isSchema(value)) forms.push({ name, schema: value });
      else if (typeof value === "function") {
        const factory = FACTORIES[name];
        if (factory) for (const built of factory(value as (...args: never[]) => unknown)) forms.push({ name, schema: built as z.ZodType });
        else if (!HELPERS.has(name)) unclassified.push(`${file}: ${name}`);
      }
    }
  }
  return { forms, unclassified };
}

