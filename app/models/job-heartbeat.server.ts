/**
 * The heartbeat of a background job this process works on (docs/decisions/017): a timer that
 * refreshes the job row's heartbeat every JOB_HEARTBEAT_MS while the work runs, so the sweep of
 * any server can tell a live job from one whose server died.
 */
import { and, inArray, isNull, lt, notLike, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { databaseNowMinus, jobStaleMs, ownerProcessGone, THIS_PROCESS_RUNS } from "~db/job-owner.server";
import { getEnv } from "~/utils/env.server";

export interface Heartbeat {
  stop: () => void;
}

/**
 * Calls `beat` every interval until stopped or until `beat` answers false (the row is no longer
 * this process's running job: finished, expired, or marked interrupted by a sweep; the work itself
 * sees that at its next step and stops). A beat still under way when the next is due is not
 * doubled. A failing beat is reported and the next one tried: the sweep only acts after several
 * silent intervals. The timer is unref'd so it never keeps a stopping process alive.
 */
export function startHeartbeat(beat: () => Promise<boolean>, intervalMs: number = getEnv().jobHeartbeatMs): Heartbeat {
  let busy = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (busy || stopped) return;
    busy = true;
    beat()
      .then((mine) => {
        if (!mine) stop();
      })
      .catch((error: unknown) => console.warn("Baggrundsjobbets livstegn kunne ikke gemmes; prøver igen:", error))
      .finally(() => (busy = false));
  }, intervalMs);
  timer.unref();
  function stop(): void {
    stopped = true;
    clearInterval(timer);
  }
  return { stop };
}

interface OwnedColumns {
  id: SQLiteColumn;
  jobOwner: SQLiteColumn;
  heartbeatAt: SQLiteColumn;
}

export interface SweepOptions {
  /** How long a heartbeat may be silent; by default JOB_STALE_BEATS heartbeat intervals (JOB_HEARTBEAT_MS). */
  staleMs?: number;
}

/** Jobs of other processes, the candidates of a sweep: this process is alive, and its own work ends its jobs. */
export function notThisProcess(columns: OwnedColumns): SQL {
  return or(isNull(columns.jobOwner), notLike(columns.jobOwner, THIS_PROCESS_RUNS))!;
}

/**
 * The jobs a sweep marks interrupted (docs/decisions/017), of those another process owns: no
 * owner (rows from before the owners); a heartbeat older than the stale limit by the database's
 * clock; or an owner known to have ended (SQLite's one machine: `gone`, found by ownerProcessGone
 * among `candidates`). A job another live server owns keeps a fresh heartbeat and is left alone.
 * The condition goes into the UPDATE itself, so a heartbeat that lands in the meantime saves its job.
 */
export function interruptedJob(columns: OwnedColumns, candidates: ReadonlyArray<{ id: number; jobOwner: string | null }>, options: SweepOptions = {}): SQL {
  const staleMs = options.staleMs ?? jobStaleMs(getEnv().jobHeartbeatMs);
  const gone = candidates.filter((c) => c.jobOwner !== null && ownerProcessGone(c.jobOwner)).map((c) => c.id);
  return and(
    notThisProcess(columns),
    or(isNull(columns.jobOwner), isNull(columns.heartbeatAt), lt(columns.heartbeatAt, databaseNowMinus(staleMs)), gone.length ? inArray(columns.id, gone) : undefined),
  )!;
}
