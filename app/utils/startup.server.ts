import { getDb, migrateDatabase } from "~db/client.server";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from "~db/seed";
import { todayInCopenhagen } from "~/domain/dates";
import { getEnv, type Env } from "./env.server";
import { startMailWorker } from "./mail-worker.server";

export interface StartupResult {
  env: Env;
  seeded: boolean;
  demoLogins: ReadonlyArray<{ email: string; who: string }>;
  demoPassword: string;
  /** Stops the background work (the mail worker), waiting for a send in progress. */
  stop: () => Promise<void>;
}

/** Validate the environment, migrate the database, seed demo data on first start and start the mail worker. */
export async function startup(): Promise<StartupResult> {
  const env = getEnv();
  process.env.DATABASE_PATH = env.databasePath;
  migrateDatabase(getDb());
  const seeded = env.seedDemo ? await seedDemoData(getDb(), todayInCopenhagen(new Date())) : false;
  const mailWorker = startMailWorker(env);
  return { env, seeded, demoLogins: DEMO_LOGINS, demoPassword: DEMO_PASSWORD, stop: () => mailWorker.stop() };
}
