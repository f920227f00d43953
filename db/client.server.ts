import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

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

export function openDatabase(file: string): Connection {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return { path: file, sqlite, db: drizzle(sqlite, { schema }) };
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
