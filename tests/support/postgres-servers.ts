/**
 * App servers on PostgreSQL for the tests of PostgreSQL mode (issue 27). The seeded demo database
 * (SEEDED_DB, made by global-setup) is copied once into a template database with the real copy
 * script (npm run db:migrate-to-postgres); each server then gets its own database made from the
 * template (CREATE DATABASE … TEMPLATE: a file copy, far faster than seeding again), or shares one
 * with another server.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { ROOT, SEEDED_DB } from "./paths";
import type { RunningPostgres } from "./postgres";
import { startServer, type RunningServer, type StartOptions } from "./server";

/** The one secret every server of a test shares, as the servers of one installation must. */
export const SHARED_SESSION_SECRET = "shared-session-secret-of-the-test-servers-0123456789";

const templates = new WeakMap<RunningPostgres, Promise<string>>();

/** The seeded demo data as a template database on this PostgreSQL server, made once. */
export function seededTemplate(postgres: RunningPostgres): Promise<string> {
  let made = templates.get(postgres);
  if (!made) {
    made = (async () => {
      const name = "fasthold_seeded";
      const url = await postgres.createDatabase(name);
      const result = spawnSync(process.execPath, [path.join(ROOT, "scripts/migrate-to-postgres.mjs")], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, DATABASE_PATH: SEEDED_DB, DATABASE_URL: url },
      });
      if (result.status !== 0) throw new Error(`The copy of the seeded database failed:\n${result.stdout}\n${result.stderr}`);
      return name;
    })();
    templates.set(postgres, made);
  }
  return made;
}

/** A new database with the seeded demo data; its postgres:// address. */
export async function seededDatabase(postgres: RunningPostgres): Promise<string> {
  const template = await seededTemplate(postgres);
  const name = `t_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
  } finally {
    await admin.end();
  }
  return postgres.url.replace(/\/[^/]*$/, `/${name}`);
}

/** A built app server on a PostgreSQL database (a fresh seeded one unless `databaseUrl` is given). */
export async function startServerOnPostgres(
  postgres: RunningPostgres,
  options: { databaseUrl?: string; env?: Record<string, string> } & StartOptions = {},
): Promise<RunningServer & { databaseUrl: string }> {
  const databaseUrl = options.databaseUrl ?? (await seededDatabase(postgres));
  const { databaseUrl: _url, env, ...start } = options;
  const server = await startServer({ DATABASE_URL: databaseUrl, SESSION_SECRET: SHARED_SESSION_SECRET, ...env }, start);
  return { ...server, databaseUrl };
}

/** One row from a PostgreSQL database, through a connection of its own. */
export async function queryPostgres<T>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}
