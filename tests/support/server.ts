/**
 * Starts the built app (node server.mjs) on a free port with its own database,
 * the way `npm start` runs it, for HTTP and browser tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BASE_DB, ROOT, SEEDED_DB, TMP_DIR } from "./paths";

export interface RunningServer {
  baseUrl: string;
  databasePath: string;
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

export async function startServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningServer> {
  if (!fs.existsSync(path.join(options.cwd ?? ROOT, "build/index.js"))) {
    throw new Error("The app is not built: run `npm run build` (npm test does it first).");
  }
  let databasePath = options.databasePath;
  if (!databasePath) {
    const dir = path.join(TMP_DIR, `server-${crypto.randomUUID()}`);
    fs.mkdirSync(dir, { recursive: true });
    databasePath = path.join(dir, "fasthold.db");
    fs.copyFileSync(options.realPasswordCost ? BASE_DB : SEEDED_DB, databasePath);
  }
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

/** One row from the running server's database, read through a separate read-only connection. */
export function queryOne<T>(server: RunningServer, sql: string, ...params: unknown[]): T {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
