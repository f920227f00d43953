/**
 * Which background work counts as interrupted (docs/decisions/017), on SQLite: only work whose
 * owner is silent (no owner, a heartbeat older than the stale limit) or known to have ended (a
 * pid of this machine that is gone); work of a live process with a fresh heartbeat, and this
 * process's own, is left alone. And a run that a sweep marked while it was in fact alive but slow
 * stops cleanly: nothing of it lands, not even when the import is confirmed again in the meantime.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { and, count, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, getDb, migrateEngine, one, only, runTx } from "~db/client.server";
import { JOB_OWNER, jobStaleMs, newJobRun } from "~db/job-owner.server";
import { caseExports, employeeImportRows, employeeImportStaged, employeeImports, employees, users } from "~db/schema";
import { markInterruptedCaseExports, startCaseExport } from "~/models/case-export-job.server";
import { seedDemoData } from "~/models/demo-seed.server";
import { confirmImport, getImportPreview, markInterruptedImports, previewImport } from "~/models/employee-import.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";
import { parseEnv } from "~/utils/env.server";

// Read by getEnv() at its first call, after this line: heartbeats every 100 ms, stale after 300 ms.
process.env.JOB_HEARTBEAT_MS = "100";
const HEARTBEAT_MS = 100;
const STALE_MS = jobStaleMs(HEARTBEAT_MS);

const today = "2026-11-24";
let hr: EmployerUser;

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An ISO timestamp `ms` before now, as the heartbeats are stored. */
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A pid of this machine that has ended (a child run and reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

/** An owner as another process writes it: "<process id>/<machine>/<pid>/<run>". */
const otherOwner = (pid: number, host = os.hostname()) => `${crypto.randomUUID()}/${host}/${pid}/1`;

let exportSeq = 0;
async function exportRow(owner: string | null, heartbeatAt: string | null): Promise<number> {
  exportSeq += 1;
  return (
    await runTx(async (tx) =>
      only(
        tx
          .insert(caseExports)
          .values({
            companyId: hr.company.id,
            userId: hr.id,
            scope: "null",
            format: "csv",
            filters: "{}",
            asOf: today,
            status: "running",
            rowsTotal: 10,
            fileName: `sager-${exportSeq}.csv`,
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
            jobOwner: owner,
            heartbeatAt,
          })
          .returning({ id: caseExports.id }),
      ),
    )
  ).id;
}

async function exportStatus(id: number) {
  return (await one(getDb().select({ status: caseExports.status, error: caseExports.error, rowsDone: caseExports.rowsDone, heartbeatAt: caseExports.heartbeatAt, file: caseExports.file }).from(caseExports).where(eq(caseExports.id, id)).limit(1)))!;
}

let importSeq = 0;
async function importRow(status: "reading" | "saving", owner: string | null, heartbeatAt: string | null): Promise<number> {
  importSeq += 1;
  return await runTx(async (tx) => {
    const { id } = await only(
      tx
        .insert(employeeImports)
        .values({
          tokenHash: `hash-${importSeq}-${crypto.randomUUID()}`,
          companyId: hr.company.id,
          userId: hr.id,
          fileName: "fil.csv",
          headers: "[]",
          movedOn: today,
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
          status,
          rowsTotal: 1,
          jobOwner: owner,
          heartbeatAt,
        })
        .returning({ id: employeeImports.id }),
    );
    await tx.insert(employeeImportRows).values({ importId: id, line: 2, outcome: "new", data: "{}" });
    if (status === "saving") {
      await tx.insert(employeeImportStaged).values({ importId: id, line: 2, outcome: "new", employeeNumber: `x${id}`, name: "X", birthDate: "1980-01-01", municipalityCode: 751, employmentStartDate: "2010-01-01" });
    }
    return id;
  });
}

async function importState(id: number) {
  const found = (await one(getDb().select({ status: employeeImports.status, error: employeeImports.error }).from(employeeImports).where(eq(employeeImports.id, id)).limit(1)))!;
  const rows = (await one(getDb().select({ n: count() }).from(employeeImportRows).where(eq(employeeImportRows.importId, id))))!.n;
  const staged = (await one(getDb().select({ n: count() }).from(employeeImportStaged).where(eq(employeeImportStaged.importId, id))))!.n;
  return { ...found, rows, staged };
}

/** Runs `work` with every export in the background, one row a step and 150 ms between steps. */
async function slowExport(work: () => Promise<void>): Promise<void> {
  const hooks = { FASTHOLD_TEST_EXPORT_BACKGROUND_ROWS: "1", FASTHOLD_TEST_EXPORT_STEP_ROWS: "1", FASTHOLD_TEST_EXPORT_STEP_MS: "150" };
  Object.assign(process.env, hooks);
  try {
    await work();
  } finally {
    for (const name of Object.keys(hooks)) delete process.env[name];
  }
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
  hr = await employerUser("hr@nordbyg.example");
});

afterAll(async () => {
  // Nothing of this file's runs may still be beating when the process ends.
  await sleep(2 * HEARTBEAT_MS);
});

