import fs from "node:fs";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { closeDatabase, openDatabase } from "../../db/client.server";
import { seedDemoData } from "../../app/models/demo-seed.server";
import { todayInCopenhagen } from "../../app/domain/dates";
import { BASE_DB, ROOT, SEEDED_DB, TMP_DIR } from "./paths";
import path from "node:path";
import { spawnSync } from "node:child_process";

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
export default async function setup() {
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
}
