import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { BoundedMemo } from "../lib/bounded-memo";
import { dialect } from "./dialect";
import { migratePostgres, postgresDb, postgresReadDb } from "./engine-postgres.server";
import { closePgPool, getPgPool } from "./pg-pool.server";
import * as schema from "./schema";
import { redactLinks, sha256Hex } from "./secrets";

export type Db = BetterSQLite3Database<typeof schema>;
/**
 * A transaction handle. Inside runTx, getDb() returns the running transaction, so a Tx is just a Db;
 * the name stays where a function is meant to be called inside a caller's transaction.
 */
export type Tx = Db;

/**
 * The engine of this process, fixed when it starts (db/dialect.ts). On PostgreSQL the drizzle
 * instance is node-postgres's over the process's pool, typed as the SQLite one: the models use only
 * what both dialects have (docs/decisions/015), and db/schema.ts hands them the PostgreSQL tables.
 */
const onPostgres = dialect() === "postgres";

function postgresRead(): Db {
  return postgresReadDb() as unknown as Db;
}

interface Handle {
  sqlite: Database.Database;
  db: Db;
}

/**
 * Two handles on one file (docs/decisions/015): `read` answers every query outside a transaction
 * and refuses writes (query_only); `write` runs the transactions of runTx, one after the other.
 * While a transaction awaits, other requests run on the same event loop: on one shared handle their
 * reads would see its uncommitted writes and their writes would join (and roll back with) it.
 * An in-memory database cannot be opened twice, so there both are the same handle.
 */
