import pg from "pg";
import { databaseUrl, isPostgresUrl } from "./dialect";

/**
 * One connection pool per process for PostgreSQL mode, kept on globalThis like the SQLite
 * connection so the dev server's rebuilds reuse it. Everything that talks to PostgreSQL (the
 * models through drizzle, the login throttle's store, the background jobs' advisory lock) takes
 * its connections from here, so one setting bounds what a process holds on the server.
 */
type Pools = { url: string; pool: pg.Pool; readPool: pg.Pool; throttlePool: pg.Pool };
const globalForPool = globalThis as unknown as { __fastholdPgPool?: Pools };

/** Connections per process: two processes per machine and a few machines stay far below PostgreSQL's default of 100. */
export const PG_POOL_SIZE = 10;
/**
 * Of those, the connections that write: write transactions run one at a time across all servers
 * (runTx's advisory lock), so a few per process are enough; the rest serve the reads.
 */
export const PG_WRITE_POOL_SIZE = 3;
/**
 * The login throttle's own connections: a login must not wait behind write transactions queued for
 * the write lock (the throttle refuses a login whose count takes over 3 s, docs/decisions/014).
 */
export const PG_THROTTLE_POOL_SIZE = 2;

function pools(): Pools {
  const url = databaseUrl();
  if (!isPostgresUrl(url)) throw new Error("DATABASE_URL is not a postgres:// address.");
  const current = globalForPool.__fastholdPgPool;
  if (current && current.url === url) return current;
  if (current) void endPools(current);
  const pool = new pg.Pool({ connectionString: url, max: PG_WRITE_POOL_SIZE, application_name: "fasthold" });
  const throttlePool = new pg.Pool({ connectionString: url, max: PG_THROTTLE_POOL_SIZE, application_name: "fasthold-throttle" });
  // The reads outside a transaction, on connections where PostgreSQL itself refuses a write, as
  // SQLite's read connection does (query_only): a write that forgot runTx would otherwise pass the
  // write lock by. A transaction begun READ WRITE (runTx) may still write on them.
  const readPool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_SIZE - PG_WRITE_POOL_SIZE - PG_THROTTLE_POOL_SIZE,
    application_name: "fasthold-read",
    options: "-c default_transaction_read_only=on",
  });
  // An idle connection that the server closes (a restart, a failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  for (const p of [pool, readPool, throttlePool]) p.on("error", (error) => console.error("PostgreSQL-forbindelsen blev afbrudt:", error.message));
  globalForPool.__fastholdPgPool = { url, pool, readPool, throttlePool };
  return globalForPool.__fastholdPgPool;
}

async function endPools(pools: Pools): Promise<void> {
  await Promise.all([pools.pool.end(), pools.readPool.end(), pools.throttlePool.end()]);
}

/** The pool of write transactions, the migrations and the jobs' heartbeats. */
export function getPgPool(): pg.Pool {
  return pools().pool;
}

/** The login and reset throttles' store. */
export function getPgThrottlePool(): pg.Pool {
  return pools().throttlePool;
}

/** The pool of reads outside a transaction: its connections refuse writes. */
export function getPgReadPool(): pg.Pool {
  return pools().readPool;
}

export async function closePgPool(): Promise<void> {
  const current = globalForPool.__fastholdPgPool;
  globalForPool.__fastholdPgPool = undefined;
  if (current) await endPools(current);
}
