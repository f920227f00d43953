import type pg from "pg";
import { RateLimiterPostgres, type RateLimiterAbstract } from "rate-limiter-flexible";

/**
 * The login and reset throttles' counts in PostgreSQL mode (docs/decisions/014): one table shared
 * by every app server, so an attacker gains nothing by spreading attempts over the machines behind
 * the load balancer. rate-limiter-flexible's PostgreSQL store does each count as one
 * INSERT … ON CONFLICT DO UPDATE … RETURNING, atomic in the server, so parallel attempts on
 * several machines cannot all read "9 so far" and all go ahead.
 *
 * The table is created here rather than by the library: the library's own creation runs in its
 * constructor, throws an unhandled rejection when PostgreSQL is down at that moment and never
 * tries again (every later count then fails "Table is not created yet"), and its key column is
 * varchar(255), which a long e-mail address plus a client address could exceed. It is not part of
 * the portal's schema (db/schema.sqlite.ts): it holds only short-lived counts the library owns.
 */
export const THROTTLE_TABLE = "login_throttle";

/** pg_advisory_xact_lock key for creating the table: two servers starting at once create it one after the other. */
const CREATE_TABLE_LOCK = 0x46_48_54_48; // "FHTH"

export interface PostgresThrottleStore {
  /** Creates the table if needed; a failure is not remembered, so the next attempt tries again. */
  ready: () => Promise<void>;
  limiter: (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;
}

export function postgresThrottleStore(pool: pg.Pool): PostgresThrottleStore {
  let created: Promise<void> | null = null;
  let cleaning = false;
  const createTable = async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [CREATE_TABLE_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS "${THROTTLE_TABLE}" (key text PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };
  return {
    ready: () => {
      created ??= createTable().catch((error: unknown) => {
        created = null;
        throw error;
      });
      return created;
    },
    limiter: (options) => {
      // One limiter per table clears expired rows (every five minutes, those expired an hour
      // ago); the keys carry each limiter's prefix, so one sweep serves them all.
      const clearExpiredByTimeout = !cleaning;
      cleaning = true;
      return new RateLimiterPostgres({ ...options, storeClient: pool, storeType: "pool", tableName: THROTTLE_TABLE, tableCreated: true, clearExpiredByTimeout });
    },
  };
}
