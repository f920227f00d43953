/**
 * A case-list export of many rows as background work (issue 28): asked for with a POST, made
 * in steps after the answer, its progress kept in case_exports so the export's page shows rows
 * done of total from any process, and the finished file kept there for its owner to download
 * until it expires. The rows come from the same query, in the same scope, as the direct
 * download, and the file from the same writer (case-export.server.ts), so its content is the same.
 */
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { getDb, one, only, preparedQuery, runTx, type Tx } from "~db/client.server";
import { databaseNow, newJobRun, writeHeartbeat } from "~db/job-owner.server";
import { caseExports, departments } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { ConflictError, NotFoundError } from "~/utils/errors.server";
import { recordAudit } from "./audit.server";
import { auditedFilters, caseFileWriter, type ExportFormat } from "./case-export.server";
import { allCompanyCases, type CaseFilters, type CaseListRow } from "./case-list.server";
import { interruptedJob, notThisProcess, startHeartbeat, type SweepOptions } from "./job-heartbeat.server";
import type { EmployerUser } from "./user.server";

/**
 * More rows than this are exported in the background; fewer are downloaded at once, as the
 * streamed file starts within the request anyway.
 */
export const EXPORT_BACKGROUND_ROWS = 1_000;

/** Rows written per step; each step records the progress and lets the server answer other requests. */
const EXPORT_STEP_ROWS = 500;

/** A finished file is kept this long, then removed (retention job, or the next export started). */
const EXPORT_LIFETIME_MS = 24 * 60 * 60 * 1000;

const NOT_FOUND = "Eksporten findes ikke eller er udløbet. Start en ny fra sagslisten.";
const FAILED = "Eksporten kunne ikke laves. Start en ny fra sagslisten, og kontakt support, hvis det sker igen.";
const INTERRUPTED = "Eksporten blev afbrudt, fordi serveren genstartede. Start en ny fra sagslisten.";

/**
 * Hooks honoured only under NODE_ENV=test, as the tests run the server: a lower threshold and
 * step (the demo company has tens of cases, not thousands), and a pause per step to watch the progress.
 */
function testHook(name: "FASTHOLD_TEST_EXPORT_BACKGROUND_ROWS" | "FASTHOLD_TEST_EXPORT_STEP_ROWS" | "FASTHOLD_TEST_EXPORT_STEP_MS"): number | null {
  // Through a variable: the build replaces the literal `process.env.NODE_ENV` with "production" (as in password.server.ts).
  const runtime = process.env;
  const value = runtime.NODE_ENV === "test" ? runtime[name] : undefined;
  return value ? Number(value) : null;
}

/** The threshold in force (lowered only by the test hook). */
export function exportBackgroundRows(): number {
  return testHook("FASTHOLD_TEST_EXPORT_BACKGROUND_ROWS") ?? EXPORT_BACKGROUND_ROWS;
}

function nextTurn(): Promise<void> {
  const pause = testHook("FASTHOLD_TEST_EXPORT_STEP_MS");
  return new Promise<void>((resolve) => (pause ? setTimeout(resolve, pause) : setImmediate(resolve)));
}

/** The user's access as stored with an export: the file is theirs only while it is the same. */
function scopeKey(user: EmployerUser): string {
  return JSON.stringify(user.scope.departmentIds === null ? null : [...user.scope.departmentIds].sort((a, b) => a - b));
}

export async function purgeExpiredCaseExports(now: Date = new Date()): Promise<number> {
  return await runTx(async (tx) => (await tx.delete(caseExports).where(lt(caseExports.expiresAt, now.toISOString())).returning({ id: caseExports.id })).length);
}

/**
 * An export whose server stopped cannot go on: its rows were only in that process's memory.
 * Only exports whose owner has gone silent are marked (docs/decisions/017): at start-up and, on
 * the server running the background jobs, periodically; one that another live server is writing
 * keeps its heartbeat fresh and is left alone.
 */
export async function markInterruptedCaseExports(options: SweepOptions = {}): Promise<number> {
  const running = eq(caseExports.status, "running");
  // Most sweeps find nothing: a read first, so they do not take the write lock for it.
  if (!(await one(getDb().select({ id: caseExports.id }).from(caseExports).where(and(running, notThisProcess(caseExports))).limit(1)))) return 0;
  return await runTx(async (tx) => {
    const candidates = await tx.select({ id: caseExports.id, jobOwner: caseExports.jobOwner }).from(caseExports).where(and(running, notThisProcess(caseExports)));
    if (candidates.length === 0) return 0;
    return (await tx
      .update(caseExports)
      .set({ status: "failed", error: INTERRUPTED })
      .where(and(running, interruptedJob(caseExports, candidates, options)))
      .returning({ id: caseExports.id })).length;
  });
}

