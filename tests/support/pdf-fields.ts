import { PDFCheckBox, PDFDocument, PDFRadioGroup, PDFTextField } from "pdf-lib";
import { expect } from "vitest";
import { displayValue } from "~/pdf/render.server";
import type { FieldValue, FormTemplate, PrintedFieldName, TemplateField, TemplateSection } from "../../templates/types";

const handFilled = (f: TemplateField) => f.filledBy === "doctor" || f.kind === "signature";

/** A template's fields with their plain-string names, for tests that walk all of them. */
export function fieldsOf(template: { sections: readonly TemplateSection[] }): TemplateField[] {
  return template.sections.flatMap((s) => [...s.fields]);
}

/** The first words of a printed value: long values wrap over lines and pages. */
const start = (text: string) => text.split(/\s+/).slice(0, 6).join(" ");

/**
 * Every printed field shows a value of its own, in the template's order: the data must fill every
 * field with a distinct value, so a resolver key that is renamed, missing or crossed with another
 * field prints "–" or a duplicate or moves a value out of order, and the test fails at that field.
 * Every field filled by hand is a form field of its own name and kind, left empty for the hand.
 * `empty` names the fields the data leaves empty by the form's own rule (a refused plan has no goal):
 * they must print "–".
 */
export async function expectEveryFieldWithItsOwnValue<D, S extends readonly TemplateSection[]>(
  template: FormTemplate<D, S>,
  data: D,
  pdf: { flat: string; bytes: Uint8Array },
  empty: ReadonlyArray<PrintedFieldName<{ sections: S }>> = [],
) {
  const values: Record<string, FieldValue | undefined> = template.resolve(data);
  const fields = fieldsOf(template);
  for (const name of empty) expect(displayValue(fields.find((f) => f.name === name)!, values[name]), `${name} is meant to be empty`).toBe("–");
  const printed = fields
    .filter((f) => !handFilled(f) && !(empty as readonly string[]).includes(f.name))
    .map((field) => ({ field, text: start(displayValue(field, values[field.name])) }));

  for (const { field, text } of printed) expect(text, `${field.name} prints no value`).not.toBe("–");
  for (const { field, text } of printed) {
    const others = printed.filter((p) => p.field !== field && p.text === text).map((p) => p.field.name);
    expect(others, `the test data gives ${field.name} the same printed value as other fields`).toEqual([]);
  }
  for (const section of template.sections) expect(pdf.flat).toContain(section.heading);
  for (const field of fields) expect(pdf.flat, `the label of ${field.name}`).toContain(field.label);
  let cursor = 0;
  for (const { field, text } of printed) {
    const at = pdf.flat.indexOf(text, cursor);
    expect(at, `${field.name}'s value "${text}" is not printed after the fields before it`).toBeGreaterThanOrEqual(0);
    cursor = at + text.length;
  }

  const form = (await PDFDocument.load(pdf.bytes)).getForm();
  const fillable = fields.filter((f) => f.filledBy === "doctor" && f.kind !== "signature");
  expect(form.getFields().map((f) => f.getName()).sort()).toEqual(fillable.map((f) => f.name).sort());
  for (const field of fillable) {
    expect(values[field.name], `${field.name} is filled by hand, yet the resolver gives it a value`).toBeUndefined();
    const pdfField = form.getField(field.name);
    if (field.kind === "checkbox") {
      expect(pdfField).toBeInstanceOf(PDFCheckBox);
      expect((pdfField as PDFCheckBox).isChecked()).toBe(false);
    } else if (field.kind === "choice") {
      expect(pdfField).toBeInstanceOf(PDFRadioGroup);
      expect((pdfField as PDFRadioGroup).getOptions()).toEqual(field.options?.map((o) => o.value));
      expect((pdfField as PDFRadioGroup).getSelected()).toBeUndefined();
    } else {
      expect(pdfField).toBeInstanceOf(PDFTextField);
      expect((pdfField as PDFTextField).isMultiline()).toBe(field.kind === "multiline");
      expect((pdfField as PDFTextField).getText() ?? "").toBe("");
    }
  }
}
