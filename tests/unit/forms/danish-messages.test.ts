/**
 * No English message ever: every field of every form in app/forms, fed every
 * kind of bad value, answers in Danish. Schemas carry their own messages where
 * they matter; the Danish error map (app/forms/danish-errors.ts) speaks for the
 * rest, so zod's English defaults ("Invalid input", "Expected string, received
 * number", "Too small") never reach a user.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import "~/forms/danish-errors";
import { allForms, leavesOf, literalsOf, objectsOf, setAt } from "../../support/form-schemas";

/** Words and phrases of zod's English messages (zod 4 and 3). */
const ENGLISH = /\b(invalid|expected|received|input|required|too (small|big)|must|should|string|number|option|unrecognized|characters?|items?|the|value|greater|less)\b/i;
/** A Danish message has a Danish letter or one of the small words every Danish sentence needs. */
const DANISH = /[æøåÆØÅ]|\b(og|ikke|skal|en|et|er|på|til|fra|med|af|den|det|som|kan|om|eller|Indtast|Vælg|Udfyld|Angiv|Skriv|Beskriv|Ret|Send|Gentag|Ukendt)\b/i;

function isEnglish(message: string): boolean {
  return ENGLISH.test(message) || !DANISH.test(message);
}

/** Every kind of bad value a browser or a script can send for one field. */
const BAD_VALUES: Array<[string, unknown]> = [
  ["missing", undefined],
  ["empty", ""],
  ["blank", "   "],
  ["null", null],
  ["a number", 42],
  ["a boolean", true],
  ["an object", { a: 1 }],
  ["a list", ["a", "b"]],
  ["too long", "x".repeat(100_001)],
  ["a malformed date", "2026-13-45"],
  ["an impossible Danish date", "31.02.2026"],
  ["not a date", "i går"],
  ["not a number", "mange"],
  ["a negative number", "-5"],
  ["a fraction", "2,5"],
  ["a huge number", "1e400"],
  ["an unknown option", "ukendt-vaerdi"],
];

interface Finding {
  field: string;
  value: string;
  message: string;
}

function englishMessages(): { findings: Finding[]; checked: number } {
  const findings: Finding[] = [];
  let checked = 0;
  for (const form of allForms().forms) {
    for (const object of objectsOf(form.schema)) {
      for (const leaf of leavesOf(object)) {
        for (const [kind, value] of BAD_VALUES) {
          const input = setAt({ ...literalsOf(object) }, leaf.path, value);
          for (const issue of form.schema.safeParse(input).error?.issues ?? []) {
            checked += 1;
            if (isEnglish(issue.message)) findings.push({ field: `${form.name}.${leaf.path.join(".")}`, value: kind, message: issue.message });
          }
        }
      }
    }
    // A body that is no object at all (a script posting JSON) is answered in Danish too.
    for (const [kind, value] of [["nothing", undefined], ["a text", "x"], ["a list", []]] as const) {
      for (const issue of form.schema.safeParse(value).error?.issues ?? []) {
        checked += 1;
        if (isEnglish(issue.message)) findings.push({ field: form.name, value: kind, message: issue.message });
      }
    }
  }
  return { findings, checked };
}

describe("every message of every form is Danish", () => {
  it("recognises zod's English defaults and accepts the forms' Danish", () => {
    for (const english of ["Invalid input", "Invalid input: expected string, received number", "Too small: expected string to have >=1 characters", "Invalid option: expected one of \"a\"|\"b\"", "Required"]) {
      expect(isEnglish(english), english).toBe(true);
    }
    for (const danish of ["Udfyld feltet.", "Indtast et tal, fx 37,5.", "Vælg en af mulighederne på listen.", "Teksten må højst have 200 tegn."]) {
      expect(isEnglish(danish), danish).toBe(false);
    }
  });

  it("answers every kind of bad value at every field of every form in Danish", () => {
    const { findings, checked } = englishMessages();
    expect(checked).toBeGreaterThan(1000);
    expect(findings).toEqual([]);
  });

  it("speaks Danish for a schema that forgot its messages, per kind of problem", () => {
    const schema = z.object({
      text: z.string().min(3).max(5),
      required: z.string(),
      count: z.number().int().min(1).max(10),
      choice: z.enum(["a", "b"]),
      email: z.email(),
      date: z.iso.date(),
      flag: z.boolean(),
      list: z.array(z.string()).min(1),
      either: z.union([z.literal("x"), z.number()]),
      exact: z.literal("ja"),
    }).strict();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ text: "ab" }, "text", "Skriv mindst 3 tegn."],
      [{ text: "abcdef" }, "text", "Teksten må højst have 5 tegn."],
      [{}, "required", "Udfyld feltet."],
      [{ required: 7 }, "required", "Feltet er ikke udfyldt rigtigt. Ret det, og prøv igen."],
      [{ count: "fem" }, "count", "Indtast et tal, fx 37,5."],
      [{ count: 2.5 }, "count", "Indtast et helt tal."],
      [{ count: 0 }, "count", "Tallet skal være mindst 1."],
      [{ count: 11 }, "count", "Tallet må højst være 10."],
      [{ choice: "c" }, "choice", "Vælg en af mulighederne på listen."],
      [{ email: "ikke-en-adresse" }, "email", "Indtast en gyldig e-mailadresse, fx navn@firma.dk."],
      [{ date: "01-02-2026" }, "date", "Indtast en gyldig dato (dd.mm.åååå)."],
      [{ flag: "ja" }, "flag", "Vælg ja eller nej."],
      [{ list: [] }, "list", "Vælg mindst én."],
      [{ either: "y" }, "either", "Feltet er ikke udfyldt rigtigt. Ret det, og prøv igen."],
      [{ exact: "nej" }, "exact", "Vælg en af mulighederne på listen."],
      [{ extra: 1 }, "", "Formularen indeholder felter, portalen ikke kender. Send den igen fra siden."],
    ];
    for (const [input, path, message] of cases) {
      const messages = (schema.safeParse(input).error?.issues ?? []).filter((i) => i.path.join(".") === path).map((i) => i.message);
      expect(messages, JSON.stringify(input)).toContain(message);
    }
  });

  it("keeps a schema's own message over the Danish default", () => {
    const r = z.string({ error: "Indtast navnet." }).min(1, "Indtast navnet.").safeParse(undefined);
    expect(r.error?.issues.map((i) => i.message)).toEqual(["Indtast navnet."]);
  });
});
