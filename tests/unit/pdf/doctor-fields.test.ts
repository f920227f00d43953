import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRadioGroup, PDFRawStream, PDFRef, PDFString, PDFTextField, type PDFField } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { FIELD_FONT_SIZE, renderPdf, fontStreamDeflationCount } from "~/pdf/render.server";
import { fastholdelsesplanTemplate, type FastholdelsesplanPdfData } from "../../../templates/fastholdelsesplan";
import { mulighedserklaeringTemplate, type MulighedserklaeringPdfData } from "../../../templates/mulighedserklaering";
import { paragraph56Template, type Paragraph56PdfData } from "../../../templates/paragraph56";
import type { FormTemplate, TemplateField, TemplateSection } from "../../../templates/types";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-doctor-"));
const A4_HEIGHT = 841.89;
/** The renderer keeps this much free above the page number. */
const BOTTOM = 80;
const SIGNATURE_HEIGHT = 44;

const declaration: MulighedserklaeringPdfData = {
  reference: "FH-000042",
  company: { name: "Søren Ærø Åberg ApS", cvr: "12972997" },
  employee: { name: "Łukasz Şahin", jobTitle: "Tømrer" },
  part1: {
    contactPerson: "Lise Holm",
    contactPhone: "12 34 56 78",
    functionalLimitations: "Kan ikke løfte over 10 kg eller stå i længere tid.",
    affectedFunctions: "Montage over skulderhøjde og tunge løft.",
    doctorAssessOnly: false,
    changedTasks: true,
    reducedHours: true,
    hoursPerWeek: 20,
    gradualReturn: true,
    durationWeeks: 6,
    meetingDate: "2026-11-20",
    bothPresent: true,
  },
  doctorDeadline: "2026-12-04",
};

const DOCTOR_FIELDS = (mulighedserklaeringTemplate.sections as readonly TemplateSection[]).flatMap((s) => s.fields).filter((f) => f.filledBy === "doctor");
const FILLABLE = DOCTOR_FIELDS.filter((f) => f.kind !== "signature");

/** What a doctor might type: long, Danish, with æ, ø and å. */
const LONG_ANSWER =
  "Medarbejderen kan løfte op til 5 kg, gå på trapper i kort tid og arbejde ved skærm i perioder på højst to timer ad gangen. " +
  "Tunge løft, arbejde over skulderhøjde og lange dage på byggepladsen bør undgås de næste seks uger. Æbleø, Østerå og Åbyhøj.";
const SHORT_ANSWERS: Record<string, string> = {
  doctorExpectedDuration: "Cirka seks uger fra i dag, derefter gradvis tilbagevenden til fuld tid",
  doctorDate: "01.12.2026",
  doctorName: "Søren Ærø Åberg, praktiserende læge, Lægehuset Østergade",
};

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** Every word with its box and page, as `pdftotext -bbox` sees the rendered pages (y from the top). */
function words(file: string): Word[] {
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8" });
  const result: Word[] = [];
  let page = 0;
  for (const line of html.split("\n")) {
    if (line.includes("<page ")) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (m) result.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: m[5]!.replace(/&amp;/g, "&") });
  }
  return result;
}

/** Where a label is printed: its page and the bottom of its last line. */
function findLabel(all: Word[], label: string, from = 0): { page: number; bottom: number; index: number } {
  const wanted = label.split(/\s+/);
  for (let i = from; i + wanted.length <= all.length; i++) {
    if (wanted.every((w, j) => all[i + j]!.text === w && all[i + j]!.page === all[i]!.page)) {
      const last = all[i + wanted.length - 1]!;
      return { page: last.page, bottom: last.yMax, index: i };
    }
  }
  throw new Error(`label not printed: ${label}`);
}

