/**
 * Reads an uploaded employee file (CSV or .xlsx, as payroll and HR systems export it)
 * into a header row and data rows of plain strings. What the strings mean is decided
 * in employee-import.server.ts; here only the file's own conventions are undone:
 * the character set, the separator, and Excel's typed cells.
 */
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { todayInCopenhagen } from "~/domain/dates";

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;

export const IMPORT_TOO_LARGE = "Filen må højst fylde 10 MB.";
export const IMPORT_TOO_MANY_ROWS = `Filen må højst have ${MAX_IMPORT_ROWS.toLocaleString("da-DK")} rækker med medarbejdere. Del den op i flere filer.`;

export interface ImportTable {
  headers: string[];
  /** Each data row with its line in the file (the header row is line 1). */
  rows: Array<{ line: number; cells: string[] }>;
}

export class ImportFileError extends Error {}

/** A zip archive (every .xlsx is one) starts with "PK\x03\x04". */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * UTF-8 when the bytes are valid UTF-8 (with or without a BOM), otherwise Windows-1252,
 * what Excel on a Danish Windows writes for "CSV (semikolonsepareret)". A Windows-1252
 * file with æøå is never valid UTF-8, so the check cannot pick the wrong one for Danish text.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/**
 * The separator of the header row: Danish Excel writes ";" (the comma is the decimal
 * mark), other systems ",", some a tab. Counted outside quotes, the most frequent wins.
 */
export function detectSeparator(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  const counts = new Map<string, number>([[";", 0], [",", 0], ["\t", 0]]);
  let quoted = false;
  for (const c of header) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ";";
  for (const [sep, n] of counts) if (n > counts.get(best)!) best = sep;
  return best;
}

function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => c.trim() === "");
}

function readCsv(bytes: Uint8Array): ImportTable {
  const text = decodeText(bytes).replace(/^\uFEFF/, "");
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectSeparator(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: false,
      // One line more than allowed is enough to know the file is too long, without reading the rest.
      to_line: MAX_IMPORT_ROWS + 2,
    }) as string[][];
  } catch {
    throw new ImportFileError("Filen kunne ikke læses som CSV. Gem den som CSV (semikolonsepareret) eller som Excel-fil (.xlsx), og prøv igen.");
  }
  const [headers, ...data] = records;
  if (!headers) throw new ImportFileError("Filen er tom. Den første række skal være overskrifterne.");
  return { headers, rows: data.map((cells, i) => ({ line: i + 2, cells })).filter((r) => !isBlankRow(r.cells)) };
}

/**
 * An Excel date is a day number without a time zone; exceljs hands it over as a JS Date.
 * Read as the Copenhagen calendar date, as the user saw it in Excel.
 */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : todayInCopenhagen(value);
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value).replace(".", ",");
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "Ja" : "Nej";
  if (typeof value === "object") {
    // A formula is never evaluated here: only the result Excel saved with it counts.
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      return result === undefined || (typeof result === "object" && result !== null && !(result instanceof Date)) ? "" : cellText(result);
    }
    if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
    if ("text" in value && typeof value.text === "string") return value.text.trim();
    if ("error" in value) return "";
  }
  return "";
}

async function readXlsx(bytes: Uint8Array): Promise<ImportTable> {
  // The streaming reader keeps one row at a time: a loaded workbook of 50,000 rows takes
  // several times the server's memory budget.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  let headers: string[] | null = null;
  const rows: ImportTable["rows"] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based: index 0 is empty.
        const values = (Array.isArray(row.values) ? row.values.slice(1) : []) as ExcelJS.CellValue[];
        const cells = Array.from(values, (v) => cellText(v));
        if (headers === null) {
          if (isBlankRow(cells)) continue;
          headers = cells;
          continue;
        }
        if (isBlankRow(cells)) continue;
        rows.push({ line: row.number, cells });
        if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError(IMPORT_TOO_MANY_ROWS);
      }
      // Only the first sheet is the list; further sheets are notes or lookups.
      break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("Excel-filen kunne ikke læses. Gem den igen som Excel-projektmappe (.xlsx), og prøv igen.");
  }
  if (!headers) throw new ImportFileError("Filen er tom. Den første række skal være overskrifterne.");
  return { headers, rows };
}

/** The file's table, or an ImportFileError with a Danish message. */
export async function readImportFile(input: { bytes: Uint8Array; fileName: string }): Promise<ImportTable> {
  if (input.bytes.byteLength === 0) throw new ImportFileError("Filen er tom. Vælg filen med medarbejderne.");
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) throw new ImportFileError(IMPORT_TOO_LARGE);
  const xlsx = isZip(input.bytes);
  if (!xlsx && /\.(xlsx|xlsm|xls|ods)$/i.test(input.fileName)) {
    throw new ImportFileError("Filen er ikke en Excel-projektmappe (.xlsx). Gem den som .xlsx eller CSV, og prøv igen.");
  }
  const table = xlsx ? await readXlsx(input.bytes) : readCsv(input.bytes);
  if (table.rows.length > MAX_IMPORT_ROWS) throw new ImportFileError(IMPORT_TOO_MANY_ROWS);
  if (table.rows.length === 0) throw new ImportFileError("Filen har ingen medarbejdere: der er kun overskrifter.");
  return table;
}
