import cluster from "node:cluster";
import { RateLimiterCluster, RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";

/** Failed logins allowed per e-mail and client address before the login answers 429. */
export const MAX_FAILED_LOGINS = 10;
const WINDOW_SECONDS = 15 * 60;

/**
 * In a server cluster (server.mjs) the counts live in the primary process, so every
 * process sees the same attempts; a single process keeps them in its own memory.
 */
function createLimiter(options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
  return cluster.isWorker ? new RateLimiterCluster({ ...options, timeoutMs: 3000 }) : new RateLimiterMemory(options);
}

const globalForThrottle = globalThis as unknown as { __fastholdLoginLimiter?: RateLimiterAbstract; __fastholdResetLimiter?: RateLimiterAbstract };

function limiter(): RateLimiterAbstract {
  globalForThrottle.__fastholdLoginLimiter ??= createLimiter({ keyPrefix: "login-fail", points: MAX_FAILED_LOGINS, duration: WINDOW_SECONDS });
  return globalForThrottle.__fastholdLoginLimiter;
}

function key(email: string, clientAddress: string): string {
  return `${email.trim().toLowerCase()}|${clientAddress}`;
}

/** Seconds to wait, or null when another attempt is allowed. */
export async function loginBlockedFor(email: string, clientAddress: string): Promise<number | null> {
  const res = await limiter().get(key(email, clientAddress));
  if (res && res.consumedPoints >= MAX_FAILED_LOGINS) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return null;
}

export async function recordFailedLogin(email: string, clientAddress: string): Promise<void> {
  await limiter().penalty(key(email, clientAddress), 1);
}

export async function clearFailedLogins(email: string, clientAddress: string): Promise<void> {
  await limiter().delete(key(email, clientAddress));
}

/** Reset links one e-mail may be sent from one address per hour: a reset form must not become a way to flood an inbox. */
export const MAX_RESET_REQUESTS = 3;

function resetLimiter(): RateLimiterAbstract {
  globalForThrottle.__fastholdResetLimiter ??= createLimiter({ keyPrefix: "reset", points: MAX_RESET_REQUESTS, duration: 60 * 60 });
  return globalForThrottle.__fastholdResetLimiter;
}

/** Counts a reset request; false when the limit is reached (the caller then sends nothing, but answers the same). */
export async function allowResetRequest(email: string, clientAddress: string): Promise<boolean> {
  try {
    await resetLimiter().consume(key(email, clientAddress), 1);
    return true;
  } catch {
    return false;
  }
}
