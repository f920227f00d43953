/**
 * The PostgreSQL schema on a real server (issue 27, docs/decisions/013): db/migrations-pg applies to
 * an empty database with drizzle's node-postgres migrator, every table and column of
 * db/schema.pg.ts is there, the triggers of db/triggers.ts are there by name and table, and they
 * keep the same rows as the SQLite triggers: the same writes run on a migrated SQLite copy and on
 * PostgreSQL leave the same versions, counts and copied columns after every step.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { is } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client.server";
import * as pgSchema from "~db/schema.pg";
import { TRIGGERS } from "~db/triggers";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";
import { BASE_DB, ROOT } from "../support/paths";

const MIGRATIONS_PG = path.join(ROOT, "db/migrations-pg");

/** What information_schema.columns calls each type schema.pg.ts declares. */
const INFORMATION_SCHEMA_TYPE: Record<string, string> = {
  integer: "integer",
  text: "text",
  boolean: "boolean",
  "double precision": "double precision",
  bytea: "bytea",
};

const pgTables = Object.values(pgSchema as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));

/**
 * One write after another, in SQL both engines take as it is (booleans as '0'/'1', which SQLite
 * stores as integers and PostgreSQL reads as booleans). `refused` marks a write a trigger refuses.
 */
const WRITES: Array<{ step: string; sql: string; refused?: RegExp }> = [
  {
    step: "two companies",
    sql: "INSERT INTO companies (id, name, cvr) VALUES (1, 'Alfa A/S', '11111111'), (2, 'Beta ApS', '22222222')",
  },
  {
    step: "an HR user and a caseworker",
    sql: "INSERT INTO users (id, email, name, password_hash, role, company_id, municipality_code) VALUES (1, 'hr@alfa.dk', 'HR', 'h', 'employer', 1, NULL), (2, 'sb@kommune.dk', 'SB', 'h', 'jobcenter', NULL, 101)",
  },
  {
    step: "employees in two blocks and two companies",
    sql: `INSERT INTO employees (id, company_id, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours) VALUES
      (1, 1, 'Anna', '1980-01-02', 101, '2020-01-01', 'Lager', 37), (1500, 1, 'Bo', '1975-05-06', 102, '2019-03-01', 'Kontor', 30.5), (2, 2, 'Carl', '1990-09-09', 101, '2021-01-01', 'Chauffør', 37)`,
  },
  {
    step: "an absence without the copied municipality",
    sql: "INSERT INTO absences (id, company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks) VALUES (1, 1, 1, '2026-01-05', 'full', 'salary', '0')",
  },
  {
    step: "an absence with a wrong copied municipality",
    sql: "INSERT INTO absences (id, company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, employee_municipality_code) VALUES (2, 1, 1500, '2026-01-12', 'partial', 'sickness-benefit', '1', 999)",
  },
  {
    step: "a return",
    sql: "UPDATE absences SET returned_on = '2026-02-01' WHERE id = 1",
  },
  {
    step: "an absence entered after the return, with the right municipality",
    sql: "INSERT INTO absences (id, company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, employee_municipality_code, returned_on) VALUES (3, 1, 1, '2025-11-03', 'full', 'salary', '0', 101, '2025-11-07')",
  },
  {
    step: "a document",
    sql: "INSERT INTO documents (id, company_id, employee_id, absence_id, type) VALUES (1, 1, 1500, 2, 'mulighedserklaering')",
  },
  {
    step: "a submission with the copied municipality left out",
    sql: "INSERT INTO submissions (id, document_id, company_id, employee_id, absence_id, municipality_code, type, status, version, received_on, last_activity_at) VALUES (1, 1, 1, 1500, 2, 102, 'mulighedserklaering', 'received', 1, '2026-01-20', '2026-01-20T10:00:00.000Z')",
  },
  {
    step: "a move of the employee",
    sql: "UPDATE employees SET municipality_code = 103 WHERE id = 1500",
  },
  {
    step: "the move recorded",
    sql: "INSERT INTO employee_moves (id, employee_id, from_municipality_code, to_municipality_code, moved_on) VALUES (1, 1500, 102, 103, '2026-01-25')",
  },
  {
    step: "an update of an absence with a submission",
    sql: "UPDATE absences SET first_follow_up_held_on = '2026-02-02' WHERE id = 2",
  },
  {
    step: "an update that sets the same municipality",
    sql: "UPDATE employees SET municipality_code = 103, job_title = 'Kontorchef' WHERE id = 1500",
  },
  {
    step: "a rename of the company",
    sql: "UPDATE companies SET name = 'Alfa Holding A/S' WHERE id = 1",
  },
  {
    step: "a write of the same name",
    sql: "UPDATE companies SET name = 'Alfa Holding A/S' WHERE id = 1",
  },
  {
    step: "an absence moved to another company's employee",
    sql: "UPDATE absences SET employee_id = 2, company_id = 2 WHERE id = 1",
  },
  {
    step: "an absence reopened",
    sql: "UPDATE absences SET returned_on = NULL WHERE id IN (1, 2)",
  },
  {
    step: "a submission's status",
    sql: "UPDATE submissions SET status = 'in-review', lock = lock + 1 WHERE id = 1",
  },
  {
    step: "a mulighedserklæring",
    sql: "INSERT INTO mulighedserklaeringer (id, document_id, company_id) VALUES (1, 1, 1)",
  },
  {
    step: "the mulighedserklæring sent to the doctor",
    sql: "UPDATE mulighedserklaeringer SET status = 'sent-to-doctor', sent_to_doctor_on = '2026-01-21' WHERE id = 1",
  },
  { step: "a submission moved to another employee", sql: "UPDATE submissions SET employee_id = 1 WHERE id = 1" },
  { step: "a copied municipality written wrong", sql: "UPDATE absences SET employee_municipality_code = 555 WHERE id = 2" },
  { step: "a move corrected", sql: "UPDATE employee_moves SET to_municipality_code = 104 WHERE id = 1" },
  { step: "every employee of a company moves", sql: "UPDATE employees SET municipality_code = 105 WHERE company_id = 1" },
  {
    step: "a § 56 agreement and its approval",
    sql: "INSERT INTO paragraph56_agreements (id, company_id, employee_id, kind, effect_on_work, expected_days_per_year, applied_on) VALUES (1, 1, 1500, 'almindelig', 'Fravær ved behandling', 12, '2026-01-10')",
  },
  {
    step: "the agreement approved",
    sql: "UPDATE paragraph56_agreements SET approved_on = '2026-01-15' WHERE id = 1",
  },
  {
    step: "a social-chapter record",
    sql: "INSERT INTO social_chapter_records (id, company_id, employee_id, collective_agreement, started_on, tasks, accommodations, hours_per_week, wage_terms) VALUES (1, 1, 1, 'Industriens', '2026-01-01', 'Pakning', 'Hæve-sænkebord', 25, 'Løn efter overenskomst')",
  },
  { step: "a social-chapter record changed", sql: "UPDATE social_chapter_records SET hours_per_week = 28 WHERE id = 1" },
  {
    step: "a log entry",
    sql: "INSERT INTO social_chapter_log (id, record_id, entry_date, kind, text, created_by) VALUES (1, 1, '2026-01-02', 'adjustment', 'Kortere dage', 1)",
  },
  {
    step: "a change of a log entry",
    sql: "UPDATE social_chapter_log SET text = 'Andet' WHERE id = 1",
    refused: /append-only/,
  },
  {
    step: "a redaction that also changes the kind",
    sql: "UPDATE social_chapter_log SET text = '[fjernet]', kind = 'change', redacted_at = '2026-02-01T00:00:00.000Z', redacted_by = 1 WHERE id = 1",
    refused: /append-only/,
  },
  {
    step: "a redaction",
    sql: "UPDATE social_chapter_log SET text = '[fjernet]', redacted_at = '2026-02-01T00:00:00.000Z', redacted_by = 1 WHERE id = 1",
  },
  {
    step: "a second redaction",
    sql: "UPDATE social_chapter_log SET text = '[fjernet igen]', redacted_at = '2026-02-02T00:00:00.000Z', redacted_by = 1 WHERE id = 1",
    refused: /append-only/,
  },
  {
    step: "a deleted log entry",
    sql: "DELETE FROM social_chapter_log WHERE id = 1",
    refused: /append-only/,
  },
  {
    step: "audit entries of every scope",
    sql: `INSERT INTO audit_log (id, user_id, action, entity_type, entity_id) VALUES
      (1, 1, 'read', 'absence', '2'), (2, 2, 'read', 'submission', '1'), (3, 1, 'update', 'company', '1'), (4, 2, 'read', 'employee', '12abc'),
      (5, 2, 'read', 'user', 'not-a-number'), (6, 1, 'read', 'document', NULL), (7, 1, 'read', 'paragraph56', '1'), (8, 1, 'read', 'social-chapter', '1')`,
  },
  {
    step: "an audit entry with its scope given",
    sql: "INSERT INTO audit_log (id, user_id, action, entity_type, entity_id, company_id, employee_id) VALUES (9, 1, 'read', 'absence', '2', 2, 2)",
  },
  { step: "a § 56 agreement deleted", sql: "DELETE FROM paragraph56_agreements WHERE id = 1" },
  {
    step: "a submission withdrawn",
    sql: "DELETE FROM submissions WHERE id = 1",
  },
  {
    step: "a document deleted with its mulighedserklæring",
    sql: "DELETE FROM documents WHERE id = 1",
  },
  { step: "an absence deleted", sql: "DELETE FROM absences WHERE id = 2" },
  { step: "a move deleted", sql: "DELETE FROM employee_moves WHERE id = 1" },
  {
    step: "the other absence deleted",
    sql: "DELETE FROM absences WHERE id = 1",
  },
  {
    step: "a returned absence deleted",
    sql: "DELETE FROM absences WHERE id = 3",
  },
  { step: "an employee deleted", sql: "DELETE FROM employees WHERE id = 2" },
];

