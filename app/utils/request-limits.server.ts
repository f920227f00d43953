/**
 * What one request may be. scripts/http-server.mjs checks it before Express or Remix
 * see the request: the method, the request target, and the body's size and number of
 * fields, counted while the body streams in (a declared Content-Length over the cap is
 * refused before a byte is read). Pure, so the rules are tested with plain values.
 */
import { MAX_BODY_BYTES } from "~/forms/deadline-query";
import { MAX_UPLOAD_BODY_BYTES, UPLOAD_TOO_LARGE } from "~/forms/mulighedserklaering";

/** Every page, form and the API need only these; anything else (TRACE, PUT, PROPFIND …) answers 405. */
export const ALLOWED_METHODS: readonly string[] = ["GET", "HEAD", "POST"];

/**
 * An ordinary form. The largest, a fastholdelsesplan with all 12 steps and every text
 * at its maximum in Danish letters, is under 200 kB percent-encoded.
 */
export const MAX_FORM_BYTES = 1024 * 1024;

/** Fields (url-encoded) or parts (multipart) of one form; the largest form has about 60. */
export const MAX_FORM_FIELDS = 200;

/**
 * Seconds, not Node's minutes: a client that sends its headers or body slowly holds a
 * connection (and, for a body, memory) only this long. The whole request bounds a
 * 10 MB upload to about 3 Mbit/s, which an office line has.
 */
export const REQUEST_TIMEOUTS = { headersMs: 10_000, bodyIdleMs: 10_000, requestMs: 30_000, socketIdleMs: 30_000 } as const;

export interface BodyLimit {
  maxBytes: number;
  maxFields: number;
  /** Said when the body is over maxBytes. */
  message: string;
}

const UPLOAD_PATH = /^\/virksomhed\/dokumenter\/[^/]+\/laegens-svar\/?$/;

/** The employee import takes a file of up to 10 MB, like the doctor's answer (the same cap and message). */
const IMPORT_PATH = /^\/virksomhed\/medarbejdere\/import\/?$/;

/** The JSON API answers in JSON, also when it refuses a request. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/");
}

/**
 * The cap for a request to `pathname` (the raw path, query cut off). A path written
 * differently (encoded, doubled slashes) gets the ordinary form's smaller cap, never more.
 */
export function bodyLimitFor(pathname: string): BodyLimit {
  if (isApiPath(pathname)) return { maxBytes: MAX_BODY_BYTES, maxFields: MAX_FORM_FIELDS, message: `Forespørgslen må højst fylde ${MAX_BODY_BYTES / 1024} kB.` };
  if (UPLOAD_PATH.test(pathname) || IMPORT_PATH.test(pathname)) return { maxBytes: MAX_UPLOAD_BODY_BYTES, maxFields: MAX_FORM_FIELDS, message: UPLOAD_TOO_LARGE };
  return { maxBytes: MAX_FORM_BYTES, maxFields: MAX_FORM_FIELDS, message: `Formularen er for stor: den må højst fylde ${MAX_FORM_BYTES / 1024 / 1024} MB.` };
}

export const TOO_MANY_FIELDS = `Formularen har for mange felter: højst ${MAX_FORM_FIELDS}.`;

function occurrences(haystack: Uint8Array, needle: Buffer): number {
  const buffer = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  let count = 0;
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * The number of fields a form parser would make of the body: parts of a multipart body
 * (counted by their delimiter, the closing one included, so never fewer), pairs of a
 * url-encoded one. Other bodies are not forms and count 0.
 */
export function fieldCount(body: Uint8Array, contentType: string | undefined): number {
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("multipart/")) {
    const boundary = /boundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? "");
    const value = boundary?.[1] ?? boundary?.[2];
    return value ? occurrences(body, Buffer.from(`--${value}`, "latin1")) : 0;
  }
  if (type.startsWith("application/x-www-form-urlencoded")) return body.byteLength === 0 ? 0 : occurrences(body, Buffer.from("&")) + 1;
  return 0;
}

const TITLES: Record<number, string> = {
  400: "Forespørgslen kunne ikke læses",
  405: "Metoden understøttes ikke",
  408: "Forespørgslen tog for lang tid",
  413: "Forespørgslen er for stor",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The answer to a request refused before the app ran: JSON for the API, otherwise a
 * small Danish page in the portal's style (the app's own error page needs the request
 * the refusal is about).
 */
export function refusal(input: { status: 400 | 405 | 408 | 413; message: string; pathname: string }): { contentType: string; body: string } {
  if (isApiPath(input.pathname)) {
    const key = input.status === 405 ? "method" : "body";
    return { contentType: "application/json; charset=utf-8", body: JSON.stringify({ errors: { [key]: [input.message] } }) };
  }
  const title = TITLES[input.status] ?? "Forespørgslen blev afvist";
  // Back to the page the form is on, when the path is a plain local one.
  const back = /^\/(?!\/)[A-Za-z0-9/._~%-]*$/.test(input.pathname) ? input.pathname : "/";
  const body = `<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Fasthold</title><link rel="stylesheet" href="/dkfds/css/dkfds-virkdk.min.css"></head><body><main class="container page-container"><h1>${escapeHtml(title)}</h1><div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-text">${escapeHtml(input.message)}</p></div></div><p><a href="${escapeHtml(back)}">Tilbage til siden</a></p></main></body></html>`;
  return { contentType: "text/html; charset=utf-8", body };
}
