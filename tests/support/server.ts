/**
 * Starts the built app (node server.mjs) on a free port with its own database,
 * the way `npm start` runs it, for HTTP and browser tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { onPostgres, PG_TEMPLATES } from "./engine";
import { runPostgresUrl } from "./engine-run";
import { BASE_DB, ROOT, SEEDED_DB, TMP_DIR } from "./paths";
import { queryOne } from "./test-db";

export { queryOne };

export interface RunningServer {
  baseUrl: string;
  /** The SQLite file; on a PostgreSQL run a name only, which a restart passes back to get the same database. */
  databasePath: string;
  /** On a PostgreSQL run (or with DATABASE_URL given): the server's database. */
  databaseUrl?: string;
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
  /** Ends the process with a signal (SIGKILL: no shutdown code runs) and waits for it to be gone. */
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

export interface StartOptions {
  /** Starts on an existing database (a restart) instead of a fresh copy of the seeded base. */
  databasePath?: string;
  /** Runs the server in another folder (it reads build/ and public/ from there). */
  cwd?: string;
  /** Password hashes at the production cost: the server seeds a migrated copy itself, as on a first start. */
  realPasswordCost?: boolean;
}

/** The secret every PostgreSQL-run server shares, as the servers of one installation must. */
const POSTGRES_RUN_SECRET = "session-secret-of-the-postgresql-test-run-0123456789";

/**
 * On a PostgreSQL run each new server gets its own database, made from the run's template (a file
 * copy inside PostgreSQL), where on SQLite it gets a copy of the file. The database is remembered by the
 * server's `databasePath`, so a test that restarts a server on "the same file" gets the same database.
 */
const postgresDatabases = new Map<string, string>();

async function postgresDatabaseFor(databasePath: string, template: string): Promise<string> {
  const known = postgresDatabases.get(databasePath);
  if (known) return known;
  const admin = runPostgresUrl();
  const name = `s_${crypto.randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`);
  } finally {
    await client.end();
  }
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  postgresDatabases.set(databasePath, url);
  return url;
}

export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(options.cwd ?? ROOT, "build/index.js"))) {
    throw new Error("The app is not built: run `npm run build` (npm test does it first).");
  }
  let databasePath = options.databasePath;
  if (!databasePath) {
    const dir = path.join(TMP_DIR, `server-${crypto.randomUUID()}`);
    fs.mkdirSync(dir, { recursive: true });
    databasePath = path.join(dir, "fasthold.db");
    if (!onPostgres) fs.copyFileSync(options.realPasswordCost ? BASE_DB : SEEDED_DB, databasePath);
  }
  const engineEnv: Record<string, string> = {};
  if (onPostgres && !env.DATABASE_URL) {
    engineEnv.DATABASE_URL = await postgresDatabaseFor(databasePath, options.realPasswordCost ? PG_TEMPLATES.base : PG_TEMPLATES.seeded);
    engineEnv.SESSION_SECRET = POSTGRES_RUN_SECRET;
  }
  const databaseUrl = env.DATABASE_URL ?? engineEnv.DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "server.mjs")], {
    cwd: options.cwd ?? ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_PATH: databasePath,
      // "test" rather than "production" only so the cheap password hash may be used (the env check
      // refuses it under production); Remix still runs in production mode (scripts/http-server.mjs).
      NODE_ENV: "test",
      FASTHOLD_TEST_FAST_HASH: options.realPasswordCost ? "0" : "1",
      COOKIE_SECURE: "false",
      // One process per test server keeps parallel suites light; tests/integration/cluster.test.ts runs a cluster.
      WEB_CONCURRENCY: "1",
      ...engineEnv,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start:\n${out}`)), 90_000);
    const check = () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with code ${code}:\n${out}`));
    });
  });
  return {
    baseUrl: `http://localhost:${port}`,
    databasePath,
    ...(databaseUrl ? { databaseUrl } : {}),
    pid: child.pid!,
    output: () => out,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(signal);
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Starts a server again on a killed server's database. On SQLite the new server marks the dead one's
 * imports and exports interrupted as it starts; on PostgreSQL it cannot tell a dead predecessor from a
 * live neighbour, so its sweep does once their heartbeat is stale (docs/decisions/017): with a short
 * heartbeat that is within a second, and `settled` waits for it.
 */
export function restartOnSameDatabase(server: RunningServer, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({ ...(onPostgres ? { JOB_HEARTBEAT_MS: "200" } : {}), ...env }, { databasePath: server.databasePath });
}

/** Reads until `done` holds (at once on SQLite; after the sweep on PostgreSQL), for at most 15 s. */
export async function settled<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
