import pg from "pg";
import { databaseUrl, isPostgresUrl } from "./dialect";

/**
 * One connection pool per process for PostgreSQL mode, kept on globalThis like the SQLite
 * connection so the dev server's rebuilds reuse it. Everything that talks to PostgreSQL (the
 * models through drizzle, the login throttle's store, the background jobs' advisory lock) takes
 * its connections from here, so one setting bounds what a process holds on the server.
 */
type Pools = { url: string; pool: pg.Pool; readPool: pg.Pool };
const globalForPool = globalThis as unknown as { __fastholdPgPool?: Pools };

/** Connections per process: two processes per machine and a few machines stay far below PostgreSQL's default of 100. */
export const PG_POOL_SIZE = 10;
/**
 * Of those, the connections that write: write transactions run one at a time across all servers
 * (runTx's advisory lock), so a few per process are enough; the rest serve the reads.
 */
export const PG_WRITE_POOL_SIZE = 3;

function pools(): Pools {
  const url = databaseUrl();
  if (!isPostgresUrl(url)) throw new Error("DATABASE_URL is not a postgres:// address.");
  const current = globalForPool.__fastholdPgPool;
  if (current && current.url === url) return current;
  if (current) void Promise.all([current.pool.end(), current.readPool.end()]);
  const pool = new pg.Pool({ connectionString: url, max: PG_WRITE_POOL_SIZE, application_name: "fasthold" });
  // The reads outside a transaction, on connections where PostgreSQL itself refuses a write, as
  // SQLite's read connection does (query_only): a write that forgot runTx would otherwise pass the
  // write lock by. A transaction begun READ WRITE (runTx) may still write on them.
  const readPool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_SIZE - PG_WRITE_POOL_SIZE,
    application_name: "fasthold-read",
    options: "-c default_transaction_read_only=on",
  });
  // An idle connection that the server closes (a restart, a failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  for (const p of [pool, readPool]) p.on("error", (error) => console.error("PostgreSQL-forbindelsen blev afbrudt:", error.message));
  globalForPool.__fastholdPgPool = { url, pool, readPool };
  return globalForPool.__fastholdPgPool;
}

/** The pool of write transactions, the throttle's store, the migrations and the jobs' lock. */
export function getPgPool(): pg.Pool {
  return pools().pool;
}

/** The pool of reads outside a transaction: its connections refuse writes. */
export function getPgReadPool(): pg.Pool {
  return pools().readPool;
}

export async function closePgPool(): Promise<void> {
  const current = globalForPool.__fastholdPgPool;
  globalForPool.__fastholdPgPool = undefined;
  if (current) await Promise.all([current.pool.end(), current.readPool.end()]);
}