interface Connection extends Handle {
  path: string;
  read: Handle;
  /** The same as `sqlite` and `db`: scripts and tests that migrate or fill a file use them directly. */
  write: Handle;
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

function openHandle(file: string, options: { readOnly: boolean }): Handle {
  const sqlite = new Database(file);
  registerSqlFunctions(sqlite);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // BEGIN IMMEDIATE (runTx) waits up to this long for another process of a cluster to commit.
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Deleted and overwritten content is zeroed, not left in free space in the file: a redacted log
  // entry or a retention deletion must really be gone from the database file (GDPR art. 17).
  sqlite.pragma("secure_delete = ON");
  // A write outside runTx fails at once instead of slipping past the transactions' order.
  if (options.readOnly) sqlite.pragma("query_only = ON");
  keepReadStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  sqliteOf.set(db, sqlite);
  return { sqlite, db };
}

/** The better-sqlite3 handle behind each drizzle instance, for the few statements db/ runs itself. */
const sqliteOf = new WeakMap<Db, Database.Database>();

export function openDatabase(file: string): Connection {
  const inMemory = file === ":memory:" || file === "";
  if (inMemory) {
    const only = openHandle(file, { readOnly: false });
    return { path: file, read: only, write: only, ...only };
  }
  createPrivately(file);
  const write = openHandle(file, { readOnly: false });
  const read = openHandle(file, { readOnly: true });
  return { path: file, read, write, ...write };
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

function closeConnection(current: Connection): void {
  current.read.sqlite.close();
  if (current.write !== current.read) current.write.sqlite.close();
}

function connection(): Connection {
  const file = databasePath();
  const current = globalForDb.__fastholdDb;
  if (current && current.path === file) return current;
  if (current) closeConnection(current);
  globalForDb.__fastholdDb = openDatabase(file);
  return globalForDb.__fastholdDb;
}

/** The transaction an async call chain runs in; `open` turns false when it ends, for any context that outlives it. */
interface TxContext {
  db: Db;
  open: boolean;
}

const txContext = new AsyncLocalStorage<TxContext>();

/** Inside runTx the running transaction, otherwise the process's read handle (writes refused). */
export function getDb(): Db {
  const running = txContext.getStore();
  if (running?.open) return running.db;
  return onPostgres ? postgresRead() : connection().read.db;
}

/** Whether the caller runs inside runTx (a write may go ahead). */
export function inTransaction(): boolean {
  return txContext.getStore()?.open === true;
}

/**
 * The raw better-sqlite3 handle that writes, for tests and scripts that set up or inspect a file
 * directly. Model code never uses it (docs/decisions/015): it would tie the models to SQLite.
 */
export function getSqlite(): Database.Database {
  if (onPostgres) throw new Error("There is no SQLite file in PostgreSQL mode.");
  return connection().write.sqlite;
}

/** The read handle's better-sqlite3 connection, for tests that watch the statements a read runs. */
export function getReadSqlite(): Database.Database {
  return connection().read.sqlite;
}

// The process's transactions, one after the other: the tail of the queue.
let queue: Promise<void> = Promise.resolve();

function takeTurn(): Promise<() => void> {
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const before = queue;
  queue = before.then(() => mine);
  return before.then(() => release);
}

/**
 * The one way to write (docs/decisions/015). Runs `fn` in a transaction and commits what it wrote,
 * or rolls all of it back when it throws (the error goes on to the caller). Inside `fn`, getDb()
 * returns the transaction as well as `tx`, so the model functions it calls join it.
 *
 * On SQLite: transactions of one process wait their turn (a queue), run on the write handle and
 * begin IMMEDIATE, taking the file's write lock at once: a deferred transaction that reads and then
 * writes would be refused with SQLITE_BUSY when another process of a cluster had committed between.
 *
 * A runTx inside a running one joins it: no savepoint, its writes commit or roll back with the
 * outer transaction. An inner error that the outer callback catches therefore leaves the inner
 * writes in place; the models let such errors go on, so the whole transaction rolls back.
 */
export async function runTx<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  const running = txContext.getStore();
  if (running?.open) return fn(running.db);
  if (onPostgres) return runPostgresTx(fn);
  const release = await takeTurn();
  const context: TxContext = { db: getDb(), open: false };
  try {
    const write = connection().write;
    context.db = write.db;
    write.sqlite.exec("BEGIN IMMEDIATE");
    context.open = true;
    try {
      const result = await txContext.run(context, () => fn(write.db));
      context.open = false;
      write.sqlite.exec("COMMIT");
      return result;
    } catch (error) {
      context.open = false;
      if (write.sqlite.inTransaction) write.sqlite.exec("ROLLBACK");
      throw error;
    }
  } finally {
    context.open = false;
    release();
  }
}

/** pg_advisory_xact_lock key of the write transactions: "FHWRIT" in ASCII. */
const WRITE_LOCK_KEY = "77277287738484";

/**
 * On PostgreSQL a transaction runs on one pooled connection. It first takes a transaction-level
 * advisory lock that every server's write transactions share, so they run one after the other as
 * on SQLite (whose file lock does the same): the models read and then write in one transaction
 * (an import checked against the employees as they are, a lock number, "not yet sent") and count
 * on no other write between the two, which READ COMMITTED alone would not give. Reads outside a
 * transaction take no lock and run in parallel on every server.
 */
async function runPostgresTx<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
  return postgresDb().transaction(async (pgTx) => {
    await pgTx.execute(sql`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY}::bigint)`);
    const context: TxContext = { db: pgTx as unknown as Db, open: true };
    try {
      return await txContext.run(context, () => fn(context.db));
    } finally {
      context.open = false;
    }
  });
}

function sqliteFor(db: Db): Database.Database {
  const sqlite = sqliteOf.get(db);
  if (!sqlite) throw new Error("Not a database handle of db/client.server.ts.");
  return sqlite;
}

