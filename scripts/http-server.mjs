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
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import remixNode from "@remix-run/node";
import compression from "compression";
import express from "express";
import { connectionCap, refuseConnection } from "./connection-cap.mjs";
import { claim, release } from "./db-lock.mjs";

// A CommonJS package: Node cannot see these names as ESM exports.
const { createRequestHandler: createRemixHandler, writeReadableStreamToWritable } = remixNode;

const role = cluster.isWorker ? process.env.FASTHOLD_ROLE : "single";
const buildPath = path.resolve("build/index.js");
const build = await import(pathToFileURL(buildPath).href);
const {
  startup,
  getEnv,
  adoptListeningPort,
  isCrossSiteRequest,
  securityHeaders,
  EnvError,
  evaluateDeadlineRequest,
  todayInCopenhagen,
  ALLOWED_METHODS,
  bodyLimitFor,
  fieldCount,
  isApiPath,
  refusal,
  REQUEST_TIMEOUTS,
  TOO_MANY_FIELDS,
} = build.entry.module;

function exitOnEnvError(error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

let claimedPath;
try {
  claimedPath = getEnv().databasePath;
} catch (error) {
  exitOnEnvError(error);
}
/** A cluster's primary holds the claim for all its processes: the leader asks it over IPC. */
function claimThroughPrimary(databasePath) {
  return new Promise((resolve) => {
    const answer = (message) => {
      if (message?.type !== "fasthold:claimed") return;
      process.off("message", answer);
      resolve(message.holder);
    };
    process.on("message", answer);
    process.send({ type: "fasthold:claim", databasePath });
  });
}

// One server at a time on a database: a second server, or a restore, must not write under this one.
if (role !== "follower") {
  const holder = role === "leader" ? await claimThroughPrimary(claimedPath) : claim(claimedPath);
  if (holder) {
    console.error(`Databasen ${claimedPath} bruges allerede af en anden proces (pid ${holder}). Stop den først.`);
    process.exit(1);
  }
  if (role === "single") process.on("exit", () => release(claimedPath));
}

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
app.use(compression());

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
const bodies = new WeakMap();
function remixHeaders(incoming) {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}
async function sendRemixResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
const handleRemix = createRemixHandler(build, env.nodeEnv === "development" ? "development" : "production");
// A Host header is the client's to write; the URL Remix sees needs a valid one. Absolute
// links never come from it (they are built from PUBLIC_URL).
const PLAIN_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
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
function remixRequest(req, res) {
  const url = requestUrl(req);
  const controller = new AbortController();
  // A client that leaves before the answer stops the loader or action (as @remix-run/express does).
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const init = { method: req.method, headers: remixHeaders(req.headers), signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") init.body = bodies.get(req) ?? Buffer.alloc(0);
  return new Request(url.href, init);
}

app.all("*", async (req, res, next) => {
  try {
    const response = await handleRemix(remixRequest(req, res), { cspNonce: res.locals.cspNonce, clientAddress: req.ip ?? "unknown" });
    await sendRemixResponse(res, response);
  } catch (error) {
    next(error);
  }
});

// Express's own last handler would answer an English page with the stack in development.
// A client's fault (a path Express cannot decode) keeps its 4xx; anything else is logged.
// (Express knows an error handler by its four parameters.)
app.use((error, req, res, _next) => {
  const status = Number(error?.status ?? error?.statusCode);
  const clientFault = Number.isInteger(status) && status >= 400 && status < 500;
  if (!clientFault) console.error(error);
  if (res.headersSent) return res.destroy();
  res.status(clientFault ? status : 500).type("text/plain; charset=utf-8");
  res.send(clientFault ? "Forespørgslen kunne ikke behandles." : "Der opstod en fejl på serveren. Prøv igen om lidt.");
});

// POST /api/v1/deadlines is stateless and hot: answered here without Express and Remix
// (the same evaluation the Remix route uses), so it keeps up with a bare Node server.
const API_PATH = "/api/v1/deadlines";
const API_HEADERS = {
  ...securityHeaders("", { hsts }),
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
};

function answerDeadlines(req, res, body) {
  const answer = evaluateDeadlineRequest(body.toString("utf8"), todayInCopenhagen(new Date()));
  const json = JSON.stringify(answer.body);
  // With its length declared the answer goes out in one piece, not chunked.
  res.writeHead(answer.status, { ...API_HEADERS, "Content-Length": Buffer.byteLength(json) });
  res.end(json);
}

/** A refusal before the app ran, with the same security headers as every answer. */
function refuse(req, res, status, message, extraHeaders = {}) {
  if (res.headersSent) return;
  const pathname = (req.url ?? "").split("?")[0];
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

const hasBody = (req) => req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;

/**
 * The body, read into memory under the path's cap while it streams in: past the cap (or
 * with a declared length over it) nothing more is kept, and the rest is read and thrown
 * away. The 413 goes out when the body has ended: answered earlier, Node closes the
 * connection under a client still sending, whose kernel then resets it and loses the
 * answer. The request timeout bounds how long a refused body is read; a client that asks
 * first (Expect: 100-continue) is refused before it sends anything (checkContinue below).
 * Resolves null when the request was answered here or the client left.
 */
function readBody(req, res, limit) {
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    let refusedWith = Number(req.headers["content-length"] ?? 0) > limit.maxBytes ? limit.message : null;
    // A body that stops arriving holds the connection: after bodyIdleMs of silence it is closed.
    const idle = setTimeout(() => {
      refuse(req, res, 408, "Forespørgslen kom for langsomt frem. Prøv igen.", { Connection: "close" });
      resolve(null);
    }, REQUEST_TIMEOUTS.bodyIdleMs);
    req.on("data", (chunk) => {
      idle.refresh();
      if (refusedWith) return;
      size += chunk.length;
      if (size > limit.maxBytes) {
        refusedWith = limit.message;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      clearTimeout(idle);
      const body = refusedWith ? null : Buffer.concat(chunks, size);
      if (body && fieldCount(body, req.headers["content-type"]) > limit.maxFields) refusedWith = TOO_MANY_FIELDS;
      if (refusedWith) refuse(req, res, 413, refusedWith);
      resolve(refusedWith ? null : body);
    });
    req.on("close", () => {
      clearTimeout(idle);
      resolve(null);
    });
  });
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
    if (!target.startsWith("/")) return refuse(req, res, 400, "Adressen i forespørgslen kunne ikke læses.", { Connection: "close" });
    const pathname = target.split("?")[0];
    if (!ALLOWED_METHODS.includes(req.method)) {
      return refuse(req, res, 405, isApiPath(pathname) ? "Brug POST med en JSON-forespørgsel." : "Metoden understøttes ikke. Brug siderne og formularerne i portalen.", {
        Allow: ALLOWED_METHODS.join(", "),
      });
    }
    const api = req.method === "POST" && pathname === API_PATH;
    if (!api && !hasBody(req)) return app(req, res);
    readBody(req, res, bodyLimitFor(pathname)).then((body) => {
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
const PARSER_REFUSALS = {
  HPE_INVALID_METHOD: [405, "Method Not Allowed", "Metoden understøttes ikke."],
  HPE_HEADER_OVERFLOW: [431, "Request Header Fields Too Large", "Forespørgslens headere er for store."],
  ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "Forespørgslen kom for langsomt frem. Prøv igen."],
};
function rawRefusal(status, reason, text, extra = "") {
  return (
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
    `Cache-Control: no-store\r\n${extra}Connection: close\r\n\r\n${text}`
  );
}
server.on("clientError", (error, socket) => {
  const [status, reason, text] = PARSER_REFUSALS[error.code] ?? [400, "Bad Request", "Forespørgslen kunne ikke læses."];
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
  const pathname = (req.url ?? "").split("?")[0];
  if (Number(req.headers["content-length"] ?? 0) > bodyLimitFor(pathname).maxBytes) {
    return refuse(req, res, 413, bodyLimitFor(pathname).message, { Connection: "close" });
  }
  res.writeContinue();
  server.emit("request", req, res);
});
// Alone, the process listens itself. In a cluster the primary listens and hands the connections
// to the processes in turn (scripts/cluster-primary.mjs); this process serves those it is handed.
// Either way the one who accepts a connection counts it against MAX_CONNECTIONS_PER_ADDRESS.
const handed = new Set();
function serveSocket(socket, onClose) {
  handed.add(socket);
  socket.once("close", () => {
    handed.delete(socket);
    onClose?.();
  });
  server.emit("connection", socket);
  socket.resume();
}
let listener = null;
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
    listener.listen(env.port, env.host, () => {
      // "listening" starts the server's checks of slow and idle connections (see below).
      server.emit("listening");
      onListening(listener.address().port);
    });
    return;
  }
  process.on("message", (message, socket) => {
    if (message?.type === "fasthold:connection" && socket) {
      // The primary counts the address's connections; it hears when this one closes.
      serveSocket(socket, () => process.connected && process.send({ type: "fasthold:closed", address: message.address }));
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
  process.send({ type: "fasthold:listen", port: env.port, host: env.host, maxConnectionsPerAddress: env.maxConnectionsPerAddress });
}

/** Ends idle connections until none is left; a request in progress is answered first. */
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

listen((port) => {
  // With PORT=0 the port is known only now; a default PUBLIC_URL follows it.
  adoptListeningPort(port);
  if (role === "follower") return;
  const lines = [
    `Fasthold kører på http://localhost:${port}`,
    `Database: ${env.databasePath}${started.seeded ? " (demodata indlæst)" : ""}`,
    env.smtpUrl ? `E-mail sendes via ${new URL(env.smtpUrl).host}` : `E-mail gemmes som .eml-filer i ${env.mailDirectory} (SMTP_URL er ikke sat)`,
  ];
  if (env.seedDemo) {
    lines.push(`Demologins (adgangskode for alle: ${started.demoPassword}):`);
    for (const login of started.demoLogins) lines.push(`  ${login.email.padEnd(30)} ${login.who}`);
  }
  // A cluster's primary prints the lines once every process listens.
  if (role === "leader") process.send({ type: "fasthold:ready", lines, processes: env.webConcurrency });
  else console.log(lines.join("\n"));
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
