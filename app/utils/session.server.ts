import { createCookie, type Cookie } from "@remix-run/node";
import { getEnv } from "./env.server";

/** Sessions end after 8 hours without a request. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;

let cookie: Cookie | undefined;

function sessionCookie(): Cookie {
  const env = getEnv();
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.cookieSecure,
    path: "/",
    secrets: [env.sessionSecret],
  });
  return cookie;
}

/** The session id from the signed cookie, or null when absent or tampered with. */
export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{32,}$/.test(value) ? value : null;
}

export function serializeSessionCookie(sessionId: string): Promise<string> {
  return sessionCookie().serialize(sessionId);
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
