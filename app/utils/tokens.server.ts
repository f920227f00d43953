import crypto from "node:crypto";

/** A link token: 32 random bytes, URL-safe. Only its hash is stored. */
export function newLinkToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** SHA-256 of the token: a leaked database does not give away a working link. */
export function hashLinkToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token from a URL that can be one of ours; anything else is refused before the database is asked. */
export function isLinkToken(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
