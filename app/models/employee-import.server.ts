/**
 * Import of employees from a payroll or HR file: read, matched by employee number
 * against the company's employees, previewed row by row, and stored in one transaction
 * when HR confirms. The preview lives on the server (employee_imports), so what is
 * confirmed is exactly what HR saw, whatever a client sends.
 */
import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, max, min } from "drizzle-orm";
import { getDb, one, only, rawStatement, runTx, type Tx } from "~db/client.server";
import { absences, departments, employeeImportRows, employeeImportStaged, employeeImports, employeeMoves, employees, type Employee } from "~db/schema";
import { compareIso, formatDanishDate, type IsoDate } from "~/domain/dates";
import { foldDanish, municipalityFromText, municipalityLabel } from "~/domain/municipalities";
import { employeeImportRowSchema, type EmployeeImportRow } from "~/forms/employee";
import { createHmac } from "node:crypto";
import { getEnv } from "~/utils/env.server";
import { newLinkToken, hashLinkToken, isLinkToken } from "~/utils/tokens.server";
import { afterEmployeeChange } from "./absence-case.server";
import { recordAudit } from "./audit.server";
import { departmentIdFor, recordMove } from "./employee.server";
import { readImportFile, ImportFileError, type ImportTable } from "./employee-import-file.server";
import { ConflictError, NotFoundError } from "~/utils/errors.server";
import type { EmployerUser } from "./user.server";

export { ImportFileError } from "./employee-import-file.server";

type ColumnKey =
  | "employeeNumber"
  | "name"
  | "birthDate"
  | "municipality"
  | "employmentStartDate"
  | "email"
  | "departmentName"
  | "employmentEndDate"
  | "addressLine"
  | "postalCode"
  | "city"
  | "jobTitle"
  | "weeklyHours";

export interface ImportColumn {
  key: ColumnKey;
  /** The header the template uses. */
  header: string;
  /** Other headers accepted for it (case, spaces, hyphens and æ/ae, ø/oe, å/aa do not matter). */
  aliases: string[];
  required: boolean;
  description: string;
}

export const IMPORT_COLUMNS: ImportColumn[] = [
  { key: "employeeNumber", header: "Medarbejdernummer", aliases: ["Medarbejdernr", "Lønnummer", "Lønnr", "Ansatnummer", "Personalenummer"], required: true, description: "Nummeret fra lønsystemet. Genkender medarbejderen ved en ny import." },
  { key: "name", header: "Navn", aliases: ["Fulde navn", "Medarbejdernavn", "Medarbejder"], required: true, description: "For- og efternavn." },
  { key: "birthDate", header: "Fødselsdato", aliases: ["Født", "Fødselsdag"], required: true, description: "dd.mm.åååå, dd-mm-åååå eller åååå-mm-dd. Ikke CPR-nummer." },
  { key: "municipality", header: "Bopælskommune", aliases: ["Kommune", "Kommunekode", "Hjemkommune", "Bopælskommunekode"], required: true, description: "Kommunekoden (fx 751) eller navnet (fx Aarhus)." },
  { key: "employmentStartDate", header: "Ansat siden", aliases: ["Ansættelsesdato", "Ansættelsesstart", "Startdato", "Ansat fra", "Ansat dato"], required: true, description: "Første ansættelsesdag." },
  { key: "email", header: "E-mail", aliases: ["Email", "Mail", "Arbejdsmail", "E-mailadresse"], required: false, description: "Arbejdsmail." },
  { key: "departmentName", header: "Afdeling", aliases: ["Afdelingsnavn", "Enhed"], required: false, description: "En ny afdeling oprettes." },
  { key: "employmentEndDate", header: "Fratræder den", aliases: ["Fratrædelsesdato", "Fratræder", "Fratrådt", "Slutdato", "Ansat til", "Ansættelsesophør"], required: false, description: "Sidste ansættelsesdag, hvis medarbejderen fratræder." },
  { key: "addressLine", header: "Adresse", aliases: ["Bopælsadresse", "Vej", "Gade"], required: false, description: "Gade, nummer, etage." },
  { key: "postalCode", header: "Postnummer", aliases: ["Postnr"], required: false, description: "4 cifre." },
  { key: "city", header: "By", aliases: ["Bynavn", "Postdistrikt"], required: false, description: "Postdistriktet." },
  { key: "jobTitle", header: "Stilling", aliases: ["Stillingsbetegnelse", "Jobtitel", "Titel"], required: false, description: "Mangler den, oprettes nye medarbejdere uden stilling." },
  { key: "weeklyHours", header: "Ugentlige timer", aliases: ["Timer om ugen", "Timer pr uge", "Ugentlig arbejdstid", "Arbejdstid", "Timetal"], required: false, description: `Fx 37 eller 37,5. Mangler den, oprettes nye medarbejdere med ${37} timer.` },
];

/** A payroll export rarely has the hours; a new employee without them gets the full-time week of the main collective agreements. */
export const DEFAULT_WEEKLY_HOURS = 37;

export const IMPORT_PREVIEW_PAGE_SIZE = 100;

/** A preview is kept this long; after that HR uploads the file again. */
const IMPORT_LIFETIME_MS = 2 * 60 * 60 * 1000;

export type ImportOutcome = "new" | "updated" | "unchanged" | "refused";

export interface ImportChange {
  field: string;
  from: string;
  to: string;
}

/** What confirming a row stores; values already in the stored form (ISO dates, numbers). */
interface RowData {
  employeeNumber: string;
  name: string;
  birthDate: IsoDate;
  municipalityCode: number;
  employmentStartDate: IsoDate;
  /** Only the columns the file has; an absent column leaves the stored value alone. */
  optional: Partial<{
    email: string | null;
    departmentName: string | null;
    employmentEndDate: string | null;
    addressLine: string | null;
    postalCode: string | null;
    city: string | null;
    jobTitle: string | null;
    weeklyHours: number | null;
  }>;
  /** The employee's updated_at when the preview was made: a later change refuses the confirmation. */
  seenUpdatedAt?: string | null;
}

interface PlannedRow {
  line: number;
  outcome: ImportOutcome;
  employeeId: number | null;
  data: RowData | { cells: string[] };
  notes: ImportChange[] | string[] | null;
}

const LABELS: Record<ColumnKey, string> = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

const HEADER_KEYS: ReadonlyMap<string, ColumnKey> = new Map(
  IMPORT_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [foldDanish(h), c.key] as const)),
);

