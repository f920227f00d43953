// @ts-check
// What npm run backup and npm run restore share in PostgreSQL mode (DATABASE_URL=postgres://…,
// issue 27): finding pg_dump/pg_restore, checking their version against the server's, and
// handing them the address without ever putting its password on a command line or in a message.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export class ToolError extends Error {}

/** @param {string | undefined} url */
export function isPostgresUrl(url) {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Host, port and database of the address, for messages: never the user's password.
 * @param {string} url
 */
export function describeUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || "localhost"}:${parsed.port || "5432"}/${decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(standard)"}`;
  } catch {
    return "(adressen i DATABASE_URL kan ikke læses)";
  }
}

/**
 * The address without its password, and the password apart: the address goes to pg_dump as
 * --dbname and is visible in the process list to every user of the machine, the password goes in
 * PGPASSWORD, which only the process itself and root can read. Query parameters (sslmode and the
 * like) stay in the address, where libpq reads them.
 * @param {string} url
 * @returns {{ dbname: string; env: NodeJS.ProcessEnv }}
 */
export function libpqConnection(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new ToolError("DATABASE_URL kan ikke læses som en postgres://-adresse.");
  }
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env };
  // An inherited PGPASSWORD or PGDATABASE must not quietly change which database is dumped or restored.
  for (const name of ["PGPASSWORD", "PGDATABASE", "PGHOST", "PGPORT", "PGUSER", "PGSERVICE"]) delete env[name];
  if (password) env.PGPASSWORD = password;
  return { dbname: parsed.toString(), env };
}

/**
 * The major version a PostgreSQL client binary reports, or null when it cannot run.
 * @param {string} binary
 */
function clientVersion(binary) {
  const result = spawnSync(binary, ["--version"], { encoding: "utf8" });
  if (result.status !== 0) return null;
  const match = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(result.stdout);
  return match ? { major: Number(match[1]), text: result.stdout.trim() } : null;
}

/**
 * pg_dump or pg_restore, the newest version found: Debian installs each major version in
 * /usr/lib/postgresql/<version>/bin, and an older one may come first on PATH. A dump must be made
 * by a pg_dump at least as new as the server, so the newest one installed is the right choice.
 * @param {"pg_dump" | "pg_restore"} name
 */
export function findClient(name) {
  /** @type {string[]} */
  const candidates = [];
  const root = process.env.FASTHOLD_PG_BIN_ROOT ?? "/usr/lib/postgresql";
  if (fs.existsSync(root)) for (const version of fs.readdirSync(root)) candidates.push(path.join(root, version, "bin", name));
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) candidates.push(path.join(dir, name));
  /** @type {{ binary: string; major: number; text: string } | null} */
  let best = null;
  for (const binary of candidates) {
    if (!fs.existsSync(binary)) continue;
    const version = clientVersion(binary);
    if (version && (!best || version.major > best.major)) best = { binary, ...version };
  }
  if (!best)
    throw new ToolError(
      `${name} findes ikke (hverken på PATH eller i ${root}/*/bin). Installér PostgreSQL-klientprogrammerne: apt-get install postgresql-client (Debian/Ubuntu).`,
    );
  return best;
}

/**
 * The server's major version, asked over the same address the app uses (node-postgres).
 * @param {string} url
 */
export async function serverMajorVersion(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query("SHOW server_version_num");
    // 150004 is 15.4: since version 10 the major version is the number divided by 10,000.
    return Math.floor(Number(rows[0].server_version_num) / 10_000);
  } catch (error) {
    throw new ToolError(`Kan ikke forbinde til PostgreSQL på ${describeUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Refuses a client older than the server: pg_dump itself refuses then, but later and with a
 * message that does not say what to install; pg_restore may restore only part of a newer dump.
 * @param {{ binary: string; major: number }} client
 * @param {number} serverMajor
 */
export function requireNotOlder(client, serverMajor) {
  const name = path.basename(client.binary);
  if (client.major < serverMajor)
    throw new ToolError(
      `${client.binary} er version ${client.major}, men serveren er PostgreSQL ${serverMajor}. ${name} må ikke være ældre end serveren: installér postgresql-client-${serverMajor} (eller nyere).`,
    );
}

/**
 * The portal's own tables: those of the newest PostgreSQL migration's snapshot (as in
 * scripts/migrate-to-postgres.mjs).
 * @returns {string[]}
 */
export function portalTables() {
  const folder = path.join(ROOT, "db/migrations-pg");
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8"));
  const last = journal.entries[journal.entries.length - 1];
  const snapshot = JSON.parse(fs.readFileSync(path.join(folder, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8"));
  return Object.values(snapshot.tables).map((table) => /** @type {{ name: string }} */ (table).name);
}

/**
 * Runs a client binary; its own error text (never holding the password: it is not in its
 * arguments) goes into the message.
 * @param {string} binary
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 */
export function runClient(binary, args, env) {
  const result = spawnSync(binary, args, { encoding: "utf8", env, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new ToolError(`${path.basename(binary)} kunne ikke startes: ${result.error.message}`);
  // Stopped by a signal (Ctrl-C reaches the whole process group): say which, not a null exit code.
  return { status: result.status ?? result.signal, stdout: result.stdout, stderr: result.stderr.trim() };
}

/**
 * Runs the PostgreSQL variant of a script and exits when DATABASE_URL is set; returns without
 * doing anything when it is not, so the SQLite file's variant runs as before.
 * @param {(url: string) => Promise<void>} action
 */
export async function runPostgresMode(action) {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return;
  if (!isPostgresUrl(url)) {
    // As the server's environment rules: the address is not repeated, it usually holds the password.
    console.error("DATABASE_URL skal være en postgres:// eller postgresql://-adresse (udelad DATABASE_URL for at bruge SQLite-filen i DATABASE_PATH).");
    process.exit(1);
  }
  try {
    await action(url);
  } catch (error) {
    console.error(error instanceof ToolError ? error.message : `Fejl: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  process.exit(0);
}
