import fs from "node:fs";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { closeDatabase, openDatabase } from "../../db/client.server";
import { seedDemoData } from "../../app/models/demo-seed.server";
import { todayInCopenhagen } from "../../app/domain/dates";
import { BASE_DB, ROOT, SEEDED_DB, TMP_DIR } from "./paths";
import path from "node:path";
import { spawnSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { PG_TEMPLATES, testEngine } from "./engine";
import { startPostgres } from "./postgres";

/**
 * A PostgreSQL run (vitest.postgres.config.ts): one throwaway PostgreSQL server for the run, with the
 * migrated base and the seeded base copied in as template databases by the real copy script
 * (npm run db:migrate-to-postgres), so what the tests start from is what the SQLite run starts from.
 */
async function postgresTemplates(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  for (const [file, name] of [
    [BASE_DB, PG_TEMPLATES.base],
    [SEEDED_DB, PG_TEMPLATES.seeded],
  ] as const) {
    const url = await postgres.createDatabase(name);
    const result = spawnSync(process.execPath, [path.join(ROOT, "scripts/migrate-to-postgres.mjs")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DATABASE_PATH: file, DATABASE_URL: url },
    });
    if (result.status !== 0) {
      await postgres.stop();
      throw new Error(`The copy of ${path.basename(file)} into PostgreSQL failed:\n${result.stdout}\n${result.stderr}`);
    }
  }
  project.provide("postgresUrl", postgres.url);
  return postgres.stop;
}

/** The PDF read-back tests need poppler's tools: say how to get them, instead of a dozen ENOENT failures. */
function requirePoppler() {
  const missing = ["pdftotext", "pdfinfo"].filter((tool) => spawnSync(tool, ["-v"]).error);
  if (missing.length > 0) {
    throw new Error(`${missing.join(" and ")} not found: install poppler-utils first (apt-get install -y poppler-utils).`);
  }
}

/** Folds the WAL into the main file so a plain copy is complete. */
function closeForCopy(conn: ReturnType<typeof openDatabase>) {
  if (conn.read !== conn.write) conn.read.sqlite.close();
  conn.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  conn.sqlite.pragma("journal_mode = DELETE");
  conn.sqlite.close();
}

/**
 * Migrates one database, and seeds a copy of it with the demo data, once per run: each test
 * file copies the first, each test server (tests/support/server.ts) the second, instead of
 * migrating and seeding for itself. The demo users' hash is the tests' cheap one, so the
 * servers (NODE_ENV=test, FASTHOLD_TEST_FAST_HASH=1) check logins in milliseconds.
 */
export default async function setup(project: TestProject) {
  requirePoppler();
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const base = openDatabase(BASE_DB);
  migrate(base.db, { migrationsFolder: path.join(ROOT, "db/migrations") });
  closeForCopy(base);

  fs.copyFileSync(BASE_DB, SEEDED_DB);
  process.env.NODE_ENV = "test";
  process.env.FASTHOLD_TEST_FAST_HASH = "1";
  // The seed writes through the app's own connection (runTx), on the copy.
  process.env.DATABASE_PATH = SEEDED_DB;
  // The seed's dates follow today, as they did when each server seeded at its own start.
  await seedDemoData(todayInCopenhagen(new Date()));
  closeDatabase();
  const seeded = openDatabase(SEEDED_DB);
  closeForCopy(seeded);
  if (testEngine() === "postgres") return await postgresTemplates(project);
  project.provide("postgresUrl", null);
}
