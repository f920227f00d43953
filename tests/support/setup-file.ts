/**
 * Runs before each test file (in its own process): a fresh database copied
 * from the migrated base, and a test fails when anything calls console.error.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect } from "vitest";
import pg from "pg";
import { onPostgres, PG_TEMPLATES } from "./engine";
import { runPostgresUrl } from "./engine-run";
import { BASE_DB, TMP_DIR } from "./paths";

const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomUUID()}.db`);
fs.copyFileSync(BASE_DB, file);
process.env.DATABASE_PATH = file;
process.env.NODE_ENV = "test";
// Logins and seeding hash passwords at a test's cost (app/utils/password.server.ts), not 16 MiB each.
process.env.FASTHOLD_TEST_FAST_HASH = "1";
process.env.SESSION_SECRET ??= "test-secret-".padEnd(48, "x");
process.env.COOKIE_SECURE = "false";

// On a PostgreSQL run the file's models work on a database of its own, made from the migrated base.
if (onPostgres) {
  const admin = runPostgresUrl();
  const name = `f_${crypto.randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(PG_TEMPLATES.base)}`);
  } finally {
    await client.end();
  }
  process.env.DATABASE_URL = admin.replace(/\/[^/]*$/, `/${name}`);
}

const originalError = console.error;
let errors: unknown[][] = [];

beforeEach(() => {
  errors = [];
  console.error = (...args: unknown[]) => {
    errors.push(args);
    originalError(...args);
  };
});

afterEach(() => {
  console.error = originalError;
  expect(errors, "console.error was called during the test").toEqual([]);
});
