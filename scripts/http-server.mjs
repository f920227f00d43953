// One HTTP server process: Express in front of the Remix build. It validates the
// environment, migrates and seeds the database, sets security headers with a
// per-request CSP nonce and refuses cross-site state changes before Remix runs.
// Started by server.mjs, alone or as one process of a cluster (scripts/cluster-primary.mjs):
// role "single" does everything itself; a cluster's "leader" asks the primary to claim the
// database, then migrates, seeds and runs the background jobs; a "follower" only serves.
import cluster from "node:cluster";
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { claim, release } from "./db-lock.mjs";

const role = cluster.isWorker ? process.env.FASTHOLD_ROLE : "single";
const buildPath = path.resolve("build/index.js");
const build = await import(pathToFileURL(buildPath).href);
const { startup, getEnv, isCrossSiteRequest, securityHeaders, EnvError, evaluateDeadlineRequest, MAX_BODY_BYTES, todayInCopenhagen } = build.entry.module;

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
app.set("trust proxy", "loopback");
app.use(compression());

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  for (const [name, value] of Object.entries(securityHeaders(nonce))) res.setHeader(name, value);
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
  if (crossSite) {
    res.status(403).type("text/plain; charset=utf-8").send("Anmodningen blev afvist: den kom fra et andet websted.");
    return;
  }
  // Pages carry personal data: never cached by the browser or a proxy.
  res.setHeader("Cache-Control", "no-store");
  next();
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.nodeEnv === "development" ? "development" : "production",
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientAddress: req.ip ?? "unknown" }),
  }),
);

// POST /api/v1/deadlines is stateless and hot: answered here without Express and Remix
// (the same evaluation the Remix route uses), so it keeps up with a bare Node server.
const API_PATH = "/api/v1/deadlines";
const API_HEADERS = {
  ...securityHeaders(""),
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
  "Content-Type": "application/json; charset=utf-8",
  "Cache-Control": "no-store",
};

function answerDeadlines(req, res) {
  const declared = Number(req.headers["content-length"] ?? 0);
  // With its length declared the answer goes out in one piece, not chunked.
  const send = (status, body) => {
    const json = JSON.stringify(body);
    res.writeHead(status, { ...API_HEADERS, "Content-Length": Buffer.byteLength(json) });
    res.end(json);
  };
  if (declared > MAX_BODY_BYTES) {
    send(413, { errors: { body: [`Forespørgslen må højst fylde ${MAX_BODY_BYTES / 1024} kB.`] } });
    req.resume();
    return;
  }
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on("end", () => {
    if (size > MAX_BODY_BYTES) return send(413, { errors: { body: [`Forespørgslen må højst fylde ${MAX_BODY_BYTES / 1024} kB.`] } });
    const answer = evaluateDeadlineRequest(Buffer.concat(chunks).toString("utf8"), todayInCopenhagen(new Date()));
    send(answer.status, answer.body);
  });
}

const server = http.createServer((req, res) => {
  if (req.method === "POST" && req.url === API_PATH) return answerDeadlines(req, res);
  // An answer given before the whole body arrived (a redirect to login, a
  // refused intent) ends the connection: Node closes such a socket, and a
  // client that reused it for its next request would get a reset instead.
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!req.complete) res.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  };
  app(req, res);
});
// Alone, the process listens itself. In a cluster the primary listens and hands the connections
// to the processes in turn (scripts/cluster-primary.mjs); this process serves those it is handed.
const handed = new Set();
function listen(onListening) {
  if (!cluster.isWorker) {
    server.listen(env.port, env.host, () => {
      const address = server.address();
      onListening(typeof address === "object" && address ? address.port : env.port);
    });
    return;
  }
  process.on("message", (message, socket) => {
    if (message?.type === "fasthold:connection" && socket) {
      handed.add(socket);
      socket.once("close", () => handed.delete(socket));
      server.emit("connection", socket);
      socket.resume();
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
  process.send({ type: "fasthold:listen", port: env.port, host: env.host });
}

/** In a cluster: ends idle connections until none is left; a request in progress is answered first. */
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
  const closed = cluster.isWorker ? drainHanded() : new Promise((resolve) => server.close(resolve));
  closed.then(() => workerStopped).then(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
