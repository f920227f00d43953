/**
 * The one rule for free text: the employer may record the consequences of an
 * illness for the work, never the illness itself (helbredsoplysningsloven).
 *
 * Every field a user can type prose into is made with `freeText`, and every
 * form holding one with `withDiagnosisCheck`: a text that names a diagnosis
 * gets a warning at its field (the text is kept) and is stored only when it is
 * rewritten or the user ticks "Teksten oplyser ikke en diagnose". It stays a
 * warning, not a wall: the word list has false hits, and the user decides.
 * tests/unit/forms/free-text.test.ts walks every schema exported from app/forms,
 * so a prose field made any other way fails the build's tests.
 */
import { z } from "zod";
import "./danish-errors";
import { findDiagnosisTerms } from "~/domain/diagnosis-terms";
import { checkbox, optionalText, requiredText } from "./fields";

export const NO_DIAGNOSIS_HINT = "Skriv om betydningen for arbejdet – ikke om sygdommen eller diagnosen.";
export const CONFIRM_NO_DIAGNOSIS_LABEL = "Teksten oplyser ikke en diagnose";
export const CONFIRM_NO_DIAGNOSIS_HINT = "Kryds af, hvis en tekst er markeret, men ikke nævner en diagnose.";

const FREE_TEXTS = new WeakSet<object>();

type RequiredFreeText = ReturnType<typeof requiredText>;
type OptionalFreeText = ReturnType<typeof optionalText>;

/**
 * A free-text field: trimmed, at most `max` characters, required when a
 * `required` message is given (blank optional text becomes undefined).
 */
export function freeText(options: { required: string; max: number; tooLong?: string }): RequiredFreeText;
export function freeText(options: { max: number; tooLong?: string }): OptionalFreeText;
export function freeText(options: { required?: string; max: number; tooLong?: string }): RequiredFreeText | OptionalFreeText {
  const schema = options.required ? requiredText(options.required, options.max, options.tooLong) : optionalText(options.max, options.tooLong);
  FREE_TEXTS.add(schema);
  return schema;
}

/** Whether a schema is a field made by `freeText`. */
export function isFreeText(schema: unknown): boolean {
  return typeof schema === "object" && schema !== null && FREE_TEXTS.has(schema);
}

/** What a model needs from a parsed form: the confirmation has done its work once the form is accepted. */
export type WithoutConfirmation<T> = Omit<T, "confirmNoDiagnosis">;

type Path = Array<string | number>;
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The free texts in a parsed value, found through the schema that parsed it (nested rows included). */
function freeTextsIn(schema: z.ZodType, value: unknown, path: Path, out: Array<[Path, unknown]>): void {
  if (isFreeText(schema)) {
    out.push([path, value]);
    return;
  }
  const def = defOf(schema);
  if (def.innerType) freeTextsIn(def.innerType, value, path, out);
  if (def.type === "pipe") {
    if (def.in) freeTextsIn(def.in, value, path, out);
    if (def.out) freeTextsIn(def.out, value, path, out);
  }
  if (def.type === "array" && def.element && Array.isArray(value)) {
    value.forEach((item, i) => freeTextsIn(def.element!, item, [...path, i], out));
  }
  if (def.type === "object" && def.shape && isRecord(value)) {
    for (const [key, field] of Object.entries(def.shape)) freeTextsIn(field, value[key], [...path, key], out);
  }
}

function diagnosisMessage(terms: string[]): string {
  return `Teksten ser ud til at nævne en diagnose (${terms.join(", ")}). Beskriv i stedet betydningen for arbejdet, eller bekræft nedenfor, at teksten ikke oplyser en diagnose.`;
}

/**
 * A form's fields plus the "Teksten oplyser ikke en diagnose" checkbox, with
 * the diagnosis check on every `freeText` field among them. The check runs
 * even when other fields fail (a missing date or choice), so the user sees
 * every warning on the first try.
 */
export function withDiagnosisCheck<Shape extends z.ZodRawShape>(shape: Shape) {
  const schema = z.object(shape).extend({ confirmNoDiagnosis: checkbox });
  return schema.superRefine(
    (value, ctx) => {
      const v: unknown = value;
      if (!isRecord(v) || v.confirmNoDiagnosis === true) return;
      const texts: Array<[Path, unknown]> = [];
      freeTextsIn(schema, v, [], texts);
      for (const [path, text] of texts) {
        const terms = typeof text === "string" && text ? findDiagnosisTerms(text) : [];
        if (terms.length > 0) ctx.addIssue({ code: "custom", path, message: diagnosisMessage(terms) });
      }
    },
    { when: () => true },
  );
}
