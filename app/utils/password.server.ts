import crypto from "node:crypto";
import { Worker } from "node:worker_threads";

/**
 * The hashes run on a worker thread of their own at a low CPU priority (nice 10, set on that thread
 * alone through /proc/thread-self): when pages and hashes both want a core, Linux gives the pages
 * about nine tenths of it, so a login storm no longer takes the CPU from them. Not 19: with every
 * core busy a hash would get about 1 % of one and a real login would wait many seconds.
 * Node's own async scrypt runs on libuv's thread pool at the process's priority.
 */
export const HASH_THREAD_NICE = 10;
const HASH_WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const crypto = require("node:crypto");
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  require("node:os").setPriority(tid, ${HASH_THREAD_NICE});
} catch {
  // Not Linux: the hashes run at normal priority, still one at a time.
}
parentPort.on("message", ({ id, password, salt, keylen, options }) => {
  try {
    parentPort.postMessage({ id, hash: crypto.scryptSync(password, salt, keylen, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

type Pending = { resolve: (hash: Buffer) => void; reject: (error: Error) => void };
let worker: Worker | undefined;
const pending = new Map<number, Pending>();
let nextJob = 0;

function hashWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(HASH_WORKER_SOURCE, { eval: true });
  w.on("message", (message: { id: number; hash?: Uint8Array; error?: string }) => {
    const job = pending.get(message.id);
    pending.delete(message.id);
    // Idle, the thread does not keep the process alive; with a hash under way it does.
    if (pending.size === 0) w.unref();
    if (!job) return;
    if (message.hash) job.resolve(Buffer.from(message.hash.buffer, message.hash.byteOffset, message.hash.byteLength));
    else job.reject(new Error(message.error ?? "scrypt failed"));
  });
  const fail = (error: Error) => {
    if (worker === w) worker = undefined;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`hash worker exited with code ${code}`)));
  w.unref();
  worker = w;
  return w;
}

function scrypt(password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const id = nextJob++;
    const w = hashWorker();
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, password, salt, keylen, options });
  });
}

// N = 2^14, r = 8, p = 5 is one of OWASP's equivalent scrypt settings (like N = 2^17, p = 1) and
// needs 128 * N * r = 16 MiB per hash instead of 128 MiB: the p rounds run one after the other in
// the same block. With 2^17 four concurrent logins held over 500 MB and both cores.
export const HASH_PARAMETERS = { N: 2 ** 14, r: 8, p: 5, keylen: 32 } as const;

/**
 * Tests only: each hash costs 1/80 of a production one (1 MiB, a few milliseconds).
 * Chosen by FASTHOLD_TEST_FAST_HASH=1, and honoured only while NODE_ENV is "test"; the
 * environment check (env.server.ts) refuses to start with the flag under NODE_ENV=production.
 * N travels in every hash, so a cheap one is recognisable: outside tests it never verifies.
 */
export const TEST_HASH_PARAMETERS = { N: 2 ** 10, r: 8, p: 1, keylen: 32 } as const;
/** The lowest cost a hash may have to be checked outside tests (the production cost). */
const MIN_PRODUCTION_N = HASH_PARAMETERS.N;

export function fastTestHashRequested(source: Record<string, string | undefined> = process.env): boolean {
  return source.FASTHOLD_TEST_FAST_HASH === "1";
}

/**
 * Read at each call (not at import), so a test can switch it and a server's environment decides.
 * Through a variable: the build replaces the literal `process.env.NODE_ENV` with "production",
 * and the tests run the built server under NODE_ENV=test.
 */
function fastTestHash(): boolean {
  const runtime = process.env;
  return fastTestHashRequested(runtime) && runtime.NODE_ENV === "test";
}

function activeParameters(): { readonly N: number; readonly r: number; readonly p: number; readonly keylen: number } {
  return fastTestHash() ? TEST_HASH_PARAMETERS : HASH_PARAMETERS;
}
// Hashes made before (N = 2^17, r = 8: 128 MiB) must still verify; maxmem must exceed that.
const MAXMEM = 256 * 1024 * 1024;

