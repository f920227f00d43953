import crypto from "node:crypto";
import { sha256Hex } from "~db/secrets";

/** A link token: 32 random bytes, URL-safe. Only its hash is stored. */
export function newLinkToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/**
 * SHA-256 (hex) of a secret the client holds: a link token, a session id, a calendar token.
 * Only this is stored, so a leaked database or backup gives away no working link, session or
 * feed. The secrets are 24–32 random bytes, so a plain hash (no salt, no stretching) suffices.
 */
export const hashSecret: (secret: string) => string = sha256Hex;

export const hashLinkToken = hashSecret;

/** A token from a URL that can be one of ours; anything else is refused before the database is asked. */
export function isLinkToken(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