describe("the sweep of interrupted exports", () => {
  it("marks exports whose owner is silent or gone, and leaves live owners' and its own alone", async () => {
    // The vitest main process is alive for the whole test, on this machine.
    const alive = process.ppid;
    const rows = {
      beforeOwners: await exportRow(null, null),
      liveFresh: await exportRow(otherOwner(alive), ago(0)),
      liveStale: await exportRow(otherOwner(alive), ago(STALE_MS + 1_000)),
      deadFresh: await exportRow(otherOwner(deadPid()), ago(0)),
      otherMachineFresh: await exportRow(otherOwner(4242, "another-machine.example"), ago(0)),
      otherMachineStale: await exportRow(otherOwner(4242, "another-machine.example"), ago(STALE_MS + 1_000)),
      mineStale: await exportRow(newJobRun(), ago(60_000)),
    };
    expect(await markInterruptedCaseExports()).toBe(4);
    const statuses = Object.fromEntries(await Promise.all(Object.entries(rows).map(async ([k, id]) => [k, (await exportStatus(id)).status])));
    expect(statuses).toEqual({
      beforeOwners: "failed",
      liveFresh: "running",
      liveStale: "failed",
      deadFresh: "failed",
      otherMachineFresh: "running",
      otherMachineStale: "failed",
      mineStale: "running",
    });
    // The user sees the message of an interrupted export, as before.
    expect((await exportStatus(rows.deadFresh)).error).toBe("Eksporten blev afbrudt, fordi serveren genstartede. Start en ny fra sagslisten.");
    // Once the live owner falls silent for longer than the stale limit, the next sweep marks it.
    await runTx(async (tx) => await tx.update(caseExports).set({ heartbeatAt: ago(STALE_MS + 50) }).where(eq(caseExports.id, rows.liveFresh)));
    expect(await markInterruptedCaseExports()).toBe(1);
    expect((await exportStatus(rows.liveFresh)).status).toBe("failed");
    await runTx(async (tx) => await tx.delete(caseExports));
  });

  it("keeps a running export's heartbeat fresh, so no sweep marks it, and stops the heartbeat when it ends", async () => {
    await slowExport(async () => {
      const started = await startCaseExport({ user: hr, asOf: today, filters: {}, format: "csv" });
      if (started.kind !== "background") throw new Error("expected a background export");
      const owner = (await one(getDb().select({ jobOwner: caseExports.jobOwner }).from(caseExports).where(eq(caseExports.id, started.id)).limit(1)))!.jobOwner;
      expect(owner).toMatch(new RegExp(`^${JOB_OWNER}/\\d+$`));
      // Another process's sweep, with the stale limit of this test, every 100 ms while the export runs.
      const beats = new Set<string>();
      for (let i = 0; i < 12; i++) {
        await sleep(HEARTBEAT_MS);
        await runTx(async () => await execute(sql`UPDATE case_exports SET status = 'failed' WHERE id = ${started.id} AND status = 'running' AND heartbeat_at < strftime('%Y-%m-%dT%H:%M:%fZ','now', ${`-${STALE_MS / 1000} seconds`})`));
        const row = await exportStatus(started.id);
        if (row.status !== "running") break;
        beats.add(row.heartbeatAt!);
      }
      expect((await exportStatus(started.id)).status).not.toBe("failed");
      expect(beats.size).toBeGreaterThan(3);
      for (let i = 0; i < 100 && (await exportStatus(started.id)).status === "running"; i++) await sleep(100);
      const done = await exportStatus(started.id);
      expect(done.status).toBe("done");
      await sleep(3 * HEARTBEAT_MS);
      expect((await exportStatus(started.id)).heartbeatAt).toBe(done.heartbeatAt);
    });
  });

  it("stops an export that a sweep marked while it was alive but slow: no further progress, no file, no more heartbeats", async () => {
    await slowExport(async () => {
      const started = await startCaseExport({ user: hr, asOf: today, filters: {}, format: "csv" });
      if (started.kind !== "background") throw new Error("expected a background export");
      await sleep(200);
      // What another server's sweep writes when it found the heartbeat stale.
      await runTx(async (tx) => await tx.update(caseExports).set({ status: "failed", error: "Eksporten blev afbrudt, fordi serveren genstartede. Start en ny fra sagslisten." }).where(eq(caseExports.id, started.id)));
      const marked = await exportStatus(started.id);
      await sleep(1_000);
      const later = await exportStatus(started.id);
      expect(later.status).toBe("failed");
      expect(later.rowsDone).toBe(marked.rowsDone);
      expect(later.file).toBeNull();
      expect(later.heartbeatAt).toBe(marked.heartbeatAt);
    });
  });
});

