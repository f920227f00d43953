/**
 * The Danish words for every problem zod can report, installed once for the
 * whole app (server and browser: every form module imports this file, and so
 * does root.tsx). A schema's own message always wins; this map speaks only when
 * a schema forgot one, so zod's English defaults ("Invalid input", "Expected
 * string, received number") can never reach a user.
 */
import { z } from "zod";
import { formatDanishNumber, plural } from "~/domain/danish-text";

type Issue = z.core.$ZodRawIssue;

const FILL_IN = "Udfyld feltet.";
const NOT_RIGHT = "Feltet er ikke udfyldt rigtigt. Ret det, og prøv igen.";

function isBlank(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === "string" && input.trim() === "");
}

function invalidType(expected: string, input: unknown): string {
  if (isBlank(input) && expected !== "undefined" && expected !== "null") return FILL_IN;
  switch (expected) {
    case "number":
    case "bigint":
    case "nan":
      return "Indtast et tal, fx 37,5.";
    case "int":
      return "Indtast et helt tal.";
    case "boolean":
      return "Vælg ja eller nej.";
    case "date":
      return "Indtast en gyldig dato (dd.mm.åååå).";
    case "array":
    case "set":
    case "tuple":
      return "Vælg en eller flere af mulighederne.";
    case "file":
      return "Vælg en fil.";
    case "undefined":
    case "never":
      return "Feltet skal ikke udfyldes her.";
    default:
      return NOT_RIGHT;
  }
}

function amount(origin: string, n: number, inclusive: boolean | undefined, side: "min" | "max"): string {
  switch (origin) {
    case "string":
      if (side === "min" && n <= 1) return FILL_IN;
      return side === "min" ? `Skriv mindst ${plural(n, "tegn", "tegn")}.` : `Teksten må højst have ${plural(n, "tegn", "tegn")}.`;
    case "array":
    case "set":
      return side === "min" ? `Vælg mindst ${n === 1 ? "én" : formatDanishNumber(n)}.` : `Vælg højst ${formatDanishNumber(n)}.`;
    case "file":
      return side === "min" ? "Filen er tom." : `Filen må højst fylde ${formatDanishNumber(Math.round(n / 1_000_000))} MB.`;
    case "date":
      return side === "min" ? "Datoen er for tidlig." : "Datoen er for sen.";
    default: {
      const value = formatDanishNumber(n);
      if (side === "min") return inclusive === false ? `Tallet skal være større end ${value}.` : `Tallet skal være mindst ${value}.`;
      return inclusive === false ? `Tallet skal være mindre end ${value}.` : `Tallet må højst være ${value}.`;
    }
  }
}

function invalidFormat(format: string): string {
  switch (format) {
    case "email":
      return "Indtast en gyldig e-mailadresse, fx navn@firma.dk.";
    case "date":
    case "datetime":
      return "Indtast en gyldig dato (dd.mm.åååå).";
    case "time":
      return "Indtast et gyldigt klokkeslæt (tt.mm).";
    case "url":
      return "Indtast en gyldig webadresse.";
    default:
      return NOT_RIGHT;
  }
}

export function danishErrorMap(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      return invalidType(String(issue.expected), issue.input);
    case "too_small":
      return amount(String(issue.origin), Number(issue.minimum), issue.inclusive, "min");
    case "too_big":
      return amount(String(issue.origin), Number(issue.maximum), issue.inclusive, "max");
    case "invalid_format":
      return invalidFormat(String(issue.format));
    case "not_multiple_of":
      return Number(issue.divisor) === 1 ? "Indtast et helt tal." : `Tallet skal gå op i ${formatDanishNumber(Number(issue.divisor))}.`;
    case "invalid_value":
      return isBlank(issue.input) ? "Vælg en af mulighederne." : "Vælg en af mulighederne på listen.";
    case "unrecognized_keys":
      return "Formularen indeholder felter, portalen ikke kender. Send den igen fra siden.";
    case "invalid_union":
      return isBlank(issue.input) ? FILL_IN : NOT_RIGHT;
    default:
      return NOT_RIGHT;
  }
}

z.config({ customError: danishErrorMap });
