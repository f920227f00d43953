/**
 * `npm run backup` and `npm run restore` in PostgreSQL mode (scripts/backup-postgres.mjs,
 * scripts/restore-postgres.mjs, issue 27): the seeded demo database, copied into PostgreSQL,
 * comes back from a pg_dump in a new database row for row, with its triggers and identity
 * sequences; a database that holds data is replaced only with --replace; a backup that fails
 * leaves no file; a missing or too old pg_dump is named; the address's password is never printed.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";
import { ROOT, SEEDED_DB } from "../support/paths";

/** The test server trusts every local login, so the password is never checked; it must still never be printed. */
const PASSWORD = "hemmelig-kode-42";

function withPassword(url: string) {
  return url.replace("postgres://fasthold@", `postgres://fasthold:${PASSWORD}@`);
}

function runScript(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every table of the portal and of the migrations' bookkeeping: its row count and an md5 of all its rows in one fixed order. */
async function fingerprint(url: string) {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ schemaname: string; tablename: string }>(
      "SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY schemaname, tablename",
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { schemaname, tablename } of tables) {
      const name = `${pg.escapeIdentifier(schemaname)}.${pg.escapeIdentifier(tablename)}`;
      const { rows } = await client.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${name} t`);
      result[`${schemaname}.${tablename}`] = { rows: rows[0].n, md5: rows[0].md5 };
    }
    return result;
  });
}

async function triggers(url: string) {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal ORDER BY 1",
    );
    return rows.map((r) => r.name);
  });
}

/** Inside a transaction that is rolled back: a new employee's id, and whether its company's data version moved on. */
async function writeOnce(url: string) {
  return withClient(url, async (client) => {
    await client.query("BEGIN");
    try {
      const maxId = (await client.query("SELECT max(id) AS id FROM employees")).rows[0].id as number;
      const company = (await client.query("SELECT id, data_version FROM companies ORDER BY id LIMIT 1")).rows[0] as { id: number; data_version: number };
      const inserted = await client.query(
        "INSERT INTO employees (company_id, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours) VALUES ($1, 'Ny', '1990-01-01', 101, '2026-01-01', 'Lager', 37) RETURNING id",
        [company.id],
      );
      const after = (await client.query("SELECT data_version FROM companies WHERE id = $1", [company.id])).rows[0].data_version as number;
      return { newIdAfterMax: inserted.rows[0].id - maxId, versionStep: after - company.data_version };
    } finally {
      await client.query("ROLLBACK");
    }
  });
}

describe.skipIf(!postgresAvailable())("npm run backup and npm run restore on PostgreSQL", () => {
  let server: RunningPostgres;
  let original: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-pg-backup-"));
  const dump = path.join(dir, "backups", "fasthold.dump");
  /** No SQLite file here: PostgreSQL mode must not look for one. */
  const noSqlite = path.join(dir, "no-such.db");

  beforeAll(async () => {
    server = await startPostgres();
    original = await server.createDatabase();
    const sqlite = path.join(dir, "fasthold.db");
    fs.copyFileSync(SEEDED_DB, sqlite);
    const copy = runScript("migrate-to-postgres.mjs", [], { DATABASE_PATH: sqlite, DATABASE_URL: original });
    expect(copy.status, copy.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("dumps the database with pg_dump and restores it into an empty database with every row, trigger and identity sequence", async () => {
    const backup = runScript("backup.mjs", [dump], { DATABASE_URL: withPassword(original), DATABASE_PATH: noSqlite });
    expect(backup.stderr).toBe("");
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/^Sikkerhedskopi skrevet: .*fasthold\.dump \(\d+ kB, \d+ tabeller fra 127\.0\.0\.1:\d+\/t_\w+, PostgreSQL 15, pg_dump \(PostgreSQL\) 15/);
    expect(fs.readdirSync(path.dirname(dump))).toEqual(["fasthold.dump"]);
    expect(fs.readFileSync(dump).subarray(0, 5).toString()).toBe("PGDMP");
    expect(fs.existsSync(noSqlite)).toBe(false);

    const restored = await server.createDatabase();
    const restore = runScript("restore.mjs", [dump], { DATABASE_URL: withPassword(restored), DATABASE_PATH: noSqlite });
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/^Gendannet 127\.0\.0\.1:\d+\/t_\w+ fra .*fasthold\.dump\. Start serverne igen\./);

    const before = await fingerprint(original);
    expect(before["public.employees"]!.rows).toBeGreaterThan(10);
    expect(before["public.absences"]!.rows).toBeGreaterThan(0);
    expect(before["drizzle.__drizzle_migrations"]!.rows).toBeGreaterThan(0);
    expect(await fingerprint(restored)).toEqual(before);

    const originalTriggers = await triggers(original);
    expect(originalTriggers.length).toBeGreaterThan(5);
    expect(await triggers(restored)).toEqual(originalTriggers);
    // The restored triggers fire as the original's do, and new rows are numbered after the highest restored id.
    expect(await writeOnce(restored)).toEqual({ newIdAfterMax: 1, versionStep: 1 });
    expect(await writeOnce(original)).toEqual({ newIdAfterMax: 1, versionStep: 1 });
  });

  it("refuses a database that holds data and changes nothing; with --replace the backup replaces its content", async () => {
    const occupied = await server.createDatabase();
    expect(runScript("restore.mjs", [dump], { DATABASE_URL: occupied, DATABASE_PATH: noSqlite }).status).toBe(0);
    await withClient(occupied, async (client) => {
      await client.query("UPDATE employees SET name = 'Ændret efter gendannelsen' WHERE id = (SELECT min(id) FROM employees)");
      await client.query("DELETE FROM absences WHERE id = (SELECT max(id) FROM absences)");
    });
    const changed = await fingerprint(occupied);

    const refused = runScript("restore.mjs", [dump], { DATABASE_URL: withPassword(occupied), DATABASE_PATH: noSqlite });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/indeholder allerede data \(.*employees.*\)\. Intet er ændret\. .*--replace/);
    expect(await fingerprint(occupied)).toEqual(changed);

    const replaced = runScript("restore.mjs", [dump, "--replace"], { DATABASE_URL: withPassword(occupied), DATABASE_PATH: noSqlite });
    expect(replaced.stderr).toBe("");
    expect(replaced.status).toBe(0);
    expect(replaced.stdout).toMatch(/det tidligere indhold er erstattet/);
    expect(await fingerprint(occupied)).toEqual(await fingerprint(original));
    expect(await writeOnce(occupied)).toEqual({ newIdAfterMax: 1, versionStep: 1 });

    const unknownFlag = runScript("restore.mjs", [dump, "--force"], { DATABASE_URL: occupied, DATABASE_PATH: noSqlite });
    expect(unknownFlag.status).toBe(1);
    expect(unknownFlag.stderr).toMatch(/Brug: npm run restore -- <fil> \[--replace\]/);
  });

  it("fails with a message and leaves no file when the server cannot be reached or pg_dump stops midway", async () => {
    const target = path.join(dir, "failed", "fasthold.dump");
    const unreachable = runScript("backup.mjs", [target], { DATABASE_URL: `postgres://fasthold:${PASSWORD}@127.0.0.1:1/fasthold`, DATABASE_PATH: noSqlite });
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/^Kan ikke forbinde til PostgreSQL på 127\.0\.0\.1:1\/fasthold: /);
    expect(fs.existsSync(target)).toBe(false);

    // A login that may connect but not read the portal's tables: pg_dump has opened its output
    // file when it is refused a table, so only the temporary name keeps the half file out of sight.
    await withClient(original, (client) => client.query("CREATE ROLE dump_without_rights LOGIN"));
    const limited = original.replace("postgres://fasthold@", "postgres://dump_without_rights@");
    const midway = runScript("backup.mjs", [target], { DATABASE_URL: limited, DATABASE_PATH: noSqlite });
    expect(midway.status).toBe(1);
    expect(midway.stderr).toMatch(/^pg_dump mislykkedes \(afslutningskode 1\): .*permission denied/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it("names the package when pg_dump is missing and refuses a pg_dump or pg_restore older than the server", async () => {
    const empty = path.join(dir, "empty-path");
    const oldRoot = path.join(dir, "old-postgresql");
    fs.mkdirSync(empty, { recursive: true });
    fs.mkdirSync(path.join(oldRoot, "9.6/bin"), { recursive: true });
    for (const name of ["pg_dump", "pg_restore"]) {
      const fake = path.join(oldRoot, "9.6/bin", name);
      fs.writeFileSync(fake, `#!/bin/sh\necho "${name} (PostgreSQL) 9.6.24"\n`);
      fs.chmodSync(fake, 0o755);
    }
    const target = path.join(dir, "refused.dump");

    const missing = runScript("backup.mjs", [target], { DATABASE_URL: original, DATABASE_PATH: noSqlite, PATH: empty, FASTHOLD_PG_BIN_ROOT: path.join(dir, "none") });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^pg_dump findes ikke .*apt-get install postgresql-client/);

    const old = { DATABASE_URL: original, DATABASE_PATH: noSqlite, PATH: empty, FASTHOLD_PG_BIN_ROOT: oldRoot };
    const oldDump = runScript("backup.mjs", [target], old);
    expect(oldDump.status).toBe(1);
    expect(oldDump.stderr).toMatch(/pg_dump er version 9, men serveren er PostgreSQL 15\. pg_dump må ikke være ældre end serveren: installér postgresql-client-15/);
    expect(fs.existsSync(target)).toBe(false);

    const emptyDb = await server.createDatabase();
    const oldRestore = runScript("restore.mjs", [dump], { ...old, DATABASE_URL: emptyDb });
    expect(oldRestore.status).toBe(1);
    expect(oldRestore.stderr).toMatch(/pg_restore er version 9, men serveren er PostgreSQL 15/);
    expect(await fingerprint(emptyDb)).toEqual({});
  });

  it("hands pg_dump the password in its environment, never on its command line, where every user of the machine sees it", () => {
    const root = path.join(dir, "recording-postgresql");
    const bin = path.join(root, "15/bin");
    fs.mkdirSync(bin, { recursive: true });
    const args = path.join(dir, "pg_dump.args");
    const password = path.join(dir, "pg_dump.password");
    for (const name of ["pg_dump", "pg_restore"]) {
      fs.writeFileSync(
        path.join(bin, name),
        `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "${name} (PostgreSQL) 15.99"; exit 0; fi\nprintf '%s\\n' "$@" > ${args}\nprintf '%s' "$PGPASSWORD" > ${password}\necho "kunstig fejl" >&2\nexit 3\n`,
      );
      fs.chmodSync(path.join(bin, name), 0o755);
    }
    const target = path.join(dir, "recorded.dump");
    const run = runScript("backup.mjs", [target], { DATABASE_URL: withPassword(original), DATABASE_PATH: noSqlite, PATH: path.join(dir, "empty-path"), FASTHOLD_PG_BIN_ROOT: root });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^pg_dump mislykkedes \(afslutningskode 3\): kunstig fejl/);
    const recorded = fs.readFileSync(args, "utf8");
    expect(recorded).toMatch(/^--dbname=postgres:\/\/fasthold@127\.0\.0\.1:\d+\/t_\w+$/m);
    expect(recorded).not.toContain(PASSWORD);
    expect(fs.readFileSync(password, "utf8")).toBe(PASSWORD);
    expect(fs.existsSync(target)).toBe(false);
  });
});
