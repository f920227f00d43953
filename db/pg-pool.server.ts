import pg from "pg";
import { databaseUrl, isPostgresUrl } from "./dialect";

/**
 * One connection pool per process for PostgreSQL mode, kept on globalThis like the SQLite
 * connection so the dev server's rebuilds reuse it. Everything that talks to PostgreSQL (the
 * models through drizzle, the login throttle's store, the background jobs' advisory lock) takes
 * its connections from here, so one setting bounds what a process holds on the server.
 */
const globalForPool = globalThis as unknown as { __fastholdPgPool?: { url: string; pool: pg.Pool } };

/** Connections per process: two processes per machine and a few machines stay far below PostgreSQL's default of 100. */
export const PG_POOL_SIZE = 10;

export function getPgPool(): pg.Pool {
  const url = databaseUrl();
  if (!isPostgresUrl(url)) throw new Error("DATABASE_URL is not a postgres:// address.");
  const current = globalForPool.__fastholdPgPool;
  if (current && current.url === url) return current.pool;
  void current?.pool.end();
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL_SIZE, application_name: "fasthold" });
  // An idle connection that the server closes (a restart, a failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on("error", (error) => console.error("PostgreSQL-forbindelsen blev afbrudt:", error.message));
  globalForPool.__fastholdPgPool = { url, pool };
  return pool;
}

export async function closePgPool(): Promise<void> {
  const current = globalForPool.__fastholdPgPool;
  globalForPool.__fastholdPgPool = undefined;
  await current?.pool.end();
}
