import { RateLimiterMemory } from "rate-limiter-flexible";

/** Failed logins allowed per e-mail and client address before the login answers 429. */
export const MAX_FAILED_LOGINS = 10;
const WINDOW_SECONDS = 15 * 60;

const globalForThrottle = globalThis as unknown as { __fastholdLoginLimiter?: RateLimiterMemory };

function limiter(): RateLimiterMemory {
  globalForThrottle.__fastholdLoginLimiter ??= new RateLimiterMemory({
    keyPrefix: "login-fail",
    points: MAX_FAILED_LOGINS,
    duration: WINDOW_SECONDS,
  });
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

const globalForReset = globalThis as unknown as { __fastholdResetLimiter?: RateLimiterMemory };

function resetLimiter(): RateLimiterMemory {
  globalForReset.__fastholdResetLimiter ??= new RateLimiterMemory({ keyPrefix: "reset", points: MAX_RESET_REQUESTS, duration: 60 * 60 });
  return globalForReset.__fastholdResetLimiter;
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
