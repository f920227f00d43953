/** Field rules shared by the forms; every message is Danish and names the problem. */
import { z } from "zod";
import "./danish-errors";
import { formatDanishNumber, parseDanishNumber } from "~/domain/danish-text";
import { isIsoDate, parseDanishDate } from "~/domain/dates";
import { withoutNul } from "~/domain/text-input";
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

const INVALID_DATE = "Indtast en gyldig dato (dd.mm.åååå).";

/**
 * A typed date to ISO: the date fields are text fields showing dd.mm.åååå
 * whatever the browser's language, so the server reads the Danish forms
 * (and ISO, which links and older clients send).
 */
function toIsoDate(invalid: string) {
  return <T>(v: string, ctx: z.RefinementCtx<T>): string => {
    const iso = parseDanishDate(v);
    if (iso) return iso;
    ctx.addIssue({ code: "custom", message: invalid });
    return z.NEVER;
  };
}

export function isoDate(messages: { required: string; invalid?: string }) {
  return z
    .string({ error: messages.required })
    .trim()
    .min(1, { message: messages.required, abort: true })
    .transform(toIsoDate(messages.invalid ?? INVALID_DATE));
}

export function optionalIsoDate(invalid = INVALID_DATE) {
  return z
    .string({ error: invalid })
    .trim()
    .optional()
    .transform((v, ctx) => (v ? toIsoDate(invalid)(v, ctx) : undefined));
}

/**
 * Cross-field date rules run in zod 4 even when a field failed its own check;
 * they look only at the dates that are valid, so a bad date gives one clear message.
 */
export function validDate(v: unknown): v is string {
  return typeof v === "string" && isIsoDate(v);
}

/**
 * The largest id a row can have: ids are `integer` (int4) on PostgreSQL, so a larger number in a form
 * (a tampered hidden field) cannot name a row, and sent to the database it fails as out of range (a 500)
 * instead of finding nothing.
 */
export const MAX_ID = 2 ** 31 - 1;

export const municipalityCode = z.enum(MUNICIPALITY_CODES, { error: "Vælg en kommune på listen." });

export const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/**
 * A required short text (a name, a contact person): trimmed, with a length limit.
 * Prose a user writes about a case is made with `freeText` (./diagnosis), which adds the diagnosis check.
 */
export function requiredText(required: string, max: number, tooLong = `Teksten må højst have ${max} tegn.`) {
  return z.string({ error: required }).trim().min(1, required).max(max, tooLong).refine(withoutNul, NUL_IN_TEXT);
}

/** Shown for a NUL character in a text (see ~/domain/text-input). */
export const NUL_IN_TEXT = "Teksten indeholder et ugyldigt tegn. Skriv den igen.";

/** An optional short text: blank becomes undefined. */
export function optionalText(max: number, tooLong = `Teksten må højst have ${max} tegn.`) {
  return z
    .string()
    .trim()
    .max(max, tooLong)
    .refine(withoutNul, NUL_IN_TEXT)
    .optional()
    .transform((v) => (v ? v : undefined));
}

interface NumberRules {
  /** Shown when the text is no number (or, with `integer`, no whole number). */
  invalid: string;
  min: number;
  max: number;
  /** Shown below `min`; defaults to naming both bounds. */
  tooSmall?: string;
  /** Shown above `max`; defaults to naming both bounds. */
  tooBig?: string;
  integer?: boolean;
}

/** The number a field holds, undefined when it is blank, or z.NEVER after an issue. */
function readNumber(rules: NumberRules, raw: unknown, ctx: z.RefinementCtx<unknown>): number | undefined {
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== "string" && typeof raw !== "number") return fail(rules.invalid);
  const text = String(raw).trim();
  if (!text) return undefined;
  const n = parseDanishNumber(text);
  if (n === null || (rules.integer && !Number.isInteger(n))) return fail(rules.invalid);
  const range = `Indtast et tal fra ${formatDanishNumber(rules.min)} til ${formatDanishNumber(rules.max)}.`;
  if (n < rules.min) return fail(rules.tooSmall ?? range);
  if (n > rules.max) return fail(rules.tooBig ?? range);
  return n;
}

/**
 * A typed number, read the Danish way ("37,5" as well as "37.5"): every
 * number a user types goes through here or `optionalDecimalNumber`.
 * `.optional()` before the transform keeps a missing key from being an
 * error of its own: the transform names it.
 */
export function decimalNumber(rules: NumberRules & { required: string }) {
  return z
    .unknown()
    .optional()
    .transform((raw, ctx): number => {
      const n = readNumber(rules, raw, ctx);
      if (n !== undefined) return n;
      ctx.addIssue({ code: "custom", message: rules.required });
      return z.NEVER;
    });
}

/** As `decimalNumber`, with blank meaning "not given". */
export function optionalDecimalNumber(rules: NumberRules) {
  return z
    .unknown()
    .optional()
    .transform((raw, ctx): number | undefined => readNumber(rules, raw, ctx));
}
