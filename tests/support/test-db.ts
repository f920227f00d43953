/**
 * The tests' own connection to a running server's database, the same on both engines (issue 27): SQL
 * with `?` parameters, run on the server's SQLite file or on its PostgreSQL database. Values read back
 * as better-sqlite3 gives them, so one assertion holds on both: PostgreSQL's booleans as 1/0 and its
 * 64-bit integers (count(*)) as numbers.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { onPostgres } from "./engine";

export interface DatabaseOf {
  databasePath: string;
  databaseUrl?: string;
}

export interface TestDb {
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The first row, or undefined. */
  one<T>(sql: string, ...params: unknown[]): Promise<T>;
  /** A write; the number of rows it changed. */
  run(sql: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
}

const INT8 = 20;
const BOOL = 16;

/** Type parsers of the tests' PostgreSQL connections only; the app's own are untouched. */
const sqliteLikeTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === BOOL) return (value: string) => (value === "t" ? 1 : 0);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  },
} as unknown as pg.CustomTypesConfig;

/**
 * The tests' SQL (written for SQLite) for PostgreSQL: `?` placeholders (outside quoted text) as `$1, $2, …`,
 * and a camelCase alias (`as absenceId`) quoted, because PostgreSQL folds an unquoted name to lower case
 * where SQLite keeps it as written.
 */
export function forPostgres(sql: string): string {
  return postgresPlaceholders(sql).replace(/\b([Aa][Ss]\s+)([a-z]+[A-Z]\w*)\b/g, '$1"$2"');
}

function postgresPlaceholders(sql: string): string {
  let n = 0;
  let quote: string | null = null;
  let out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
    } else if (ch === "?") {
      out += `$${++n}`;
      continue;
    }
    out += ch;
  }
  return out;
}

export async function openTestDb(target: DatabaseOf): Promise<TestDb> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl, types: sqliteLikeTypes });
    await client.connect();
    // A 1 or 0 sent for a boolean column is read by PostgreSQL as true or false, as SQLite stores it.
    const query = async (sql: string, params: unknown[]) => client.query(forPostgres(sql), params);
    return {
      all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
      one: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T,
      run: async (sql: string, ...params: unknown[]) => (await query(sql, params)).rowCount ?? 0,
      close: () => client.end(),
    };
  }
  if (onPostgres) throw new Error("This PostgreSQL run has a server without a PostgreSQL database.");
  const db = new Database(target.databasePath);
  return {
    all: <T>(sql: string, ...params: unknown[]) => Promise.resolve(db.prepare(sql).all(...params) as T[]),
    one: <T>(sql: string, ...params: unknown[]) => Promise.resolve(db.prepare(sql).get(...params) as T),
    run: (sql: string, ...params: unknown[]) => Promise.resolve(db.prepare(sql).run(...params).changes),
    close: () => Promise.resolve(void db.close()),
  };
}

/** Opens the database, runs `work` and closes it again. */
export async function withTestDb<T>(target: DatabaseOf, work: (db: TestDb) => Promise<T>): Promise<T> {
  const db = await openTestDb(target);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

/** One row from the running server's database, through a connection of its own. */
export function queryOne<T>(target: DatabaseOf, sql: string, ...params: unknown[]): Promise<T> {
  return withTestDb(target, (db) => db.one<T>(sql, ...params));
}
