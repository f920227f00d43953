/**
 * How a secret the client holds is kept at rest, below the app and the migrations alike:
 * the migrations (through SQL functions on the connection) and the app (tokens, outbox)
 * must turn a stored secret into the same value.
 */
import crypto from "node:crypto";

/** SHA-256 in hex: what is stored instead of a session id, a calendar token or a link token. */
export function sha256Hex(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What a reset or invitation link in a stored e-mail body becomes once the message is sent or given up. */
export const REDACTED_TOKEN = "[fjernet efter afsendelse]";

// The links' paths (app/models/mail-content.server.ts) with their 32-byte base64url token.
const LINK_TOKEN = /(\/(?:invitation|nulstil)\/)[A-Za-z0-9_-]{43}/g;

/** The body with every reset and invitation token cut out: a stored copy opens nothing. */
export function redactLinks(body: string): string {
  return body.replace(LINK_TOKEN, `$1${REDACTED_TOKEN}`);
}
