/**
 * Draws a form template (templates/) with its data as an A4 PDF. The only
 * module that imports pdf-lib. Data from the portal is printed in IBM Plex
 * Sans (embedded, so names like "Łukasz Şahin" print); fields filled by hand
 * become AcroForm fields set in IBM Plex Sans as well, at a fixed size, with
 * their label as tooltip.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, rgb, type PDFContext, type PDFField, type PDFFont, type PDFPage, type PDFRef } from "pdf-lib";
import type { Font, Fontkit, GlyphRun, SubsetStream } from "pdf-lib/cjs/types/fontkit";
import { formatDanishDate, isIsoDate, todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { findDiagnosisTerms } from "~/domain/diagnosis-terms";
import { BoundedMemo } from "../../lib/bounded-memo";
import { fieldFontFrom } from "./field-font.server";
import type { FieldValue, FormTemplate, TemplateField, TemplateSection } from "../../templates/types";

const FONT_DIR = path.resolve(process.cwd(), "node_modules/dkfds/dist/fonts/IBMPlexSans/complete/ttf");

// Read once per process: the bytes are the same for every document.
let fontBytes: Promise<{ regular: Buffer; bold: Buffer }> | undefined;
function loadFonts() {
  fontBytes ??= Promise.all([
    fs.promises.readFile(path.join(FONT_DIR, "IBMPlexSans-Regular.ttf")),
    fs.promises.readFile(path.join(FONT_DIR, "IBMPlexSans-SemiBold.ttf")),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontBytes;
}

// The form fields' font (field-font.server.ts), made once per process from the regular face when
// the first document with fields a viewer fills is drawn. Its own bytes, not the regular face's:
// embedding a font whole makes fontkit describe every glyph by the font's own character map (the
// "fi" ligature as U+FB01), and that must not leak into the shared parsed font of the printed text.
// Should the subsetter fail, the fields get a copy of the whole regular face, as before it existed.
let fieldFontBytes: Promise<Buffer> | undefined;
function loadFieldFont(regular: Buffer): Promise<Buffer> {
  fieldFontBytes ??= fieldFontFrom(regular).catch((error: unknown) => {
    console.error("The fields' font could not be reduced; embedding the whole regular face:", error);
    return Buffer.from(regular);
  });
  return fieldFontBytes;
}

// Parsing IBM Plex Sans and laying out text with its substitution tables is most of a
// document's cost, and both are the same for every document: the parsed font is shared,
// and so are the layouts of the texts already seen (labels, legal texts, the lines being
// fitted). A layout is read, never changed, by pdf-lib; each document keeps its own subset.
const LAYOUT_MEMO_SIZE = 5_000;
const parsedFonts = new Map<Uint8Array, Font>();
const sharedFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string): Font {
    if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName);
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      const layout = font.layout.bind(font);
      const layoutWithoutFeatures = (text: string) => layout(text);
      const layouts = new BoundedMemo<string, GlyphRun>(LAYOUT_MEMO_SIZE);
      font.layout = (text, features) => {
        if (features !== undefined) return layout(text, features);
        return layouts.getOrCompute(text, layoutWithoutFeatures);
      };
      memoizeSubsets(font);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

// Encoding a subset (reading and re-encoding each glyph's outline) is the next largest cost,
// and documents of one template mostly use the same glyphs in the same order: the encoded
// subset is kept per sequence of included glyphs, which alone determines it for a font.
const SUBSET_MEMO_SIZE = 100;
function memoizeSubsets(font: Font): void {
  const encoded = new BoundedMemo<string, Uint8Array>(SUBSET_MEMO_SIZE);
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset();
    const included: number[] = [];
    const includeGlyph = subset.includeGlyph.bind(subset);
    subset.includeGlyph = (glyph) => {
      const id = includeGlyph(glyph);
      included[id] = typeof glyph === "number" ? glyph : glyph.id;
      return id;
    };
    const encodeStream = subset.encodeStream.bind(subset);
    subset.encodeStream = () => {
      const key = included.join(",");
      const known = encoded.get(key);
      if (known) return replay(known);
      const stream = encodeStream();
      const parts: Uint8Array[] = [];
      stream.on("data", (part) => parts.push(part));
      stream.on("end", () => {
        encoded.set(key, Buffer.concat(parts));
      });
      return stream;
    };
    return subset;
  };
}

/** The events of an encode stream for bytes already encoded: data, then end, after the caller has listened. */
function replay(bytes: Uint8Array): SubsetStream {
  const handlers: { data?: (data: Uint8Array) => unknown; end?: (data: Uint8Array) => unknown } = {};
  const stream: SubsetStream = {
    on(eventType, callback) {
      handlers[eventType] = callback;
      return stream;
    },
  };
  queueMicrotask(() => {
    handlers.data?.(bytes);
    handlers.end?.(bytes);
  });
  return stream;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 56;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const TOP = A4.height - MARGIN - 28; // below the running header
const BOTTOM = MARGIN + 24; // above the page number
const GREY = rgb(0.33, 0.33, 0.33);
const COLUMN_GAP = 16;
const COLUMN_WIDTH = (CONTENT_WIDTH - COLUMN_GAP) / 2;
const LABEL = { size: 10, line: 14 };
const VALUE = { size: 10.5, line: 10.5 * 1.4 };
/**
 * What a viewer types into a field: a fixed size, so a multi-line field wraps instead of
 * shrinking or growing its text to the box (a size of 0 means "auto", which pdf-lib and
 * viewers turn into one huge line in a tall box).
 */
export const FIELD_FONT_SIZE = 10;
const MULTILINE_HEIGHT = 72;
const SINGLE_LINE_HEIGHT = 20;
const SIGNATURE_HEIGHT = 44;
const OPTION_LINE = 18;
/** A printed value keeps at least this many of its lines on the page of its label. */
const VALUE_LINES_WITH_LABEL = 2;

export interface RenderMeta {
  companyName: string;
  generatedOn: IsoDate;
  /**
   * A version sent to the jobcenter, which never changes: the PDF is the same bytes for every
   * reader and every day (app/pdf/frozen-pdf-cache.server.ts), so it carries the time it was sent
   * (header, creation and modification date) and a file identifier from `id`, never the time
   * it was downloaded.
   */
  frozen?: { id: string; sentAt: string };
  /** A section printed after the template's first (the parties) for one reader only, e.g. the jobcenter's copy. */
  supplement?: { section: TemplateSection; values: Record<string, FieldValue> };
}

/** Splits text into lines that fit `width`, keeping the author's line breaks and breaking over-long words. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, "\n").split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** The printed form of a value: dates as dd.mm.åååå, choices by their label, empty as a dash. */
export function displayValue(field: TemplateField, value: FieldValue | undefined): string {
  if (value === null || value === undefined || value === "") return "–";
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (field.kind === "date" && isIsoDate(value)) return formatDanishDate(value);
  if (field.kind === "choice") return field.options?.find((o) => o.value === value)?.label ?? value;
  return value;
}

/** The template's promise about health information, when every printed value passes the diagnosis check. */
function claimFor(template: FormTemplate<never>, values: Record<string, FieldValue>): string | null {
  if (!template.noHealthInformationClaim) return null;
  const clean = Object.values(values).every((v) => typeof v !== "string" || findDiagnosisTerms(v).length === 0);
  return clean ? template.noHealthInformationClaim : null;
}

// Font streams (the fields' font embedded whole, the subsets, their character maps) repeat from
// document to document, and deflating them was most of a mulighedserklæring's cost (CPU profiles at
// 64 connections: zlib under CustomFontEmbedder.embedFontStream, then under embedUnicodeCmap for all
// the fields' font's characters). Each distinct stream is deflated once per process: the fields'
// font by identity (the same bytes object every time), every other one by a digest of its bytes. The bytes
// are those pdf-lib's own flateStream (patched to Node's zlib, 003) writes for them.
const FONT_STREAM_MEMO_SIZE = 200;
const deflatedByIdentity = new WeakMap<Uint8Array, Uint8Array>();
const deflatedByDigest = new BoundedMemo<string, Uint8Array>(FONT_STREAM_MEMO_SIZE);
const fontStreamDeflations = { whole: 0, other: 0 };
/** Font streams this process has deflated (tests: each distinct stream once, however many documents). */
export function fontStreamDeflationCount(): { whole: number; other: number } {
  return { ...fontStreamDeflations };
}
function deflate(bytes: Uint8Array, kind: keyof typeof fontStreamDeflations): Uint8Array {
  fontStreamDeflations[kind]++;
  const out = zlib.deflateSync(bytes);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}
function deflateFontStreamsOnce(doc: PDFDocument, whole: Uint8Array | null): void {
  const context = doc.context;
  // On this document's own context only (006). pdf-lib calls flateStream for font files and
  // character maps only; page and form contents are deflated by their own streams when saved.
  context.flateStream = (contents, dict = {}) => {
    const bytes = typeof contents === "string" ? Buffer.from(contents, "latin1") : contents;
    let deflated: Uint8Array;
    if (bytes === whole) {
      deflated = deflatedByIdentity.get(whole) ?? deflate(whole, "whole");
      deflatedByIdentity.set(whole, deflated);
    } else {
      const digest = `${bytes.length}:${createHash("sha256").update(bytes).digest("base64")}`;
      deflated = deflatedByDigest.getOrCompute(digest, () => deflate(bytes, "other"));
    }
    return context.stream(deflated, { ...dict, Filter: "FlateDecode" });
  };
}

/** The parts of pdf-lib's CustomFontEmbedder that describe a whole font's every glyph (006). */
interface WholeFontEmbedder {
  computeWidths(): unknown[];
  embedUnicodeCmap(context: PDFContext): PDFRef;
}
// A font embedded whole is described by all its glyphs (887 in the fields' font): the widths array and the character map
// (text → glyph) are built anew for every document, though they depend on the font alone, which is
// the same bytes for the whole process. Built once, from the first document's own embedding.
let wholeFontTables: { widths: unknown[]; cmap: Uint8Array } | undefined;
function shareWholeFontTables(font: PDFFont): void {
  const embedder = (font as unknown as { embedder: WholeFontEmbedder }).embedder;
  const computeWidths = embedder.computeWidths.bind(embedder);
  const embedUnicodeCmap = embedder.embedUnicodeCmap.bind(embedder);
  embedder.computeWidths = () => wholeFontTables?.widths ?? computeWidths();
  embedder.embedUnicodeCmap = (context) => {
    if (wholeFontTables) return context.register(context.stream(wholeFontTables.cmap, { Filter: "FlateDecode" }));
    const ref = embedUnicodeCmap(context);
    const cmap = context.lookup(ref);
    if (cmap instanceof PDFRawStream) wholeFontTables = { widths: computeWidths(), cmap: cmap.contents };
    return ref;
  };
}

export async function renderPdf<Data>(template: FormTemplate<Data>, data: Data, meta: RenderMeta): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(sharedFontkit);
  const bytes = await loadFonts();
  const hasFieldsToFill = template.sections.some((s) => s.fields.some((f) => f.filledBy === "doctor" && f.kind !== "signature"));
  const fieldFontBytes = hasFieldsToFill ? await loadFieldFont(bytes.regular) : null;
  deflateFontStreamsOnce(doc, fieldFontBytes);
  const regular = await doc.embedFont(bytes.regular, { subset: true });
  const bold = await doc.embedFont(bytes.bold, { subset: true });
  const values = { ...template.resolve(data), ...meta.supplement?.values };
  const sections = meta.supplement ? [...template.sections.slice(0, 1), meta.supplement.section, ...template.sections.slice(1)] : template.sections;
  const form = doc.getForm();

  doc.setTitle(template.title, { showInWindowTitleBar: true });
  doc.setLanguage("da-DK");
  doc.setAuthor("Fasthold");
  doc.setSubject(template.legalBasis);
  doc.setCreator("Fasthold");
  doc.setProducer("Fasthold (pdf-lib)");
  const created = meta.frozen ? new Date(meta.frozen.sentAt) : new Date();
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  if (meta.frozen) {
    // The file identifier (ISO 32000-1 § 14.4) of the version, so two copies are recognisably the same file.
    const id = PDFHexString.of(createHash("sha256").update(meta.frozen.id).digest("hex").slice(0, 32));
    doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  }

  let page: PDFPage = doc.addPage([A4.width, A4.height]);
  let y = TOP;

  const newPage = () => {
    page = doc.addPage([A4.width, A4.height]);
    y = TOP;
  };
  const ensure = (height: number) => {
    if (y - height < BOTTOM) newPage();
  };
  const write = (text: string, font: PDFFont, size: number, options: { gapAfter?: number; color?: ReturnType<typeof rgb>; indent?: number } = {}) => {
    const indent = options.indent ?? 0;
    for (const line of wrapText(text, font, size, CONTENT_WIDTH - indent)) {
      ensure(size * 1.4);
      page.drawText(line, { x: MARGIN + indent, y: y - size, size, font, color: options.color ?? rgb(0, 0, 0) });
      y -= size * 1.4;
    }
    y -= options.gapAfter ?? 0;
  };

  /** Two printed fields side by side, each with its label above its value. */
  const writePair = (pair: readonly TemplateField[]) => {
    const cells = pair.map((field) => {
      if (field.filledBy === "doctor" || field.kind === "signature") throw new Error(`${field.name} is filled by hand and cannot be printed in columns`);
      return {
        label: wrapText(field.label, bold, LABEL.size, COLUMN_WIDTH),
        value: wrapText(displayValue(field, values[field.name]), regular, VALUE.size, COLUMN_WIDTH),
      };
    });
    const labelHeight = Math.max(...cells.map((c) => c.label.length)) * LABEL.line + 1;
    const height = labelHeight + Math.max(...cells.map((c) => c.value.length)) * VALUE.line + 6;
    ensure(height);
    cells.forEach((cell, column) => {
      const x = MARGIN + column * (COLUMN_WIDTH + COLUMN_GAP);
      cell.label.forEach((line, i) => page.drawText(line, { x, y: y - i * LABEL.line - LABEL.size, size: LABEL.size, font: bold }));
      cell.value.forEach((line, i) => page.drawText(line, { x, y: y - labelHeight - i * VALUE.line - VALUE.size, size: VALUE.size, font: regular }));
    });
    y -= height;
  };

  write(template.title, bold, 18, { gapAfter: 4 });
  write(template.legalBasis, regular, 9, { color: GREY, gapAfter: 8 });
  if (template.intro) write(template.intro, regular, 10.5, { gapAfter: 10 });

  const labelHeight = (field: TemplateField) => wrapText(field.label, bold, LABEL.size, CONTENT_WIDTH).length * LABEL.size * 1.4 + 1;
  /**
   * The height a field needs below its label before the page may end: all of a box or a group
   * of choices, the first lines of a printed value. A label is never left without its box.
   */
  const bodyHeight = (field: TemplateField): number => {
    if (field.kind === "signature") return SIGNATURE_HEIGHT + 8;
    if (field.filledBy !== "doctor") {
      const lines = wrapText(displayValue(field, values[field.name]), regular, VALUE.size, CONTENT_WIDTH).length;
      return Math.min(lines, VALUE_LINES_WITH_LABEL) * VALUE.line + 6;
    }
    if (field.kind === "checkbox") return 22;
    if (field.kind === "choice" && field.options?.length) return field.options.length * OPTION_LINE + 6;
    return (field.kind === "multiline" ? MULTILINE_HEIGHT : SINGLE_LINE_HEIGHT) + 8;
  };
  const keepTogether = (field: TemplateField) => labelHeight(field) + bodyHeight(field);
  const noteHeight = (note: string | undefined) => (note ? wrapText(note, regular, 9.5, CONTENT_WIDTH).length * 9.5 * 1.4 + 6 : 0);

  // Fields a viewer fills in: every character of the font (not a subset of the printed text's), so
  // whatever the doctor types has its glyph.
  const fieldFont = fieldFontBytes ? await doc.embedFont(fieldFontBytes, { subset: false }) : null;
  if (fieldFont) shareWholeFontTables(fieldFont);
  const describe = (pdfField: PDFField, field: TemplateField) => {
    // The tooltip (TU) is what a screen reader announces and a viewer shows on hover.
    pdfField.acroField.dict.set(PDFName.of("TU"), PDFHexString.fromText(field.label));
  };

  for (const section of sections) {
    if (section.startsOnNewPage && y < TOP) newPage();
    const first = section.columns === 2 ? null : section.fields[0];
    ensure(6 + 13 * 1.4 + 4 + noteHeight(section.note) + (first ? keepTogether(first) : 40));
    y -= 6;
    write(section.heading, bold, 13, { gapAfter: 4 });
    if (section.note) write(section.note, regular, 9.5, { color: GREY, gapAfter: 6 });
    if (section.columns === 2) {
      for (let i = 0; i < section.fields.length; i += 2) writePair(section.fields.slice(i, i + 2));
      continue;
    }
    for (const field of section.fields) {
      ensure(keepTogether(field));
      write(field.label, bold, LABEL.size, { gapAfter: 1 });
      if (field.kind === "signature") {
        page.drawRectangle({ x: MARGIN, y: y - SIGNATURE_HEIGHT, width: CONTENT_WIDTH / 2, height: SIGNATURE_HEIGHT, borderColor: GREY, borderWidth: 0.75 });
        y -= SIGNATURE_HEIGHT + 8;
        continue;
      }
      if (field.filledBy === "doctor" && fieldFont) {
        if (field.kind === "checkbox") {
          const box = form.createCheckBox(field.name);
          box.addToPage(page, { x: MARGIN, y: y - 16, width: 14, height: 14 });
          describe(box, field);
          y -= 22;
        } else if (field.kind === "choice" && field.options?.length) {
          const group = form.createRadioGroup(field.name);
          for (const option of field.options) {
            group.addOptionToPage(option.value, page, { x: MARGIN, y: y - 14, width: 12, height: 12 });
            page.drawText(option.label, { x: MARGIN + 20, y: y - 12, size: 10.5, font: regular });
            y -= OPTION_LINE;
          }
          describe(group, field);
          y -= 6;
        } else {
          const height = field.kind === "multiline" ? MULTILINE_HEIGHT : SINGLE_LINE_HEIGHT;
          const input = form.createTextField(field.name);
          if (field.kind === "multiline") input.enableMultiline();
          input.addToPage(page, { x: MARGIN, y: y - height, width: CONTENT_WIDTH, height, font: fieldFont });
          input.setFontSize(FIELD_FONT_SIZE);
          describe(input, field);
          y -= height + 8;
        }
        continue;
      }
      write(displayValue(field, values[field.name]), regular, VALUE.size, { gapAfter: 6 });
    }
  }

  y -= 8;
  write([template.footer, claimFor(template, values)].filter(Boolean).join(" "), regular, 9, { color: GREY });

  // Running header and page numbers, now that the page count is known.
  const pages = doc.getPages();
  const dateText = meta.frozen ? `Sendt ${formatDanishDate(todayInCopenhagen(new Date(meta.frozen.sentAt)))}` : formatDanishDate(meta.generatedOn);
  pages.forEach((p, i) => {
    const right = `${meta.companyName} · ${dateText}`;
    const headerTitle = wrapText(template.title, regular, 8.5, CONTENT_WIDTH - regular.widthOfTextAtSize(right, 8.5) - 16)[0] ?? "";
    p.drawText(headerTitle, { x: MARGIN, y: A4.height - MARGIN + 4, size: 8.5, font: regular, color: GREY });
    p.drawText(right, { x: A4.width - MARGIN - regular.widthOfTextAtSize(right, 8.5), y: A4.height - MARGIN + 4, size: 8.5, font: regular, color: GREY });
    p.drawLine({ start: { x: MARGIN, y: A4.height - MARGIN - 2 }, end: { x: A4.width - MARGIN, y: A4.height - MARGIN - 2 }, thickness: 0.5, color: GREY });
    const label = `Side ${i + 1} af ${pages.length}`;
    p.drawText(label, { x: (A4.width - regular.widthOfTextAtSize(label, 9)) / 2, y: MARGIN - 8, size: 9, font: regular, color: GREY });
  });

  if (fieldFont && form.getFields().length > 0) {
    form.updateFieldAppearances(fieldFont);
    // A viewer that draws a field anew takes the font named by its /DA (set above by pdf-lib to
    // the embedded IBM Plex Sans at the fixed size) from the form's /DR: name the font there too,
    // so what the doctor types prints in the same font, æ, ø and å included.
    form.acroForm.dict.set(PDFName.of("DR"), doc.context.obj({ Font: { [fieldFont.name]: fieldFont.ref } }));
    form.acroForm.dict.set(PDFName.of("DA"), PDFString.of(`/${fieldFont.name} ${FIELD_FONT_SIZE} Tf 0 g`));
    // Tab through the fields in reading order (rows, top to bottom), the order they were laid out in.
    for (const p of pages) p.node.set(PDFName.of("Tabs"), PDFName.of("R"));
  }
  // In one go: pdf-lib otherwise yields to the event loop every 50 objects, and at 64 connections
  // dozens of half-written documents then share the CPU and the heap, so all of them finish late.
  // The field appearances were drawn above, in the fields' font.
  return doc.save({ objectsPerTick: Infinity, updateFieldAppearances: false });
}
