/**
 * `npm run db:migrate-to-postgres` (scripts/migrate-to-postgres.mjs, issue 27): the seeded demo
 * database, with an uploaded file added, moves into an empty PostgreSQL database with every row
 * of every table as the models read it; the SQLite file is not written; a second run, a schema
 * that differs, a row PostgreSQL refuses midway and a running server each stop it with a message,
 * and none of them leaves anything in PostgreSQL.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, is } from "drizzle-orm";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getTableConfig as getPgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as getSqliteTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client.server";
import * as pgSchema from "~db/schema.pg";
import * as sqliteSchema from "~db/schema.sqlite";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";
import { ROOT, SEEDED_DB } from "../support/paths";

const SCRIPT = path.join(ROOT, "scripts/migrate-to-postgres.mjs");
/** Every byte value, and a PDF's first bytes: a blob must arrive byte for byte. */
const UPLOAD = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from([0, 0, 255, 0])]);

function runScript(sqlitePath: string, databaseUrl: string) {
  const result = spawnSync(process.execPath, [SCRIPT], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_PATH: sqlitePath,
      DATABASE_URL: databaseUrl,
    },
  });
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

function sha256(file: string) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

const tableNames = Object.entries(sqliteSchema as Record<string, unknown>)
  .filter(([, value]) => is(value, SQLiteTable))
  .map(([name]) => name);

