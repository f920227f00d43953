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
 * runs on a short-lived worker thread, and its memory goes when the thread ends. The thread still
 * costs each process about 40 MB for a moment, so the result is kept on disk (.cache/, named by a
 * digest of everything that determines it): made once per installation, read by every later start.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
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

const CACHE_DIR = path.resolve(process.cwd(), ".cache/fasthold-fonts");

/** Where the field font made from these bytes is kept: the digest covers the font, the options and the subsetter. */
export function fieldFontCacheFile(regular: Uint8Array, dir = CACHE_DIR): string {
  const digest = createHash("sha256").update(regular).update(`${subsetterVersions()} keepAllGlyphs noHinting ${FIELD_FONT_DROPPED_TABLES.join(",")}`).digest("hex");
  return path.join(dir, `IBMPlexSans-fields-${digest.slice(0, 24)}.ttf`);
}

/** The installed subsetter and its HarfBuzz: another version may make other bytes. */
function subsetterVersions(): string {
  return ["subset-font", "harfbuzzjs"]
    .map((name) => {
      const manifest = fs.readFileSync(path.resolve(process.cwd(), "node_modules", name, "package.json"), "utf8");
      return `${name}@${(JSON.parse(manifest) as { version?: string }).version ?? "?"}`;
    })
    .join(" ");
}

/** A TrueType file starts with its version, 0x00010000: a truncated or foreign file is made again. */
const isTrueType = (bytes: Buffer) => bytes.length > 12 && bytes.readUInt32BE(0) === 0x00010000;

/**
 * The field font for the regular face's bytes: the kept file if there is one, else made on the
 * worker and kept (atomically, by rename; a directory that cannot be written only means it is made
 * again at the next start). Rejects if the subsetter fails.
 */
export async function fieldFontFrom(regular: Uint8Array, dir = CACHE_DIR): Promise<Buffer> {
  const file = fieldFontCacheFile(regular, dir);
  const kept = await fs.promises.readFile(file).catch(() => null);
  if (kept && isTrueType(kept)) return kept;
  const made = await subsetOnWorker(regular);
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.promises
    .mkdir(dir, { recursive: true })
    .then(() => fs.promises.writeFile(partial, made))
    .then(() => fs.promises.rename(partial, file))
    .catch(() => fs.promises.rm(partial, { force: true }).catch(() => undefined));
  return made;
}

function subsetOnWorker(regular: Uint8Array): Promise<Buffer> {
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
