/**
 * The background jobs' leadership on PostgreSQL (issue 27, docs/decisions/014): of the servers
 * sharing a database exactly one holds the jobs' advisory lock and runs the mail worker and the
 * retention job; when it dies or loses its lock connection it stops at once, and another server
 * takes over within a poll interval.
 */
import { spawn, type ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JOBS_LOCK_KEY, startLeadership, type Leadership } from "~db/leadership.server";
import { NotLeaderError, runBackgroundJobs, whileLeading, type RunningJobs } from "~/utils/background-jobs.server";
import type { OutgoingMail } from "~/utils/mail.server";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";

const POLL_MS = 200;
/** A poll interval, plus what two busy shared cores may add to a timer and a round trip. */
const TAKEOVER_MS = POLL_MS + 800;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await wait(10);
  }
  return Date.now() - started;
}

interface Contender {
  leadership: Leadership;
  /** What the jobs saw: "start" on each acquire, "stop" on each loss. */
  events: string[];
  running: () => boolean;
}

describe.skipIf(!postgresAvailable())("background jobs' leadership on PostgreSQL", () => {
  let server: RunningPostgres;
  let url: string;
  let admin: pg.Client;
  const contenders: Contender[] = [];
  const children: ChildProcess[] = [];

  function contend(pollMs = POLL_MS, connectionString = url): Contender {
    const events: string[] = [];
    const leadership = startLeadership({
      connectionString,
      pollMs,
      onAcquire: () => events.push("start"),
      onLose: async () => {
        events.push("stop");
      },
    });
    const contender = { leadership, events, running: () => events.at(-1) === "start" };
    contenders.push(contender);
    return contender;
  }

  /** The backend holding the jobs' lock in this test's database. */
  async function lockHolderPid(): Promise<number | null> {
    const result = await admin.query<{ pid: number }>(
      "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    expect(result.rows.length).toBeLessThanOrEqual(1);
    return result.rows[0]?.pid ?? null;
  }

  beforeAll(async () => {
    server = await startPostgres();
    url = await server.createDatabase();
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(contenders.splice(0).map((c) => c.leadership.stop()));
    for (const child of children.splice(0)) child.kill("SIGKILL");
    delete process.env.DATABASE_URL;
  });

  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  it("lets exactly one of two servers lead, and keeps it so", async () => {
    const a = contend();
    const b = contend();
    await until(() => a.leadership.isLeader() || b.leadership.isLeader(), 5_000);
    await wait(5 * POLL_MS);
    expect([a.leadership.isLeader(), b.leadership.isLeader()].filter(Boolean)).toHaveLength(1);
    expect([...a.events, ...b.events]).toEqual(["start"]);
    expect(await lockHolderPid()).not.toBeNull();
  });

  it("stops the leader's jobs when its lock connection is killed, and the other server takes over within a poll interval", async () => {
    const a = contend();
    await until(() => a.leadership.isLeader(), 5_000);
    const b = contend();
    await wait(3 * POLL_MS);
    expect(b.leadership.isLeader()).toBe(false);

    const pid = await lockHolderPid();
    await admin.query("SELECT pg_terminate_backend($1)", [pid]);
    // The broken connection stops the jobs at once, without waiting for the next heartbeat.
    await until(() => !a.running(), POLL_MS);
    expect(a.leadership.isLeader()).toBe(false);
    const takeover = await until(() => b.running(), TAKEOVER_MS);
    expect(takeover).toBeLessThan(TAKEOVER_MS);
    expect(a.events).toEqual(["start", "stop"]);
    expect(b.events).toEqual(["start"]);

    // The old leader reconnects and contends again, but does not lead while the new one lives.
    await wait(5 * POLL_MS);
    expect(a.events).toEqual(["start", "stop"]);
    expect(b.leadership.isLeader()).toBe(true);
  });

  it("stops the jobs the moment the lock connection breaks, not at the next heartbeat", async () => {
    // Heartbeats a minute apart: only the broken connection itself can stop the jobs in time.
    const a = contend(60_000);
    await until(() => a.leadership.isLeader(), 5_000);
    await admin.query("SELECT pg_terminate_backend($1)", [await lockHolderPid()]);
    await until(() => !a.running(), 500);
    expect(a.events).toEqual(["start", "stop"]);
  });

  it("stops the jobs when the lock connection stops answering, as when the network is cut", async () => {
    const a = contend();
    await until(() => a.leadership.isLeader(), 5_000);
    const pid = await lockHolderPid();
    // A frozen backend answers nothing, like a PostgreSQL behind a cut cable; the socket stays open.
    process.kill(pid!, "SIGSTOP");
    try {
      // The next heartbeat (within a poll) gets no answer within its timeout (a poll, at least 1 s).
      await until(() => !a.running(), POLL_MS + 1_000 + 800);
      expect(a.events).toEqual(["start", "stop"]);
    } finally {
      process.kill(pid!, "SIGCONT");
    }
  });

  it("takes over from a server process that is killed", async () => {
    // Another server's process holding the lock, killed without a chance to let go.
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const pg = require("pg");
         const c = new pg.Client({ connectionString: process.argv[1] });
         c.connect().then(() => c.query("SELECT pg_try_advisory_lock($1::bigint) AS locked", [process.argv[2]]))
           .then((r) => { console.log(r.rows[0].locked ? "locked" : "refused"); setInterval(() => {}, 1000); });`,
        url,
        JOBS_LOCK_KEY,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    children.push(holder);
    const said = await new Promise<string>((resolve) => holder.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim())));
    expect(said).toBe("locked");

    const b = contend();
    await wait(4 * POLL_MS);
    expect(b.events).toEqual([]);
    holder.kill("SIGKILL");
    const takeover = await until(() => b.running(), TAKEOVER_MS);
    expect(takeover).toBeLessThan(TAKEOVER_MS);
  });

  it("keeps trying while its database cannot be reached, and leads once it can", async () => {
    const later = `t_later_${Date.now()}`;
    const a = contend(POLL_MS, url.replace(/\/[^/]+$/, `/${later}`));
    await wait(3 * POLL_MS);
    expect(a.events).toEqual([]);
    await server.createDatabase(later);
    await until(() => a.running(), TAKEOVER_MS);
  });

  it("gives the lock back on stop, after the jobs have stopped", async () => {
    const a = contend();
    await until(() => a.leadership.isLeader(), 5_000);
    const b = contend();
    await wait(2 * POLL_MS);
    await a.leadership.stop();
    expect(a.events).toEqual(["start", "stop"]);
    await until(() => b.running(), TAKEOVER_MS);
  });

  it("runs the app's jobs only while leading, and refuses a send the moment the lock is lost", async () => {
    process.env.DATABASE_URL = url;
    const sent: string[] = [];
    const terms: Array<{ leading: () => boolean; send: (mail: OutgoingMail) => Promise<void>; stopped: boolean }> = [];
    const start = (leading: () => boolean): RunningJobs => {
      const term = { leading, send: whileLeading(async (mail) => void sent.push(mail.subject), leading), stopped: false };
      terms.push(term);
      return {
        stop: async () => {
          term.stopped = true;
        },
      };
    };
    const jobs = runBackgroundJobs({ pollMs: POLL_MS }, start);
    contenders.push({ leadership: { isLeader: () => false, stop: () => jobs.stop() }, events: [], running: () => false });
    await until(() => terms.length === 1, 5_000);
    const [first] = terms;
    await first!.send({ id: 1, to: "a@x.example", subject: "før", text: "-" });
    expect(sent).toEqual(["før"]);

    await admin.query("SELECT pg_terminate_backend($1)", [await lockHolderPid()]);
    await until(() => !first!.leading(), POLL_MS);
    await expect(first!.send({ id: 2, to: "a@x.example", subject: "efter", text: "-" })).rejects.toBeInstanceOf(NotLeaderError);
    expect(sent).toEqual(["før"]);
    await until(() => first!.stopped, POLL_MS);

    // Alone, it takes the lock again; the new term sends, the old one stays refused.
    await until(() => terms.length === 2, TAKEOVER_MS);
    await terms[1]!.send({ id: 3, to: "a@x.example", subject: "igen", text: "-" });
    expect(sent).toEqual(["før", "igen"]);
    expect(first!.leading()).toBe(false);
  });

  it("runs the jobs at once on SQLite, where the process with the duties is the only one", () => {
    let leading: (() => boolean) | null = null;
    const jobs = runBackgroundJobs({ pollMs: POLL_MS }, (l) => {
      leading = l;
      return { stop: async () => {} };
    });
    expect(leading).not.toBeNull();
    expect(leading!()).toBe(true);
    return jobs.stop();
  });
});