/** The migrations, on the write handle (start-up, before any request). */
export function migrateDatabase(): void {
  if (onPostgres) throw new Error("migrateDatabase migrates the SQLite file; on PostgreSQL use migrateEngine().");
  migrate(connection().write.db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/** The migrations of the engine this process runs on: start-up, before any request. */
export async function migrateEngine(): Promise<void> {
  if (onPostgres) await migratePostgres();
  else migrateDatabase();
}

export function closeDatabase(): void {
  const current = globalForDb.__fastholdDb;
  globalForDb.__fastholdDb = undefined;
  if (current) closeConnection(current);
  if (onPostgres) void closePgPool();
}

/** The first row of a query's rows, or undefined: the dialect-neutral `.get()` (add `.limit(1)` where the query does not select one row). */
export async function one<Row>(rows: PromiseLike<Row[]>): Promise<Row | undefined> {
  return (await rows)[0];
}

/** The one row a statement returns (an insert's or update's `.returning()` of one row); no row is a bug and throws. */
export async function only<Row>(rows: PromiseLike<Row[]>): Promise<Row> {
  const [row] = await rows;
  if (row === undefined) throw new Error("The statement returned no row.");
  return row;
}

/**
 * A select's rows as arrays in the order of its columns, without drizzle's mapping to objects (a
 * hot path reads 50,000 rows): SQLite's values(); PostgreSQL's rows come back as objects, whose
 * keys keep the select's order.
 */
export async function rowValues<Row extends unknown[]>(query: { values(): unknown } & PromiseLike<object[]>): Promise<Row[]> {
  if (onPostgres) return (await query).map((row) => Object.values(row) as Row);
  return query.values() as Row[];
}

/** The first row of rows already read. */
export function first<Row>(rows: readonly Row[]): Row | undefined {
  return rows[0];
}

/** The rows of a raw sql`…` query (on PostgreSQL: `execute(query).rows`). */
export async function queryRows<Row>(query: SQL): Promise<Row[]> {
  if (onPostgres) return (await (getDb() as unknown as { execute: (q: SQL) => Promise<{ rows: Row[] }> }).execute(query)).rows;
  return getDb().all<Row>(query);
}

/** The first row of a raw sql`…` query, or undefined. */
export async function queryRow<Row>(query: SQL): Promise<Row | undefined> {
  if (onPostgres) return (await queryRows<Row>(query))[0];
  return getDb().get<Row | undefined>(query);
}

/** Runs a raw sql`…` statement that returns no rows; a write, so inside runTx. */
export async function execute(query: SQL): Promise<void> {
  if (onPostgres) await (getDb() as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(query);
  else getDb().run(query);
}

/**
 * A statement in the engine's own SQL text, for hot paths where drizzle's builder costs more than
 * the work (an import's staging of 50,000 rows). Parameters are positional (`?`) or named (`@name`);
 * the statement runs on the handle getDb() returns at the call. On PostgreSQL the parameters become
 * drizzle's ($n, postgresStatement below); `name` identifies the statement in logs and for a later
 * named prepared statement, and is not used by either engine today.
 */
export interface RawStatement<Params extends unknown[] | Record<string, unknown>, Row> {
  all(params: Params): Promise<Row[]>;
  get(params: Params): Promise<Row | undefined>;
  run(params: Params): Promise<void>;
  /**
   * An `INSERT … VALUES (…)` for many rows. SQLite runs the prepared statement once per row (in
   * process, that is the fastest); PostgreSQL gets one multi-row VALUES per batch, because there each
   * statement is a round trip to the server, and 50,000 of them made an import's confirmation minutes long.
   */
  runMany(rows: readonly Params[]): Promise<void>;
}

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PG_PARAMETERS = 60_000;
const MAX_PG_ROWS_PER_INSERT = 1_000;

export function rawStatement<Params extends unknown[] | Record<string, unknown>, Row = never>(name: string, text: string): RawStatement<Params, Row> {
  void name;
  if (onPostgres) {
    const rows = async (params: Params): Promise<Row[]> => {
      const pg = getDb() as unknown as { execute: (q: SQL) => Promise<{ rows: Row[] }> };
      return (await pg.execute(postgresStatement(text, params))).rows;
    };
    const values = /\bVALUES\s*(\(.*\))\s*$/is.exec(text);
    return {
      all: rows,
      get: async (params) => (await rows(params))[0],
      run: async (params) => {
        await rows(params);
      },
      runMany: async (list) => {
        if (!values) throw new Error(`runMany needs an INSERT … VALUES (…) statement: ${name}`);
        const head = text.slice(0, values.index);
        const tuple = values[1]!;
        const perRow = Math.max(1, (tuple.match(/\?|@\w+/g) ?? []).length);
        const batch = Math.max(1, Math.min(MAX_PG_ROWS_PER_INSERT, Math.floor(MAX_PG_PARAMETERS / perRow)));
        const pg = getDb() as unknown as { execute: (q: SQL) => Promise<unknown> };
        for (let i = 0; i < list.length; i += batch) {
          const tuples = list.slice(i, i + batch).map((params) => postgresStatement(tuple, params));
          await pg.execute(sql.join([sql.raw(`${head}VALUES `), sql.join(tuples, sql.raw(", "))]));
        }
      },
    };
  }
  const statementOf = (): Database.Statement => sqliteFor(getDb()).prepare(text);
  const bind = (params: Params): unknown[] => (Array.isArray(params) ? params : [params]);
  return {
    all: async (params) => statementOf().all(...bind(params)) as Row[],
    get: async (params) => statementOf().get(...bind(params)) as Row | undefined,
    run: async (params) => {
      statementOf().run(...bind(params));
    },
    runMany: async (list) => {
      const statement = statementOf();
      for (const params of list) statement.run(...bind(params));
    },
  };
}

/**
 * SQLite's placeholders (`?` in order, `@name` by name) as drizzle parameters, which node-postgres
 * numbers $1, $2 …; the statements using them have no `?` or `@` inside their string literals.
 */
function postgresStatement(text: string, params: unknown[] | Record<string, unknown>): SQL {
  const chunks: SQL[] = [];
  let position = 0;
  let last = 0;
  for (const match of text.matchAll(/\?|@(\w+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    const value = match[1] !== undefined ? (params as Record<string, unknown>)[match[1]] : (params as unknown[])[position++];
    chunks.push(sql`${value ?? null}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

/** The engine's plan of a query, one line per step: tests check that a filter is answered from an index. */
export async function queryPlan(query: { toSQL: () => { sql: string; params: unknown[] } }): Promise<string[]> {
  const { sql: text, params } = query.toSQL();
  if (onPostgres) return (await getPgPool().query<{ "QUERY PLAN": string }>(`EXPLAIN ${text}`, params)).rows.map((r) => r["QUERY PLAN"]);
  return (sqliteFor(getDb()).prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);
}

/**
 * A query built and prepared once per handle: drizzle otherwise rebuilds the SQL on every call (a
 * join of whole rows: a few hundred microseconds, more than running it). Hot read paths (the
 * session lookup on every request) use it with sql.placeholder and run it with `.execute(params)`,
 * which both dialects answer with a promise of the rows. `name` names the prepared statement on
 * PostgreSQL, which needs one per statement text.
 */
export function preparedQuery<T>(name: string, build: (db: Db, name: string) => T): () => T {
  const byDb = new WeakMap<Db, T>();
  return () => {
    const db = getDb();
    let query = byDb.get(db);
    if (!query) {
      query = build(db, name);
      byDb.set(db, query);
    }
    return query;
  };
}

/**
 * Like preparedQuery, for a query whose SQL text depends on which filters it has: one prepared
 * statement per handle and per shape `key`, at most `capacity` shapes per handle, so a flood of
 * filter mixes costs a bounded amount of memory.
 */
export function preparedQueriesByShape<T>(capacity: number): (key: string, build: () => T) => T {
  const byDb = new WeakMap<Db, BoundedMemo<string, T>>();
  return (key, build) => {
    const db = getDb();
    let byShape = byDb.get(db);
    if (!byShape) {
      byShape = new BoundedMemo<string, T>(capacity);
      byDb.set(db, byShape);
    }
    let query = byShape.get(key);
    if (query === undefined) {
      query = build();
      byShape.set(key, query);
    }
    return query;
  };
}
