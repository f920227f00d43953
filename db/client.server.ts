import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { BoundedMemo } from "../lib/bounded-memo";
import * as schema from "./schema";
import { redactLinks, sha256Hex } from "./secrets";

export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle; model functions that write take it so callers can compose one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

interface Connection {
  path: string;
  sqlite: Database.Database;
  db: Db;
}

// One connection per process, kept on globalThis so the dev server's rebuilds reuse it.
const globalForDb = globalThis as unknown as { __fastholdDb?: Connection };

export const DEFAULT_DATABASE_PATH = "data/fasthold.db";
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

export function databasePath(): string {
  return process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH;
}

/** Files and folders with personal data or secrets: readable by the server's user only. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/**
 * SQL functions the migrations use (hash_stored_secrets): sha256_hex turns a stored secret (a
 * session id, a calendar token) into the hash kept instead, redact_links cuts the tokens out of
 * a sent e-mail's body; the app does the same with the same functions (db/secrets.ts).
 * Every connection that migrates registers them: this one, and scripts/seed-national.mjs.
 */
export function registerSqlFunctions(sqlite: Database.Database): void {
  sqlite.function("sha256_hex", { deterministic: true }, (value: unknown) => (typeof value === "string" ? sha256Hex(value) : null));
  sqlite.function("redact_links", { deterministic: true }, (value: unknown) => (typeof value === "string" ? redactLinks(value) : value));
}

/**
 * The database file is made 0600 before SQLite opens it: SQLite gives its -wal and -shm files the
 * database file's permissions. A file from before (0644 by the old umask) is tightened too.
 */
function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.closeSync(fs.openSync(file, "a", PRIVATE_FILE_MODE));
  for (const suffix of ["", "-wal", "-shm"]) {
    try {
      fs.chmodSync(file + suffix, PRIVATE_FILE_MODE);
    } catch {
      // No -wal/-shm yet: SQLite creates them with the database file's mode.
    }
  }
}

export function openDatabase(file: string): Connection {
  const inMemory = file === ":memory:" || file === "";
  if (!inMemory) createPrivately(file);
  const sqlite = new Database(file);
  registerSqlFunctions(sqlite);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Deleted and overwritten content is zeroed, not left in free space in the file: a redacted log
  // entry or a retention deletion must really be gone from the database file (GDPR art. 17).
  sqlite.pragma("secure_delete = ON");
  keepReadStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  // Transactions take the write lock when they begin (BEGIN IMMEDIATE), waiting up to busy_timeout
  // for it. A deferred transaction that reads and then writes cannot wait: when another process of a
  // server cluster (server.mjs) has committed in between, SQLite refuses it with SQLITE_BUSY at once.
  const transaction = db.transaction.bind(db);
  db.transaction = ((run, config) => transaction(run, { behavior: "immediate", ...config })) as Db["transaction"];
  return { path: file, sqlite, db };
}

const KEPT_STATEMENTS = 500;

/**
 * SQLite compiles a statement on every prepare, and drizzle prepares one for every query it
 * runs: compiling a page's joins cost more than running them. The connection keeps its
 * compiled read statements by SQL text (bounded, oldest out first) and hands them out again
 * in their default mode; one that is busy in an unfinished iteration is not shared.
 */
function keepReadStatements(sqlite: Database.Database): void {
  const kept = new BoundedMemo<string, Database.Statement>(KEPT_STATEMENTS);
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    if (!/^\s*select\b/i.test(source)) return prepare(source);
    const known = kept.get(source);
    if (known && !known.busy) return known.raw(false);
    const statement = prepare(source);
    if (!known) kept.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}

function connection(): Connection {
  const file = databasePath();
  const current = globalForDb.__fastholdDb;
  if (current && current.path === file) return current;
  current?.sqlite.close();
  globalForDb.__fastholdDb = openDatabase(file);
  return globalForDb.__fastholdDb;
}

export function getDb(): Db {
  return connection().db;
}

export function getSqlite(): Database.Database {
  return connection().sqlite;
}

export function migrateDatabase(db: Db = getDb()): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

export function closeDatabase(): void {
  globalForDb.__fastholdDb?.sqlite.close();
  globalForDb.__fastholdDb = undefined;
}

/**
 * A query built and prepared once per connection: drizzle otherwise rebuilds the SQL on
 * every call (a join of whole rows: a few hundred microseconds, more than running it). Hot
 * read paths (the session lookup on every request) use it with sql.placeholder.
 */
export function preparedQuery<T>(build: (db: Db) => T): () => T {
  const byDb = new WeakMap<Db, T>();
  return () => {
    const db = getDb();
    let query = byDb.get(db);
    if (!query) {
      query = build(db);
      byDb.set(db, query);
    }
    return query;
  };
}
