/**
 * The font of the doctor's fillable fields: IBM Plex Sans Regular with every character it has,
 * but without what a PDF viewer does not use to draw a form field's text. A viewer draws what a
 * doctor types glyph by glyph, through the font's own character map: it applies no OpenType
 * substitutions or positioning (GSUB, GPOS, GDEF) and no TrueType hinting (fpgm, prep, cvt and
 * the glyphs' instructions). Those tables were 61 % of the font (180 kB → 57 kB, deflated
 * 80 kB → 31 kB), and the font was two thirds of every mulighedserklæring's bytes.
 *
 * The subsetting is HarfBuzz's (subset-font), with every character kept (keepAllGlyphs), so a
 * doctor can type exactly what the whole font could draw before. HarfBuzz runs as WebAssembly
 * whose memory stays reserved once loaded (about 100 MB of address space, 20 MB resident), so it
 * runs once per process on a short-lived worker thread, and its memory goes when the thread ends.
 */
import { Worker } from "node:worker_threads";

/** Tables no viewer reads to draw a field's text; hinting goes with the subsetter's noHinting. */
export const FIELD_FONT_DROPPED_TABLES = ["GSUB", "GPOS", "GDEF"] as const;

const SUBSET_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const subsetFont = require("subset-font");
subsetFont(Buffer.from(workerData.font), null, {
  keepAllGlyphs: true,
  noHinting: true,
  dropTables: workerData.dropTables,
  targetFormat: "truetype",
}).then(
  (bytes) => parentPort.postMessage({ bytes }),
  (error) => parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
`;

/** The field font made from the regular face's bytes; rejects if the subsetter fails. */
export function fieldFontFrom(regular: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SUBSET_WORKER_SOURCE, { eval: true, workerData: { font: regular, dropTables: [...FIELD_FONT_DROPPED_TABLES] } });
    let settled = false;
    worker.once("message", (message: { bytes?: Uint8Array; error?: string }) => {
      settled = true;
      if (message.bytes) resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
      else reject(new Error(`field font subsetting failed: ${message.error ?? "no bytes"}`));
      void worker.terminate();
    });
    worker.once("error", (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`field font worker exited with code ${code}`));
      settled = true;
    });
  });
}