/** The rows the triggers keep, in one order for both engines. */
const TRIGGER_MAINTAINED = {
  companies: "SELECT id, name, data_version FROM companies ORDER BY id",
  municipality_open_absences: "SELECT municipality_code, open_absences FROM municipality_open_absences ORDER BY municipality_code",
  municipality_data_versions: "SELECT municipality_code, version FROM municipality_data_versions ORDER BY municipality_code",
  statistics_block_versions: "SELECT company_id, block, version FROM statistics_block_versions ORDER BY company_id, block",
  absences: "SELECT id, employee_id, employee_municipality_code, returned_on FROM absences ORDER BY id",
  submissions: "SELECT id, employee_municipality_code, status FROM submissions ORDER BY id",
  audit_log: "SELECT id, company_id, employee_id FROM audit_log ORDER BY id",
  social_chapter_log: "SELECT id, kind, text, redacted_at FROM social_chapter_log ORDER BY id",
  mulighedserklaeringer: "SELECT id, document_id FROM mulighedserklaeringer ORDER BY id",
};

describe.skipIf(!postgresAvailable())("the PostgreSQL schema and its migrations", () => {
  let server: RunningPostgres;
  let pool: pg.Pool;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-pg-schema-"));

  beforeAll(async () => {
    server = await startPostgres();
    pool = new pg.Pool({ connectionString: await server.createDatabase() });
  });
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("apply to an empty database with drizzle's migrator, and a second run changes nothing", async () => {
    await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_PG });
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_PG, "meta/_journal.json"), "utf8")) as { entries: unknown[] };
    const applied = await pool.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    expect(applied.rows[0].n).toBe(journal.entries.length);
    await migrate(drizzle(pool), { migrationsFolder: MIGRATIONS_PG });
    expect((await pool.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations")).rows[0].n).toBe(journal.entries.length);
  });

  it("make every table of schema.pg.ts with its columns, types and nullability, and no other table", async () => {
    const { rows } = await pool.query<{
      table_name: string;
      column_name: string;
      data_type: string;
      is_nullable: string;
    }>("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name");
    const actual = rows.map((r) => `${r.table_name}.${r.column_name} ${r.data_type}${r.is_nullable === "NO" ? " not null" : ""}`);
    const expected = pgTables
      .flatMap((table) => {
        const config = getTableConfig(table);
        return config.columns.map(
          (c) => `${config.name}.${c.name} ${INFORMATION_SCHEMA_TYPE[c.getSQLType()] ?? c.getSQLType()}${c.notNull ? " not null" : ""}`,
        );
      })
      .sort();
    expect(actual.sort()).toEqual(expected);
    expect(new Set(rows.map((r) => r.table_name)).size).toBe(pgTables.length);
  });

  it("make every index, unique constraint and foreign key of schema.pg.ts, with its ON DELETE", async () => {
    const indexes = await pool.query<{ name: string }>(
      "SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace WHERE n.nspname = 'public' AND NOT x.indisprimary",
    );
    const expectedIndexes = pgTables.flatMap((table) => {
      const config = getTableConfig(table);
      return [...config.indexes.map((i) => i.config.name ?? "unnamed"), ...config.columns.filter((c) => c.isUnique).map((c) => c.uniqueName ?? "unnamed")];
    });
    expect(indexes.rows.map((r) => r.name).sort()).toEqual(expectedIndexes.sort());

    const ON_DELETE: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };
    const foreignKeys = await pool.query<{ child: string; columns: string[]; parent: string; parent_columns: string[]; on_delete: string }>(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent, c.confdeltype AS on_delete,
         ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = ANY (c.conkey) ORDER BY attnum)::text[] AS columns,
         ARRAY(SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = ANY (c.confkey) ORDER BY attnum)::text[] AS parent_columns
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const actual = foreignKeys.rows.map(
      (r) => `${r.child}(${r.columns.join(",")}) → ${r.parent}(${r.parent_columns.join(",")}) on delete ${ON_DELETE[r.on_delete]}`,
    );
    const expected = pgTables.flatMap((table) =>
      getTableConfig(table).foreignKeys.map((fk) => {
        const ref = fk.reference();
        return `${getTableConfig(table).name}(${ref.columns.map((c) => c.name).join(",")}) → ${getTableConfig(ref.foreignTable).name}(${ref.foreignColumns
          .map((c) => c.name)
          .join(",")}) on delete ${fk.onDelete ?? "no action"}`;
      }),
    );
    expect(actual.sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(40);
  });

  it("make the partial indexes partial and the identity keys numbered by default", async () => {
    const index = await pool.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'absences_open_municipality_idx'");
    expect(index.rows[0].indexdef).toMatch(/WHERE \(returned_on IS NULL\)$/);
    const identity = await pool.query("SELECT identity_generation FROM information_schema.columns WHERE table_name = 'employees' AND column_name = 'id'");
    expect(identity.rows[0].identity_generation).toBe("BY DEFAULT");
  });

  it("make the triggers of db/triggers.ts, by name, each on its table", async () => {
    const { rows } = await pool.query<{ name: string; table: string }>(
      "SELECT t.tgname AS name, c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal",
    );
    expect(rows.map((r) => `${r.table}.${r.name}`).sort()).toEqual(TRIGGERS.map((t) => `${t.table}.${t.name}`).sort());
  });

  it("keep the same rows as the SQLite triggers, write by write", async () => {
    const file = path.join(dir, "sqlite.db");
    fs.copyFileSync(BASE_DB, file);
    const { sqlite } = openDatabase(file);
    const client = await pool.connect();
    try {
      for (const write of WRITES) {
        if (write.refused) {
          expect(() => sqlite.exec(write.sql), `SQLite: ${write.step}`).toThrow(write.refused);
          await expect(client.query(write.sql), `PostgreSQL: ${write.step}`).rejects.toThrow(write.refused);
        } else {
          sqlite.exec(write.sql);
          await client.query(write.sql);
        }
        for (const [table, query] of Object.entries(TRIGGER_MAINTAINED)) {
          const inSqlite = sqlite.prepare(query).all();
          const inPostgres = (await client.query(query)).rows;
          expect(inPostgres, `${table} after "${write.step}"`).toEqual(inSqlite);
        }
      }
      // The writes reached every kind of trigger-maintained row, so the comparison above compared something.
      expect(sqlite.prepare("SELECT count(*) AS n FROM statistics_block_versions WHERE block = 1").get()).toEqual({ n: 1 });
      expect(
        sqlite.prepare("SELECT group_concat(municipality_code) AS codes FROM (SELECT municipality_code FROM municipality_data_versions ORDER BY 1)").get(),
      ).toEqual({
        codes: "101,102,103,104,105,555,999",
      });
      const audit = (await client.query("SELECT company_id, employee_id FROM audit_log WHERE id IN (4, 5) ORDER BY id")).rows;
      expect(audit).toEqual([
        { company_id: null, employee_id: 12 },
        { company_id: null, employee_id: null },
      ]);
    } finally {
      client.release();
      sqlite.close();
    }
  });

  it("default created_at to the same ISO instant form as SQLite", async () => {
    await pool.query("INSERT INTO companies (id, name, cvr) VALUES (10, 'Gamma', '33333333')");
    const { rows } = await pool.query("SELECT created_at FROM companies WHERE cvr = '33333333'");
    expect(rows[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(rows[0].created_at) - Date.now())).toBeLessThan(60_000);
  });
});
