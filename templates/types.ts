/**
 * A PDF form as data: title, legal basis, sections of fields and who fills
 * each one, and a typed resolver from the stored data to the field values.
 * The renderer (app/pdf/render.server.ts) draws any template.
 */
/** "signature" is an empty framed area to sign on paper. */
export type FieldKind = "text" | "multiline" | "date" | "choice" | "checkbox" | "signature";
export type FilledBy = "employer" | "employee" | "doctor" | "jobcenter";

export interface TemplateField<Name extends string = string> {
  name: Name;
  label: string;
  kind: FieldKind;
  /**
   * Fields filled by hand ("doctor") become fillable AcroForm fields (a
   * choice becomes a group of radio buttons); the rest are printed.
   */
  filledBy: FilledBy;
  options?: ReadonlyArray<{ value: string; label: string }>;
}

export interface TemplateSection {
  heading: string;
  /** A line under the heading, e.g. who fills the section in. */
  note?: string;
  /** Starts on a page of its own, e.g. the part a doctor fills in. */
  startsOnNewPage?: boolean;
  /** Short printed facts (the parties) two to a row, each with its label above it. Not for fields filled by hand. */
  columns?: 2;
  fields: readonly TemplateField[];
}

export type FieldValue = string | boolean | null;

/** Fields filled by hand in a viewer or on paper: the data gives them no value. */
type HandFilledField = { filledBy: "doctor" } | { kind: "signature" };

type FieldOf<Sections extends readonly TemplateSection[]> = Sections[number]["fields"][number];

/** The name of every field of a template (or of its sections), as written in it. */
export type FieldName<T extends { sections: readonly TemplateSection[] }> = FieldOf<T["sections"]>["name"];

/** The fields the renderer prints from the data: a resolver must give each of them a value (null prints "–"). */
export type PrintedFieldName<T extends { sections: readonly TemplateSection[] }> = Exclude<FieldOf<T["sections"]>, HandFilledField>["name"];

/**
 * What a resolver returns for a template: one value per printed field, keyed by the field names of
 * the template itself, so a renamed or forgotten key fails the typecheck instead of printing "–".
 */
export type TemplateValues<T extends { sections: readonly TemplateSection[] }> = Record<PrintedFieldName<T>, FieldValue>;

/** A resolver from stored data to a template's values; also for a resolver kept outside the template's file. */
export type TemplateResolver<T extends { sections: readonly TemplateSection[] }, Data> = (data: Data) => TemplateValues<T>;

/**
 * A template whose `Sections` keep their literal field names (see `defineTemplate`); the
 * renderer takes any template, `FormTemplate<Data>`, where the names are plain strings.
 */
export interface FormTemplate<Data, Sections extends readonly TemplateSection[] = readonly TemplateSection[]> {
  id: string;
  title: string;
  legalBasis: string;
  intro?: string;
  sections: Sections;
  footer: string;
  /**
   * A promise about health information ("Dossieret indeholder ingen helbredsoplysninger."), printed after
   * the footer only when the diagnosis check, run by the renderer on every value the PDF prints, finds
   * nothing. A text the user confirmed as a false hit, or one stored before the check existed, drops it:
   * the document then makes no promise it cannot keep.
   */
  noHealthInformationClaim?: string;
  resolve: TemplateResolver<{ sections: Sections }, Data>;
}

/**
 * Declares a template with its field names kept as literal types, so its resolver is checked against
 * them. `Data` is taken from the resolver's parameter type.
 */
export function defineTemplate<Data, const Sections extends readonly TemplateSection[]>(template: FormTemplate<Data, Sections>): FormTemplate<Data, Sections> {
  return template;
}
