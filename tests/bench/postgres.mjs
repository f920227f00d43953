// @ts-check
// What `npm run bench` needs to run on PostgreSQL (BENCH_DATABASE_URL, issue 27): the national
// dataset in that database (copied with the real copy script unless the database already holds
// exactly this dataset), the server's version and settings for the results' header, a fresh
// database beside it for the import bench, and the server's own processes for its memory figure.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { childrenOf } from "../support/proc.mjs";

/**
 * A row reader over either engine, so the bench asks both the same questions: SQL with `?`
 * placeholders, counts and ids as numbers.
 * @typedef {{ get: (text: string, ...params: unknown[]) => Promise<any>, all: (text: string, ...params: unknown[]) => Promise<any[]>, close: () => Promise<void> }} Reader
 */

/**
 * @param {string} url
 * @returns {Promise<Reader>}
 */
export async function postgresReader(url) {
  // count(*) is a bigint, which node-postgres hands over as a string; the dataset's counts fit a double.
  const types = { getTypeParser: (/** @type {number} */ oid, /** @type {any} */ format) => (oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format)) };
  const client = new pg.Client({ connectionString: url, application_name: "fasthold-bench", types });
  await client.connect();
  /** @param {string} text */
  const numbered = (text) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  return {
    get: async (text, ...params) => (await client.query(numbered(text), params)).rows[0],
    all: async (text, ...params) => (await client.query(numbered(text), params)).rows,
    close: () => client.end(),
  };
}

/**
 * The tables the bench reads and never writes, whose row count and largest id identify the dataset.
 * Sessions, the login throttle and the like change with every run and are left out.
 */
const FINGERPRINT_TABLES = ["companies", "departments", "users", "employees", "absences", "documents", "document_versions", "submissions"];

/**
 * Row count and largest id of each fingerprint table; a table that does not exist yet counts as empty.
 * @param {Reader} reader
 * @param {(table: string) => Promise<boolean>} exists
 */
async function fingerprint(reader, exists) {
  /** @type {Record<string, { rows: number, maxId: number }>} */
  const result = {};
  for (const table of FINGERPRINT_TABLES) {
    const row = (await exists(table)) ? await reader.get(`select count(*) as n, coalesce(max(id), 0) as "maxId" from ${table}`) : { n: 0, maxId: 0 };
    result[table] = { rows: Number(row.n), maxId: Number(row.maxId) };
  }
  return result;
}

/**
 * @param {{ root: string, sqlite: Reader, sqlitePath: string, databaseUrl: string, log: (line: string) => void }} options
 * @returns {Promise<{ action: "copied" | "reused", seconds: number | null, summary: string }>}
 */
export async function ensureDataset({ root, sqlite, sqlitePath, databaseUrl, log }) {
  const source = await fingerprint(sqlite, async () => true);
  const target = await postgresReader(databaseUrl);
  let held;
  try {
    held = await fingerprint(target, async (table) => (await target.get("select to_regclass(?) is not null as present", `public.${table}`)).present);
  } finally {
    await target.close();
  }
  const describe = (/** @type {typeof source} */ f) => FINGERPRINT_TABLES.map((t) => `${t} ${f[t]?.rows}`).join(", ");
  const recognised = `the row count and largest id of ${FINGERPRINT_TABLES.join(", ")} equal the SQLite file's`;
  if (JSON.stringify(held) === JSON.stringify(source)) {
    return { action: "reused", seconds: null, summary: `already held this dataset (${recognised}); not copied` };
  }
  if (Object.values(held).some((t) => t.rows > 0)) {
    throw new Error(
      `BENCH_DATABASE_URL holds another dataset than ${sqlitePath}:\n  PostgreSQL: ${describe(held)}\n  SQLite:     ${describe(source)}\n` +
        "It is not overwritten: give an empty database (or drop and create this one) and run the bench again.",
    );
  }
  log(`Copying ${sqlitePath} into PostgreSQL with npm run db:migrate-to-postgres …`);
  const started = performance.now();
  let output = "";
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "scripts/migrate-to-postgres.mjs")], {
      cwd: root,
      env: /** @type {NodeJS.ProcessEnv} */ (/** @type {unknown} */ ({ PATH: process.env.PATH, DATABASE_PATH: sqlitePath, DATABASE_URL: databaseUrl })),
      stdio: ["ignore", "pipe", "inherit"],
    });
    child.stdout.on("data", (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.on("error", reject);
    child.on("exit", resolve);
  });
  if (code !== 0) throw new Error(`npm run db:migrate-to-postgres failed (exit ${code}); see its message above`);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  // The script's last line: "Flyttet: <tables> tabeller, <rows> rækker; …".
  const moved = /Flyttet: (\d+) tabeller, (\d+) rækker/.exec(output);
  const what = moved ? `${moved[1]} tables, ${moved[2]} rows, ${Math.round(Number(moved[2]) / seconds)} rows/s` : "every table";
  return { action: "copied", seconds, summary: `copied from the SQLite file with npm run db:migrate-to-postgres in ${seconds} s (${what})` };
}

/** The settings that decide the figures, as the server reports them (not as a script meant to set them). */
const REPORTED_SETTINGS = [
  "max_connections",
  "shared_buffers",
  "effective_cache_size",
  "work_mem",
  "maintenance_work_mem",
  "wal_buffers",
  "max_wal_size",
  "random_page_cost",
  "effective_io_concurrency",
  "max_parallel_workers_per_gather",
  "fsync",
  "synchronous_commit",
  "full_page_writes",
];

/**
 * The server's version, its settings and, when it runs on this machine and its processes can be
 * read, the postmaster's pid (the parent of this connection's backend).
 * @param {string} databaseUrl
 */
export async function describeServer(databaseUrl) {
  const reader = await postgresReader(databaseUrl);
  try {
    const { version } = await reader.get("select current_setting('server_version') as version");
    /** @type {{ name: string, setting: string }[]} */
    const rows = await reader.all(`select name, current_setting(name) as setting from pg_settings where name in (${REPORTED_SETTINGS.map(() => "?").join(", ")}) order by name`, ...REPORTED_SETTINGS);
    const settings = REPORTED_SETTINGS.map((name) => `${name}=${rows.find((r) => r.name === name)?.setting ?? "?"}`).join(", ");
    const { pid } = await reader.get("select pg_backend_pid() as pid");
    const url = new URL(databaseUrl);
    return { version, settings, postmasterPid: postmasterOf(pid), where: `${url.hostname}:${url.port || 5432}${url.pathname}` };
  } finally {
    await reader.close();
  }
}

/**
 * The postmaster of a backend, when that backend is a process on this machine (same pid in this
 * /proc and a postgres binary); null when the server is elsewhere or in another pid namespace.
 * @param {number} backendPid
 * @returns {number | null}
 */
function postmasterOf(backendPid) {
  try {
    const stat = fs.readFileSync(`/proc/${backendPid}/stat`, "utf8");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const exe = fs.readlinkSync(`/proc/${parent}/exe`);
    return path.basename(exe) === "postgres" && childrenOf(parent).includes(backendPid) ? parent : null;
  } catch {
    return null;
  }
}

/**
 * A new empty database on the same server as databaseUrl, for the import bench; drop() removes it.
 * @param {string} databaseUrl
 */
export async function scratchDatabase(databaseUrl) {
  const name = `${decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || "fasthold"}_import_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: databaseUrl, application_name: "fasthold-bench" });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: databaseUrl, application_name: "fasthold-bench" });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
