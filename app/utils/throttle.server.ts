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
