import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./components/nonce";

// The HTTP server (server.mjs) reaches these through the build's entry module.
export { startup } from "./startup.server";
export { isCrossSiteRequest, securityHeaders } from "./utils/security.server";
export { adoptListeningPort, EnvError, getEnv } from "./utils/env.server";
export { ALLOWED_METHODS, bodyLimitFor, fieldCount, isApiPath, refusal, REQUEST_TIMEOUTS, TOO_MANY_FIELDS } from "./utils/request-limits.server";
export { MAX_BODY_BYTES } from "./forms/deadline-query";
export { encodeDeadlineRequest, evaluateDeadlineRequest } from "./models/deadline-api.server";
export { todayInCopenhagen } from "./domain/dates";
// scripts/seed-national.mjs generates the national benchmark data with the app's own rules.
export * as seedSupport from "./utils/seed-support.server";

/**
 * Pages are rendered to one string. No route defers data or suspends, so streaming
 * would send the same document; the stream (React's chunk encoder, a Node stream
 * and a web stream per page) cost more CPU than rendering a large list itself.
 * A render error throws here and Remix renders the error boundary instead.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  // Encoded here: a string body is first scanned for unpaired surrogates by the Fetch
  // Response, which cost as much as encoding it. With its length the page is sent in one
  // piece, not chunked.
  const body = Buffer.from(`<!DOCTYPE html>${html}`, "utf8");
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(body.byteLength));
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
