// npm run restore -- <file>: puts a backup in place of the database. Refuses
// while a server holds the database (see db-lock.mjs); checks that the file
// is a whole Fasthold database first; keeps the replaced database beside it. With
// DATABASE_URL=postgres://… it is pg_restore into that database instead (restore-postgres.mjs).
import fs from "node:fs";
import Database from "better-sqlite3";
import { claim, release } from "./db-lock.mjs";
import { runPostgresMode } from "./pg-tools.mjs";

const backup = process.argv[2];
const target = process.env.DATABASE_PATH || "data/fasthold.db";

function fail(message) {
  console.error(message);
  process.exit(1);
}

await runPostgresMode(async (url) => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--replace");
  const files = args.filter((a) => !a.startsWith("--"));
  if (unknown.length || files.length !== 1) fail("Brug: npm run restore -- <fil> [--replace]");
  const { restorePostgres } = await import("./restore-postgres.mjs");
  await restorePostgres(files[0], url, { replace: args.includes("--replace") });
});
if (!backup) fail("Brug: npm run restore -- <fil>");
if (!fs.existsSync(backup)) fail(`${backup} findes ikke.`);

const holder = claim(target);
if (holder) fail(`Serveren kører på ${target} (pid ${holder}). Stop den, før du gendanner.`);
process.on("exit", () => release(target));

const REQUIRED_TABLES = ["__drizzle_migrations", "companies", "users", "employees", "absences", "audit_log"];
let source;
try {
  source = new Database(backup, { readonly: true, fileMustExist: true });
  const integrity = source.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") fail(`${backup} er ikke en hel database: ${integrity}`);
  const tables = new Set(source.prepare("select name from sqlite_master where type = 'table'").all().map((r) => r.name));
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length) fail(`${backup} er ikke en Fasthold-database (mangler ${missing.join(", ")}).`);
} catch (error) {
  fail(`${backup} kan ikke læses som en SQLite-database: ${error.message}`);
}

// Copy into a new file beside the target, then swap: the database is never half-written.
const incoming = `${target}.restoring`;
fs.rmSync(incoming, { force: true });
await source.backup(incoming);
source.close();

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const kept = `${target}.before-restore-${stamp}`;
if (fs.existsSync(target)) {
  // Fold the old database's WAL into it so the kept copy is complete.
  const old = new Database(target);
  old.pragma("wal_checkpoint(TRUNCATE)");
  old.close();
  fs.renameSync(target, kept);
}
for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
fs.renameSync(incoming, target);
console.log(`Gendannet ${target} fra ${backup}.${fs.existsSync(kept) ? ` Den tidligere database er gemt som ${kept}.` : ""}`);
