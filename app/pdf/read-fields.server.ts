/**
 * Reads back what a viewer typed into the fillable fields of a PDF (the doctor's part of the
 * portal's own forms). Beside render.server.ts, the other module that imports pdf-lib.
 */
import { PDFCheckBox, PDFDocument, PDFRadioGroup, PDFTextField } from "pdf-lib";

export type FilledValue = string | boolean;

/**
 * The values of the named fields, or null when the file lacks any of them: a scan, a flattened
 * print or another form is not the form these fields were drawn in. A field left empty is absent from the result. A file pdf-lib cannot
 * read (broken, encrypted beyond reading) is treated as one without fields, never as an error:
 * it is still stored, and HR types the answer.
 */
export async function readFilledFields(bytes: Uint8Array, names: readonly string[]): Promise<Record<string, FilledValue> | null> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, throwOnInvalidObject: false, updateMetadata: false });
  } catch {
    return null;
  }
  let found = 0;
  const values: Record<string, FilledValue> = {};
  try {
    const form = doc.getForm();
    for (const name of names) {
      const field = form.getFieldMaybe(name);
      if (!field) continue;
      found++;
      if (field instanceof PDFTextField) {
        const text = field.getText()?.trim();
        if (text) values[name] = text;
      } else if (field instanceof PDFRadioGroup) {
        const selected = field.getSelected();
        if (selected) values[name] = selected;
      } else if (field instanceof PDFCheckBox) {
        if (field.isChecked()) values[name] = true;
      }
    }
  } catch {
    return null;
  }
  return found === names.length ? values : null;
}
