// npm run backup -- <file>: an online, consistent copy of the database while
// the server runs (SQLite's backup API through better-sqlite3: pages are
// copied from one snapshot; writers are not blocked). With DATABASE_URL=postgres://… it is
// pg_dump of that database instead (backup-postgres.mjs).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { runPostgresMode } from "./pg-tools.mjs";

const target = process.argv[2];
const source = process.env.DATABASE_PATH || "data/fasthold.db";

function fail(message) {
  console.error(message);
  process.exit(1);
}

if (!target) fail("Brug: npm run backup -- <fil>");
await runPostgresMode(async (url) => (await import("./backup-postgres.mjs")).backupPostgres(target, url));
if (!fs.existsSync(source)) fail(`Databasen ${source} findes ikke.`);
if (fs.existsSync(target)) fail(`${target} findes allerede; vælg et nyt filnavn.`);
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });

const db = new Database(source, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
try {
  await db.backup(target);
} catch (error) {
  fs.rmSync(target, { force: true });
  fail(`Sikkerhedskopien mislykkedes: ${error.message}`);
} finally {
  db.close();
}

const copy = new Database(target, { readonly: true });
const integrity = copy.pragma("integrity_check", { simple: true });
const employees = copy.prepare("select count(*) as n from employees").get().n;
const absences = copy.prepare("select count(*) as n from absences").get().n;
copy.close();
if (integrity !== "ok") fail(`Kopien ${target} er ikke hel: ${integrity}`);
const size = fs.statSync(target).size;
console.log(`Sikkerhedskopi skrevet: ${target} (${(size / 1024).toFixed(0)} kB, ${employees} medarbejdere, ${absences} fraværssager, integrity_check ok)`);
