// @ts-check
// One HTTP server process: Express in front of the Remix build. It validates the
// environment, migrates and seeds the database, sets security headers with a
// per-request CSP nonce and refuses cross-site state changes before Remix runs.
// Before Express sees a request, the request limits (app/utils/request-limits.server.ts)
// apply: the method, the request target, timeouts, and the body, read here under its cap.
// Started by server.mjs, alone or as one process of a cluster (scripts/cluster-primary.mjs):
// role "single" does everything itself; a cluster's "leader" asks the primary to claim the
// database, then migrates, seeds and runs the background jobs; a "follower" only serves.
import cluster from "node:cluster";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";
import remixNode from "@remix-run/node";
import compression from "compression";
import express from "express";
import { connectionCap, refuseConnection } from "./connection-cap.mjs";
import { createRequestGate } from "./request-gate.mjs";
import { claim, release } from "./db-lock.mjs";

// A CommonJS package: Node cannot see these names as ESM exports.
const { broadcastDevReady, createRequestHandler: createRemixHandler, writeReadableStreamToWritable } = remixNode;

/**
 * The Remix server build; its entry (app/entry.server.tsx) also exports what this file needs of the app.
 * @typedef {import("@remix-run/node").ServerBuild & { entry: { module: typeof import("../app/entry.server") } }} AppBuild
 * @typedef {import("express").Request} Req
 * @typedef {import("express").Response} Res
 * @typedef {http.IncomingMessage} IncomingMessage
 * @typedef {http.ServerResponse} ServerResponse
 */

const role = cluster.isWorker ? process.env.FASTHOLD_ROLE : "single";
const buildPath = path.resolve("build/index.js");
/** @param {string} [version] a new build's version: a fresh URL makes Node load the module again */
async function importBuild(version) {
  const url = pathToFileURL(buildPath).href + (version ? `?v=${encodeURIComponent(version)}` : "");
  return /** @type {AppBuild} */ (await import(url));
}
// Test servers (tests/support/server.ts) run under NODE_ENV=test only so the tests' cheap password
// hash is allowed; React and the other libraries pick their build from NODE_ENV when they load,
// and must load their production builds, as under npm start (the development ones are slower and warn).
const testRun = process.env.NODE_ENV === "test";
if (testRun) process.env.NODE_ENV = "production";
const build = await importBuild();
if (testRun) process.env.NODE_ENV = "test";
const {
  startup,
  getEnv,
  adoptListeningPort,
  isCrossSiteRequest,
  securityHeaders,
  EnvError,
  encodeDeadlineRequest,
  todayInCopenhagen,
  ALLOWED_METHODS,
  bodyLimitFor,
  fieldCount,
  isApiPath,
  refusal,
  REQUEST_TIMEOUTS,
  TOO_MANY_FIELDS,
} = build.entry.module;

/**
 * @param {unknown} error
 * @returns {never}
 */