/**
 * Starts an export of the case list's filtered cases. With no more than the threshold of rows
 * it answers "direct" and the caller sends the user to the streamed download; with more, the
 * export is stored as running, written in the background, and its id returned.
 */
export async function startCaseExport(input: { user: EmployerUser; asOf: IsoDate; filters: CaseFilters; format: ExportFormat; now?: Date }): Promise<{ kind: "direct" } | { kind: "background"; id: number }> {
  const rows = await allCompanyCases({ ...input.user.scope, asOf: input.asOf, filters: input.filters });
  if (rows.length <= exportBackgroundRows()) return { kind: "direct" };
  const now = input.now ?? new Date();
  const run = newJobRun();
  const id = await runTx(async (tx) => {
    // Old files go when a new export starts, as well as in the daily retention run.
    await tx.delete(caseExports).where(lt(caseExports.expiresAt, now.toISOString()));
    const stored = await only(tx
      .insert(caseExports)
      .values({
        companyId: input.user.company.id,
        userId: input.user.id,
        scope: scopeKey(input.user),
        format: input.format,
        filters: JSON.stringify(input.filters),
        asOf: input.asOf,
        status: "running",
        jobOwner: run,
        heartbeatAt: databaseNow(),
        rowsTotal: rows.length,
        fileName: `sager-${input.asOf}.${input.format}`,
        expiresAt: new Date(now.getTime() + EXPORT_LIFETIME_MS).toISOString(),
      })
      .returning({ id: caseExports.id }));
    await recordAudit(tx, {
      userId: input.user.id,
      action: "case-list.export",
      entityType: "company",
      entityId: input.user.company.id,
      details: { format: input.format, rows: rows.length, filters: auditedFilters(input.filters), exportId: stored.id },
    });
    return stored.id;
  });
  void writeInBackground({ id, run, format: input.format, rows });
  return { kind: "background", id };
}

/**
 * Writes the file in steps, recording rows done after each; stops quietly when the export is gone
 * or no longer running here (marked interrupted by a sweep that found its heartbeat stale). The
 * heartbeat beats for as long as the work runs.
 */
async function writeInBackground(input: { id: number; run: string; format: ExportFormat; rows: readonly CaseListRow[] }): Promise<void> {
  const step = testHook("FASTHOLD_TEST_EXPORT_STEP_ROWS") ?? EXPORT_STEP_ROWS;
  // Every write checks the owner too: once a sweep has marked the export, nothing of this run lands.
  const stillRunning = and(eq(caseExports.id, input.id), eq(caseExports.status, "running"), eq(caseExports.jobOwner, input.run));
  const heartbeat = startHeartbeat(() =>
    writeHeartbeat(async (db) => (await db.update(caseExports).set({ heartbeatAt: databaseNow() }).where(stillRunning).returning({ id: caseExports.id })).length > 0),
  );
  try {
    const writer = caseFileWriter(input.format);
    for (let i = 0; i < input.rows.length; i += step) {
      await nextTurn();
      writer.add(input.rows.slice(i, i + step));
      const done = Math.min(i + step, input.rows.length);
      const going = await runTx(async (tx) => tx.update(caseExports).set({ rowsDone: done }).where(stillRunning).returning({ id: caseExports.id }));
      if (going.length === 0) return;
    }
    const file = await writer.finish();
    await runTx(async (tx) => {
      await tx.update(caseExports).set({ status: "done", file }).where(stillRunning);
    });
  } catch (error) {
    console.error("Eksporten af sager mislykkedes:", error);
    await runTx(async (tx) => {
      await tx.update(caseExports).set({ status: "failed", error: FAILED }).where(stillRunning);
    });
  } finally {
    heartbeat.stop();
  }
}

/** The user's own export, with the same access as when it was asked for, not expired; anything else is "not found". */
async function findExport(tx: Tx, input: { user: EmployerUser; id: number; now?: Date }) {
  const found = await one(tx
    .select({
      id: caseExports.id,
      format: caseExports.format,
      filters: caseExports.filters,
      asOf: caseExports.asOf,
      status: caseExports.status,
      rowsDone: caseExports.rowsDone,
      rowsTotal: caseExports.rowsTotal,
      error: caseExports.error,
      fileName: caseExports.fileName,
      createdAt: caseExports.createdAt,
      expiresAt: caseExports.expiresAt,
    })
    .from(caseExports)
    .where(and(eq(caseExports.id, input.id), eq(caseExports.userId, input.user.id), eq(caseExports.companyId, input.user.company.id), eq(caseExports.scope, scopeKey(input.user)))).limit(1));
  if (!found || found.expiresAt < (input.now ?? new Date()).toISOString()) throw new NotFoundError(NOT_FOUND);
  return found;
}