describe("the sweep of interrupted imports", () => {
  it("fails a silent preview and sends a silent confirmation back to its preview, leaving live owners' work alone", async () => {
    const alive = process.ppid;
    // A long silence for this sweep, so that the live rows written below stay fresh however slowly a
    // loaded machine writes them (with the file's 100 ms heartbeat, one run found one stale).
    const staleMs = 30_000;
    const readingSilent = await importRow("reading", otherOwner(alive), ago(staleMs + 1_000));
    const readingLive = await importRow("reading", otherOwner(alive), ago(0));
    const savingGone = await importRow("saving", otherOwner(deadPid()), ago(0));
    const savingBefore = await importRow("saving", null, null);
    const savingLive = await importRow("saving", otherOwner(4242, "another-machine.example"), ago(0));
    expect(await markInterruptedImports({ staleMs })).toEqual({ failed: 1, resumable: 2 });
    expect(await importState(readingSilent)).toEqual({ status: "failed", error: "Indlæsningen af filen blev afbrudt, fordi serveren genstartede. Upload filen igen.", rows: 0, staged: 0 });
    expect(await importState(readingLive)).toEqual({ status: "reading", error: null, rows: 1, staged: 0 });
    const resumed = { status: "ready", error: "Gemningen blev afbrudt, fordi serveren genstartede. Intet er gemt. Du kan bekræfte importen igen.", rows: 1, staged: 0 };
    expect(await importState(savingGone)).toEqual(resumed);
    expect(await importState(savingBefore)).toEqual(resumed);
    expect(await importState(savingLive)).toEqual({ status: "saving", error: null, rows: 1, staged: 1 });
    await runTx(async (tx) => await tx.delete(employeeImports));
  });

  it("stores a confirmation once when a sweep sent it back while its first run was alive but slow and HR confirmed again", async () => {
    process.env.FASTHOLD_TEST_IMPORT_STEP_MS = "300";
    try {
      const rows = 2_500;
      const header = "Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden";
      const body = Array.from({ length: rows }, (_, i) => `slow-${i};Person ${i};01.01.1980;751;01.01.2010`).join("\r\n");
      const token = await previewImport({ user: hr, file: { name: "slow.csv", bytes: new TextEncoder().encode(`${header}\r\n${body}\r\n`) }, movedOn: today, today });
      for (let i = 0; i < 100 && (await getImportPreview({ user: hr, token })).status === "reading"; i++) await sleep(100);
      expect((await getImportPreview({ user: hr, token })).status).toBe("ready");
      const importId = (await one(getDb().select({ id: employeeImports.id }).from(employeeImports).where(eq(employeeImports.fileName, "slow.csv")).limit(1)))!.id;
      expect((await confirmImport({ user: hr, token, asOf: today })).done).toBe(false);
      const first = (await one(getDb().select({ jobOwner: employeeImports.jobOwner }).from(employeeImports).where(eq(employeeImports.id, importId)).limit(1)))!.jobOwner;
      // Another server's sweep found the run silent (what markInterruptedImports writes) while it waited for its first step.
      await runTx(async (tx) => {
        await tx.delete(employeeImportStaged).where(eq(employeeImportStaged.importId, importId));
        await tx.update(employeeImports).set({ status: "ready", error: "Gemningen blev afbrudt, fordi serveren genstartede. Intet er gemt. Du kan bekræfte importen igen." }).where(and(eq(employeeImports.id, importId), eq(employeeImports.status, "saving")));
      });
      // HR confirms again, on this same process: a new run with an owner of its own.
      expect((await confirmImport({ user: hr, token, asOf: today })).done).toBe(false);
      const second = (await one(getDb().select({ jobOwner: employeeImports.jobOwner }).from(employeeImports).where(eq(employeeImports.id, importId)).limit(1)))!.jobOwner;
      expect(second).not.toBe(first);
      for (let i = 0; i < 200 && (await getImportPreview({ user: hr, token })).status === "saving"; i++) await sleep(100);
      const preview = await getImportPreview({ user: hr, token });
      expect(preview.status).toBe("confirmed");
      expect(preview.error).toBeNull();
      expect((await one(getDb().select({ n: count() }).from(employees).where(and(eq(employees.companyId, hr.company.id), like(employees.employeeNumber, "slow-%")))))!.n).toBe(rows);
      expect((await one(getDb().select({ n: count() }).from(employeeImportStaged).where(eq(employeeImportStaged.importId, importId))))!.n).toBe(0);
    } finally {
      delete process.env.FASTHOLD_TEST_IMPORT_STEP_MS;
    }
  }, 60_000);
});

describe("JOB_HEARTBEAT_MS", () => {
  const databasePath = path.join(path.dirname(process.env.DATABASE_PATH!), `env-${crypto.randomUUID()}.db`);

  it("is 5 s by default, so work counts as interrupted after 15 s of silence, and refuses what is not a sensible interval", () => {
    expect(parseEnv({ DATABASE_PATH: databasePath }).jobHeartbeatMs).toBe(5_000);
    expect(jobStaleMs(parseEnv({ DATABASE_PATH: databasePath }).jobHeartbeatMs)).toBe(15_000);
    expect(parseEnv({ DATABASE_PATH: databasePath, JOB_HEARTBEAT_MS: "200" }).jobHeartbeatMs).toBe(200);
    expect(() => parseEnv({ DATABASE_PATH: databasePath, JOB_HEARTBEAT_MS: "10" })).toThrow("JOB_HEARTBEAT_MS");
    expect(() => parseEnv({ DATABASE_PATH: databasePath, JOB_HEARTBEAT_MS: "fem" })).toThrow("JOB_HEARTBEAT_MS");
  });
});
