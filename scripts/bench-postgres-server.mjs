// @ts-check
// The PostgreSQL server for `BENCH_DATABASE_URL=… npm run bench` (issue 27): a cluster of its own
// in /var/tmp, configured as an operator would configure PostgreSQL 15 on this machine (memory and
// cores read from it), with fsync and synchronous commit on so the figures are honest ones.
//
//   node scripts/bench-postgres-server.mjs start   initdb when the folder is new, start, print BENCH_DATABASE_URL
//   node scripts/bench-postgres-server.mjs stop    stop the server (its data stays, so the copied dataset is reused)
//   node scripts/bench-postgres-server.mjs remove  stop it and delete its folder
//
// BENCH_PG_DIR (default /var/tmp/fasthold-bench-pg) and BENCH_PG_PORT (default 54329) change where.
// initdb refuses to run as root, so as root the cluster belongs to the postgres user.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const DIR = path.resolve(process.env.BENCH_PG_DIR ?? "/var/tmp/fasthold-bench-pg");
const PORT = Number(process.env.BENCH_PG_PORT ?? 54329);
const DATA = path.join(DIR, "data");
const DATABASE = "fasthold_bench";
const asRoot = process.getuid?.() === 0;

/** The folder with initdb and pg_ctl, newest major version first. */
function binaries() {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin/initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error("PostgreSQL is not installed (/usr/lib/postgresql/<version>/bin): apt-get install postgresql");
  return path.join(root, newest, "bin");
}

/**
 * Runs a PostgreSQL binary, as the postgres user when run as root.
 * @param {string} name
 * @param {string[]} args
 * @param {{ allowFailure?: boolean }} [options]
 */
function run(name, args, options = {}) {
  const bin = path.join(binaries(), name);
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  const result = spawnSync(command, commandArgs, { encoding: "utf8" });
  if (result.status !== 0 && !options.allowFailure) throw new Error(`${name} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result;
}

/**
 * The settings, from the machine's memory and cores. The app shares the machine (its budget is
 * 400 MB), so PostgreSQL takes a quarter of the memory for its buffers, which holds the whole
 * national dataset (about 1.5 GB in PostgreSQL), and the planner is told the rest is mostly the
 * page cache. Durability is left at PostgreSQL's defaults: fsync, synchronous_commit and
 * full_page_writes on; a benchmark without them measures a server nobody runs.
 */
export function benchSettings() {
  const mb = Math.floor(os.totalmem() / 1024 / 1024);
  const cores = os.availableParallelism();
  return {
    max_connections: "100",
    shared_buffers: `${Math.floor(mb / 4)}MB`,
    effective_cache_size: `${Math.floor((mb * 3) / 4)}MB`,
    work_mem: "16MB",
    maintenance_work_mem: `${Math.min(1024, Math.floor(mb / 16))}MB`,
    wal_buffers: "16MB",
    min_wal_size: "1GB",
    max_wal_size: "4GB",
    checkpoint_completion_target: "0.9",
    // Solid-state storage: random reads cost little more than sequential ones.
    random_page_cost: "1.1",
    effective_io_concurrency: "200",
    max_worker_processes: String(Math.max(2, cores)),
    max_parallel_workers: String(Math.max(2, cores)),
    max_parallel_workers_per_gather: String(Math.max(1, Math.floor(cores / 2))),
    fsync: "on",
    synchronous_commit: "on",
    full_page_writes: "on",
  };
}

function url() {
  return `postgres://fasthold@127.0.0.1:${PORT}/${DATABASE}`;
}

function running() {
  return fs.existsSync(DATA) && run("pg_ctl", ["-D", DATA, "status"], { allowFailure: true }).status === 0;
}

function start() {
  if (!fs.existsSync(path.join(DATA, "PG_VERSION"))) {
    fs.mkdirSync(DIR, { recursive: true, mode: 0o700 });
    if (asRoot) spawnSync("chown", ["postgres:postgres", DIR]);
    run("initdb", ["-D", DATA, "-U", "fasthold", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"]);
    // The settings go into the cluster's own configuration, where an operator would put them.
    const lines = Object.entries({ ...benchSettings(), listen_addresses: "'127.0.0.1'", port: String(PORT), unix_socket_directories: `'${DIR}'` }).map(
      ([k, v]) => `${k} = ${/^[\d.]+$|^on$|^off$|^'/.test(v) ? v : `'${v}'`}`,
    );
    fs.appendFileSync(path.join(DATA, "postgresql.conf"), `\n# scripts/bench-postgres-server.mjs\n${lines.join("\n")}\n`);
  }
  if (!running()) run("pg_ctl", ["-D", DATA, "-l", path.join(DIR, "log"), "-w", "-t", "60", "start"]);
  const exists = run("psql", ["-h", DIR, "-p", String(PORT), "-U", "fasthold", "-d", "postgres", "-tAc", `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`]);
  if (exists.stdout.trim() !== "1") run("createdb", ["-h", DIR, "-p", String(PORT), "-U", "fasthold", DATABASE]);
  console.log(`PostgreSQL runs in ${DIR} on port ${PORT}. Run the bench on it with:\n  BENCH_DATABASE_URL=${url()} npm run bench`);
}

function stop() {
  if (running()) run("pg_ctl", ["-D", DATA, "-m", "fast", "-w", "stop"]);
  console.log(`PostgreSQL in ${DIR} is stopped.`);
}

const command = process.argv[2];
if (command === "start") start();
else if (command === "stop") stop();
else if (command === "remove") {
  stop();
  fs.rmSync(DIR, { recursive: true, force: true });
  console.log(`${DIR} is deleted.`);
} else {
  console.error("Usage: node scripts/bench-postgres-server.mjs start | stop | remove");
  process.exitCode = 2;
}
