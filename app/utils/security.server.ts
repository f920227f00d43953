/**
 * Request-level protections shared by the HTTP server (server.mjs) and tests.
 * Kept free of Express types so they can be tested with plain values.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The stateless JSON API reads no cookie, so a cross-site call cannot act as a user. */
const CROSS_SITE_ALLOWED_PREFIXES = ["/api/v1/"];

/**
 * True when a state-changing request comes from another site. Browsers send
 * Sec-Fetch-Site on every request and Origin on every POST; a request with
 * neither comes from a non-browser client and carries no ambient credentials
 * a page could abuse.
 */
export function isCrossSiteRequest(input: {
  method: string;
  path: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  expectedOrigin: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  if (CROSS_SITE_ALLOWED_PREFIXES.some((p) => input.path.startsWith(p))) return false;
  if (input.secFetchSite && input.secFetchSite !== "same-origin" && input.secFetchSite !== "none") return true;
  if (input.origin !== undefined && input.origin !== input.expectedOrigin) return true;
  return false;
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Browsers keep to HTTPS for this long once they have seen the header over HTTPS. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * `hsts` is set when the session cookie is Secure (COOKIE_SECURE): the portal then
 * runs behind HTTPS, and a browser must never again send that cookie's site plain HTTP.
 */
export function securityHeaders(nonce: string, options: { hsts?: boolean } = {}): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    ...(options.hsts ? { "Strict-Transport-Security": `max-age=${HSTS_MAX_AGE_SECONDS}` } : {}),
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Only local paths are followed after login; anything else lands on the role's start page.
 * A Location header carries Latin-1 at most (the Fetch Headers throw on more), so a path
 * with other characters is sent percent-encoded, as a browser would have sent it.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  // Control characters in a path are an attack (header splitting), never a real page.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(to) || LONE_SURROGATE.test(to)) return fallback;
  return to.replace(/[^\u0021-\u007e]/gu, (c) => encodeURIComponent(c));
}
