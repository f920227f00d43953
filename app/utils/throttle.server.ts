import cluster from "node:cluster";
import type pg from "pg";
import { RateLimiterCluster, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { dialect } from "~db/dialect";
import { getPgThrottlePool } from "~db/pg-pool.server";
import { postgresThrottleStore } from "~db/throttle-store.server";

/** Login attempts allowed per e-mail and client address in a window before the login answers 429. */
export const MAX_FAILED_LOGINS = 10;
const WINDOW_SECONDS = 15 * 60;

/**
 * Attempts allowed per account from all addresses together in an hour: an attacker with many
 * addresses is slowed down too. Reaching it blocks the account's logins for 15 minutes, then
 * 30, 60 … at most 4 hours when it happens again within a day (backoff); a completed password
 * reset lifts the block, so the real user is never locked out for good.
 */
export const MAX_ACCOUNT_ATTEMPTS = 20;
const ACCOUNT_WINDOW_SECONDS = 60 * 60;
export const ACCOUNT_FIRST_BLOCK_SECONDS = 15 * 60;
export const ACCOUNT_MAX_BLOCK_SECONDS = 4 * 60 * 60;
const ACCOUNT_BLOCKS_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * In a server cluster (server.mjs) the counts live in the primary process, so every
 * process sees the same attempts; a single process keeps them in its own memory.
 * Either way one consume is one atomic step in one event loop: parallel requests
 * cannot all read "9 so far" and all go ahead.
 */
function createLocalLimiter(options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
  return cluster.isWorker ? new RateLimiterCluster({ ...options, timeoutMs: 3000 }) : new RateLimiterMemory(options);
}

/** As long as the cluster primary is waited for: a PostgreSQL that does not answer refuses the login as soon. */
const STORE_TIMEOUT_MS = 3000;

interface Limiters {
  address: RateLimiterAbstract;
  account: RateLimiterAbstract;
  accountBlocks: RateLimiterAbstract;
  reset: RateLimiterAbstract;
  /** Bounds and prepares each call to a shared store (PostgreSQL); absent for the local counts. */
  guard?: <T>(call: () => Promise<T>) => Promise<T>;
}

function createLimiters(create: (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract): Limiters {
  return {
    address: create({ keyPrefix: "login-attempt", points: MAX_FAILED_LOGINS, duration: WINDOW_SECONDS }),
    account: create({ keyPrefix: "login-account", points: MAX_ACCOUNT_ATTEMPTS, duration: ACCOUNT_WINDOW_SECONDS }),
    accountBlocks: create({ keyPrefix: "login-account-blocks", points: 1_000, duration: ACCOUNT_BLOCKS_WINDOW_SECONDS }),
    reset: create({ keyPrefix: "reset", points: MAX_RESET_REQUESTS, duration: 60 * 60 }),
  };
}

/**
 * In PostgreSQL mode (several app servers on one database, docs/decisions/014) the counts live in
 * the database, so the limits hold across every machine behind the load balancer.
 */
function postgresLimiters(pool: pg.Pool): Limiters {
  const store = postgresThrottleStore(pool);
  return {
    ...createLimiters(store.limiter),
    guard: async (call) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("The throttle store did not answer in time")), STORE_TIMEOUT_MS);
      });
      try {
        return await Promise.race([store.ready().then(call), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The throttle's operations over one set of counters; the module's functions below use the process's own set. */
export interface LoginThrottle {
  takeLoginAttempt: (email: string, clientAddress: string) => Promise<LoginAttempt>;
  recordSuccessfulLogin: (email: string, clientAddress: string) => Promise<void>;
  liftAccountBlock: (email: string) => Promise<void>;
  allowResetRequest: (email: string, clientAddress: string) => Promise<boolean>;
}

const globalForThrottle = globalThis as unknown as { __fastholdThrottle?: LoginThrottle };

function processThrottle(): LoginThrottle {
  globalForThrottle.__fastholdThrottle ??= createLoginThrottle(dialect() === "postgres" ? { postgres: getPgThrottlePool() } : "local");
  return globalForThrottle.__fastholdThrottle;
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

function key(email: string, clientAddress: string): string {
  return `${normalEmail(email)}|${clientAddress}`;
}

/** The counters could not be asked (a cluster primary or a PostgreSQL that does not answer): refuse rather than let the attempt through unchecked. */
export class ThrottleUnavailableError extends Error {
  readonly status = 503;
  readonly retryAfterSeconds = 5;
  constructor() {
    super("Login er midlertidigt utilgængeligt. Vent et øjeblik, og prøv igen.");
    this.name = "ThrottleUnavailableError";
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

async function consume(l: Limiters, limiter: RateLimiterAbstract, k: string): Promise<{ ok: true } | { ok: false; res: RateLimiterRes }> {
  try {
    await (l.guard ? l.guard(() => limiter.consume(k, 1)) : limiter.consume(k, 1));
    return { ok: true };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { ok: false, res: rejection };
    throw new ThrottleUnavailableError();
  }
}

export type LoginAttempt =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; scope: "address" | "account"; accountBlockStarted?: number };

/** Reset links one e-mail may be sent from one address per hour: a reset form must not become a way to flood an inbox. */
export const MAX_RESET_REQUESTS = 3;

/**
 * One set of counters: the process's own (memory, or the cluster primary's) or PostgreSQL's.
 * Two sets over one PostgreSQL database count together, as two app servers do.
 */
export function createLoginThrottle(store: "local" | { postgres: pg.Pool }): LoginThrottle {
  const l = store === "local" ? createLimiters(createLocalLimiter) : postgresLimiters(store.postgres);
  const guarded = <T>(call: () => Promise<T>): Promise<T> => (l.guard ? l.guard(call) : call());
  return {
    /**
     * Takes one attempt from both counters before the password is checked, so the count
     * holds however many requests arrive at once. A refused attempt is not checked at all.
     */
    takeLoginAttempt: async (email, clientAddress) => {
      const account = normalEmail(email);
      const byAddress = await consume(l, l.address, key(email, clientAddress));
      if (!byAddress.ok) return { allowed: false, retryAfterSeconds: seconds(byAddress.res.msBeforeNext), scope: "address" };
      const byAccount = await consume(l, l.account, account);
      if (byAccount.ok) return { allowed: true };
      // Exactly one attempt crosses the ceiling; it starts the block, longer each time within a day.
      if (byAccount.res.consumedPoints === MAX_ACCOUNT_ATTEMPTS + 1) {
        let blocks = 1;
        try {
          blocks = (await guarded(() => l.accountBlocks.penalty(account, 1))).consumedPoints;
          const blockSeconds = Math.min(ACCOUNT_FIRST_BLOCK_SECONDS * 2 ** (blocks - 1), ACCOUNT_MAX_BLOCK_SECONDS);
          await guarded(() => l.account.block(account, blockSeconds));
          return { allowed: false, retryAfterSeconds: blockSeconds, scope: "account", accountBlockStarted: blockSeconds };
        } catch {
          throw new ThrottleUnavailableError();
        }
      }
      return { allowed: false, retryAfterSeconds: seconds(byAccount.res.msBeforeNext), scope: "account" };
    },
    /** A successful login: the address starts afresh, and the real user's own attempt does not count against the account. */
    recordSuccessfulLogin: async (email, clientAddress) => {
      await guarded(() => Promise.all([l.address.delete(key(email, clientAddress)), l.account.reward(normalEmail(email), 1)])).catch(() => undefined);
    },
    /** A completed password reset proves the owner: the account's block and its backoff end. */
    liftAccountBlock: async (email) => {
      await guarded(() => Promise.all([l.account.delete(normalEmail(email)), l.accountBlocks.delete(normalEmail(email))])).catch(() => undefined);
    },
    /** Counts a reset request; false when the limit is reached (the caller then sends nothing, but answers the same). */
    allowResetRequest: async (email, clientAddress) => {
      try {
        await guarded(() => l.reset.consume(key(email, clientAddress), 1));
        return true;
      } catch {
        return false;
      }
    },
  };
}

export function takeLoginAttempt(email: string, clientAddress: string): Promise<LoginAttempt> {
  return processThrottle().takeLoginAttempt(email, clientAddress);
}

export function recordSuccessfulLogin(email: string, clientAddress: string): Promise<void> {
  return processThrottle().recordSuccessfulLogin(email, clientAddress);
}

export function liftAccountBlock(email: string): Promise<void> {
  return processThrottle().liftAccountBlock(email);
}

export function allowResetRequest(email: string, clientAddress: string): Promise<boolean> {
  return processThrottle().allowResetRequest(email, clientAddress);
}
