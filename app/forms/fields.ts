/** Field rules shared by the forms; every message is Danish and names the problem. */
import { z } from "zod";
import { isIsoDate } from "~/domain/dates";
import { MUNICIPALITY_CODES } from "~/domain/municipalities";

/**
 * A schema that depends only on the day, built once per day: building a zod 4 schema
 * compiles its validator (hundreds of microseconds, far more than a parse), and a hot
 * page or the API would otherwise build it for every request and render.
 */
export function perDay<S>(build: (today: string) => S): (today: string) => S {
  let day: string | undefined;
  let schema: S | undefined;
  return (today) => {
    if (today !== day || schema === undefined) {
      schema = build(today);
      day = today;
    }
    return schema;
  };
}

export function isoDate(messages: { required: string; invalid?: string }) {
  return z
    .string({ error: messages.required })
    .trim()
    .min(1, { message: messages.required, abort: true })
    .refine(isIsoDate, messages.invalid ?? "Indtast en gyldig dato (dd.mm.åååå).");
}

export function optionalIsoDate(invalid = "Indtast en gyldig dato (dd.mm.åååå).") {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isIsoDate(v), invalid);
}

/**
 * Cross-field date rules run in zod 4 even when a field failed its own check;
 * they look only at the dates that are valid, so a bad date gives one clear message.
 */
export function validDate(v: unknown): v is string {
  return typeof v === "string" && isIsoDate(v);
}

export const municipalityCode = z.enum(MUNICIPALITY_CODES, { error: "Vælg en kommune på listen." });

export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/**
 * A required short text (a name, a contact person): trimmed, with a length limit.
 * Prose a user writes about a case is made with `freeText` (./diagnosis), which adds the diagnosis check.
 */
export function requiredText(required: string, max: number, tooLong = `Teksten må højst have ${max} tegn.`) {
  return z.string({ error: required }).trim().min(1, required).max(max, tooLong);
}

/** An optional short text: blank becomes undefined. */
export function optionalText(max: number, tooLong = `Teksten må højst have ${max} tegn.`) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : undefined));
}
