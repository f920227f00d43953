// @ts-check
// npm run db:migrate-to-postgres: moves an installation from its SQLite file (DATABASE_PATH,
// default data/fasthold.db) into an empty PostgreSQL database (DATABASE_URL), issue 27 and
// docs/decisions/013. The server must be stopped: the SQLite file is opened read-only and read
// from one snapshot. The PostgreSQL database is migrated (db/migrations-pg), then every table is
// copied in foreign-key order, in batches, inside one transaction with the triggers off (the
// trigger-maintained versions and counts are copied as they are, not counted again), the identity
// sequences are moved past the copied ids, and the row counts are compared table by table. Any
// difference or error rolls the whole copy back: PostgreSQL holds either everything or nothing.
import path from "node:path";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { holderOf } from "./db-lock.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MIGRATIONS_FOLDER = path.join(ROOT, "db/migrations-pg");
/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 60_000;
const MAX_ROWS_PER_BATCH = 1_000;
/** Blobs (uploaded PDFs, finished exports) are large: a batch also ends at this many bytes. */
const MAX_BYTES_PER_BATCH = 8 * 1024 * 1024;

class MigrationError extends Error {}

/**
 * The portal's own tables: those of the newest PostgreSQL migration's snapshot (db/schema.pg.ts).
 * Other tables in the database are not the portal's data and are left alone, such as the login
 * throttle's short-lived counts, which the app creates when it first runs on PostgreSQL.
 * @returns {Set<string>}
 */
function portalTables() {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
  const last = journal.entries[journal.entries.length - 1];
  const snapshot = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8"));
  return new Set(Object.values(snapshot.tables).map((table) => /** @type {{ name: string }} */ (table).name));
}

/** @param {string} message */
function fail(message) {
  throw new MigrationError(message);
}

/** @param {string} name */
const q = (name) => pg.escapeIdentifier(name);

/**
 * The tables in an order where each comes after the tables its foreign keys point to.
 * @param {string[]} tables
 * @param {Array<{ child: string; parent: string }>} references
 */
function foreignKeyOrder(tables, references) {
  /** @type {Map<string, Set<string>>} */
  const parents = new Map(tables.map((t) => [t, new Set()]));
  for (const { child, parent } of references) if (child !== parent) parents.get(child)?.add(parent);
  /** @type {string[]} */
  const order = [];
  const placed = new Set();
  while (order.length < tables.length) {
    const next = tables.filter((t) => !placed.has(t) && [...(parents.get(t) ?? [])].every((p) => placed.has(p) || !parents.has(p)));
    if (next.length === 0) fail(`Fremmednøglerne mellem ${tables.filter((t) => !placed.has(t)).join(", ")} danner en kreds; tabellerne kan ikke ordnes.`);
    for (const t of next.sort()) {
      placed.add(t);
      order.push(t);
    }
  }
  return order;
}

/**
 * A SQLite value in the form PostgreSQL's column takes: booleans from 0/1, bytea from a Buffer.
 * @param {unknown} value
 * @param {string} type information_schema's data_type of the PostgreSQL column
 * @param {string} where table.column, for the message
 */
function convert(value, type, where) {
  if (value === null || value === undefined) return null;
  if (type === "boolean") {
    if (value === 0 || value === 1) return value === 1;
    fail(`${where}: ${JSON.stringify(value)} er ikke en sandhedsværdi (0 eller 1).`);
  }
  if (type === "bytea") return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
  if (type === "integer" && (typeof value !== "number" || !Number.isInteger(value))) fail(`${where}: ${JSON.stringify(value)} er ikke et heltal.`);
  return value;
}

/** @param {unknown} value */
function sizeOf(value) {
  if (Buffer.isBuffer(value)) return value.length;
  if (typeof value === "string") return value.length;
  return 8;
}

/**
 * @param {{ sqlitePath: string; databaseUrl: string; log: (line: string) => void }} options
 * @returns {Promise<Array<{ table: string; sqlite: number; postgres: number }>>}
 */
