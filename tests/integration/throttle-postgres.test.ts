/**
 * The login and reset throttles in PostgreSQL mode (issue 27, docs/decisions/014): two app servers
 * on one database count attempts together. Each "server" here is its own set of limiters over its
 * own connection pool, as in two processes on two machines: they share nothing but the database,
 * so whatever one sees of the other's attempts came through PostgreSQL.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { THROTTLE_TABLE } from "~db/throttle-store.server";
import {
  ACCOUNT_FIRST_BLOCK_SECONDS,
  MAX_ACCOUNT_ATTEMPTS,
  MAX_FAILED_LOGINS,
  MAX_RESET_REQUESTS,
  ThrottleUnavailableError,
  createLoginThrottle,
  type LoginThrottle,
} from "~/utils/throttle.server";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";

describe.skipIf(!postgresAvailable())("login throttle on PostgreSQL, shared by two servers", () => {
  let server: RunningPostgres;
  let url: string;
  const pools: pg.Pool[] = [];
  let one: LoginThrottle;
  let two: LoginThrottle;

  function newPool(connectionString = url, options: pg.PoolConfig = {}): pg.Pool {
    const pool = new pg.Pool({ connectionString, max: 4, ...options });
    // The last test stops PostgreSQL under the pools' idle connections.
    pool.on("error", () => undefined);
    pools.push(pool);
    return pool;
  }

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase();
    one = createLoginThrottle({ postgres: newPool() });
    two = createLoginThrottle({ postgres: newPool() });
  });

  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    await server?.stop();
  });

  it("creates its table once when two servers start at the same moment", async () => {
    const attempts = await Promise.all([one.takeLoginAttempt("start@x.example", "10.1.0.1"), two.takeLoginAttempt("start@x.example", "10.1.0.2")]);
    expect(attempts).toEqual([{ allowed: true }, { allowed: true }]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const columns = await client.query("SELECT data_type FROM information_schema.columns WHERE table_name = $1 AND column_name = 'key'", [THROTTLE_TABLE]);
      expect(columns.rows).toEqual([{ data_type: "text" }]);
    } finally {
      await client.end();
    }
  });

  it("blocks the 11th attempt from one address on either server after 10 split over both", async () => {
    const email = "split@x.example";
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      expect(await (i % 2 === 0 ? one : two).takeLoginAttempt(email, "10.2.0.1")).toEqual({ allowed: true });
    }
    expect(await one.takeLoginAttempt(email, "10.2.0.1")).toMatchObject({ allowed: false, scope: "address" });
    expect(await two.takeLoginAttempt(email, "10.2.0.1")).toMatchObject({ allowed: false, scope: "address" });
    // Another address is counted on its own.
    expect(await two.takeLoginAttempt(email, "10.2.0.2")).toEqual({ allowed: true });
  });

  it("lets exactly 10 of 30 parallel attempts through, spread over both servers", async () => {
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? one : two).takeLoginAttempt("burst@x.example", "10.3.0.1")));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(MAX_FAILED_LOGINS);
  });

  it("counts the account's attempts from many addresses across both servers, and the backoff too", async () => {
    const email = "Account@X.example";
    const attempt = (server: LoginThrottle, i: number) => server.takeLoginAttempt(email, `10.4.${Math.floor(i / 200)}.${i % 200}`);
    for (let i = 0; i < MAX_ACCOUNT_ATTEMPTS; i++) expect(await attempt(i % 2 === 0 ? one : two, i)).toEqual({ allowed: true });
    expect(await attempt(two, 100)).toEqual({ allowed: false, scope: "account", retryAfterSeconds: ACCOUNT_FIRST_BLOCK_SECONDS, accountBlockStarted: ACCOUNT_FIRST_BLOCK_SECONDS });
    const onOther = await attempt(one, 101);
    expect(onOther).toMatchObject({ allowed: false, scope: "account" });
    expect(onOther.allowed === false && onOther.retryAfterSeconds).toBeGreaterThan(ACCOUNT_FIRST_BLOCK_SECONDS - 60);

    // The first block runs out; the next time the ceiling is crossed, on the other server, the block doubles.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const expired = await client.query(`UPDATE "${THROTTLE_TABLE}" SET expire = $1 WHERE key = $2`, [Date.now() - 1000, "login-account:account@x.example"]);
      expect(expired.rowCount).toBe(1);
    } finally {
      await client.end();
    }
    for (let i = 200; i < 200 + MAX_ACCOUNT_ATTEMPTS; i++) expect(await attempt(i % 2 === 0 ? two : one, i)).toEqual({ allowed: true });
    expect(await attempt(one, 300)).toMatchObject({ allowed: false, scope: "account", accountBlockStarted: 2 * ACCOUNT_FIRST_BLOCK_SECONDS });

    // A completed reset on one server lifts the block on the other.
    await two.liftAccountBlock(email);
    expect(await attempt(one, 301)).toEqual({ allowed: true });
  });

  it("starts exactly one account block when the ceiling is crossed on both servers at once", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 2 * MAX_ACCOUNT_ATTEMPTS }, (_, i) => (i % 2 === 0 ? one : two).takeLoginAttempt("race@x.example", `10.5.0.${i}`)),
    );
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(MAX_ACCOUNT_ATTEMPTS);
    expect(outcomes.filter((o) => !o.allowed && o.accountBlockStarted !== undefined)).toHaveLength(1);
  });

  it("counts reset requests across both servers", async () => {
    for (let i = 0; i < MAX_RESET_REQUESTS; i++) expect(await (i % 2 === 0 ? one : two).allowResetRequest("reset@x.example", "10.6.0.1")).toBe(true);
    expect(await one.allowResetRequest("reset@x.example", "10.6.0.1")).toBe(false);
    expect(await two.allowResetRequest("reset@x.example", "10.6.0.1")).toBe(false);
  });

  it("refuses while its database cannot be reached, and counts once it can", async () => {
    const later = `t_later_${Date.now()}`;
    const throttle = createLoginThrottle({ postgres: newPool(url.replace(/\/[^/]+$/, `/${later}`)) });
    await expect(throttle.takeLoginAttempt("later@x.example", "10.8.0.1")).rejects.toBeInstanceOf(ThrottleUnavailableError);
    await server.createDatabase(later);
    expect(await throttle.takeLoginAttempt("later@x.example", "10.8.0.1")).toEqual({ allowed: true });
  });

  it("refuses within 3 seconds when PostgreSQL stops answering", async () => {
    const throttle = createLoginThrottle({ postgres: newPool(url, { max: 1, application_name: "throttle-frozen" }) });
    expect(await throttle.takeLoginAttempt("frozen@x.example", "10.9.0.1")).toEqual({ allowed: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name = 'throttle-frozen'");
    await client.end();
    expect(rows).toHaveLength(1);
    // The pool's one connection goes to a backend that answers nothing, as behind a cut cable.
    process.kill(rows[0]!.pid, "SIGSTOP");
    try {
      const started = Date.now();
      await expect(throttle.takeLoginAttempt("frozen@x.example", "10.9.0.1")).rejects.toBeInstanceOf(ThrottleUnavailableError);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
      expect(Date.now() - started).toBeLessThan(4_500);
    } finally {
      process.kill(rows[0]!.pid, "SIGCONT");
    }
  });

  it("refuses logins on both servers when PostgreSQL is down, and sends no reset link", async () => {
    await server.stop();
    await expect(one.takeLoginAttempt("down@x.example", "10.7.0.1")).rejects.toBeInstanceOf(ThrottleUnavailableError);
    await expect(two.takeLoginAttempt("down@x.example", "10.7.0.1")).rejects.toBeInstanceOf(ThrottleUnavailableError);
    expect(await one.allowResetRequest("down@x.example", "10.7.0.1")).toBe(false);
    // A server that never reached PostgreSQL (its table not made yet) refuses as well.
    const fresh = createLoginThrottle({ postgres: newPool() });
    await expect(fresh.takeLoginAttempt("down@x.example", "10.7.0.1")).rejects.toBeInstanceOf(ThrottleUnavailableError);
  });
});
