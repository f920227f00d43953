import { getDb, migrateDatabase } from "~db/client.server";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from "~db/seed";
import { todayInCopenhagen } from "~/domain/dates";
import { getEnv, type Env } from "./env.server";

export interface StartupResult {
  env: Env;
  seeded: boolean;
  demoLogins: ReadonlyArray<{ email: string; who: string }>;
  demoPassword: string;
}

/** Validate the environment, migrate the database and seed demo data on first start. */
export async function startup(): Promise<StartupResult> {
  const env = getEnv();
  process.env.DATABASE_PATH = env.databasePath;
  migrateDatabase(getDb());
  const seeded = env.seedDemo ? await seedDemoData(getDb(), todayInCopenhagen(new Date())) : false;
  return { env, seeded, demoLogins: DEMO_LOGINS, demoPassword: DEMO_PASSWORD };
}