const STATUS_LABELS = { aaben: "Åbne", afsluttet: "Afsluttede" } as const;
const DEADLINE_LABELS = { overskredet: "Overskredet frist", snart: "Frist snart" } as const;

/** The filters in the words of the case list, for the export's page. */
async function filterSummary(tx: Tx, companyId: number, filters: CaseFilters): Promise<string[]> {
  const parts: string[] = [];
  if (filters.q) parts.push(`Søgning: «${filters.q}»`);
  if (filters.status) parts.push(`Status: ${STATUS_LABELS[filters.status]}`);
  if (filters.frist) parts.push(`Frister: ${DEADLINE_LABELS[filters.frist]}`);
  if (filters.afdeling) {
    const department = await one(tx
      .select({ name: departments.name })
      .from(departments)
      .where(and(eq(departments.id, filters.afdeling), eq(departments.companyId, companyId))).limit(1));
    parts.push(`Afdeling: ${department?.name ?? "(slettet)"}`);
  }
  if (filters.aar) parts.push(`År: ${filters.aar}`);
  return parts;
}

export type CaseExportStatus = "running" | "done" | "failed";

/** What the export's page shows: its progress, its filters in words, and whether the file is ready. */
export async function getCaseExport(input: { user: EmployerUser; id: number; now?: Date }) {
  return await runTx(async (tx) => {
    const found = await findExport(tx, input);
    return {
      id: found.id,
      format: found.format,
      status: found.status as CaseExportStatus,
      rowsDone: found.rowsDone,
      rowsTotal: found.rowsTotal,
      error: found.error,
      fileName: found.fileName,
      createdAt: found.createdAt,
      expiresAt: found.expiresAt,
      filters: await filterSummary(tx, input.user.company.id, JSON.parse(found.filters) as CaseFilters),
    };
  });
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The finished file for its owner; ConflictError while it is still being made or after it failed. */
export async function caseExportFile(input: { user: EmployerUser; id: number; now?: Date }): Promise<{ fileName: string; contentType: string; body: Buffer }> {
  return await runTx(async (tx) => {
    const found = await findExport(tx, input);
    if (found.status !== "done") throw new ConflictError(found.status === "failed" ? (found.error ?? FAILED) : "Filen er ikke færdig endnu. Vent, til siden viser knappen Hent filen.");
    const row = await one(tx.select({ file: caseExports.file }).from(caseExports).where(eq(caseExports.id, found.id)).limit(1));
    if (!row?.file) throw new NotFoundError(NOT_FOUND);
    return { fileName: found.fileName, contentType: CONTENT_TYPES[found.format], body: row.file };
  });
}

export interface RecentCaseExport {
  id: number;
  format: ExportFormat;
  status: CaseExportStatus;
  rowsDone: number;
  rowsTotal: number;
  createdAt: string;
}

// On the case list of every HR user's every page view: built and prepared once.
const recentExportsQuery = preparedQuery("recent_case_exports", (db) =>
  db
    .select({ id: caseExports.id, format: caseExports.format, status: caseExports.status, rowsDone: caseExports.rowsDone, rowsTotal: caseExports.rowsTotal, createdAt: caseExports.createdAt })
    .from(caseExports)
    .where(
      and(
        eq(caseExports.userId, sql.placeholder("userId")),
        eq(caseExports.companyId, sql.placeholder("companyId")),
        eq(caseExports.scope, sql.placeholder("scope")),
        gte(caseExports.expiresAt, sql.placeholder("now")),
      ),
    )
    .orderBy(desc(caseExports.id))
    .limit(5)
    .prepare(),
);

/** The user's own exports that have not expired, newest first: the case list links to each. */
export async function recentCaseExports(input: { user: EmployerUser; now?: Date }): Promise<RecentCaseExport[]> {
  return await recentExportsQuery().execute({
    userId: input.user.id,
    companyId: input.user.company.id,
    scope: scopeKey(input.user),
    now: (input.now ?? new Date()).toISOString(),
  });
}