/** Which column holds what; a header row without a required column is refused as a whole. */
export function mapHeaders(headers: string[]): Map<ColumnKey, number> {
  const columns = new Map<ColumnKey, number>();
  const doubled: string[] = [];
  headers.forEach((h, i) => {
    const key = HEADER_KEYS.get(foldDanish(h));
    if (!key) return;
    if (columns.has(key)) doubled.push(LABELS[key]);
    else columns.set(key, i);
  });
  if (doubled.length) throw new ImportFileError(`Filen har flere kolonner for: ${doubled.join(", ")}. Behold én af hver.`);
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !columns.has(c.key)).map((c) => c.header);
  if (missing.length) {
    throw new ImportFileError(
      `Filen mangler ${missing.length === 1 ? "kolonnen" : "kolonnerne"} ${missing.join(", ")}. Den første række skal være overskrifterne; se de godkendte overskrifter på siden.`,
    );
  }
  return columns;
}

/** dd.mm.åååå, dd-mm-åååå, d/m/åååå and ISO; anything else is passed on for the schema to refuse. */
export function importDate(raw: string): string {
  const text = raw.trim();
  const dmy = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(text);
  if (dmy) return `${dmy[3]}-${dmy[2]!.padStart(2, "0")}-${dmy[1]!.padStart(2, "0")}`;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]!.padStart(2, "0")}-${iso[3]!.padStart(2, "0")}`;
  return text;
}

const DATE_KEYS: ReadonlySet<ColumnKey> = new Set(["birthDate", "employmentStartDate", "employmentEndDate"]);

/** A row's cells checked with the employee form's own rules; the reasons are Danish and name the column. */
export function readRow(cells: string[], columns: Map<ColumnKey, number>, today: IsoDate): { ok: true; value: EmployeeImportRow } | { ok: false; reasons: string[] } {
  const raw: Record<string, string> = {};
  for (const [key, index] of columns) {
    const cell = (cells[index] ?? "").trim();
    raw[key] = DATE_KEYS.has(key) ? importDate(cell) : cell;
  }
  const reasons: string[] = [];
  const municipality = municipalityFromText(raw.municipality ?? "");
  if (!municipality) {
    reasons.push(raw.municipality ? `${LABELS.municipality}: «${raw.municipality}» er ikke en dansk kommune. Skriv kommunekoden eller navnet.` : `${LABELS.municipality}: Kommunen mangler.`);
  }
  const parsed = employeeImportRowSchema(today).safeParse({ ...raw, municipalityCode: municipality ? String(municipality.code) : "101" });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "") as ColumnKey;
      reasons.push(`${LABELS[key] ?? "Rækken"}: ${issue.message}`);
    }
  }
  return reasons.length ? { ok: false, reasons } : { ok: true, value: parsed.data! };
}

type Existing = Pick<
  Employee,
  "id" | "employeeNumber" | "name" | "birthDate" | "municipalityCode" | "employmentStartDate" | "employmentEndDate" | "email" | "departmentId" | "addressLine" | "postalCode" | "city" | "jobTitle" | "weeklyHours" | "updatedAt"
>;

function showDate(d: string | null | undefined): string {
  return d ? formatDanishDate(d) : "(tom)";
}
function showText(v: string | number | null | undefined): string {
  return v === null || v === undefined || v === "" ? "(tom)" : String(v).replace(".", ",");
}

interface CompanyState {
  byNumber: Map<string, Existing>;
  departmentNames: Map<number, string>;
  firstAbsence: Map<number, string>;
  lastMove: Map<number, string>;
}

async function companyState(tx: Tx, companyId: number): Promise<CompanyState> {
  const rows = await tx
    .select({
      id: employees.id,
      employeeNumber: employees.employeeNumber,
      name: employees.name,
      birthDate: employees.birthDate,
      municipalityCode: employees.municipalityCode,
      employmentStartDate: employees.employmentStartDate,
      employmentEndDate: employees.employmentEndDate,
      email: employees.email,
      departmentId: employees.departmentId,
      addressLine: employees.addressLine,
      postalCode: employees.postalCode,
      city: employees.city,
      jobTitle: employees.jobTitle,
      weeklyHours: employees.weeklyHours,
      updatedAt: employees.updatedAt,
    })
    .from(employees)
    .where(and(eq(employees.companyId, companyId), isNotNull(employees.employeeNumber)));
  const byNumber = new Map(rows.map((r) => [r.employeeNumber!, r]));
  const departmentNames = new Map(
    (await tx.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.companyId, companyId))).map((d) => [d.id, d.name]),
  );
  const firstAbsence = new Map(
    (await tx
      .select({ employeeId: absences.employeeId, first: min(absences.firstAbsenceDay) })
      .from(absences)
      .where(eq(absences.companyId, companyId))
      .groupBy(absences.employeeId))
      .map((r) => [r.employeeId, r.first!]),
  );
  const lastMove = new Map<number, string>();
  const ids = rows.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    // The query builder, not SQLite's tx.all: the same statement runs on PostgreSQL.
    const moves = await tx
      .select({ employeeId: employeeMoves.employeeId, movedOn: max(employeeMoves.movedOn) })
      .from(employeeMoves)
      .where(inArray(employeeMoves.employeeId, chunk))
      .groupBy(employeeMoves.employeeId);
    for (const m of moves) lastMove.set(m.employeeId, m.movedOn!);
  }
  return { byNumber, departmentNames, firstAbsence, lastMove };
}

function optionalOf(value: EmployeeImportRow, columns: Map<ColumnKey, number>): RowData["optional"] {
  const o: RowData["optional"] = {};
  if (columns.has("email")) o.email = value.email ?? null;
  if (columns.has("departmentName")) o.departmentName = value.departmentName?.replace(/\s+/g, " ") ?? null;
  if (columns.has("employmentEndDate")) o.employmentEndDate = value.employmentEndDate ?? null;
  if (columns.has("addressLine")) o.addressLine = value.addressLine ?? null;
  if (columns.has("postalCode")) o.postalCode = value.postalCode ?? null;
  if (columns.has("city")) o.city = value.city ?? null;
  // A blank job title or weekly hours in the file keeps what is stored: a payroll export leaves them empty.
  if (columns.has("jobTitle") && value.jobTitle) o.jobTitle = value.jobTitle;
  if (columns.has("weeklyHours") && value.weeklyHours !== undefined) o.weeklyHours = value.weeklyHours;
  return o;
}

/** The changes an import row makes to a stored employee, in the words of the preview. */
function changesOf(existing: Existing, data: RowData, state: CompanyState): ImportChange[] {
  const changes: ImportChange[] = [];
  const text = (field: string, from: string | number | null, to: string | number | null) => {
    if ((from ?? "") !== (to ?? "")) changes.push({ field, from: showText(from), to: showText(to) });
  };
  const date = (field: string, from: string | null, to: string | null) => {
    if ((from ?? "") !== (to ?? "")) changes.push({ field, from: showDate(from), to: showDate(to) });
  };
  text(LABELS.name, existing.name, data.name);
  date(LABELS.birthDate, existing.birthDate, data.birthDate);
  if (existing.municipalityCode !== data.municipalityCode) {
    changes.push({ field: "Flytning", from: municipalityLabel(existing.municipalityCode) ?? String(existing.municipalityCode), to: municipalityLabel(data.municipalityCode)! });
  }
  date(LABELS.employmentStartDate, existing.employmentStartDate, data.employmentStartDate);
  const o = data.optional;
  if ("employmentEndDate" in o) date(LABELS.employmentEndDate, existing.employmentEndDate, o.employmentEndDate ?? null);
  if ("email" in o) text(LABELS.email, existing.email, o.email ?? null);
  if ("departmentName" in o) {
    const current = existing.departmentId ? (state.departmentNames.get(existing.departmentId) ?? null) : null;
    // A department matches ignoring case, as when HR types it.
    if ((current ?? "").toLocaleLowerCase("da") !== (o.departmentName ?? "").toLocaleLowerCase("da")) text(LABELS.departmentName, current, o.departmentName ?? null);
  }
  if ("addressLine" in o) text(LABELS.addressLine, existing.addressLine, o.addressLine ?? null);
  if ("postalCode" in o) text(LABELS.postalCode, existing.postalCode, o.postalCode ?? null);
  if ("city" in o) text(LABELS.city, existing.city, o.city ?? null);
  if (o.jobTitle !== undefined) text(LABELS.jobTitle, existing.jobTitle, o.jobTitle);
  if (o.weeklyHours !== undefined) text(LABELS.weeklyHours, existing.weeklyHours, o.weeklyHours);
  return changes;
}

/** Every row's outcome against the company's employees as they were when planning began; rows are planned in any number of calls, in file order. */
async function importPlanner(tx: Tx, input: { companyId: number; headers: string[]; movedOn: IsoDate; today: IsoDate }) {
  const columns = mapHeaders(input.headers);
  const state = await companyState(tx, input.companyId);
  const seen = new Map<string, number>();
  return (rows: ReadonlyArray<{ line: number; cells: string[] }>): PlannedRow[] =>
    rows.map(({ line, cells }): PlannedRow => {
      const refuse = (reasons: string[]): PlannedRow => ({ line, outcome: "refused", employeeId: null, data: { cells }, notes: reasons });
      const read = readRow(cells, columns, input.today);
      if (!read.ok) return refuse(read.reasons);
      const v = read.value;
      const number = v.employeeNumber!;
      const earlier = seen.get(number);
      if (earlier !== undefined) return refuse([`${LABELS.employeeNumber}: Nummeret står også i linje ${earlier}. Hver medarbejder må kun stå én gang.`]);
      seen.set(number, line);
      const data: RowData = {
        employeeNumber: number,
        name: v.name,
        birthDate: v.birthDate,
        municipalityCode: Number(v.municipalityCode),
        employmentStartDate: v.employmentStartDate,
        optional: optionalOf(v, columns),
      };
      const existing = state.byNumber.get(number);
      if (!existing) return { line, outcome: "new", employeeId: null, data, notes: null };
      data.seenUpdatedAt = existing.updatedAt;
      const first = state.firstAbsence.get(existing.id);
      if (first && compareIso(first, data.employmentStartDate) < 0) {
        return refuse([`${LABELS.employmentStartDate}: Medarbejderen har fravær fra ${formatDanishDate(first)}, så ansættelsen kan ikke starte senere.`]);
      }
      const lastMove = state.lastMove.get(existing.id);
      if (existing.municipalityCode !== data.municipalityCode && lastMove && compareIso(input.movedOn, lastMove) <= 0) {
        return refuse([`${LABELS.municipality}: Flyttedatoen ${formatDanishDate(input.movedOn)} skal ligge efter den seneste registrerede flytning (${formatDanishDate(lastMove)}).`]);
      }
      const changes = changesOf(existing, data, state);
      return { line, outcome: changes.length ? "updated" : "unchanged", employeeId: existing.id, data, notes: changes.length ? changes : null };
    });
}

/** Every row's outcome against the company's employees as they are now. */
export async function planImport(tx: Tx, input: { companyId: number; table: { headers: string[]; rows: Array<{ line: number; cells: string[] }> }; movedOn: IsoDate; today: IsoDate }): Promise<PlannedRow[]> {
  return (await importPlanner(tx, { companyId: input.companyId, headers: input.table.headers, movedOn: input.movedOn, today: input.today }))(input.table.rows);
}

export interface ImportCounts {
  new: number;
  updated: number;
  unchanged: number;
  refused: number;
}

/**
 * A file with more rows than this is planned, and a confirmation of more accepted rows
 * is stored, as background work after the request has answered: the import page shows
 * how far it is. A smaller file is done within the request, as HR waits for a page anyway.
 */
export const IMPORT_BACKGROUND_ROWS = 1_000;

/** Rows planned and stored per step of the background work; each step commits its rows and the progress. */
const PLAN_STEP_ROWS = 1_000;

/** Accepted rows staged per step of a large confirmation; each step commits its rows and the progress. */
const SAVE_STEP_ROWS = 1_000;

export type ImportStatus = "reading" | "ready" | "saving" | "confirmed" | "failed";

const INTERRUPTED_READING = "Indlæsningen af filen blev afbrudt, fordi serveren genstartede. Upload filen igen.";
const INTERRUPTED_SAVING = "Gemningen blev afbrudt, fordi serveren genstartede. Intet er gemt. Du kan bekræfte importen igen.";
const FAILED_READING = "Filen kunne ikke behandles. Intet er gemt. Upload filen igen, og kontakt support, hvis det sker igen.";
const FAILED_SAVING = "Importen kunne ikke gemmes. Intet er gemt. Upload filen igen, og kontakt support, hvis det sker igen.";

async function removeExpired(tx: Tx, now: Date): Promise<void> {
  await tx.delete(employeeImports).where(lt(employeeImports.expiresAt, now.toISOString()));
}

/** The preview's rows, in one prepared statement: drizzle's builder took longer for a 500-row insert than planning the rows. */
const insertPlannedRow = rawStatement<[number, number, string, number | null, string, string | null]>(
  "insert_planned_row",
  "INSERT INTO employee_import_rows (import_id, line, outcome, employee_id, data, notes) VALUES (?, ?, ?, ?, ?, ?)",
);

async function storePlannedRows(importId: number, planned: readonly PlannedRow[]): Promise<void> {
  for (const r of planned) await insertPlannedRow.run([importId, r.line, r.outcome, r.employeeId, JSON.stringify(r.data), r.notes ? JSON.stringify(r.notes) : null]);
}

/** Lets the server answer other requests between two steps of background work. */
function nextTurn(): Promise<void> {
  const pause = testHook("FASTHOLD_TEST_IMPORT_STEP_MS");
  return new Promise<void>((resolve) => (pause ? setTimeout(resolve, pause) : setImmediate(resolve)));
}

/**
 * Plans the rows in steps, each its own transaction recording the progress, yielding to
 * other requests in between. Stops quietly when the import is no longer being read
 * (expired and removed, or marked failed by a restart of another process).
 */
async function planInBackground(input: { importId: number; companyId: number; table: ImportTable; movedOn: IsoDate; today: IsoDate }): Promise<void> {
  try {
    const plan = await runTx(async (tx) => await importPlanner(tx, { companyId: input.companyId, headers: input.table.headers, movedOn: input.movedOn, today: input.today }));
    for (let i = 0; i < input.table.rows.length; i += PLAN_STEP_ROWS) {
      await nextTurn();
      const going = await runTx(async (tx) => {
        const rows = input.table.rows.slice(i, i + PLAN_STEP_ROWS);
        const done = Math.min(i + PLAN_STEP_ROWS, input.table.rows.length);
        const last = done === input.table.rows.length;
        const marked = await tx
          .update(employeeImports)
          .set({ rowsDone: done, ...(last ? { status: "ready" as const } : {}) })
          .where(and(eq(employeeImports.id, input.importId), eq(employeeImports.status, "reading")))
          .returning({ id: employeeImports.id });
        if (marked.length === 0) return false;
        await storePlannedRows(input.importId, plan(rows));
        return true;
      });
      if (!going) return;
    }
  } catch (error) {
    console.error("Importens forhåndsvisning mislykkedes:", error);
    await runTx(async (tx) => {
      await tx.delete(employeeImportRows).where(eq(employeeImportRows.importId, input.importId));
      await tx.update(employeeImports).set({ status: "failed", error: FAILED_READING }).where(and(eq(employeeImports.id, input.importId), eq(employeeImports.status, "reading")));
    });
  }
}

/**
 * Reads the file, plans every row and keeps the plan for the preview. Returns the
 * preview's token; the file itself is not kept. Throws ImportFileError for a file that
 * cannot be read as a whole (too large, too many rows, a required column missing).
 * A file of more than IMPORT_BACKGROUND_ROWS rows is planned after the return, in the
 * background: the import page shows the progress.
 */
export async function previewImport(input: { user: EmployerUser; file: { name: string; bytes: Uint8Array }; movedOn: IsoDate; today: IsoDate; now?: Date }): Promise<string> {
  const table = await readImportFile({ bytes: input.file.bytes, fileName: input.file.name });
  // A missing or doubled column refuses the file at the upload field, before any work starts.
  mapHeaders(table.headers);
  const now = input.now ?? new Date();
  const background = table.rows.length > IMPORT_BACKGROUND_ROWS;
  const importId = await runTx(async (tx) => {
    await removeExpired(tx, now);
    const stored = await only(tx
      .insert(employeeImports)
      .values({
        // Unique until the import's own token replaces it below, once its id is known.
        tokenHash: hashLinkToken(newLinkToken()),
        companyId: input.user.company.id,
        userId: input.user.id,
        fileName: input.file.name.slice(0, 200),
        headers: JSON.stringify(table.headers),
        movedOn: input.movedOn,
        expiresAt: new Date(now.getTime() + IMPORT_LIFETIME_MS).toISOString(),
        status: background ? "reading" : "ready",
        rowsDone: background ? 0 : table.rows.length,
        rowsTotal: table.rows.length,
      })
      .returning({ id: employeeImports.id }));
    await tx.update(employeeImports).set({ tokenHash: hashLinkToken(importToken(stored.id)) }).where(eq(employeeImports.id, stored.id));
    if (!background) await storePlannedRows(stored.id, await planImport(tx, { companyId: input.user.company.id, table, movedOn: input.movedOn, today: input.today }));
    return stored.id;
  });
  if (background) void planInBackground({ importId, companyId: input.user.company.id, table, movedOn: input.movedOn, today: input.today });
  return importToken(importId);
}

/**
 * An import's address token: an HMAC of its id with the server's secret, so the import page
 * can list the user's imports and link back to one left running, while only the token's hash
 * is stored (a copied database gives no working address) and no id can be guessed into one.
 */
function importToken(importId: number): string {
  return createHmac("sha256", getEnv().sessionSecret).update(`employee-import:${importId}`).digest("base64url");
}

export interface RecentImport {
  token: string;
  fileName: string;
  createdAt: string;
  status: ImportStatus;
  rowsDone: number;
  rowsTotal: number;
}

/** The user's own imports that are not expired, newest first: the upload page links back to each. */
export async function recentImports(input: { user: EmployerUser; now?: Date }): Promise<RecentImport[]> {
  return (await getDb()
    .select({ id: employeeImports.id, fileName: employeeImports.fileName, createdAt: employeeImports.createdAt, status: employeeImports.status, rowsDone: employeeImports.rowsDone, rowsTotal: employeeImports.rowsTotal })
    .from(employeeImports)
    .where(and(eq(employeeImports.userId, input.user.id), eq(employeeImports.companyId, input.user.company.id), gte(employeeImports.expiresAt, (input.now ?? new Date()).toISOString())))
    .orderBy(desc(employeeImports.id))
    .limit(10))
    .map(({ id, ...r }) => ({ ...r, token: importToken(id) }));
}

/**
 * Work that was running when the server stopped cannot go on: the file was only in
 * memory, and a confirmation's transaction was rolled back. Called once at start-up by
 * the process that migrates. A preview being read fails; a confirmation goes back to
 * its preview, which is intact, so HR can confirm it again.
 */
export async function markInterruptedImports(): Promise<{ failed: number; resumable: number }> {
  return await runTx(async (tx) => {
    const reading = (await tx.select({ id: employeeImports.id }).from(employeeImports).where(eq(employeeImports.status, "reading"))).map((r) => r.id);
    if (reading.length) {
      await tx.delete(employeeImportRows).where(inArray(employeeImportRows.importId, reading));
      await tx.update(employeeImports).set({ status: "failed", error: INTERRUPTED_READING }).where(inArray(employeeImports.id, reading));
    }
    // A confirmation's staged rows are dropped: the real tables never saw them, and a new confirmation stages afresh.
    const saving = (await tx.select({ id: employeeImports.id }).from(employeeImports).where(eq(employeeImports.status, "saving"))).map((r) => r.id);
    await clearStaged(tx, saving);
    if (saving.length) await tx.update(employeeImports).set({ status: "ready", error: INTERRUPTED_SAVING }).where(inArray(employeeImports.id, saving));
    return { failed: reading.length, resumable: saving.length };
  });
}

/** The user's own import in their company, not expired; anything else is "not found". */
async function findImport(tx: Tx, input: { user: EmployerUser; token: string | undefined; now?: Date }) {
  if (!isLinkToken(input.token)) throw new NotFoundError("Forhåndsvisningen findes ikke eller er udløbet. Upload filen igen.");
  const found = await one(tx
    .select()
    .from(employeeImports)
    .where(and(eq(employeeImports.tokenHash, hashLinkToken(input.token)), eq(employeeImports.userId, input.user.id), eq(employeeImports.companyId, input.user.company.id))).limit(1));
  if (!found || found.expiresAt < (input.now ?? new Date()).toISOString()) {
    throw new NotFoundError("Forhåndsvisningen findes ikke eller er udløbet. Upload filen igen.");
  }
  return found;
}

async function countsOf(tx: Tx, importId: number): Promise<ImportCounts> {
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const r of await tx.select({ outcome: employeeImportRows.outcome, n: count() }).from(employeeImportRows).where(eq(employeeImportRows.importId, importId)).groupBy(employeeImportRows.outcome)) {
    counts[r.outcome] = r.n;
  }
  return counts;
}

export interface PreviewRow {
  line: number;
  outcome: ImportOutcome;
  employeeNumber: string;
  name: string;
  changes: ImportChange[];
  reasons: string[];
}

/** One page of the preview: only what the page shows of each row. While work runs, only its progress. */
export async function getImportPreview(input: { user: EmployerUser; token: string | undefined; outcome?: ImportOutcome; page?: number; now?: Date }) {
  return await runTx(async (tx) => {
    const found = await findImport(tx, input);
    const progress = { status: found.status as ImportStatus, rowsDone: found.rowsDone, rowsTotal: found.rowsTotal, error: found.error };
    const empty = { new: 0, updated: 0, unchanged: 0, refused: 0 };
    // While the rows are being planned, the page shows only how far it is.
    if (found.status === "reading") {
      return { fileName: found.fileName, movedOn: found.movedOn, confirmed: false, ...progress, counts: empty, rows: [] as PreviewRow[], page: 1, pageCount: 1, total: 0 };
    }
    const counts = await countsOf(tx, found.id);
    const where = input.outcome
      ? and(eq(employeeImportRows.importId, found.id), eq(employeeImportRows.outcome, input.outcome))
      : eq(employeeImportRows.importId, found.id);
    const total = input.outcome ? counts[input.outcome] : counts.new + counts.updated + counts.unchanged + counts.refused;
    const pageCount = Math.max(1, Math.ceil(total / IMPORT_PREVIEW_PAGE_SIZE));
    const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
    const headers = JSON.parse(found.headers) as string[];
    const columns = new Map<ColumnKey, number>();
    headers.forEach((h, i) => {
      const key = HEADER_KEYS.get(foldDanish(h));
      if (key && !columns.has(key)) columns.set(key, i);
    });
    const rows = (await tx
      .select()
      .from(employeeImportRows)
      .where(where)
      .orderBy(asc(employeeImportRows.line))
      .limit(IMPORT_PREVIEW_PAGE_SIZE)
      .offset((page - 1) * IMPORT_PREVIEW_PAGE_SIZE))
      .map((r): PreviewRow => {
        const data = JSON.parse(r.data) as RowData | { cells: string[] };
        const notes = r.notes ? (JSON.parse(r.notes) as unknown[]) : [];
        const cell = (key: ColumnKey) => ("cells" in data ? (data.cells[columns.get(key) ?? -1] ?? "") : "");
        return {
          line: r.line,
          outcome: r.outcome,
          employeeNumber: "cells" in data ? cell("employeeNumber") : data.employeeNumber,
          name: "cells" in data ? cell("name") : data.name,
          changes: r.outcome === "updated" ? (notes as ImportChange[]) : [],
          reasons: r.outcome === "refused" ? (notes as string[]) : [],
        };
      });
    return {
      fileName: found.fileName,
      movedOn: found.movedOn,
      confirmed: found.confirmedAt !== null,
      ...progress,
      counts,
      rows,
      page,
      pageCount,
      total,
    };
  });
}

const CHANGED_ELSEWHERE = "Medarbejderne er ændret, siden forhåndsvisningen blev lavet. Upload filen igen for at se, hvad importen gør nu.";

/** The stored column an optional file column writes (job title and hours are handled apart: blank keeps them). */
const OPTIONAL_COLUMNS = [
  ["email", "email"],
  ["employmentEndDate", "employment_end_date"],
  ["addressLine", "address_line"],
  ["postalCode", "postal_code"],
  ["city", "city"],
  ["departmentName", "department_id"],
] as const;

type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number][1];

/**
 * Hooks honoured only under NODE_ENV=test, as the tests run the server: FASTHOLD_TEST_IMPORT_FAIL_AT_LINE makes
 * a confirmation throw at that line of the file while staging it, FASTHOLD_TEST_IMPORT_FAIL_IN_MOVE=1 within the
 * final move after its writes (to prove nothing is kept), and FASTHOLD_TEST_IMPORT_STEP_MS slows each step of
 * background work (to watch the progress).
 */
function testHook(name: "FASTHOLD_TEST_IMPORT_FAIL_AT_LINE" | "FASTHOLD_TEST_IMPORT_FAIL_IN_MOVE" | "FASTHOLD_TEST_IMPORT_STEP_MS"): number | null {
  // Through a variable: the build replaces the literal `process.env.NODE_ENV` with "production" (as in password.server.ts).
  const runtime = process.env;
  const value = runtime.NODE_ENV === "test" ? runtime[name] : undefined;
  return value ? Number(value) : null;
}

/** The optional file columns an import has: every row of one file has the same. */
function optionalColumnsOf(headers: string[]): OptionalColumn[] {
  const keys = new Set(headers.map((h) => HEADER_KEYS.get(foldDanish(h))));
  return OPTIONAL_COLUMNS.filter(([key]) => keys.has(key)).map(([, column]) => column);
}

/**
 * The statements of staging, prepared once per step: a drizzle query built per row was most of
 * a 50,000-row confirmation (tests/bench/results.md).
 */
const staging = {
  acceptedRows: rawStatement<[number, number, number], { line: number; outcome: "new" | "updated"; employee_id: number | null; data: string; notes: string | null }>(
    "accepted_import_rows",
    `SELECT line, outcome, employee_id, data, notes FROM employee_import_rows
     WHERE import_id = ? AND outcome IN ('new', 'updated') AND line > ? ORDER BY line LIMIT ?`,
  ),
  numberTaken: rawStatement<[number, string], { id: number }>("employee_number_taken", "SELECT id FROM employees WHERE company_id = ? AND employee_number = ? AND employee_number IS NOT NULL"),
  current: rawStatement<[number, number], { municipality_code: number; birth_date: string; employment_end_date: string | null; updated_at: string | null }>(
    "staged_employee_current",
    "SELECT municipality_code, birth_date, employment_end_date, updated_at FROM employees WHERE id = ? AND company_id = ?",
  ),
  stage: rawStatement<Record<string, unknown>>(
    "stage_import_row",
    `INSERT INTO employee_import_staged (import_id, line, outcome, employee_id, employee_number, name, birth_date, municipality_code, employment_start_date,
       job_title, weekly_hours, email, employment_end_date, address_line, postal_code, city, department_name, department_key, seen_updated_at, moves_from, recompute, audit_details)
     VALUES (@importId, @line, @outcome, @employeeId, @employeeNumber, @name, @birthDate, @municipalityCode, @employmentStartDate,
       @jobTitle, @weeklyHours, @email, @employmentEndDate, @addressLine, @postalCode, @city, @departmentName, @departmentKey, @seenUpdatedAt, @movesFrom, @recompute, @auditDetails)`,
  ),
};

/**
 * Stages up to `limit` accepted rows after line `afterLine`, in the caller's transaction: each
 * row's stored values worked out and checked against the employees as they are now. Returns
 * the last line staged and how many; nothing outside employee_import_staged is written. A
 * change to a matched employee since the preview (or a new number someone else took) throws.
 */
async function stageRows(input: { companyId: number; importId: number; afterLine: number; limit: number }): Promise<{ lastLine: number; staged: number }> {
  const statements = staging;
  const rows = await statements.acceptedRows.all([input.importId, input.afterLine, input.limit]);
  const failAt = testHook("FASTHOLD_TEST_IMPORT_FAIL_AT_LINE");
  const importDetails = JSON.stringify({ importId: input.importId });
  for (const row of rows) {
    if (row.line === failAt) throw new Error(`Test failure at line ${row.line}`);
    const data = JSON.parse(row.data) as RowData;
    const o = data.optional;
    const departmentName = o.departmentName?.trim().replace(/\s+/g, " ") || null;
    const values = {
      importId: input.importId,
      line: row.line,
      outcome: row.outcome,
      employeeId: row.employee_id,
      employeeNumber: data.employeeNumber,
      name: data.name,
      birthDate: data.birthDate,
      municipalityCode: data.municipalityCode,
      employmentStartDate: data.employmentStartDate,
      email: o.email ?? null,
      employmentEndDate: o.employmentEndDate ?? null,
      addressLine: o.addressLine ?? null,
      postalCode: o.postalCode ?? null,
      city: o.city ?? null,
      departmentName,
      departmentKey: departmentName?.toLocaleLowerCase("da") ?? null,
      seenUpdatedAt: data.seenUpdatedAt ?? null,
    };
    if (row.outcome === "new") {
      if (await statements.numberTaken.get([input.companyId, data.employeeNumber])) throw new ConflictError(CHANGED_ELSEWHERE);
      await statements.stage.run({ ...values, jobTitle: o.jobTitle || "", weeklyHours: o.weeklyHours || DEFAULT_WEEKLY_HOURS, movesFrom: null, recompute: 0, auditDetails: importDetails });
      continue;
    }
    const current = await statements.current.get([row.employee_id!, input.companyId]);
    if (!current || current.updated_at !== data.seenUpdatedAt) throw new ConflictError(CHANGED_ELSEWHERE);
    // The birth date and the employment end feed every absence's deadlines (§ 7 a, pension age).
    const endDate = "employmentEndDate" in o ? (o.employmentEndDate ?? null) : current.employment_end_date;
    await statements.stage.run({
      ...values,
      jobTitle: o.jobTitle || null,
      weeklyHours: o.weeklyHours || null,
      movesFrom: current.municipality_code !== data.municipalityCode ? current.municipality_code : null,
      recompute: data.birthDate !== current.birth_date || endDate !== current.employment_end_date ? 1 : 0,
      auditDetails: JSON.stringify({ importId: input.importId, fields: (JSON.parse(row.notes ?? "[]") as ImportChange[]).map((c) => c.field) }),
    });
  }
  return { lastLine: rows.at(-1)?.line ?? input.afterLine, staged: rows.length };
}

/** The stored column of each staged value an update writes, when the file has its column. */
const STAGED_OPTIONAL: Record<OptionalColumn, string> = {
  email: "s.email",
  employment_end_date: "s.employment_end_date",
  address_line: "s.address_line",
  postal_code: "s.postal_code",
  city: "s.city",
  department_id: "s.department_id",
};

/**
 * Moves the staged rows into employees and audit_log in the caller's transaction, in set-wise
 * statements (INSERT … SELECT, UPDATE … FROM), so the one transaction that holds the process is
 * short. Everything is checked again first: an employee changed or a number taken since the
 * rows were staged throws, which rolls the move back. Moves and recomputed deadlines, which
 * need the law's rules, go row by row; they are few in a payroll file.
 */
async function moveStaged(tx: Tx, input: { user: EmployerUser; found: typeof employeeImports.$inferSelect; asOf: IsoDate; now?: Date }): Promise<ImportCounts> {
  const companyId = input.user.company.id;
  const { found } = input;
  const ids = { importId: found.id, companyId };
  const clash = await rawStatement<typeof ids, 1>(
    "staged_clash",
      `SELECT 1 FROM employee_import_staged s
       WHERE s.import_id = @importId AND (
         (s.outcome = 'new' AND EXISTS (SELECT 1 FROM employees e WHERE e.company_id = @companyId AND e.employee_number = s.employee_number AND e.employee_number IS NOT NULL))
         OR (s.outcome = 'updated' AND NOT EXISTS (SELECT 1 FROM employees e WHERE e.id = s.employee_id AND e.company_id = @companyId AND e.updated_at IS NOT DISTINCT FROM s.seen_updated_at)))
       LIMIT 1`,
  ).get(ids);
  if (clash) throw new ConflictError(CHANGED_ELSEWHERE);
  // Departments are matched as HR types them (ignoring case in Danish), which SQL's lower() cannot: resolved here, once per name.
  const departmentCache = new Map<string, number>();
  const setDepartment = rawStatement<[number | null, number, string]>("set_staged_department", "UPDATE employee_import_staged SET department_id = ? WHERE import_id = ? AND department_key = ?");
  const named = await rawStatement<[number], { department_key: string; department_name: string }>(
    "staged_department_names",
    "SELECT department_key, department_name FROM employee_import_staged WHERE import_id = ? AND department_key IS NOT NULL ORDER BY line",
  ).all([found.id]);
  for (const d of named) {
    if (departmentCache.has(d.department_key)) continue;
    await setDepartment.run([await departmentIdFor(tx, companyId, d.department_name, departmentCache), found.id, d.department_key]);
  }
  const moves = await rawStatement<[number], { employee_id: number; moves_from: number; municipality_code: number }>(
    "staged_moves",
    "SELECT employee_id, moves_from, municipality_code FROM employee_import_staged WHERE import_id = ? AND moves_from IS NOT NULL ORDER BY line",
  ).all([found.id]);
  for (const m of moves) {
    await recordMove(tx, { user: input.user, employee: { id: m.employee_id, municipalityCode: m.moves_from }, to: m.municipality_code, movedOn: found.movedOn, asOf: input.asOf });
  }
  const timestamp = (input.now ?? new Date()).toISOString();
  const present = optionalColumnsOf(JSON.parse(found.headers) as string[]);
  await rawStatement<Record<string, unknown>>(
    `update_staged_employees_${present.join("_")}`,
    `UPDATE employees SET ${[
        "name = s.name",
        "birth_date = s.birth_date",
        "employment_start_date = s.employment_start_date",
        "updated_at = @timestamp",
        "job_title = COALESCE(s.job_title, employees.job_title)",
        "weekly_hours = COALESCE(s.weekly_hours, employees.weekly_hours)",
        ...present.map((c) => `${c} = ${STAGED_OPTIONAL[c]}`),
      ].join(", ")}
       FROM employee_import_staged s
       WHERE s.import_id = @importId AND s.outcome = 'updated' AND employees.id = s.employee_id AND employees.company_id = @companyId`,
  ).run({ ...ids, timestamp });
  await rawStatement<typeof ids>(
    "insert_staged_employees",
    `INSERT INTO employees (company_id, employee_number, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours,
         email, employment_end_date, address_line, postal_code, city, department_id)
       SELECT @companyId, employee_number, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours,
         email, employment_end_date, address_line, postal_code, city, department_id
       FROM employee_import_staged WHERE import_id = @importId AND outcome = 'new' ORDER BY line`,
  ).run(ids);
  // The audit rows carry their company and employee, so the scope trigger (migration 0018) has nothing to look up.
  await rawStatement<Record<string, unknown>>(
    "audit_staged_employees",
    `INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, company_id, employee_id)
       SELECT @userId, CASE s.outcome WHEN 'new' THEN 'employee.create' ELSE 'employee.update' END, 'employee', CAST(e.id AS TEXT), s.audit_details, @companyId, e.id
       FROM employee_import_staged s
       JOIN employees e ON e.company_id = @companyId AND e.employee_number IS NOT NULL AND e.employee_number = s.employee_number
       WHERE s.import_id = @importId ORDER BY s.line`,
  ).run({ ...ids, userId: input.user.id });
  const recompute = await rawStatement<[number], { employee_id: number }>(
    "staged_recompute",
    "SELECT employee_id FROM employee_import_staged WHERE import_id = ? AND recompute ORDER BY line",
  ).all([found.id]);
  for (const r of recompute) await afterEmployeeChange(tx, (await one(tx.select().from(employees).where(eq(employees.id, r.employee_id)).limit(1)))!, input.asOf);
  if (testHook("FASTHOLD_TEST_IMPORT_FAIL_IN_MOVE")) throw new Error("Test failure in the final move");
  const counts = await countsOf(tx, found.id);
  await tx.update(employeeImports)
    .set({ confirmedAt: timestamp, status: "confirmed", error: null, rowsDone: counts.new + counts.updated, rowsTotal: counts.new + counts.updated })
    .where(eq(employeeImports.id, found.id));
  await recordAudit(tx, { userId: input.user.id, action: "employee.import", entityType: "company", entityId: companyId, details: { file: found.fileName, ...counts } });
  return counts;
}

async function clearStaged(tx: Tx, importIds: number[]): Promise<void> {
  if (importIds.length) await tx.delete(employeeImportStaged).where(inArray(employeeImportStaged.importId, importIds));
}

/**
 * Stages the accepted rows in steps, each its own transaction committing its rows and the
 * progress, yielding to other requests in between; then moves them in one transaction.
 * Stops quietly when the import is no longer being saved (marked interrupted by a restart).
 * A failure anywhere leaves the staged rows removed and the real tables untouched.
 */
async function saveInBackground(input: { user: EmployerUser; importId: number; asOf: IsoDate; now?: Date }): Promise<void> {
  const companyId = input.user.company.id;
  let afterLine = 0;
  try {
    for (;;) {
      await nextTurn();
      const step = await runTx(async (tx) => {
        const current = await one(tx.select({ status: employeeImports.status, rowsDone: employeeImports.rowsDone }).from(employeeImports).where(eq(employeeImports.id, input.importId)).limit(1));
        if (current?.status !== "saving") return null;
        const staged = await stageRows({ companyId, importId: input.importId, afterLine, limit: SAVE_STEP_ROWS });
        if (staged.staged) await tx.update(employeeImports).set({ rowsDone: current.rowsDone + staged.staged }).where(eq(employeeImports.id, input.importId));
        return staged;
      });
      if (!step) return;
      if (step.staged < SAVE_STEP_ROWS) break;
      afterLine = step.lastLine;
    }
    // A turn between the last step and the move, so the page can show every row staged.
    await nextTurn();
    await runTx(async (tx) => {
      const found = await one(tx.select().from(employeeImports).where(eq(employeeImports.id, input.importId)).limit(1));
      if (found?.status !== "saving") return;
      await moveStaged(tx, { user: input.user, found, asOf: input.asOf, now: input.now });
    });
    await runTx(async (tx) => await clearStaged(tx, [input.importId]));
  } catch (error) {
    if (!(error instanceof ConflictError)) console.error("Importen kunne ikke gemmes:", error);
    await runTx(async (tx) => {
      await clearStaged(tx, [input.importId]);
      await tx.update(employeeImports)
        .set({ status: "failed", error: error instanceof ConflictError ? error.message : FAILED_SAVING })
        .where(and(eq(employeeImports.id, input.importId), eq(employeeImports.status, "saving")));
    });
  }
}

/**
 * Confirms the preview: every accepted row stored in one transaction, or none. Up to
 * IMPORT_BACKGROUND_ROWS accepted rows are staged and moved before the return; more are
 * staged in the background right after it (the import marked "saving", the page showing
 * rows staged of accepted) and then moved in one transaction. Returns whether the rows are
 * stored yet.
 */
export async function confirmImport(input: { user: EmployerUser; token: string | undefined; asOf: IsoDate; now?: Date }): Promise<{ done: boolean; counts: ImportCounts }> {
  const claimed = await runTx(async (tx) => {
    const found = await findImport(tx, input);
    if (found.confirmedAt || found.status === "confirmed") throw new ConflictError("Importen er allerede gennemført.");
    if (found.status === "reading") throw new ConflictError("Filen er ikke færdigbehandlet endnu. Vent, til forhåndsvisningen er klar.");
    if (found.status === "saving") throw new ConflictError("Importen er ved at blive gemt.");
    if (found.status === "failed") throw new ConflictError(found.error ?? FAILED_SAVING);
    const counts = await countsOf(tx, found.id);
    const accepted = counts.new + counts.updated;
    if (accepted <= IMPORT_BACKGROUND_ROWS) {
      await stageRows({ companyId: input.user.company.id, importId: found.id, afterLine: 0, limit: accepted });
      const result = await moveStaged(tx, { ...input, found });
      await clearStaged(tx, [found.id]);
      return { found, counts, background: false, result };
    }
    // Claimed here, in its own transaction, so a second click cannot start a second run.
    await tx.update(employeeImports).set({ status: "saving", error: null, rowsDone: 0, rowsTotal: accepted }).where(eq(employeeImports.id, found.id));
    return { found, counts, background: true, result: counts };
  });
  if (!claimed.background) return { done: true, counts: claimed.result };
  void saveInBackground({ user: input.user, importId: claimed.found.id, asOf: input.asOf, now: input.now });
  return { done: false, counts: claimed.counts };
}

/** Keeps a cell from being read as a formula by the spreadsheet that opens the download. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvLine(cells: string[]): string {
  return cells.map(csvCell).join(";");
}

/** Semicolons and a BOM: what Danish Excel opens with æøå intact. */
function csvFile(lines: string[]): string {
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The refused rows as the file had them, with a column saying why. */
export async function refusedRowsCsv(input: { user: EmployerUser; token: string | undefined; now?: Date }): Promise<{ fileName: string; body: string }> {
  return await runTx(async (tx) => {
    const found = await findImport(tx, input);
    const headers = JSON.parse(found.headers) as string[];
    const lines = [csvLine(["Linje", ...headers, "Fejl"])];
    const rows = await tx
      .select({ line: employeeImportRows.line, data: employeeImportRows.data, notes: employeeImportRows.notes })
      .from(employeeImportRows)
      .where(and(eq(employeeImportRows.importId, found.id), eq(employeeImportRows.outcome, "refused")))
      .orderBy(asc(employeeImportRows.line));
    for (const r of rows) {
      const { cells } = JSON.parse(r.data) as { cells: string[] };
      const padded = headers.map((_, i) => cells[i] ?? "");
      lines.push(csvLine([String(r.line), ...padded, (JSON.parse(r.notes ?? "[]") as string[]).join(" ")]));
    }
    const base = found.fileName.replace(/\.[^.]+$/, "").replace(/[^\p{L}\p{N}_-]+/gu, "-").slice(0, 80) || "medarbejdere";
    return { fileName: `${base}-afviste-raekker.csv`, body: csvFile(lines) };
  });
}

/** A file with every accepted header and one example row, to fill in or compare with the payroll's export. */
export function importTemplateCsv(): string {
  const example: Record<ColumnKey, string> = {
    employeeNumber: "1001",
    name: "Karen Eksempel",
    birthDate: "14.03.1968",
    municipality: "Aarhus",
    employmentStartDate: "01.08.2011",
    email: "karen@firma.dk",
    departmentName: "Lager",
    employmentEndDate: "",
    addressLine: "Vestergade 12, 2. th.",
    postalCode: "8000",
    city: "Aarhus C",
    jobTitle: "Lagerarbejder",
    weeklyHours: "37",
  };
  return csvFile([csvLine(IMPORT_COLUMNS.map((c) => c.header)), csvLine(IMPORT_COLUMNS.map((c) => example[c.key]))]);
}

/** The column guide the upload page shows. */
export function importColumnGuide() {
  return IMPORT_COLUMNS.map((c) => ({ header: c.header, aliases: c.aliases, required: c.required, description: c.description }));
}
