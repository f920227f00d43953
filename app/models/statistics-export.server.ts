/**
 * The statistics page's tables as files: CSV (the monthly table) and Excel (all three
 * tables, one sheet each). Company and department figures only; the opt-in list of
 * people is never exported, so it cannot leave the page it belongs to.
 */
import ExcelJS from "exceljs";
import type { CompanyStatistics } from "./statistics.server";

export const MONTHLY_COLUMNS = ["Måned", "Fraværsdage", "Aftalte arbejdsdage", "Fraværsprocent"] as const;

/** A CSV field: quoted when it holds the separator, a quote or a line break. */
function csvField(value: string): string {
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Danish spreadsheet conventions: semicolon between fields, decimal comma, UTF-8 with a byte-order mark so Excel reads æøå. */
function csvNumber(n: number | null): string {
  return n === null ? "" : String(n).replace(".", ",");
}

export function statisticsCsv(stats: CompanyStatistics): string {
  const lines = [MONTHLY_COLUMNS.join(";")];
  for (const m of stats.months) {
    lines.push([csvField(m.month), csvNumber(m.absenceDays), csvNumber(m.contractDays), csvNumber(m.absenceRate)].join(";"));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function firstOfMonth(month: string): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

/** Real numbers and dates in the cells, formatted the Danish way by the number formats. */
export async function statisticsXlsx(stats: CompanyStatistics): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Fasthold";
  // A fixed timestamp: the file's bytes depend on the figures only.
  workbook.created = new Date(`${stats.asOf}T00:00:00Z`);
  workbook.modified = workbook.created;

  const monthly = workbook.addWorksheet("Fravær pr. måned");
  monthly.columns = [
    { header: MONTHLY_COLUMNS[0], key: "month", width: 14, style: { numFmt: "mmmm yyyy" } },
    { header: MONTHLY_COLUMNS[1], key: "absenceDays", width: 14, style: { numFmt: "0.0" } },
    { header: MONTHLY_COLUMNS[2], key: "contractDays", width: 20, style: { numFmt: "0" } },
    { header: MONTHLY_COLUMNS[3], key: "absenceRate", width: 16, style: { numFmt: "0.0%" } },
  ];
  for (const m of stats.months) {
    monthly.addRow({ month: firstOfMonth(m.month), absenceDays: m.absenceDays, contractDays: m.contractDays, absenceRate: m.absenceRate === null ? null : m.absenceRate / 100 });
  }

  const lengths = workbook.addWorksheet("Fravær efter længde");
  lengths.columns = [
    { header: "Længde", key: "label", width: 16 },
    { header: "Antal fraværsperioder", key: "count", width: 22, style: { numFmt: "0" } },
  ];
  for (const l of stats.lengths) lengths.addRow({ label: l.label, count: l.count });
  lengths.addRow({});
  lengths.addRow({ label: "Åbne fravær over 30 dage", count: stats.openLongAbsences });

  const deadlines = workbook.addWorksheet("Frister");
  deadlines.columns = [
    { header: "Frist", key: "title", width: 34 },
    { header: "Til tiden", key: "onTime", width: 12, style: { numFmt: "0" } },
    { header: "For sent", key: "late", width: 12, style: { numFmt: "0" } },
    { header: "Overskredet i åbne sager", key: "overdue", width: 24, style: { numFmt: "0" } },
  ];
  for (const p of stats.punctuality) deadlines.addRow({ title: p.title, onTime: p.onTime, late: p.late, overdue: p.overdue });

  for (const sheet of [monthly, lengths, deadlines]) sheet.getRow(1).font = { bold: true };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The file name says what and for when: fravaersstatistik-12-maaneder-2026-12-01.xlsx. */
export function statisticsFileName(stats: CompanyStatistics, extension: "csv" | "xlsx"): string {
  const department = stats.department ? `-afdeling-${stats.department.id}` : "";
  return `fravaersstatistik-${stats.period}-maaneder${department}-${stats.asOf}.${extension}`;
}
