import fs from "node:fs";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { openDatabase } from "../../db/client.server";
import { BASE_DB, ROOT, TMP_DIR } from "./paths";
import path from "node:path";
import { spawnSync } from "node:child_process";

/** The PDF read-back tests need poppler's tools: say how to get them, instead of a dozen ENOENT failures. */
function requirePoppler() {
  const missing = ["pdftotext", "pdfinfo"].filter((tool) => spawnSync(tool, ["-v"]).error);
  if (missing.length > 0) {
    throw new Error(`${missing.join(" and ")} not found: install poppler-utils first (apt-get install -y poppler-utils).`);
  }
}

export default function setup() {
  requirePoppler();
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const conn = openDatabase(BASE_DB);
  migrate(conn.db, { migrationsFolder: path.join(ROOT, "db/migrations") });
  // Fold the WAL into the main file so a plain copy is complete.
  conn.sqlite.pragma("wal_checkpoint(TRUNCATE)");
  conn.sqlite.pragma("journal_mode = DELETE");
  conn.sqlite.close();
}
