/**
 * patches/pdf-lib+*.patch (applied by patch-package on npm install) makes pdf-lib deflate its
 * streams with Node's zlib instead of pako, and print a number that has no exponent without
 * parsing its text. Every compressed stream of a generated form must still be a valid zlib
 * stream, and numbers must print as before: in plain decimals, never with an exponent.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import zlib from "node:zlib";
import { PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it, vi } from "vitest";
import { renderPdf } from "~/pdf/render.server";
import { mulighedserklaeringTemplate, type MulighedserklaeringPdfData } from "../../../templates/mulighedserklaering";

const require = createRequire(import.meta.url);
const pdfLibRequire = createRequire(require.resolve("pdf-lib"));
const pako = pdfLibRequire("pako") as { deflate: (data: Uint8Array) => Uint8Array };

const declaration: MulighedserklaeringPdfData = {
  reference: "FH-000042",
  company: { name: "Søren Ærø Åberg ApS", cvr: "12972997" },
  employee: { name: "Łukasz Şahin", jobTitle: "Tømrer" },
  part1: { contactPerson: "Lise Holm", functionalLimitations: "Kan ikke løfte over 5 kg.", doctorAssessOnly: true, meetingDate: "2026-11-20", bothPresent: true },
  doctorDeadline: "2026-12-04",
};

const numbers = pdfLibRequire("./utils/numbers") as { numberToString: (n: number) => string };

describe("pdf-lib's patch", () => {
  it("is applied to the pdf-lib the server runs", () => {
    expect(fs.readFileSync(pdfLibRequire.resolve("./utils/numbers"), "utf8")).toContain("Fasthold patch");
    for (const file of ["core/PDFContext.js", "core/structures/PDFFlateStream.js"]) {
      const source = fs.readFileSync(pdfLibRequire.resolve(`./${file}`), "utf8");
      expect(source).toContain("zlib_1.deflateSync(");
      expect(source).not.toContain("pako_1.default.deflate(");
    }
  });

  it.each([0, 12.25, -0.5, 595.28, 841.89, -36.4])("prints %s as JavaScript does", (value) => {
    expect(numbers.numberToString(value)).toBe(String(value));
  });

  it.each([1e-7, -2.5e-8, 1e21, -3.5e22])("prints %s in decimals, without an exponent", (value) => {
    const printed = numbers.numberToString(value);
    expect(printed).toMatch(/^-?\d+(\.\d+)?$/);
    expect(Math.abs(Number(printed) - value)).toBeLessThanOrEqual(Math.abs(value) * 1e-12);
  });

  it("writes every compressed stream of a fillable form as zlib data pako can no longer be asked for", async () => {
    const spy = vi.spyOn(pako, "deflate");
    const bytes = await renderPdf(mulighedserklaeringTemplate, declaration, { companyName: "Søren Ærø Åberg ApS", generatedOn: "2026-11-20" });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();

    const doc = await PDFDocument.load(bytes);
    const compressed = doc.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter((object): object is PDFRawStream => object instanceof PDFRawStream && object.dict.get(PDFName.of("Filter")) === PDFName.of("FlateDecode"));
    // Page contents, the font subsets and their maps, and the doctor's fields' appearances.
    expect(compressed.length).toBeGreaterThan(20);
    const contents = compressed.map((stream) => zlib.inflateSync(stream.contents).toString("latin1"));
    expect(contents.some((c) => c.includes("BT") && c.includes("Tj"))).toBe(true);
    expect(contents.some((c) => c.includes("beginbfchar") || c.includes("beginbfrange"))).toBe(true);
  });
});
