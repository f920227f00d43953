/**
 * A PDF form as data: title, legal basis, sections of fields and who fills
 * each one, and a typed resolver from the stored data to the field values.
 * The renderer (app/pdf/render.server.ts) draws any template.
 */
/** "signature" is an empty framed area to sign on paper. */
export type FieldKind = "text" | "multiline" | "date" | "choice" | "checkbox" | "signature";
export type FilledBy = "employer" | "employee" | "doctor" | "jobcenter";

export interface TemplateField {
  name: string;
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

export interface FormTemplate<Data> {
  id: string;
  title: string;
  legalBasis: string;
  intro?: string;
  sections: readonly TemplateSection[];
  footer: string;
  /**
   * A promise about health information ("Dossieret indeholder ingen helbredsoplysninger."), printed after
   * the footer only when the diagnosis check, run by the renderer on every value the PDF prints, finds
   * nothing. A text the user confirmed as a false hit, or one stored before the check existed, drops it:
   * the document then makes no promise it cannot keep.
   */
  noHealthInformationClaim?: string;
  resolve: (data: Data) => Record<string, FieldValue>;
}