export async function migrateToPostgres({ sqlitePath, databaseUrl, log }) {
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) fail("DATABASE_URL skal være en postgres://-adresse til den tomme PostgreSQL-database.");
  if (!fs.existsSync(sqlitePath)) fail(`SQLite-databasen ${sqlitePath} findes ikke (DATABASE_PATH).`);
  const holder = holderOf(sqlitePath);
  if (holder)
    fail(`En server kører på ${sqlitePath} (proces ${holder}). Stop den først: flytningen læser et øjebliksbillede, og skrivninger derefter ville gå tabt.`);

  const sqlite = new Database(sqlitePath, {
    readonly: true,
    fileMustExist: true,
  });
  const client = new pg.Client({
    connectionString: databaseUrl,
    application_name: "fasthold-migrate-to-postgres",
  });
  await client.connect();
  try {
    // Every read below comes from one snapshot of the file.
    sqlite.exec("BEGIN");
    const violations = /** @type {Array<{ table: string; parent: string }>} */ (sqlite.pragma("foreign_key_check"));
    if (violations.length > 0) {
      const first = violations[0];
      fail(
        `SQLite-databasen har ${violations.length} række(r) hvis fremmednøgle ikke peger på noget (først: ${first?.table} → ${first?.parent}). Ret dem før flytningen.`,
      );
    }

    // Refuse a database that holds the portal's data already, before the migrations touch it.
    const portal = portalTables();
    const existing = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    for (const { tablename } of existing.rows.filter((r) => portal.has(r.tablename))) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${q(tablename)}) AS filled`);
      if (rows[0].filled)
        fail(`PostgreSQL-databasen indeholder allerede data (tabellen ${tablename}). Flytningen kører kun ind i en tom database; intet er ændret.`);
    }

    log(`Migrerer PostgreSQL-databasen (${path.relative(ROOT, MIGRATIONS_FOLDER)}) …`);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });

    const sqliteTables = /** @type {Array<{ name: string }>} */ (
      sqlite
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\' ORDER BY name",
        )
        .all()
    ).map((r) => r.name);
    const pgColumns = await client.query(
      "SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    /** @type {Map<string, Map<string, { type: string; identity: boolean }>>} */
    const pgTables = new Map();
    for (const r of pgColumns.rows.filter((c) => portal.has(c.table_name))) {
      if (!pgTables.has(r.table_name)) pgTables.set(r.table_name, new Map());
      pgTables.get(r.table_name)?.set(r.column_name, {
        type: r.data_type,
        identity: r.is_identity === "YES",
      });
    }

    // The two schemas must match before a row moves: a table or column on one side only is drift.
    const missingInPg = sqliteTables.filter((t) => !pgTables.has(t));
    if (missingInPg.length > 0)
      fail(
        `Tabellen ${missingInPg.join(", ")} fra SQLite findes ikke i PostgreSQL. Skemaerne er ikke ens (db/schema.sqlite.ts og db/schema.pg.ts); intet er kopieret.`,
      );
    const missingInSqlite = [...pgTables.keys()].filter((t) => !sqliteTables.includes(t));
    if (missingInSqlite.length > 0)
      fail(
        `Tabellen ${missingInSqlite.join(
          ", ",
        )} findes i PostgreSQL, men ikke i SQLite-filen. Start den nuværende version én gang på SQLite-filen, så den er migreret; intet er kopieret.`,
      );
    /** @type {Map<string, string[]>} */
    const columnsOf = new Map();
    for (const table of sqliteTables) {
      const sqliteColumns = /** @type {Array<{ name: string }>} */ (sqlite.pragma(`table_info(${q(table)})`)).map((c) => c.name);
      const pgTable = pgTables.get(table) ?? new Map();
      const onlySqlite = sqliteColumns.filter((c) => !pgTable.has(c));
      const onlyPg = [...pgTable.keys()].filter((c) => !sqliteColumns.includes(c));
      if (onlySqlite.length > 0 || onlyPg.length > 0) {
        fail(
          `Kolonnerne i ${table} er ikke ens: kun i SQLite: ${onlySqlite.join(", ") || "ingen"}; kun i PostgreSQL: ${
            onlyPg.join(", ") || "ingen"
          }. Intet er kopieret.`,
        );
      }
      columnsOf.set(table, sqliteColumns);
    }

    const references = await client.query(
      "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace",
    );
    const order = foreignKeyOrder(sqliteTables, references.rows);

    await client.query("BEGIN");
    try {
      try {
        // Triggers off for this transaction only: the versions and counts they keep are copied as they are.
        await client.query("SET LOCAL session_replication_role = replica");
      } catch (error) {
        fail(
          `PostgreSQL-rollen må ikke slå triggerne fra under kopieringen (${
            /** @type {Error} */ (error).message
          }). Brug en superbruger, eller fra PostgreSQL 15: GRANT SET ON PARAMETER session_replication_role TO <rolle>.`,
        );
      }
      for (const table of order) {
        const columns = columnsOf.get(table) ?? [];
        const types = columns.map((c) => pgTables.get(table)?.get(c)?.type ?? "text");
        const rowsPerBatch = Math.max(1, Math.min(MAX_ROWS_PER_BATCH, Math.floor(MAX_PARAMETERS / columns.length)));
        const head = `INSERT INTO ${q(table)} (${columns.map(q).join(", ")}) VALUES `;
        /** @type {unknown[]} */
        let values = [];
        let rows = 0;
        let bytes = 0;
        let copied = 0;
        const flush = async () => {
          if (rows === 0) return;
          const tuples = Array.from({ length: rows }, (_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
          try {
            await client.query(head + tuples.join(", "), values);
          } catch (error) {
            fail(`PostgreSQL afviste en række i ${table}: ${/** @type {Error} */ (error).message}. Intet er gemt.`);
          }
          copied += rows;
          values = [];
          rows = 0;
          bytes = 0;
        };
        for (const row of /** @type {IterableIterator<Record<string, unknown>>} */ (sqlite.prepare(`SELECT * FROM ${q(table)} ORDER BY rowid`).iterate())) {
          columns.forEach((column, i) => {
            const value = convert(row[column], types[i] ?? "text", `${table}.${column}`);
            bytes += sizeOf(value);
            values.push(value);
          });
          rows += 1;
          if (rows >= rowsPerBatch || bytes >= MAX_BYTES_PER_BATCH) await flush();
        }
        await flush();
        log(`  ${table}: ${copied} rækker kopieret`);
      }

      // The next id PostgreSQL hands out comes after the copied ones.
      for (const [table, columns] of pgTables) {
        for (const [column, { identity }] of columns) {
          if (!identity) continue;
          await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${q(column)}) FROM ${q(table)}), 0) + 1, false)`, [
            table,
            column,
          ]);
        }
      }

      /** @type {Array<{ table: string; sqlite: number; postgres: number }>} */
      const counts = [];
      for (const table of [...sqliteTables].sort()) {
        const inSqlite = /** @type {{ n: number }} */ (sqlite.prepare(`SELECT count(*) AS n FROM ${q(table)}`).get()).n;
        const inPostgres = Number((await client.query(`SELECT count(*) AS n FROM ${q(table)}`)).rows[0].n);
        counts.push({ table, sqlite: inSqlite, postgres: inPostgres });
      }
      const width = Math.max(...counts.map((c) => c.table.length));
      log("");
      log(`${"Tabel".padEnd(width)}  ${"SQLite".padStart(10)}  ${"PostgreSQL".padStart(10)}`);
      for (const c of counts)
        log(`${c.table.padEnd(width)}  ${String(c.sqlite).padStart(10)}  ${String(c.postgres).padStart(10)}${c.sqlite === c.postgres ? "" : "  FORSKEL"}`);
      const different = counts.filter((c) => c.sqlite !== c.postgres);
      if (different.length > 0) fail(`Antallet af rækker er forskelligt i ${different.map((c) => c.table).join(", ")}. Intet er gemt.`);
      await client.query("COMMIT");
      // The planner's statistics of the copied tables now, not whenever autovacuum gets to them: the
      // first requests after the switch would otherwise be planned as if the tables were empty.
      await client.query("ANALYZE");
      return counts;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  } finally {
    sqlite.close();
    await client.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sqlitePath = process.env.DATABASE_PATH || "data/fasthold.db";
  const databaseUrl = process.env.DATABASE_URL?.trim() ?? "";
  try {
    const counts = await migrateToPostgres({
      sqlitePath,
      databaseUrl,
      log: (line) => console.log(line),
    });
    const total = counts.reduce((sum, c) => sum + c.postgres, 0);
    console.log(`\nFlyttet: ${counts.length} tabeller, ${total} rækker; antallet er ens i hver tabel.`);
  } catch (error) {
    console.error(
      error instanceof MigrationError ? error.message : `Flytningen mislykkedes: ${/** @type {Error} */ (error).message}. Intet er gemt i PostgreSQL.`,
    );
    process.exitCode = 1;
  }
}