async function countsIn(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    const counts: Record<string, number> = {};
    for (const { tablename } of rows) counts[tablename] = Number((await client.query(`SELECT count(*) AS n FROM ${pg.escapeIdentifier(tablename)}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresAvailable())("npm run db:migrate-to-postgres", () => {
  let server: RunningPostgres;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-to-pg-"));
  const source = path.join(dir, "fasthold.db");
  let target: string;

  beforeAll(async () => {
    server = await startPostgres();
    target = await server.createDatabase();
    // The demo data has no upload, document or social-chapter log yet: add one of each, through
    // SQLite's own triggers, so the copy carries a blob and trigger-maintained rows of all kinds.
    fs.copyFileSync(SEEDED_DB, source);
    const { sqlite, read } = openDatabase(source);
    const employee = sqlite.prepare("SELECT id, company_id FROM employees ORDER BY id LIMIT 1").get() as { id: number; company_id: number };
    const user = sqlite.prepare("SELECT id FROM users WHERE company_id = ? LIMIT 1").get(employee.company_id) as { id: number };
    const document = sqlite
      .prepare("INSERT INTO documents (company_id, employee_id, type) VALUES (?, ?, 'mulighedserklaering') RETURNING id")
      .get(employee.company_id, employee.id) as { id: number };
    const attachment = sqlite
      .prepare(
        "INSERT INTO document_attachments (document_id, company_id, kind, storage_name, size_bytes, sha256, uploaded_by) VALUES (?, ?, 'doctor-answer', 'a1b2', ?, 'x', ?) RETURNING id",
      )
      .get(document.id, employee.company_id, UPLOAD.length, user.id) as {
      id: number;
    };
    sqlite.prepare("INSERT INTO attachment_contents (attachment_id, bytes) VALUES (?, ?)").run(attachment.id, UPLOAD);
    const record = sqlite
      .prepare(
        "INSERT INTO social_chapter_records (company_id, employee_id, collective_agreement, started_on, tasks, accommodations, hours_per_week, wage_terms) VALUES (?, ?, 'Industriens', '2026-01-01', 'Pakning', 'Hæve-sænkebord', 22.5, 'Overenskomst') RETURNING id",
      )
      .get(employee.company_id, employee.id) as { id: number };
    sqlite
      .prepare("INSERT INTO social_chapter_log (record_id, entry_date, kind, text, created_by) VALUES (?, '2026-01-02', 'adjustment', 'Kortere dage', ?)")
      .run(record.id, user.id);
    // Both connections closed: the last one to close checkpoints the WAL into the file.
    read.sqlite.close();
    sqlite.close();
  });
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies every table into an empty database, prints the counts, and leaves the SQLite file as it was", async () => {
    const before = sha256(source);
    const run = runScript(source, target);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(sha256(source)).toBe(before);
    expect(fs.existsSync(`${source}-wal`) ? fs.statSync(`${source}-wal`).size : 0).toBe(0);

    const sqlite = new Database(source, { readonly: true });
    const counts = await countsIn(target);
    for (const name of tableNames) {
      const table = getSqliteTableConfig((sqliteSchema as unknown as Record<string, SQLiteTable>)[name]!).name;
      const inSqlite = (
        sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as {
          n: number;
        }
      ).n;
      expect(counts[table], table).toBe(inSqlite);
      expect(run.stdout).toMatch(new RegExp(`^${table}\\s+${inSqlite}\\s+${inSqlite}$`, "m"));
    }
    expect(counts.attachment_contents).toBe(1);
    expect(counts.employees).toBeGreaterThan(10);
    expect(run.stdout).toMatch(/antallet er ens i hver tabel/);
    sqlite.close();
  });

  it("carries every value of every column as the models read it: booleans, blobs, instants, dates, reals and nulls", async () => {
    const { sqlite, db: sqliteDb } = (() => {
      const conn = new Database(source, { readonly: true });
      return {
        sqlite: conn,
        db: drizzleSqlite(conn, { schema: sqliteSchema }),
      };
    })();
    const pool = new pg.Pool({ connectionString: target });
    const pgDb = drizzlePg(pool, { schema: pgSchema });
    try {
      for (const name of tableNames) {
        const sqliteTable = (sqliteSchema as unknown as Record<string, SQLiteTable>)[name]!;
        const pgTable = (pgSchema as unknown as Record<string, PgTable>)[name]!;
        const sqliteConfig = getSqliteTableConfig(sqliteTable);
        const pgConfig = getPgTableConfig(pgTable);
        // Rows in key order on both sides: the primary key column(s), or every column for a table without one.
        const composite = sqliteConfig.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
        const primary = sqliteConfig.columns.filter((c) => c.primary).map((c) => c.name);
        const keys = composite.length ? composite : primary.length ? primary : sqliteConfig.columns.map((c) => c.name);
        const sqliteOrder = keys.map((k) => asc(sqliteConfig.columns.find((c) => c.name === k)!));
        const pgOrder = keys.map((k) => asc(pgConfig.columns.find((c) => c.name === k)!));
        const fromSqlite = await sqliteDb
          .select()
          .from(sqliteTable)
          .orderBy(...sqliteOrder);
        const fromPg = await pgDb
          .select()
          .from(pgTable)
          .orderBy(...pgOrder);
        expect(fromPg, sqliteConfig.name).toEqual(fromSqlite);
      }

      // Spot checks of each kind of value, so an empty table above cannot hide a conversion.
      const admin = await pool.query("SELECT is_admin, mail_digest, created_at FROM users WHERE is_admin ORDER BY id LIMIT 1");
      expect(admin.rows[0].is_admin).toBe(true);
      expect(admin.rows[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const blob = await pool.query("SELECT bytes FROM attachment_contents");
      expect(Buffer.compare(blob.rows[0].bytes, UPLOAD)).toBe(0);
      const absence = (await pool.query("SELECT first_absence_day, returned_on FROM absences WHERE returned_on IS NULL ORDER BY id LIMIT 1")).rows[0];
      const sqliteAbsence = sqlite.prepare("SELECT first_absence_day, returned_on FROM absences WHERE returned_on IS NULL ORDER BY id LIMIT 1").get();
      expect(absence).toEqual(sqliteAbsence);
      expect(absence.first_absence_day).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect((await pool.query("SELECT hours_per_week FROM social_chapter_records")).rows[0].hours_per_week).toBe(22.5);
    } finally {
      sqlite.close();
      await pool.end();
    }
  });

  it("keeps the triggers working after the copy and numbers new rows after the copied ids", async () => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const maxId = (await client.query("SELECT max(id) AS id FROM employees")).rows[0].id as number;
      const company = (await client.query("SELECT id, data_version FROM companies ORDER BY id LIMIT 1")).rows[0] as { id: number; data_version: number };
      const inserted = await client.query(
        "INSERT INTO employees (company_id, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours) VALUES ($1, 'Ny', '1990-01-01', 101, '2026-01-01', 'Lager', 37) RETURNING id",
        [company.id],
      );
      expect(inserted.rows[0].id).toBe(maxId + 1);
      expect((await client.query("SELECT data_version FROM companies WHERE id = $1", [company.id])).rows[0].data_version).toBe(company.data_version + 1);
      await expect(client.query("DELETE FROM social_chapter_log")).rejects.toThrow(/append-only/);
      await client.query("DELETE FROM employees WHERE id = $1", [inserted.rows[0].id]);
    } finally {
      await client.end();
    }
  });

  it("refuses a second run into the same database and changes nothing there", async () => {
    const before = await countsIn(target);
    const migrations = await countsOfMigrations(target);
    const run = runScript(source, target);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/indeholder allerede data \(tabellen \w+\)/);
    expect(await countsIn(target)).toEqual(before);
    expect(await countsOfMigrations(target)).toBe(migrations);
  });

  it("stops on a table PostgreSQL does not have, naming it, and commits nothing", async () => {
    const drifted = path.join(dir, "drifted.db");
    fs.copyFileSync(source, drifted);
    const conn = new Database(drifted);
    conn.exec("CREATE TABLE notes_from_a_newer_version (id integer primary key, body text); INSERT INTO notes_from_a_newer_version (body) VALUES ('x')");
    conn.close();
    const url = await server.createDatabase();
    const run = runScript(drifted, url);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Tabellen notes_from_a_newer_version fra SQLite findes ikke i PostgreSQL/);
    const counts = await countsIn(url);
    expect(Object.keys(counts).length).toBeGreaterThan(30);
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });

  it("rolls the whole copy back when PostgreSQL refuses a row midway", async () => {
    const url = await server.createDatabase();
    const pool = new pg.Pool({ connectionString: url });
    try {
      await migrate(drizzlePg(pool), {
        migrationsFolder: path.join(ROOT, "db/migrations-pg"),
      });
      // Users come after companies in foreign-key order: companies are copied before this refusal.
      await pool.query("ALTER TABLE users ADD CONSTRAINT refuse_the_second_user CHECK (id < 2)");
    } finally {
      await pool.end();
    }
    const run = runScript(source, url);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PostgreSQL afviste en række i users: .*refuse_the_second_user.*Intet er gemt/);
    expect(run.stdout).toMatch(/companies: \d+ rækker kopieret/);
    expect(Object.values(await countsIn(url)).every((n) => n === 0)).toBe(true);
  });

  it("leaves a table that is not the portal's alone: the login throttle's counts of a server started on PostgreSQL first", async () => {
    const url = await server.createDatabase();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // The table db/throttle-store.server.ts creates when a server first runs on PostgreSQL.
      await client.query("CREATE TABLE login_throttle (key text PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)");
      await client.query("INSERT INTO login_throttle (key, points) VALUES ('login:a@b.dk', 3)");
      const run = runScript(source, url);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect((await client.query("SELECT key, points FROM login_throttle")).rows).toEqual([{ key: "login:a@b.dk", points: 3 }]);
      expect(run.stdout).not.toMatch(/login_throttle/);
      expect(Number((await client.query("SELECT count(*) AS n FROM employees")).rows[0].n)).toBeGreaterThan(10);
    } finally {
      await client.end();
    }
  });

  it("refuses while a server holds the SQLite file", async () => {
    // The lock file names a live process other than the script: this test's own.
    fs.writeFileSync(`${path.resolve(source)}.pid`, `${process.pid}\n`);
    try {
      const url = await server.createDatabase();
      const run = runScript(source, url);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/En server kører på .* \(proces \d+\)\. Stop den først/);
      expect(await countsIn(url)).toEqual({});
    } finally {
      fs.rmSync(`${path.resolve(source)}.pid`);
    }
  });
});

async function countsOfMigrations(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query("SELECT count(*) AS n FROM drizzle.__drizzle_migrations")).rows[0].n);
  } finally {
    await client.end();
  }
}
