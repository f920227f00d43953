/**
 * The two schemas may not drift apart (issue 27, docs/decisions/013): db/schema.pg.ts holds every
 * table of db/schema.sqlite.ts with the same columns, types that read back the same values, the same
 * nullability, defaults, keys, foreign keys, unique constraints, indexes and checks. Every
 * difference is named ("employees.email: …"), so the message says what to add to which file.
 */
import { Column, is, Param, SQL, StringChunk, type SQLChunk } from "drizzle-orm";
import { getTableConfig as getPgTableConfig, integer as pgInteger, PgTable, pgTable, text as pgText } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import * as pgSchema from "~db/schema.pg";
import * as sqliteSchema from "~db/schema.sqlite";

/** The PostgreSQL type each SQLite column kind (drizzle's columnType) is declared with in schema.pg.ts. */
const PG_TYPE_OF: Record<string, string> = {
  SQLiteInteger: "integer",
  SQLiteBoolean: "boolean",
  SQLiteText: "text",
  SQLiteReal: "double precision",
  SQLiteBlobBuffer: "bytea",
};

/** The SQL defaults of db/schema.sqlite.ts and the PostgreSQL expression that gives the same value. */
const PG_DEFAULT_OF: Record<string, string> = {
  "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))": `to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
};

interface ColumnShape {
  type: string;
  notNull: boolean;
  default: string | undefined;
  primary: boolean;
  /** An integer key the database numbers itself (SQLite AUTOINCREMENT, PostgreSQL identity). */
  generated: boolean;
  unique: string | undefined;
  enumValues: string | undefined;
}

interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKeys: string[];
  foreignKeys: string[];
  uniqueConstraints: string[];
  indexes: Record<string, string>;
  checks: Record<string, string>;
}

/** SQL as text with columns by their name, lowercased and with single spaces, so both dialects' builders compare. */
function sqlText(value: SQL): string {
  const render = (chunk: SQLChunk): string => {
    if (is(chunk, StringChunk)) return chunk.value.join("");
    if (is(chunk, SQL)) return chunk.queryChunks.map(render).join("");
    if (is(chunk, Column)) return chunk.name;
    if (is(chunk, Param)) return JSON.stringify(chunk.value);
    return typeof chunk === "string" ? chunk : JSON.stringify(chunk);
  };
  return normalized(render(value));
}

function normalized(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

function defaultText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return is(value, SQL) ? `sql:${sqlText(value)}` : JSON.stringify(value);
}

function describeSqlite(table: SQLiteTable): TableShape {
  const config = getSqliteTableConfig(table);
  return {
    columns: Object.fromEntries(
      config.columns.map((c) => {
        const shape: ColumnShape = {
          type: PG_TYPE_OF[c.columnType] ?? `unmapped SQLite type ${c.columnType}`,
          notNull: c.notNull,
          default: is(c.default, SQL) ? pgDefaultOf(sqlText(c.default)) : defaultText(c.default),
          primary: c.primary,
          generated: "autoIncrement" in c && c.autoIncrement === true,
          unique: c.isUnique ? c.uniqueName ?? "unnamed" : undefined,
          enumValues: c.enumValues ? c.enumValues.join("|") : undefined,
        };
        return [c.name, shape];
      }),
    ),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name).join(",")),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return `(${ref.columns.map((c) => c.name).join(",")}) → ${getSqliteTableConfig(ref.foreignTable).name}(${ref.foreignColumns
        .map((c) => c.name)
        .join(",")}) on delete ${fk.onDelete ?? "no action"}`;
    }),
    uniqueConstraints: config.uniqueConstraints.map((u) => `${u.name}(${u.columns.map((c) => c.name).join(",")})`),
    indexes: Object.fromEntries(
      config.indexes.map((i) => [
        i.config.name,
        `${i.config.unique ? "unique " : ""}(${i.config.columns.map((c) => (is(c, SQL) ? sqlText(c) : c.name)).join(",")})${
          i.config.where ? ` where ${sqlText(i.config.where)}` : ""
        }`,
      ]),
    ),
    checks: Object.fromEntries(config.checks.map((c) => [c.name, sqlText(c.value)])),
  };
}

function pgDefaultOf(sqliteDefault: string): string {
  const match = Object.entries(PG_DEFAULT_OF).find(([sqlite]) => normalized(sqlite) === sqliteDefault);
  return match ? `sql:${normalized(match[1])}` : `unmapped SQLite default ${sqliteDefault}`;
}

function describePg(table: PgTable): TableShape {
  const config = getPgTableConfig(table);
  return {
    columns: Object.fromEntries(
      config.columns.map((c) => {
        const shape: ColumnShape = {
          type: c.getSQLType(),
          notNull: c.notNull,
          default: defaultText(c.default),
          primary: c.primary,
          generated: c.generatedIdentity?.type === "byDefault",
          unique: c.isUnique ? c.uniqueName ?? "unnamed" : undefined,
          enumValues: c.enumValues ? c.enumValues.join("|") : undefined,
        };
        return [c.name, shape];
      }),
    ),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map((c) => c.name).join(",")),
    foreignKeys: config.foreignKeys.map((fk) => {
      const ref = fk.reference();
      return `(${ref.columns.map((c) => c.name).join(",")}) → ${getPgTableConfig(ref.foreignTable).name}(${ref.foreignColumns
        .map((c) => c.name)
        .join(",")}) on delete ${fk.onDelete ?? "no action"}`;
    }),
    uniqueConstraints: config.uniqueConstraints.map((u) => `${u.name}(${u.columns.map((c) => c.name).join(",")})`),
    indexes: Object.fromEntries(
      config.indexes.map((i) => [
        i.config.name,
        `${i.config.unique ? "unique " : ""}(${i.config.columns.map((c) => (is(c, SQL) ? sqlText(c) : (c as { name?: string }).name ?? "?")).join(",")})${
          i.config.where ? ` where ${sqlText(i.config.where)}` : ""
        }`,
      ]),
    ),
    checks: Object.fromEntries(config.checks.map((c) => [c.name, sqlText(c.value)])),
  };
}

function sortedDifference(what: string, sqlite: string[], pg: string[]): string[] {
  const pgSet = new Set(pg);
  const sqliteSet = new Set(sqlite);
  return [
    ...sqlite.filter((x) => !pgSet.has(x)).map((x) => `${what} ${x}: in schema.sqlite.ts, not in schema.pg.ts`),
    ...pg.filter((x) => !sqliteSet.has(x)).map((x) => `${what} ${x}: in schema.pg.ts, not in schema.sqlite.ts`),
  ];
}

function keyedDifference(prefix: string, what: string, sqlite: Record<string, string>, pg: Record<string, string>): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(sqlite), ...Object.keys(pg)])) {
    if (!(name in pg)) out.push(`${prefix}: ${what} ${name} is in schema.sqlite.ts, not in schema.pg.ts`);
    else if (!(name in sqlite)) out.push(`${prefix}: ${what} ${name} is in schema.pg.ts, not in schema.sqlite.ts`);
    else if (sqlite[name] !== pg[name]) out.push(`${prefix}: ${what} ${name} is ${sqlite[name]} in schema.sqlite.ts but ${pg[name]} in schema.pg.ts`);
  }
  return out;
}

/** Every difference between a SQLite table and its PostgreSQL twin, each named by table and column. */
function tableDifferences(sqliteTable: SQLiteTable, pgTableDef: PgTable): string[] {
  const a = describeSqlite(sqliteTable);
  const b = describePg(pgTableDef);
  const table = getSqliteTableConfig(sqliteTable).name;
  const pgName = getPgTableConfig(pgTableDef).name;
  const out: string[] = [];
  if (table !== pgName) out.push(`${table}: named ${pgName} in schema.pg.ts`);
  for (const column of new Set([...Object.keys(a.columns), ...Object.keys(b.columns)])) {
    const sqliteColumn = a.columns[column];
    const pgColumn = b.columns[column];
    if (!pgColumn) out.push(`${table}.${column}: in schema.sqlite.ts, missing in schema.pg.ts`);
    else if (!sqliteColumn) out.push(`${table}.${column}: in schema.pg.ts, not in schema.sqlite.ts`);
    else {
      for (const key of Object.keys(sqliteColumn) as Array<keyof ColumnShape>) {
        if (sqliteColumn[key] !== pgColumn[key]) {
          out.push(`${table}.${column}: ${key} is ${String(sqliteColumn[key])} in schema.sqlite.ts (as PostgreSQL) but ${String(pgColumn[key])} in schema.pg.ts`);
        }
      }
    }
  }
  out.push(...sortedDifference(`${table}: primary key`, a.primaryKeys, b.primaryKeys));
  out.push(...sortedDifference(`${table}: foreign key`, a.foreignKeys, b.foreignKeys));
  out.push(...sortedDifference(`${table}: unique constraint`, a.uniqueConstraints, b.uniqueConstraints));
  out.push(...keyedDifference(table, "index", a.indexes, b.indexes));
  out.push(...keyedDifference(table, "check", a.checks, b.checks));
  return out;
}

const sqliteTables = Object.entries(sqliteSchema as Record<string, unknown>).filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable));
const pgTables = new Map(Object.entries(pgSchema as Record<string, unknown>).filter((entry): entry is [string, PgTable] => is(entry[1], PgTable)));

describe("db/schema.pg.ts against db/schema.sqlite.ts", () => {
  it("exports every name db/schema.sqlite.ts exports, and no table of its own", () => {
    expect(Object.keys(sqliteSchema).filter((name) => !(name in pgSchema))).toEqual([]);
    expect([...pgTables.keys()].filter((name) => !sqliteTables.some(([n]) => n === name))).toEqual([]);
    expect(sqliteTables.length).toBeGreaterThan(30);
  });

  it("gives the models (db/schema.ts) every table and constant, from the engine DATABASE_URL chooses", async () => {
    const previous = process.env.DATABASE_URL;
    try {
      delete process.env.DATABASE_URL;
      vi.resetModules();
      const onSqlite = (await import("~db/schema")) as Record<string, unknown>;
      const onSqliteSchema = (await import("~db/schema.sqlite")) as Record<string, unknown>;
      expect(Object.keys(sqliteSchema).filter((name) => !(name in onSqlite))).toEqual([]);
      for (const [name] of sqliteTables) expect(onSqlite[name], name).toBe(onSqliteSchema[name]);
      process.env.DATABASE_URL = "postgres://fasthold@db.example/fasthold";
      vi.resetModules();
      const onPostgres = (await import("~db/schema")) as Record<string, unknown>;
      const onPostgresSchema = (await import("~db/schema.pg")) as Record<string, unknown>;
      for (const [name] of sqliteTables) expect(onPostgres[name], name).toBe(onPostgresSchema[name]);
      expect(onPostgres.DOCUMENT_TYPES).toEqual(sqliteSchema.DOCUMENT_TYPES);
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      vi.resetModules();
    }
  });

  it.each(sqliteTables)("has the table of %s, column by column, with its keys, indexes and checks", (name, table) => {
    const twin = pgTables.get(name);
    expect(twin, `${name}: missing in schema.pg.ts`).toBeDefined();
    expect(tableDifferences(table, twin!)).toEqual([]);
  });

  it("hands the models rows of the same TypeScript types, for reading and for writing", () => {
    type Tables = {
      [K in keyof typeof sqliteSchema]: (typeof sqliteSchema)[K] extends SQLiteTable ? K : never;
    }[keyof typeof sqliteSchema];
    type Rows<S, Mode extends "$inferSelect" | "$inferInsert"> = {
      [K in Tables]: K extends keyof S ? (S[K] extends Record<Mode, infer R> ? Required<R> : never) : "missing";
    };
    // Compile-time checks: `npm run typecheck` fails on a column whose value type differs. Written
    // rows are compared with every column required, because SQLite lets an INTEGER PRIMARY KEY
    // without AUTOINCREMENT (municipality_code of the counters, attachment_id) be left out on
    // insert and PostgreSQL does not; the app always gives those keys.
    expectTypeOf<Rows<typeof pgSchema, "$inferSelect">>().toEqualTypeOf<Rows<typeof sqliteSchema, "$inferSelect">>();
    expectTypeOf<Rows<typeof pgSchema, "$inferInsert">>().toEqualTypeOf<Rows<typeof sqliteSchema, "$inferInsert">>();
  });

  it("names the difference it finds: a missing column, a changed type, nullability or default, a lost index", () => {
    const drifted = pgTable("sessions", {
      id: pgText("id").primaryKey(),
      userId: pgInteger("user_id").references(() => pgSchema.users.id, {
        onDelete: "cascade",
      }),
      createdAt: pgText("created_at").notNull(),
      lastSeenAt: pgInteger("last_seen_at").notNull(),
    });
    expect(tableDifferences(sqliteSchema.sessions, drifted)).toEqual([
      "sessions.user_id: notNull is true in schema.sqlite.ts (as PostgreSQL) but false in schema.pg.ts",
      `sessions.created_at: default is sql:${PG_DEFAULT_OF[
        "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))"
      ]!.toLowerCase()} in schema.sqlite.ts (as PostgreSQL) but undefined in schema.pg.ts`,
      "sessions.last_seen_at: type is text in schema.sqlite.ts (as PostgreSQL) but integer in schema.pg.ts",
      "sessions.revoked_at: in schema.sqlite.ts, missing in schema.pg.ts",
      "sessions: index sessions_user_idx is in schema.sqlite.ts, not in schema.pg.ts",
    ]);
  });
});
