import fs from "node:fs";
import { migrateEngine } from "~db/client.server";
import { todayInCopenhagen } from "~/domain/dates";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from "~/models/demo-seed.server";
import { markInterruptedCaseExports, purgeExpiredCaseExports } from "~/models/case-export-job.server";
import { markInterruptedImports } from "~/models/employee-import.server";
import { startMailWorker } from "~/models/mail-worker.server";
import { legacyUploadsDir, moveLegacyUploads } from "~/models/attachment-store.server";
import { purgeExpiredAbsences, purgeExpiredEmployees } from "~/models/retention.server";
import { runBackgroundJobs, whileLeading } from "~/utils/background-jobs.server";
import { getEnv, type Env } from "~/utils/env.server";
import { senderFromEnv } from "~/utils/mail.server";
import { ensurePrivateDir } from "~/utils/private-files.server";

export interface StartupResult {
  env: Env;
  seeded: boolean;
  demoLogins: ReadonlyArray<{ email: string; who: string }>;
  demoPassword: string;
  /** Stops the background work: the mail worker (waiting for a send in progress) and the daily retention run. */
  stop: () => Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** One retention run; a failure is reported and retried the next day, never fatal to the server. */
export async function runRetention(years: number, now = new Date()): Promise<void> {
  try {
    const asOf = todayInCopenhagen(now);
    const result = await purgeExpiredAbsences({ asOf, years });
    if (result.absences > 0) {
      console.log(`Sletning efter ${years} år: ${result.absences} afsluttede fraværssager og ${result.documents} dokumenter slettet.`);
    }
    const leavers = await purgeExpiredEmployees({ asOf, years });
    if (leavers.employees > 0) {
      console.log(`Sletning efter ${years} år: ${leavers.employees} fratrådte medarbejdere med ${leavers.absences} fraværssager og ${leavers.documents} dokumenter slettet.`);
    }
  } catch (error) {
    console.error("Sletningen af udløbne fraværssager mislykkedes:", error);
  }
  try {
    // A background export's file is kept for a day only.
    await purgeExpiredCaseExports(now);
  } catch (error) {
    console.error("Sletningen af udløbne eksporter mislykkedes:", error);
  }
}

/**
 * Marks the background work whose server has stopped as interrupted (docs/decisions/017): an
 * import or export whose owner's heartbeat is stale, or (SQLite) whose owner process has ended.
 * Work another live server is doing is left alone. A failure is reported and the next sweep tries again.
 */
export async function sweepInterruptedJobs(when: "start" | "sweep"): Promise<void> {
  try {
    const imports = await markInterruptedImports();
    if (imports.failed + imports.resumable > 0) {
      console.log(`Imports afbrudt, fordi deres server stoppede: ${imports.failed} forhåndsvisninger mislykkedes, ${imports.resumable} kan bekræftes igen.`);
    }
    const exports = await markInterruptedCaseExports();
    if (exports > 0) console.log(`Eksporter afbrudt, fordi deres server stoppede: ${exports}.`);
  } catch (error) {
    if (when === "start") throw error;
    console.error("Gennemgangen af afbrudte imports og eksporter mislykkedes:", error);
  }
}

/**
 * Validate the environment, migrate the database, seed demo data on first start, start the mail worker and the daily retention job.
 * With `duties: false` (the further processes of a cluster, started after the first one has done all this)
 * only the environment is read: one process migrates, seeds and runs the background jobs.
 */
export async function startup(options: { duties?: boolean } = {}): Promise<StartupResult> {
  const env = getEnv();
  process.env.DATABASE_PATH = env.databasePath;
  if (options.duties === false) {
    return { env, seeded: false, demoLogins: DEMO_LOGINS, demoPassword: DEMO_PASSWORD, stop: async () => {} };
  }
  await migrateEngine();
  // Folders an earlier version made with the usual umask (0755) become the owner's alone; new ones are made so.
  for (const dir of [legacyUploadsDir(), env.mailDirectory]) if (fs.existsSync(dir)) ensurePrivateDir(dir);
  // Uploads from before docs/decisions/009 move from the disk into the database, once.
  const uploads = await moveLegacyUploads();
  if (uploads.moved + uploads.missing > 0) {
    console.log(`Uploadede filer flyttet ind i databasen: ${uploads.moved}; ${uploads.missing} filer fandtes ikke på disken.`);
  }
  const seeded = env.seedDemo ? await seedDemoData(todayInCopenhagen(new Date())) : false;
  // Background work does not outlive the process that ran it; work of another live server goes on.
  await sweepInterruptedJobs("start");
  // On PostgreSQL only the server holding the jobs' lock runs them (docs/decisions/014).
  let firstRetention: Promise<void> = Promise.resolve();
  const jobs = runBackgroundJobs({ pollMs: env.leadershipPollMs }, (leading) => {
    firstRetention = runRetention(env.retentionYears);
    const timer = setInterval(() => void runRetention(env.retentionYears), DAY_MS);
    timer.unref();
    const mailWorker = startMailWorker(env, whileLeading(senderFromEnv(env), leading));
    // A server that dies leaves its work running in the table: one server marks it once its heartbeat is stale.
    let sweeping: Promise<void> | null = null;
    const sweeper = setInterval(() => {
      if (sweeping || !leading()) return;
      sweeping = sweepInterruptedJobs("sweep").finally(() => (sweeping = null));
    }, env.jobHeartbeatMs);
    sweeper.unref();
    return {
      stop: async () => {
        clearInterval(timer);
        clearInterval(sweeper);
        await sweeping;
        return mailWorker.stop();
      },
    };
  });
  // On SQLite the jobs start at once, and the first retention run ends before the server serves.
  await firstRetention;
  return {
    env,
    seeded,
    demoLogins: DEMO_LOGINS,
    demoPassword: DEMO_PASSWORD,
    stop: jobs.stop,
  };
}
