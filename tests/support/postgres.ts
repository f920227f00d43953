/**
 * A throwaway PostgreSQL server for the tests of PostgreSQL mode (issue 27): its own cluster in a
 * temporary folder, on a free port, with fsync off (the tests' data need not survive a power cut),
 * stopped and deleted at the end. The binaries are Debian's (`apt-get install postgresql`, which
 * .ci/run does); initdb refuses to run as root, so as root the cluster belongs to the postgres user.
 *
 * Without the binaries the PostgreSQL suites are skipped on a developer's machine, but
 * FASTHOLD_REQUIRE_POSTGRES=1 (set by .ci/run) makes their absence a failure: CI always runs them.
 */
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface RunningPostgres {
  /** The server's maintenance database, as the superuser "fasthold". */
  url: string;
  port: number;
  /** A new empty database on this server; its postgres:// address. */
  createDatabase: (name?: string) => Promise<string>;
  stop: () => Promise<void>;
}

/** The folder with initdb and pg_ctl, newest version first; null when PostgreSQL is not installed. */
export function postgresBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin/initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

/** Whether the PostgreSQL suites run here: installed, or required (then a missing install fails them). */
export function postgresAvailable(): boolean {
  if (process.env.FASTHOLD_REQUIRE_POSTGRES === "1") return true;
  return postgresBinaries() !== null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the postgres user when the tests run as root. */
function run(bin: string, args: string[]): void {
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(command, commandArgs, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} failed (${result.status}): ${result.stderr || result.stdout}`);
}

export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("PostgreSQL is not installed: `apt-get install postgresql` (.ci/run does it).");
  // Outside the checkout, and in a folder every user can reach: as root, the cluster's owner is
  // the postgres user, and the usual temporary folder may be root's alone (0700 here).
  const dir = fs.mkdtempSync(path.join(asRoot ? "/var/tmp" : os.tmpdir(), "fasthold-pg-"));
  fs.chmodSync(dir, 0o700);
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  const data = path.join(dir, "data");
  run(path.join(bin, "initdb"), ["-D", data, "-U", "fasthold", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run(path.join(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", path.join(dir, "log"), "-w", "-t", "60", "start"]);
  const url = `postgres://fasthold@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    createDatabase: async (name = `t_${crypto.randomBytes(6).toString("hex")}`) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await client.end();
      }
      return `postgres://fasthold@127.0.0.1:${port}/${name}`;
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
