/**
 * The case list as a file, CSV or Excel, with the least data that lets HR work
 * with it outside the portal: no free text, no health information, nothing the
 * list does not show. Every export is written to the audit log.
 */
import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { runTx } from "~db/client.server";
import { formatDanishDate, type IsoDate } from "~/domain/dates";
import { recordAudit } from "./audit.server";
import { allCompanyCases, type CaseFilters, type CaseListRow } from "./case-list.server";
import type { EmployerUser } from "./user.server";

/** The columns of both formats, in order, with their Danish names. */
export const CASE_EXPORT_COLUMNS = [
  "Sag",
  "Medarbejdernummer",
  "Navn",
  "Afdeling",
  "Første fraværsdag",
  "Status",
  "Næste frist",
  "Næste frist dato",
  "Overskredne frister",
] as const;

type Cell = string | number | { date: IsoDate } | null;

function cellsOf(row: CaseListRow): Cell[] {
  return [
    row.reference,
    row.employeeNumber,
    row.employeeName,
    row.department,
    { date: row.firstAbsenceDay },
    row.open ? "Åben" : "Afsluttet",
    row.deadlines?.next?.title ?? null,
    row.deadlines?.next ? { date: row.deadlines.next.dueDate } : null,
    row.open ? (row.deadlines?.overdue ?? 0) : null,
  ];
}

/**
 * A spreadsheet runs a cell that begins with = + - @ (or a tab or return) as a
 * formula; a name typed or imported that way is shown as text instead.
 */
function neutralised(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text = typeof cell === "object" ? formatDanishDate(cell.date) : typeof cell === "number" ? String(cell) : neutralised(cell);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows per piece of a streamed CSV: small enough to keep no whole file in memory, large enough to keep writes few. */
const CSV_PIECE_ROWS = 500;

/** The CSV in pieces of lines: the header with the byte-order mark first. */
function* csvPieces(rows: readonly CaseListRow[]): Generator<string> {
  yield `\uFEFF${CASE_EXPORT_COLUMNS.join(";")}\r\n`;
  for (let i = 0; i < rows.length; i += CSV_PIECE_ROWS) {
    let piece = "";
    for (const r of rows.slice(i, i + CSV_PIECE_ROWS)) piece += `${cellsOf(r).map(csvField).join(";")}\r\n`;
    yield piece;
  }
}

/** UTF-8 with a byte-order mark and semicolons, as Danish Excel opens it without an import dialogue. */
export function casesCsv(rows: CaseListRow[]): string {
  return [...csvPieces(rows)].join("");
}

/** The same CSV as a stream, written piece by piece as the client reads: the file is never whole in memory. */
export function casesCsvStream(rows: readonly CaseListRow[]): ReadableStream<Uint8Array> {
  const pieces = csvPieces(rows);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

/** Midnight UTC of the day: Excel's date serial has no time zone, and exceljs counts from UTC. */
function excelDate(d: IsoDate): Date {
  const [y, m, day] = d.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day));
}

/**
 * Streamed row by row (exceljs's workbook writer): the server runs with a small
 * heap, and a large company's export holds tens of thousands of rows.
 */
export async function casesXlsx(rows: CaseListRow[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of casesXlsxStream(rows)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The workbook as the writer produces it, for the response to send on as it comes. */
export function casesXlsxStream(rows: readonly CaseListRow[]): PassThrough {
  const stream = new PassThrough();
  writeXlsx(stream, rows).catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return stream;
}

function startSheet(stream: PassThrough) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "Fasthold";
  const sheet = workbook.addWorksheet("Sager");
  sheet.columns = CASE_EXPORT_COLUMNS.map((header, i) => ({
    header,
    width: [12, 18, 28, 20, 18, 11, 40, 18, 18][i],
    style: header === "Første fraværsdag" || header === "Næste frist dato" ? { numFmt: "dd.mm.yyyy" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  return { workbook, sheet };
}

function addCaseRow(sheet: ExcelJS.Worksheet, row: CaseListRow): void {
  sheet.addRow(cellsOf(row).map((c) => (c !== null && typeof c === "object" ? excelDate(c.date) : c))).commit();
}

async function writeXlsx(stream: PassThrough, rows: readonly CaseListRow[]): Promise<void> {
  const { workbook, sheet } = startSheet(stream);
  for (const row of rows) addCaseRow(sheet, row);
  sheet.commit();
  await workbook.commit();
}

/**
 * The same file made in steps, for a background export: rows are added in any number of
 * calls (the caller yields between them) and the finished bytes are returned at the end.
 * Built from the same cells, header and workbook writer as the streamed download, so the
 * content is the same.
 */
export function caseFileWriter(format: ExportFormat): { add(rows: readonly CaseListRow[]): void; finish(): Promise<Buffer> } {
  if (format === "csv") {
    const pieces: string[] = [`\uFEFF${CASE_EXPORT_COLUMNS.join(";")}\r\n`];
    return {
      add(rows) {
        let piece = "";
        for (const r of rows) piece += `${cellsOf(r).map(csvField).join(";")}\r\n`;
        pieces.push(piece);
      },
      finish: () => Promise.resolve(Buffer.from(pieces.join(""), "utf8")),
    };
  }
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const sheet = startSheet(stream);
  return {
    add(rows) {
      for (const row of rows) addCaseRow(sheet.sheet, row);
    },
    async finish() {
      sheet.sheet.commit();
      await sheet.workbook.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

export type ExportFormat = "csv" | "xlsx";

/** The filtered list as a file, and one audit entry saying who took which cases out, with the filters. */
export async function exportCompanyCases(input: { user: EmployerUser; asOf: IsoDate; filters: CaseFilters; format: ExportFormat }) {
  const rows = await allCompanyCases({ ...input.user.scope, asOf: input.asOf, filters: input.filters });
  await runTx(async (tx) =>
    await recordAudit(tx, {
      userId: input.user.id,
      action: "case-list.export",
      entityType: "company",
      entityId: input.user.company.id,
      details: { format: input.format, rows: rows.length, filters: auditedFilters(input.filters) },
    }),
  );
  const filename = `sager-${input.asOf}.${input.format}`;
  // Streamed: 5,000 cases are written in well under the 2 s (tests/bench/results.md), so the
  // download starts at once and needs no "being prepared" page.
  if (input.format === "csv") return { filename, contentType: "text/csv; charset=utf-8", body: casesCsvStream(rows) };
  return {
    filename,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: Readable.toWeb(casesXlsxStream(rows)) as ReadableStream<Uint8Array>,
  };
}

/** The filters as the log keeps them: the search text is left out, since it may be a person's name. */
export function auditedFilters(filters: CaseFilters): Record<string, unknown> {
  const { q, ...rest } = filters;
  return { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), ...(q ? { search: true } : {}) };
}
