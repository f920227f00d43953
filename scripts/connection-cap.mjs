// @ts-check
// A cap on the connections one client address holds open at once. Used where connections are
// accepted: by a single server process, and in a cluster by the primary, which alone sees every
// connection (a process only sees the ones it is handed, so its own count would be too low).
// Counts are kept per owner (the process a connection was handed to), so a process that dies
// takes its connections out of the count with it.

const REFUSAL_TEXT = "For mange samtidige forbindelser fra din adresse. Luk nogle faner, og prøv igen om lidt.";

/** Written to a refused socket before it is closed: a client sees why instead of a bare reset. */
export const TOO_MANY_CONNECTIONS = Buffer.from(
  "HTTP/1.1 429 Too Many Requests\r\n" +
    "Content-Type: text/plain; charset=utf-8\r\n" +
    `Content-Length: ${Buffer.byteLength(REFUSAL_TEXT)}\r\n` +
    "Retry-After: 10\r\n" +
    "Cache-Control: no-store\r\n" +
    "Connection: close\r\n\r\n" +
    REFUSAL_TEXT,
);

/**
 * An owner is the process a connection was handed to: a cluster worker's id, or "self".
 * @typedef {number | string} Owner
 * @typedef {{
 *   admit(address: string, owner: Owner): boolean;
 *   release(address: string, owner: Owner): void;
 *   releaseOwner(owner: Owner): void;
 *   held(address: string): number;
 * }} ConnectionCap
 */

/**
 * @param {number} maxPerAddress
 * @returns {ConnectionCap}
 */
export function connectionCap(maxPerAddress) {
  /** @type {Map<string, number>} */
  const open = new Map();
  /** @type {Map<Owner, Map<string, number>>} */
  const byOwner = new Map();
  /** @type {(map: Map<string, number>, key: string, delta: number) => void} */
  const change = (map, key, delta) => {
    const n = (map.get(key) ?? 0) + delta;
    if (n > 0) map.set(key, n);
    else map.delete(key);
  };
  return {
    /** Counts the connection and answers true, or answers false when the address holds the maximum. */
    admit(address, owner) {
      if ((open.get(address) ?? 0) >= maxPerAddress) return false;
      change(open, address, 1);
      let mine = byOwner.get(owner);
      if (!mine) byOwner.set(owner, (mine = new Map()));
      change(mine, address, 1);
      return true;
    },
    release(address, owner) {
      const mine = byOwner.get(owner);
      if (!mine?.has(address)) return;
      change(mine, address, -1);
      change(open, address, -1);
    },
    /** Forgets every connection of an owner that is gone. */
    releaseOwner(owner) {
      for (const [address, n] of byOwner.get(owner) ?? []) change(open, address, -n);
      byOwner.delete(owner);
    },
    held(address) {
      return open.get(address) ?? 0;
    },
  };
}

/**
 * Answers 429 on a socket that was accepted paused and closes it without reading the request.
 * @param {import("node:net").Socket} socket
 */
export function refuseConnection(socket) {
  socket.on("error", () => {});
  socket.end(TOO_MANY_CONNECTIONS);
  // A client that never reads must not keep the socket open either.
  setTimeout(() => socket.destroy(), 2000).unref();
}
