/**
 * Who works on a background job, and whether it still does (docs/decisions/017). On PostgreSQL
 * several servers share the job tables (employee_imports, case_exports): a row running on one
 * server must not be marked interrupted by another that starts, and a row whose server died must
 * not stay running for ever. Each process therefore stamps the rows it works on with its own id
 * and refreshes a heartbeat while it works; work is interrupted only once its heartbeat is stale.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { sql, type SQL } from "drizzle-orm";
import { runTx, type Db } from "./client.server";
import { dialect } from "./dialect";
import { postgresDb } from "./engine-postgres.server";

const onPostgres = dialect() === "postgres";

/**
 * This process as the owner of background work: a random id per process start, so a restarted
 * server (same machine, same port, even the same pid) is a new owner and its predecessor's rows
 * are never mistaken for its own; then the machine and the pid, for an operator reading the
 * table and for the check whether the owner still runs (ownerProcessGone). Kept on globalThis
 * so the dev server's rebuilds keep the id of the running process, whose jobs go on across a
 * rebuild.
 */
const globalForOwner = globalThis as unknown as { __fastholdJobProcess?: string };
globalForOwner.__fastholdJobProcess ??= randomUUID();
const PROCESS_ID: string = globalForOwner.__fastholdJobProcess;
export const JOB_OWNER = `${PROCESS_ID}/${os.hostname()}/${process.pid}`;

let runs = 0;

/**
 * A new run of background work in this process, as stored in a job row's job_owner
 * ("<process id>/<machine>/<pid>/<n>"). Per run and not only per process: a job marked
 * interrupted while this process was in fact alive but slow can be started again here, and the
 * old run must then see that the row is no longer its own.
 */
export function newJobRun(): string {
  runs += 1;
  return `${JOB_OWNER}/${runs}`;
}

/** A LIKE pattern matching every run of this process (a UUID has no `%` or `_`). */
export const THIS_PROCESS_RUNS = `${PROCESS_ID}/%`;

/**
 * Whether the process that owns a run is known to have ended: on SQLite only, where one machine
 * runs every process of the file (its `<database>.pid` claim), so a pid of this machine that no
 * longer exists is a dead owner, a restarted cluster process's predecessor among them. On
 * PostgreSQL the servers are on several machines, and a machine's name and pid say nothing
 * reliable across containers, so there only the heartbeat counts. A pid reused by another
 * process since reads as alive: the heartbeat's stale limit catches that owner instead.
 */
export function ownerProcessGone(owner: string): boolean {
  if (onPostgres) return false;
  const [, host, pidText] = owner.split("/");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !owner.startsWith(`${PROCESS_ID}/`);
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the pid exists (another user's process); only ESRCH says it is gone.
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
  return zombie(pid);
}

/** A process that has exited but not been reaped yet (a killed cluster process whose parent died too) still answers kill(pid, 0). */
function zombie(pid: number): boolean {
  try {
    // The state follows the command's closing parenthesis: "pid (comm) S …".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}

/**
 * How many heartbeat intervals a job may stay silent before it counts as interrupted. One missed
 * beat happens (a long transaction of another server in front of the sweep, a garbage collection,
 * a heartbeat write retried), so a single one must not count; three missed in a row mean the
 * owner is dead, cut off from the database or stalled so long that its work is worth no more.
 */
export const JOB_STALE_BEATS = 3;

export function jobStaleMs(heartbeatMs: number): number {
  return JOB_STALE_BEATS * heartbeatMs;
}

/**
 * The database's clock as the text timestamps are stored (created_at's format). Heartbeats and the
 * sweep both read the one clock of the database, so two servers whose clocks differ still agree
 * on how old a heartbeat is.
 */
export function databaseNow(): SQL {
  return onPostgres ? sql`to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : sql`strftime('%Y-%m-%dT%H:%M:%fZ','now')`;
}

/** The database's clock `ms` milliseconds ago, in the same format. */
export function databaseNowMinus(ms: number): SQL {
  const seconds = (Math.max(0, Math.round(ms)) / 1000).toFixed(3);
  return onPostgres
    ? sql`to_char((statement_timestamp() - ${sql.raw(`interval '${seconds} seconds'`)}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ','now', ${sql.raw(`'-${seconds} seconds'`)})`;
}

/**
 * Runs a heartbeat's one-row UPDATE. On PostgreSQL it commits on its own, outside the write
 * transactions' shared lock (db/client.server.ts runTx): a heartbeat reads nothing the models
 * rely on and changes only its own row's heartbeat, and queued behind another server's long
 * transaction it would arrive late and make a live job look dead to the sweep, which runs under
 * that lock. On SQLite there is one writer per file, so it is an ordinary write transaction.
 */
export async function writeHeartbeat<T>(write: (db: Db) => Promise<T>): Promise<T> {
  if (onPostgres) return write(postgresDb() as unknown as Db);
  return runTx(write);
}