function save(bytes: Uint8Array, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** The pages (1-based) holding each widget of a field, found through the pages' /Annots. */
function widgetPlaces(doc: PDFDocument, field: PDFField) {
  return field.acroField.getWidgets().map((widget) => {
    const ref = doc.context.getObjectRef(widget.dict)!;
    const page = doc.getPages().findIndex((p) => p.node.Annots()?.asArray().some((a) => a instanceof PDFRef && a === ref)) + 1;
    return { page, rect: widget.getRectangle() };
  });
}

function fontSizeOf(da: string | undefined): number {
  const m = /\/\S+\s+([\d.]+)\s+Tf/.exec(da ?? "");
  return m ? Number(m[1]) : Number.NaN;
}

describe("the doctor's part of the mulighedserklæring", () => {
  it("sets every text field at 10 pt in the embedded IBM Plex Sans, named in the form's resources for a viewer", async () => {
    const doc = await PDFDocument.load(await renderPdf(mulighedserklaeringTemplate, declaration, { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" }));
    const acroForm = doc.getForm().acroForm.dict;
    const fonts = acroForm.lookup(PDFName.of("DR"), PDFDict).lookup(PDFName.of("Font"), PDFDict);
    const formDa = acroForm.lookup(PDFName.of("DA"), PDFString).decodeText();
    expect(fontSizeOf(formDa)).toBe(FIELD_FONT_SIZE);
    for (const field of FILLABLE.filter((f) => f.kind === "text" || f.kind === "multiline")) {
      const pdfField = doc.getForm().getTextField(field.name);
      const da = pdfField.acroField.getDefaultAppearance();
      expect(fontSizeOf(da), field.name).toBe(FIELD_FONT_SIZE);
      const fontName = /\/(\S+)\s+[\d.]+\s+Tf/.exec(da!)![1]!;
      const font = fonts.lookup(PDFName.of(fontName), PDFDict);
      expect(font.lookup(PDFName.of("BaseFont"))?.toString()).toMatch(/IBMPlexSans/);
      // Embedded whole (a subset would lack the glyphs of what the doctor types later).
      const descendant = font.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
      const descriptor = descendant.lookup(PDFName.of("FontDescriptor"), PDFDict);
      expect(descriptor.has(PDFName.of("FontFile2"))).toBe(true);
      expect(font.lookup(PDFName.of("BaseFont"))?.toString()).not.toMatch(/^\/[A-Z]{6}\+/);
      expect(pdfField.isMultiline(), field.name).toBe(field.kind === "multiline");
    }
  });

  it("embeds the fields' font with every character of IBM Plex Sans, without shaping or hinting tables, deflated once however many documents", async () => {
    const whole = fontkit.create(fs.readFileSync(path.resolve("node_modules/dkfds/dist/fonts/IBMPlexSans/complete/ttf/IBMPlexSans-Regular.ttf")));
    const meta = { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" };
    await renderPdf(mulighedserklaeringTemplate, declaration, meta);
    const afterFirst = fontStreamDeflationCount();
    const pdfs = [await renderPdf(mulighedserklaeringTemplate, declaration, meta)];
    // The same text again: its subsets and character maps are known, nothing is deflated anew.
    expect(fontStreamDeflationCount()).toEqual(afterFirst);
    pdfs.push(await renderPdf(mulighedserklaeringTemplate, { ...declaration, employee: { name: "Zoë Ćwik", jobTitle: "Murer" } }, meta));
    expect(afterFirst.whole).toBe(1);
    expect(fontStreamDeflationCount().whole).toBe(1);
    // New glyphs: the regular face's new subset and its character map, not the fields' font again.
    expect(fontStreamDeflationCount().other - afterFirst.other).toBe(2);
    for (const bytes of pdfs) {
      const doc = await PDFDocument.load(bytes);
      const fontRef = doc.getForm().acroForm.dict.lookup(PDFName.of("DR"), PDFDict).lookup(PDFName.of("Font"), PDFDict);
      const fieldFontDict = fontRef.lookup(fontRef.keys()[0]!, PDFDict);
      const descriptor = fieldFontDict.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict).lookup(PDFName.of("FontDescriptor"), PDFDict);
      const file = descriptor.lookup(PDFName.of("FontFile2"));
      if (!(file instanceof PDFRawStream)) throw new Error("the fields' font has no font file");
      const embedded = fontkit.create(zlib.inflateSync(file.contents));
      // Every character the whole font draws, with the same advance: whatever a doctor types fits as before.
      expect(embedded.characterSet).toEqual(whole.characterSet);
      for (const codePoint of whole.characterSet) {
        expect(embedded.glyphForCodePoint(codePoint).advanceWidth, codePoint.toString(16)).toBe(whole.glyphForCodePoint(codePoint).advanceWidth);
      }
      for (const text of ["Æbleø, Østerå og Åbyhøj", "Łukasz Şahin", "Зоя Ковальчук", "Σοφία"]) {
        expect(embedded.layout(text).glyphs.every((glyph) => glyph.id !== 0), text).toBe(true);
      }
      const tables = Object.keys((embedded as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables);
      for (const dropped of ["GSUB", "GPOS", "GDEF", "fpgm", "prep", "cvt "]) expect(tables).not.toContain(dropped);
      // The reason it exists: the font file is well under half the whole font's.
      expect(file.contents.length).toBeLessThan(40_000);
    }
  });

  it("gives every field its label as tooltip and tabs through them in reading order", async () => {
    const doc = await PDFDocument.load(await renderPdf(mulighedserklaeringTemplate, declaration, { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" }));
    const form = doc.getForm();
    for (const field of FILLABLE) {
      const tu = form.getField(field.name).acroField.dict.lookup(PDFName.of("TU"));
      expect(tu, field.name).toBeInstanceOf(PDFHexString);
      expect((tu as PDFHexString).decodeText()).toBe(field.label);
    }
    const order: string[] = [];
    for (const page of doc.getPages()) {
      if (!page.node.Annots()) continue;
      expect(page.node.lookup(PDFName.of("Tabs"))?.toString()).toBe("/R");
      for (const ref of page.node.Annots()!.asArray()) {
        const field = form.getFields().find((f) => f.acroField.getWidgets().some((w) => doc.context.getObjectRef(w.dict) === ref));
        if (field && order.at(-1) !== field.getName()) order.push(field.getName());
      }
    }
    expect(order).toEqual(FILLABLE.map((f) => f.name));
  });

  it("keeps each label of part 2 on the page of its box, the stamp and the signature included", async () => {
    const bytes = await renderPdf(mulighedserklaeringTemplate, declaration, { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" });
    const file = save(bytes, "places");
    const all = words(file);
    const doc = await PDFDocument.load(bytes);
    const part2 = findLabel(all, (mulighedserklaeringTemplate.sections as readonly TemplateSection[]).find((s) => s.startsOnNewPage)!.heading).index;
    for (const field of DOCTOR_FIELDS) {
      const label = findLabel(all, field.label, part2);
      if (field.kind === "signature") {
        expect(label.bottom + SIGNATURE_HEIGHT, field.name).toBeLessThanOrEqual(A4_HEIGHT - BOTTOM + 1);
        continue;
      }
      for (const place of widgetPlaces(doc, doc.getForm().getField(field.name))) {
        expect(place.page, field.name).toBe(label.page);
        // The box starts below its label.
        expect(A4_HEIGHT - (place.rect.y + place.rect.height), field.name).toBeGreaterThanOrEqual(label.bottom - 1);
      }
    }
  });

  it("wraps a viewer's long Danish answers inside their boxes at 10 pt, and they read back as typed", async () => {
    const doc = await PDFDocument.load(await renderPdf(mulighedserklaeringTemplate, declaration, { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" }));
    const form = doc.getForm();
    const typed = new Map<string, string>();
    for (const field of FILLABLE) {
      const pdfField = form.getField(field.name);
      if (pdfField instanceof PDFRadioGroup) pdfField.select(field.options!.at(-1)!.value);
      else if (pdfField instanceof PDFTextField) {
        const answer = field.kind === "multiline" ? LONG_ANSWER : SHORT_ANSWERS[field.name]!;
        pdfField.setText(answer);
        typed.set(field.name, answer);
      }
    }
    // Saved as a viewer saves: pdf-lib draws the fields' appearances from their /DA.
    const filledBytes = await doc.save();
    const file = save(filledBytes, "filled");
    const filled = await PDFDocument.load(filledBytes);
    const all = words(file);
    for (const [name, answer] of typed) {
      const field = filled.getForm().getTextField(name);
      expect(field.getText()).toBe(answer);
      expect(fontSizeOf(field.acroField.getDefaultAppearance()), name).toBe(FIELD_FONT_SIZE);
      const [place] = widgetPlaces(filled, field);
      const top = A4_HEIGHT - (place!.rect.y + place!.rect.height);
      const inside = all.filter((w) => w.page === place!.page && w.yMin >= top - 1 && w.yMax <= A4_HEIGHT - place!.rect.y + 1);
      // Every word typed is drawn inside the box, at a size near 10 pt: nothing clipped, nothing shrunk.
      expect(inside.map((w) => w.text).join(" "), name).toBe(answer.split(/\s+/).join(" "));
      for (const w of inside) {
        expect(w.xMax, name).toBeLessThanOrEqual(place!.rect.x + place!.rect.width + 1);
        expect(w.yMax - w.yMin, name).toBeGreaterThan(8);
        expect(w.yMax - w.yMin, name).toBeLessThan(15);
      }
    }
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Æbleø, Østerå og Åbyhøj.");
    expect(filled.getForm().getRadioGroup("doctorSoundness").getSelected()).toBe("nej");
    // The pages render as a viewer would show them; the PNGs are kept beside the PDF to look at.
    execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(tmp, "filled")]);
    expect(fs.readdirSync(tmp).filter((f) => f.startsWith("filled") && f.endsWith(".png")).length).toBeGreaterThanOrEqual(2);
  });
});

/** Printed part lengths that move the signatures over a page end, one line at a time. */
const LENGTHS = Array.from({ length: 24 }, (_, i) => i * 4);
const sentence = "Perioder hvor tunge løft ikke er mulige. ";

function expectSignaturesWithTheirBoxes<D>(template: FormTemplate<D>, variants: D[], name: string) {
  const signatures = template.sections.flatMap((s) => s.fields).filter((f: TemplateField) => f.kind === "signature");
  return Promise.all(
    variants.map(async (data, i) => {
      const file = save(await renderPdf(template, data, { companyName: "Nordbyg ApS", generatedOn: "2026-03-10" }), `${name}-${i}`);
      const all = words(file);
      for (const field of signatures) {
        const label = findLabel(all, field.label);
        expect(label.bottom + SIGNATURE_HEIGHT, `${field.name} with ${LENGTHS[i]} sentences`).toBeLessThanOrEqual(A4_HEIGHT - BOTTOM + 1);
      }
      const heading = findLabel(all, "Underskrifter");
      expect(heading.page).toBe(findLabel(all, signatures[0]!.label).page);
    }),
  );
}

describe("signature areas in every template", () => {
  it("keep the § 56 signatures' labels on the page of their boxes, however long the application", async () => {
    const base: Paragraph56PdfData = {
      reference: "P56-000003",
      company: { name: "Nordbyg ApS", cvr: "12972997" },
      employee: { name: "Łukasz Şahin", jobTitle: "Murer" },
      kind: "almindelig",
      effectOnWork: "",
      expectedDaysPerYear: 14,
      appliedOn: "2026-03-02",
      materialChange: null,
      approvedOn: "2026-03-10",
      validUntil: "2028-03-09",
    };
    await expectSignaturesWithTheirBoxes(paragraph56Template, LENGTHS.map((n) => ({ ...base, effectOnWork: sentence.repeat(n + 1).trim() })), "p56");
  });

  it("keep the fastholdelsesplan's signatures' labels on the page of their boxes, however long the plan", async () => {
    const base: FastholdelsesplanPdfData = {
      reference: "FH-000042",
      company: { name: "Nordbyg ApS", cvr: "12972997" },
      employee: { name: "Łukasz Şahin", jobTitle: "Murer" },
      firstAbsenceDay: "2026-02-02",
      firstFollowUpDue: "2026-03-30",
      plan: { requestedOn: "2026-02-20", decision: "plan", refusalReason: undefined, goal: "", steps: [], expectedReturnOn: "2026-04-01", adjustments: undefined, followUpPoints: undefined, confirmNoDiagnosis: false },
    };
    await expectSignaturesWithTheirBoxes(
      fastholdelsesplanTemplate,
      LENGTHS.map((n) => ({ ...base, plan: { ...base.plan, goal: sentence.repeat(n + 1).trim() } })),
      "plan",
    );
  });
});