function exitOnEnvError(error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

/** @type {string} */
let claimedPath;
// On PostgreSQL several servers share the database by design (docs/decisions/014): no file claim.
let sharedDatabase = false;
try {
  claimedPath = getEnv().databasePath;
  sharedDatabase = getEnv().dialect === "postgres";
} catch (error) {
  exitOnEnvError(error);
}
/**
 * A cluster's primary holds the claim for all its processes: the leader asks it over IPC.
 * @param {string} databasePath
 * @returns {Promise<number | null>} the pid of another holder, or null when the claim is this cluster's
 */
function claimThroughPrimary(databasePath) {
  return new Promise((resolve) => {
    /** @param {any} message */
    const answer = (message) => {
      if (message?.type !== "fasthold:claimed") return;
      process.off("message", answer);
      resolve(message.holder);
    };
    process.on("message", answer);
    sendToPrimary({ type: "fasthold:claim", databasePath });
  });
}

// One server at a time on a database: a second server, or a restore, must not write under this one.
if (role !== "follower" && !sharedDatabase) {
  const holder = role === "leader" ? await claimThroughPrimary(claimedPath) : claim(claimedPath);
  if (holder) {
    console.error(`Databasen ${claimedPath} bruges allerede af en anden proces (pid ${holder}). Stop den først.`);
    process.exit(1);
  }
  if (role === "single") process.on("exit", () => release(claimedPath));
}

/**
 * A cluster's process talks to its primary over the IPC channel cluster.fork opened.
 * @param {object} message
 */
function sendToPrimary(message) {
  if (!process.send) throw new Error("No IPC channel to the cluster's primary");
  process.send(message);
}

/** @type {Awaited<ReturnType<typeof startup>>} */
let started;
try {
  started = await startup({ duties: role !== "follower" });
} catch (error) {
  exitOnEnvError(error);
}
const { env } = started;

const app = express();
app.disable("x-powered-by");
// X-Forwarded-For/-Proto/-Host count only from the proxies the operator names (TRUST_PROXY);
// by default the client address is the socket's, whatever a client writes in a header.
app.set("trust proxy", env.trustProxy);
// Cheaper settings than the library's (gzip level 6, brotli quality 4): on the 64 kB case list they
// cost 0.19 and 0.24 ms instead of 0.48 and 0.59, for 7 % more bytes (9.1 and 8.9 kB instead of 8.5 and 8.4).
// Brotli's window is 256 kB (LGWIN 18), not its default 4 MB (22): every browser asks for br, and each
// answer's stream allocated and touched a fresh 4 MB window; under load at 8 connections the dashboard
// answered 101 requests/s with br against 249 with gzip, and 271 with this window. Pages are far
// smaller than 256 kB, so the compressed bytes are the same.
app.use(compression({ level: 3, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } } }));

const hsts = env.cookieSecure;
app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  for (const [name, value] of Object.entries(securityHeaders(nonce, { hsts }))) res.setHeader(name, value);
  next();
});

// Fingerprinted Remix assets are immutable; other static files are cached briefly.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// Public files all have an extension; a page's path has none and goes straight on, without a stat of the disk.
const publicFiles = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

app.use((req, res, next) => {
  const crossSite = isCrossSiteRequest({
    method: req.method,
    path: req.path,
    origin: req.get("origin"),
    secFetchSite: req.get("sec-fetch-site"),
    expectedOrigin: `${req.protocol}://${req.get("host")}`,
  });
  // Pages carry personal data: never cached by the browser or a proxy, nor is a refusal.
  res.setHeader("Cache-Control", "no-store");
  if (crossSite) {
    res.status(403).type("text/plain; charset=utf-8").send("Anmodningen blev afvist: den kom fra et andet websted.");
    return;
  }
  next();
});

// Remix gets the body the server already read under its cap (readBody below), not the socket,
// so this is @remix-run/express's adapter with that one change (its helpers are not exported).
/** @type {WeakMap<IncomingMessage, Buffer>} */
const bodies = new WeakMap();
/** @param {http.IncomingHttpHeaders} incoming */
function remixHeaders(incoming) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}
/**
 * @param {Res} res
 * @param {Response} response
 */
async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  // Node's web stream type and the DOM's are the same thing under two names.
  if (response.body) await writeReadableStreamToWritable(/** @type {any} */ (response.body), res);
  else res.end();
}
const remixMode = env.nodeEnv === "development" ? "development" : "production";
let handleRemix = createRemixHandler(build, remixMode);
// A Host header is the client's to write; the URL Remix sees needs a valid one. Absolute
// links never come from it (they are built from PUBLIC_URL).
const PLAIN_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
/** @param {Req} req */
function requestUrl(req) {
  const host = req.get("host");
  // Joined as text, as @remix-run/express does: "//x" stays a path, not another host.
  try {
    if (host && PLAIN_HOST.test(host)) return new URL(`${req.protocol}://${host}${req.originalUrl}`);
  } catch {
    // A host the URL parser refuses after all (an all-digit one is read as an IPv4 number).
  }
  return new URL(`${req.protocol}://localhost${req.originalUrl}`);
}
/**
 * @param {Req} req
 * @param {Res} res
 */
