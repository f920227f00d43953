import { createCookie, type Cookie } from "@remix-run/node";
import { BoundedMemo } from "../../lib/bounded-memo";
import { getEnv } from "./env.server";

/** Sessions end after 8 hours without a request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** And 12 hours after login however active: a working day, after which a stolen cookie is worthless. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;

let cookie: Cookie | undefined;

function sessionCookie(): Cookie {
  const env = getEnv();
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.cookieSecure,
    path: "/",
    // The browser drops the cookie when the session's absolute lifetime is over; the server checks it anyway.
    maxAge: SESSION_ABSOLUTE_MS / 1000,
    secrets: [env.sessionSecret],
  });
  return cookie;
}

// Checking the cookie's signature (an HMAC on libuv's thread pool, so the request also waits a
// turn of the event loop) gives the same answer for the same Cookie header every time: a page
// request checked it twice (the root's loader and the page's). Headers that verified are kept
// with their session id, a bounded number; whether the session is still open is read from the
// database on every request (findSessionUser), so a logout or revocation takes effect at once.
const VERIFIED_MAX = 2_000;
const verified = new BoundedMemo<string, string>(VERIFIED_MAX);

/** The session id from the signed cookie, or null when absent or tampered with. */
export async function readSessionId(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const known = verified.get(header);
  if (known !== undefined) return known;
  const value: unknown = await sessionCookie().parse(header);
  if (typeof value !== "string" || !/^[A-Za-z0-9_-]{32,}$/.test(value)) return null;
  verified.set(header, value);
  return value;
}

export function serializeSessionCookie(sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId);
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