/**
 * Password hashes computed at once in this process, and how many may wait for a turn. A hash
 * takes about 0.2 s of one core (16 MiB); beyond the queue a request is refused at once (503)
 * instead of waiting behind a storm. Memory for hashes is thus at most 16 MiB per process.
 */
export const HASH_CONCURRENCY = 1;
export const HASH_QUEUE_LIMIT = 8;
/** A request that has waited this long for its turn is refused too (a machine so busy that the low-priority hashes crawl). */
export const HASH_MAX_WAIT_MS = 10_000;
/** What a refused request is told to wait before it tries again. */
export const HASH_BUSY_RETRY_SECONDS = 5;

/** Every hash slot and queue place is taken: the route answers 503 with Retry-After. */
export class PasswordHashBusyError extends Error {
  readonly status = 503;
  readonly retryAfterSeconds = HASH_BUSY_RETRY_SECONDS;
  constructor() {
    super("Der er mange, der logger ind lige nu. Vent et øjeblik, og prøv igen.");
    this.name = "PasswordHashBusyError";
  }
}

let running = 0;
const waiting: Array<() => void> = [];

/** Waits for the slot the running hash hands on; gives up (and leaves the queue) after HASH_MAX_WAIT_MS. */
function waitForTurn(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const turn = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      const at = waiting.indexOf(turn);
      if (at >= 0) waiting.splice(at, 1);
      reject(new PasswordHashBusyError());
    }, HASH_MAX_WAIT_MS);
    waiting.push(turn);
  });
}

/** Runs one hash when a slot is free; refuses when the queue is full or the wait too long. */
async function inHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= HASH_QUEUE_LIMIT) throw new PasswordHashBusyError();
    await waitForTurn();
  } else {
    running++;
  }
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, so a new arrival cannot overtake the queue.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** False when a hash asked for now would be refused: a login can be turned away before anything is counted. */
export function hashSlotAvailable(): boolean {
  return running < HASH_CONCURRENCY || waiting.length < HASH_QUEUE_LIMIT;
}

/** Hashes computed or queued right now in this process (for tests and the bench). */
export function hashLoad(): { running: number; waiting: number } {
  return { running, waiting: waiting.length };
}

/** Format: scrypt$N$r$p$salt(base64)$hash(base64); the parameters travel with the hash. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p, keylen } = activeParameters();
  const hash = await inHashSlot(() => scrypt(password.normalize("NFKC"), salt, keylen, { N, r, p, maxmem: MAXMEM }));
  return ["scrypt", N, r, p, salt.toString("base64"), hash.toString("base64")].join("$");
}

function parseHash(stored: string) {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return null;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  return { N: Number(n), r: Number(r), p: Number(p), salt: Buffer.from(salt, "base64"), hash: Buffer.from(hash, "base64") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  // A test's cheap hash in a real database (a copied test file, a leaked setting) lets no one in.
  if (parsed.N < MIN_PRODUCTION_N && !fastTestHash()) return false;
  const actual = await inHashSlot(() =>
    scrypt(password.normalize("NFKC"), parsed.salt, parsed.hash.length, { N: parsed.N, r: parsed.r, p: parsed.p, maxmem: MAXMEM }),
  );
  return actual.length === parsed.hash.length && crypto.timingSafeEqual(actual, parsed.hash);
}

/** A hash made with other parameters (the earlier 128 MiB ones) is replaced at the next successful login. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  const wanted = activeParameters();
  return !parsed || parsed.N !== wanted.N || parsed.r !== wanted.r || parsed.p !== wanted.p;
}

let dummyHash: Promise<string> | undefined;

/** Spends the same work as a real check, so an unknown e-mail is not revealed by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  // A dummy hash refused by a full queue is not kept: the next unknown e-mail makes it again.
  dummyHash ??= hashPassword("fasthold-dummy-password").catch((error: unknown) => {
    dummyHash = undefined;
    throw error;
  });
  await verifyPassword(password, await dummyHash);
  return false;
}