function remixRequest(req, res) {
  const url = requestUrl(req);
  const controller = new AbortController();
  // A client that leaves before the answer stops the loader or action (as @remix-run/express does).
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  /** @type {RequestInit} */
  const init = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal };
  // A Buffer is a Uint8Array, which fetch's Request takes; TypeScript's two ArrayBuffer types differ in name only.
  if (req.method !== "GET" && req.method !== "HEAD") init.body = /** @type {BodyInit} */ (/** @type {unknown} */ (bodies.get(req) ?? Buffer.alloc(0)));
  return new Request(url.href, init);
}

// Requests reach the app in arrival order, one started per turn of the event loop (docs/decisions/019).
const gate = createRequestGate();
app.all("*", async (req, res, next) => {
  try {
    const response = await gate.run(
      () => handleRemix(remixRequest(req, res), { cspNonce: res.locals.cspNonce, clientAddress: req.ip ?? "unknown" }),
      () => !res.destroyed,
    );
    if (response === null) return;
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

// Express's own last handler would answer an English page with the stack in development.
// A client's fault (a path Express cannot decode) keeps its 4xx; anything else is logged.
// (Express knows an error handler by its four parameters.)
app.use(/** @type {import("express").ErrorRequestHandler} */ (error, req, res, _next) => {
  const status = Number(error?.status ?? error?.statusCode);
  const clientFault = Number.isInteger(status) && status >= 400 && status < 500;
  if (!clientFault) console.error(error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(clientFault ? status : 500).type("text/plain; charset=utf-8");
  res.send(clientFault ? "Forespørgslen kunne ikke behandles." : "Der opstod en fejl på serveren. Prøv igen om lidt.");
});

// POST /api/v1/deadlines is stateless and hot: answered here without Express and Remix
// (the same evaluation the Remix route uses), so it keeps up with a bare Node server.
const API_PATH = "/api/v1/deadlines";
// As a flat list of names and values, built once: Node's writeHead walks an object's keys with
// for…in, and the spread of a fresh object per answer cost more than the rest of the headers.
const API_HEADERS = Object.entries({
  ...securityHeaders("", { hsts }),
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
}).flat();

/**
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {Buffer} body
 */
function answerDeadlines(req, res, body) {
  const answer = encodeDeadlineRequest(body.toString("utf8"), todayInCopenhagen(new Date()));
  // With its length declared the answer goes out in one piece, not chunked.
  res.writeHead(answer.status, [...API_HEADERS, "Content-Length", String(answer.json.byteLength)]);
  res.end(answer.json);
}

/**
 * A refusal before the app ran, with the same security headers as every answer.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {400 | 405 | 408 | 413} status
 * @param {string} message
 * @param {Record<string, string>} [extraHeaders]
 */
function refuse(req, res, status, message, extraHeaders = {}) {
  if (res.headersSent) return;
  const pathname = (req.url ?? "").split("?")[0] ?? "";
  const { contentType, body } = refusal({ status, message, pathname });
  res.writeHead(status, {
    ...securityHeaders("", { hsts }),
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; frame-ancestors 'none'",
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    ...extraHeaders,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * A refusal of a request that still has a body coming: answered once the body has been read
 * and thrown away, for the reason readBody gives (an answer sent under a client still
 * sending is lost to the client's kernel reset). The idle and request timeouts bound it.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {400 | 405} status
 * @param {string} message
 * @param {Record<string, string>} [extraHeaders]
 */
function refuseAfterBody(req, res, status, message, extraHeaders = {}) {
  if (!hasBody(req)) return refuse(req, res, status, message, extraHeaders);
  const idle = setTimeout(() => refuse(req, res, 408, "Forespørgslen kom for langsomt frem. Prøv igen.", { Connection: "close" }), REQUEST_TIMEOUTS.bodyIdleMs);
  req.on("data", () => idle.refresh());
  req.on("end", () => {
    clearTimeout(idle);
    refuse(req, res, status, message, extraHeaders);
  });
  req.on("close", () => clearTimeout(idle));
  req.resume();
}

/** @param {IncomingMessage} req */
const hasBody = (req) => req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

/**
 * The body, read into memory under the path's cap while it streams in: past the cap (or
 * with a declared length over it) nothing more is kept, and the rest is read and thrown
 * away. The 413 goes out when the body has ended: answered earlier, Node closes the
 * connection under a client still sending, whose kernel then resets it and loses the
 * answer. The request timeout bounds how long a refused body is read; a client that asks
 * first (Expect: 100-continue) is refused before it sends anything (checkContinue below).
 * Calls `done` once: with the body, or with null when the request was answered here or the
 * client left. A callback, not a promise: the deadline API reads a body per request, and the
 * promise's job and closures were a measurable part of its answer.
 * @param {IncomingMessage} req
 * @param {ServerResponse} res
 * @param {ReturnType<typeof bodyLimitFor>} limit
 * @param {(body: Buffer | null) => void} done
 */
function readBody(req, res, limit, done) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  let finished = false;
  let refusedWith = Number(req.headers["content-length"] ?? 0) > limit.maxBytes ? limit.message : null;
  /** @param {Buffer | null} body */
  const finish = (body) => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    done(body);
  };
  // A body that stops arriving holds the connection: after bodyIdleMs of silence it is closed.
  const idle = setTimeout(() => {
    refuse(req, res, 408, "Forespørgslen kom for langsomt frem. Prøv igen.", { Connection: "close" });
    finish(null);
  }, REQUEST_TIMEOUTS.bodyIdleMs);
  req.on("data", (/** @type {Buffer} */ chunk) => {
    idle.refresh();
    if (refusedWith) return;
    size += chunk.length;
    if (size > limit.maxBytes) {
      refusedWith = limit.message;
      chunks.length = 0;
    } else chunks.push(chunk);
  });
  req.on("end", () => {
    // A body in one chunk (as a small JSON request arrives) is that chunk, not a copy of it.
    const body = refusedWith ? null : chunks.length === 1 ? /** @type {Buffer} */ (chunks[0]) : Buffer.concat(chunks, size);
    if (body && fieldCount(body, req.headers["content-type"]) > limit.maxFields) refusedWith = TOO_MANY_FIELDS;
    if (refusedWith) refuse(req, res, 413, refusedWith);
    finish(refusedWith ? null : body);
  });
  req.on("close", () => finish(null));
}

const server = http.createServer(
  {
    headersTimeout: REQUEST_TIMEOUTS.headersMs,
    requestTimeout: REQUEST_TIMEOUTS.requestMs,
    // Node checks the two timeouts above this often (default 30 s, longer than the timeouts).
    connectionsCheckingInterval: 1000,
  },
  (req, res) => {
    const target = req.url ?? "";
    // Only origin-form targets ("/path?query"); an absolute URL or "*" names no page here.
    if (!target.startsWith("/")) return refuseAfterBody(req, res, 400, "Adressen i forespørgslen kunne ikke læses.", { Connection: "close" });
    const pathname = target.split("?")[0] ?? "";
    if (!ALLOWED_METHODS.includes(req.method ?? "")) {
      return refuseAfterBody(req, res, 405, isApiPath(pathname) ? "Brug POST med en JSON-forespørgsel." : "Metoden understøttes ikke. Brug siderne og formularerne i portalen.", {
        Allow: ALLOWED_METHODS.join(", "),
      });
    }
    const api = req.method === "POST" && pathname === API_PATH;
    if (!api && !hasBody(req)) return app(req, res);
    readBody(req, res, bodyLimitFor(pathname), (body) => {
      if (body === null) return;
      if (api) return answerDeadlines(req, res, body);
      bodies.set(req, body);
      app(req, res);
    });
  },
);
// A connection that neither sends nor reads anything (a stalled answer included) is closed.
server.setTimeout(REQUEST_TIMEOUTS.socketIdleMs);
// What Node's parser refuses never reaches the handler: a method it does not know (FOO) is a
// 405 like TRACE, the rest what Node itself would answer, each with a Danish sentence.
/** @type {Record<string, [status: number, reason: string, text: string]>} */
const PARSER_REFUSALS = {
  HPE_INVALID_METHOD: [405, "Method Not Allowed", "Metoden understøttes ikke."],
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "Forespørgslens headere er for store."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "Forespørgslen kom for langsomt frem. Prøv igen."],
};
/**
 * @param {number} status
 * @param {string} reason
 * @param {string} text
 */
function rawRefusal(status, reason, text, extra = "") {
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
    `Cache-Control: no-store\r\n${extra}Connection: close\r\n\r\n${text}`
  );
}
server.on("clientError", (/** @type {NodeJS.ErrnoException} */ error, duplex) => {
  // The socket of an HTTP connection, with Node's own (undocumented) fields this needs.
  const socket = /** @type {net.Socket & { _httpMessage?: ServerResponse; destroySoon?: () => void }} */ (duplex);
  const [status, reason, text] = PARSER_REFUSALS[error.code ?? ""] ?? [400, "Bad Request", "Forespørgslen kunne ikke læses."];
  // An answer already on its way must not be broken into by a second one.
  if (socket.writable && !socket._httpMessage?.headersSent) socket.end(rawRefusal(status, reason, text, status === 405 ? "Allow: GET, HEAD, POST\r\n" : ""));
  socket.destroySoon?.();
});
// CONNECT (a tunnel through a proxy) is not something this server does.
server.on("connect", (req, socket) => {
  socket.on("error", () => {});
  socket.end(rawRefusal(405, "Method Not Allowed", "Metoden understøttes ikke.", `Allow: ${ALLOWED_METHODS.join(", ")}\r\n`));
});
// Node hands a request with an Upgrade header to "upgrade" listeners only, and without one
// closes the connection unanswered. No protocol switch is offered here (no WebSocket).
server.on("upgrade", (req, socket) => {
  socket.on("error", () => {});
  socket.end(rawRefusal(400, "Bad Request", "Forbindelsen kan ikke skifte protokol her (Upgrade understøttes ikke)."));
});
// A client that asks before sending its body hears of a body over the cap before it sends it.
server.on("checkContinue", (req, res) => {
  const pathname = (req.url ?? "").split("?")[0] ?? "";
  if (Number(req.headers["content-length"] ?? 0) > bodyLimitFor(pathname).maxBytes) {
    return refuse(req, res, 413, bodyLimitFor(pathname).message, { Connection: "close" });
  }
  res.writeContinue();
  server.emit("request", req, res);
});
// Alone, the process listens itself. In a cluster the primary listens and hands the connections
// to the processes in turn (scripts/cluster-primary.mjs); this process serves those it is handed.
// Either way the one who accepts a connection counts it against MAX_CONNECTIONS_PER_ADDRESS.
/** @type {Set<net.Socket>} */
const handed = new Set();
/**
 * @param {net.Socket} socket
 * @param {() => void} [onClose]
 */
function serveSocket(socket, onClose) {
  // Node's own HTTP listener turns Nagle's algorithm off (http.createServer's noDelay); a socket
  // accepted here or handed over by the primary is not, and a response written in more than one
  // piece (a gzipped page: its headers, then the compressed body) then waited for the client's
  // delayed ACK, about 40 ms per page.
  socket.setNoDelay(true);
  handed.add(socket);
  socket.once("close", () => {
    handed.delete(socket);
    onClose?.();
  });
  server.emit("connection", socket);
  socket.resume();
}
/** @type {net.Server | null} */
let listener = null;
/** @param {(port: number) => void} onListening */
function listen(onListening) {
  if (!cluster.isWorker) {
    const cap = connectionCap(env.maxConnectionsPerAddress);
    // allowHalfOpen as http.Server's own listener has it: the end of a client's input is then
    // handled by Node's HTTP code, as for a server that listens itself.
    listener = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (socket) => {
      const address = socket.remoteAddress ?? "unknown";
      if (!cap.admit(address, "self")) return refuseConnection(socket);
      serveSocket(socket, () => cap.release(address, "self"));
    });
    listener.on("error", (error) => {
      console.error(`Serveren kan ikke lytte på ${env.host}:${env.port}: ${error.message}`);
      process.exit(1);
    });
    const self = listener;
    self.listen(env.port, env.host, () => {
      // "listening" starts the server's checks of slow and idle connections (see below).
      server.emit("listening");
      onListening(/** @type {net.AddressInfo} */ (self.address()).port);
    });
    return;
  }
  process.on("message", (/** @type {any} */ message, /** @type {net.Socket | undefined} */ socket) => {
    if (message?.type === "fasthold:connection" && socket) {
      // The primary counts the address's connections; it hears when this one closes.
      serveSocket(socket, () => {
        if (process.connected) sendToPrimary({ type: "fasthold:closed", address: message.address });
      });
    } else if (message?.type === "fasthold:listening") {
      if (message.error) {
        console.error(`Serveren kan ikke lytte på ${env.host}:${env.port}: ${message.error}`);
        process.exit(1);
      }
      // "listening" starts the server's checks of slow and idle connections (headersTimeout,
      // requestTimeout, keep-alive), which Node ties to that event, not to a socket of its own.
      server.emit("listening");
      onListening(message.port);
    }
  });
  sendToPrimary({ type: "fasthold:listen", port: env.port, host: env.host, maxConnectionsPerAddress: env.maxConnectionsPerAddress });
}

/**
 * Ends idle connections until none is left; a request in progress is answered first.
 * @returns {Promise<void>}
 */
function drainHanded() {
  return new Promise((resolve) => {
    const check = () => {
      server.closeIdleConnections();
      if (handed.size === 0) resolve();
      else setTimeout(check, 20);
    };
    check();
  });
}

// `npm run dev` runs `remix dev --manual`: Remix rebuilds into build/ and keeps this process
// running, so the process must load each new build itself and then tell remix dev it serves
// it (broadcastDevReady), which reloads the browser. remix dev sets REMIX_DEV_ORIGIN.
// Only the Remix handler is replaced; the server code above (startup, request limits) is the
// first build's until a restart. server.mjs runs development as one process.
const devOrigin = env.nodeEnv === "development" ? process.env.REMIX_DEV_ORIGIN : undefined;

/** @param {AppBuild} served */
function announceToDevServer(served) {
  broadcastDevReady(served).catch((/** @type {unknown} */ error) => console.error("remix dev kunne ikke få besked om den nye build:", error));
}

/** Watches build/version.txt, which Remix writes after the rest of a build. */
function reloadOnRebuild() {
  const versionFile = path.join(path.dirname(buildPath), "version.txt");
  let loaded = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, "utf8").trim() : "";
  let reloading = Promise.resolve();
  const reload = () => {
    reloading = reloading.then(async () => {
      let version;
      try {
        version = fs.readFileSync(versionFile, "utf8").trim();
      } catch {
        return; // The build folder is being replaced: the next change brings the file back.
      }
      if (!version || version === loaded) return;
      try {
        const next = await importBuild(version);
        handleRemix = createRemixHandler(next, remixMode);
        loaded = version;
        console.log(`Ny build indlæst (${version}).`);
        announceToDevServer(next);
      } catch (error) {
        // A build that fails to load leaves the last good one serving.
        console.error("Den nye build kunne ikke indlæses:", error);
      }
    });
  };
  // Polling the file's status survives Remix replacing the file, which fs.watch does not.
  fs.watchFile(versionFile, { interval: 100 }, reload).unref();
}

listen((port) => {
  // With PORT=0 the port is known only now; a default PUBLIC_URL follows it.
  adoptListeningPort(port);
  if (role === "follower") return;
  const lines = [
    `Fasthold kører på http://localhost:${port}`,
    `Database: ${env.databaseLabel}${started.seeded ? " (demodata indlæst)" : ""}`,
    env.smtpUrl ? `E-mail sendes via ${new URL(env.smtpUrl).host}` : `E-mail gemmes som .eml-filer i ${env.mailDirectory} (SMTP_URL er ikke sat)`,
  ];
  if (env.seedDemo) {
    lines.push(`Demologins (adgangskode for alle: ${started.demoPassword}):`);
    for (const login of started.demoLogins) lines.push(`  ${login.email.padEnd(30)} ${login.who}`);
  }
  // A cluster's primary prints the lines once every process listens.
  if (role === "leader") sendToPrimary({ type: "fasthold:ready", lines, processes: env.webConcurrency });
  else console.log(lines.join("\n"));
  if (devOrigin) {
    announceToDevServer(build);
    reloadOnRebuild();
  }
});

function shutdown() {
  // The mail worker finishes the message it is sending; queued ones wait in the outbox for the next start.
  const workerStopped = started.stop();
  listener?.close();
  const closed = drainHanded();
  closed.then(() => workerStopped).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
