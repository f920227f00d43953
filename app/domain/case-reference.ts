/**
 * The one reference format of the portal: a kind code, a dash and six digits
 * (FH-000006). An absence is the case, and every document written within it
 * (fast track, mulighedserklæring, fastholdelsesplan) carries the case's FH
 * reference; what lives beside an absence has its own code. The reference is
 * what users quote on the phone, in e-mails and calendars instead of a name, so
 * it is printed one way everywhere and read back however it was typed.
 */

export const CASE_REFERENCE_KINDS = {
  /** The absence (sygefraværssag): the case itself. */
  FH: "Sygefraværssag",
  /** A mulighedserklæring written before or outside an absence. */
  ME: "Mulighedserklæring uden fraværssag",
  /** A § 56 agreement (it covers many absences). */
  P56: "§ 56-aftale",
  /** A social-chapter arrangement. */
  SK: "Ansættelse på sociale vilkår",
  /** Any other document not tied to an absence. */
  DOK: "Dokument uden fraværssag",
} as const;

export type CaseReferenceKind = keyof typeof CASE_REFERENCE_KINDS;

const DIGITS = 6;

export function formatReference(kind: CaseReferenceKind, id: number): string {
  if (!Number.isSafeInteger(id) || id < 1) throw new RangeError(`Reference id must be a positive integer, got ${id}`);
  return `${kind}-${String(id).padStart(DIGITS, "0")}`;
}

/** The case reference of an absence: FH-000006. */
export function caseReference(absenceId: number): string {
  return formatReference("FH", absenceId);
}

// Longest code first, so "P56" is not read as a "P" followed by digits.
const KINDS = (Object.keys(CASE_REFERENCE_KINDS) as CaseReferenceKind[]).sort((a, b) => b.length - a.length);

/**
 * A reference as a user may type it: any case, with or without the dash or
 * spaces, with or without the leading zeros ("fh6", "FH 000006", "Fh-000006").
 * Null for anything else, so a search can fall back to names.
 */
export function parseReference(input: string): { kind: CaseReferenceKind; id: number } | null {
  const compact = input.trim().toUpperCase().replace(/[\s-]+/g, "");
  for (const kind of KINDS) {
    if (!compact.startsWith(kind)) continue;
    const digits = compact.slice(kind.length);
    if (!/^[0-9]{1,9}$/.test(digits)) return null;
    const id = Number(digits);
    return id >= 1 ? { kind, id } : null;
  }
  return null;
}

/** The absence id of a typed case reference (FH only), or null. */
export function parseCaseReference(input: string): number | null {
  const parsed = parseReference(input);
  return parsed?.kind === "FH" ? parsed.id : null;
}

/** The help text that explains the format once, on the case list and in the README. */
export const CASE_REFERENCE_HELP =
  "Alle sager og dokumenter har et referencenummer: en kode, en bindestreg og seks cifre. " +
  "FH-000006 er sygefraværssagen, og alt, der skrives i sagen (fast track, mulighedserklæring, fastholdelsesplan), bærer sagens FH-nummer. " +
  "Det, der ligger uden for et fravær, har sin egen kode: ME (mulighedserklæring uden fraværssag), P56 (§ 56-aftale), SK (ansættelse på sociale vilkår) og DOK (andet dokument). " +
  "Du kan søge med eller uden bindestreg, med store eller små bogstaver og uden de foranstillede nuller (fx fh6).";

/** The social-chapter record's reference, shown instead of the employee's name in calendars and on the dossier. */
export function socialChapterReference(recordId: number): string {
  return formatReference("SK", recordId);
}

/** A § 56 agreement's number, on its reminders and its PDF. */
export function paragraph56Reference(agreementId: number): string {
  return formatReference("P56", agreementId);
}

/** A mulighedserklæring started without an absence (repeated absences) is referred to by its document. */
export function mulighedserklaeringReference(documentId: number): string {
  return formatReference("ME", documentId);
}
