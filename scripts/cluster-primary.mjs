// @ts-check
// The primary of a server cluster (server.mjs). It imports no app code, so it stays small:
// - forks the leader first; the leader validates the environment and asks the primary to claim
//   the database (the primary holds the claim for the cluster's lifetime), then migrates, seeds,
//   and runs the mail worker and retention job;
// - when the leader listens, forks the followers (serving only) up to the leader's
//   WEB_CONCURRENCY, and prints the leader's start lines once all of them listen;
// - hosts the shared store of the login throttle (rate-limiter-flexible's cluster master), so a
//   limit counts attempts on every process: per e-mail and address, per account with its backoff,
//   and reset requests. Each attempt is one consume here, answered in this one event loop, so
//   parallel attempts on several processes cannot all pass the limit;
// - listens for the cluster and hands the new connections to the server processes in turn
//   (handOff below), after counting them against the per-address connection cap: only the
//   primary sees every connection of an address;
// - replaces a process that dies while serving, and stops them all on SIGTERM/SIGINT.
// A process that fails before it listens stops the cluster: a bad configuration must not loop.
import cluster from "node:cluster";
import net from "node:net";
import { RateLimiterClusterMaster } from "rate-limiter-flexible";
import { connectionCap, refuseConnection } from "./connection-cap.mjs";
import { claim, release } from "./db-lock.mjs";

/** @typedef {"leader" | "follower"} Role */
/** @typedef {import("node:cluster").Worker} Worker */

export function runPrimary() {
  // Answers the workers' limiter requests; created before any worker, as the library requires.
  new RateLimiterClusterMaster();
  /** @type {Map<number, Role>} */
  const roles = new Map();
  /** @type {Set<number>} */
  const listening = new Set();
  /** @type {string | null} */
  let claimedPath = null;
  /** @type {string[] | null} */
  let startLines = null;
  let wanted = 1;
  let serving = false;
  let stopping = false;

  // Node's own round robin hands a burst of new connections to whichever process acknowledges
  // the previous one first, so eight keep-alive connections opened at once could end two to six:
  // one process queues requests while the other idles. Here the primary accepts (without
  // reading) and hands the connections to the serving processes strictly in turn.
  /** @type {net.Server | null} */
  let listener = null;
  /** @type {import("./connection-cap.mjs").ConnectionCap | null} */
  let cap = null;
  let turn = 0;
  /** @param {net.Socket} socket */
  const handOff = (socket) => {
    const processes = [...listening].flatMap((id) => {
      const w = cluster.workers?.[id];
      return w?.isConnected() ? [w] : [];
    });
    if (processes.length === 0 || !cap) return socket.destroy();
    const worker = /** @type {Worker} */ (processes[turn++ % processes.length]);
    // The process reports the close back with this address (the socket is its, not ours, then).
    const address = socket.remoteAddress ?? "unknown";
    if (!cap.admit(address, worker.id)) return refuseConnection(socket);
    worker.send({ type: "fasthold:connection", address }, socket, (error) => {
      if (!error) return;
      cap?.release(address, worker.id);
      socket.destroy();
    });
  };
  /**
   * A process asks to serve: the first request opens the port, later ones (followers, replacements) share it.
   * @param {Worker} worker
   * @param {{ port: number; host: string; maxConnectionsPerAddress: number }} request
   */
  const listen = (worker, { port, host, maxConnectionsPerAddress }) => {
    const ready = () => {
      // Called once the listener listens: it exists, and its address is a port's.
      const address = /** @type {net.AddressInfo} */ (/** @type {net.Server} */ (listener).address());
      worker.send({ type: "fasthold:listening", port: address.port });
      listening.add(worker.id);
      announce();
    };
    if (listener?.listening) return ready();
    if (!listener) {
      // The leader's validated MAX_CONNECTIONS_PER_ADDRESS (the primary reads no environment of the app).
      cap = connectionCap(maxConnectionsPerAddress);
      listener = net.createServer({ pauseOnConnect: true }, handOff);
      listener.on("error", (error) => {
        for (const id of roles.keys()) cluster.workers?.[id]?.send({ type: "fasthold:listening", error: error.message });
      });
      listener.listen(port, host);
    }
    listener?.once("listening", ready);
  };

  /** @param {Role} role */
  const fork = (role) => {
    const worker = cluster.fork({ FASTHOLD_ROLE: role });
    roles.set(worker.id, role);
    worker.on("message", (message) => {
      if (message?.type === "fasthold:listen") return listen(worker, message);
      if (message?.type === "fasthold:closed") return cap?.release(message.address, worker.id);
      if (message?.type === "fasthold:claim") {
        const holder = claim(message.databasePath);
        if (!holder) claimedPath = message.databasePath;
        worker.send({ type: "fasthold:claimed", holder });
      } else if (message?.type === "fasthold:ready" && !startLines) {
        startLines = message.lines;
        wanted = message.processes;
        for (let i = 1; i < wanted; i++) fork("follower");
        announce();
      }
    });
  };

  const announce = () => {
    if (serving || !startLines || listening.size < wanted) return;
    serving = true;
    console.log([...startLines, `Processer: ${wanted}`].join("\n"));
  };

  let stopCode = 0;
  /** @param {number} code */
  const finish = (code) => {
    if (claimedPath) release(claimedPath);
    process.exit(code);
  };

  /** @param {number} code */
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    stopCode = code;
    listener?.close();
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) finish(code);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    // A process stuck in shutdown must not keep the claim forever.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      finish(code);
    }, 5000).unref();
  };

  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker.id);
    roles.delete(worker.id);
    listening.delete(worker.id);
    // Its connections died with it.
    cap?.releaseOwner(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) finish(stopCode);
      return;
    }
    if (!serving) {
      // Startup failed (its reason is already printed): stop, with the process's exit code.
      stop(code || 1);
      return;
    }
    console.error(`En serverproces (${role}) stoppede uventet (${signal ?? `kode ${code}`}); en ny startes.`);
    fork(role ?? "follower");
  });

  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));
  fork("leader");
}
