import path from "node:path";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getPgPool, getPgReadPool } from "./pg-pool.server";
import * as pgSchema from "./schema.pg";

/**
 * The PostgreSQL side of db/client.server.ts (docs/decisions/015): the drizzle instance over the
 * process's pool and the migrations. The transaction handling, the same for both engines, is in
 * client.server.ts.
 */
export type PgDb = NodePgDatabase<typeof pgSchema>;

export const PG_MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations-pg");

/** pg_advisory_lock key of the migrations: "FHMIGR" in ASCII; the background jobs have their own (db/leadership.server.ts). */
export const MIGRATIONS_LOCK_KEY = "77277377738290";

type PoolDb = { pool: unknown; db: PgDb };
const globalForPg = globalThis as unknown as { __fastholdPgDb?: PoolDb; __fastholdPgReadDb?: PoolDb };

/** drizzle over `pool`, made once per pool and kept on globalThis like the pools themselves. */
function drizzleOver(pool: ReturnType<typeof getPgPool>, slot: "__fastholdPgDb" | "__fastholdPgReadDb"): PgDb {
  const current = globalForPg[slot];
  if (current && current.pool === pool) return current.db;
  const db = drizzle(pool, { schema: pgSchema });
  globalForPg[slot] = { pool, db };
  return db;
}

/** drizzle over the pool that writes: runTx's transactions (and the jobs' heartbeats, docs/decisions/017). */
export function postgresDb(): PgDb {
  return drizzleOver(getPgPool(), "__fastholdPgDb");
}

/** drizzle over the read pool, whose connections refuse writes: getDb() outside a transaction. */
export function postgresReadDb(): PgDb {
  return drizzleOver(getPgReadPool(), "__fastholdPgReadDb");
}

/**
 * Applies db/migrations-pg. Servers that start together take turns under an advisory lock held on
 * one connection for the whole run: drizzle's migrator reads the last applied migration and then
 * applies the rest, and two of them at once would apply the same migration twice.
 */
export async function migratePostgres(): Promise<void> {
  const client = await getPgPool().connect();
  try {
    await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATIONS_LOCK_KEY]);
    try {
      await migrate(drizzle(client), { migrationsFolder: PG_MIGRATIONS_FOLDER });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATIONS_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
