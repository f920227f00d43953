import pg from "pg";

/**
 * Which app server runs the background jobs (the mail worker, the retention job) when several
 * share one PostgreSQL database (docs/decisions/014): the one holding a session-level advisory
 * lock on a connection of its own. PostgreSQL holds such a lock as long as the session lives and
 * frees it when the session ends, for whatever reason (the process exits or is killed, the
 * machine dies, the connection is terminated), so a dead leader can never keep it.
 *
 * The lock is on a dedicated pg.Client, not a pooled connection: a pool closes idle connections
 * and hands the same connection to other queries, and a session lock must live exactly as long
 * as the leadership it stands for.
 */

/** pg_try_advisory_lock key of the background jobs: "FHJOBS" in ASCII, unlikely to meet anyone else's key. */
export const JOBS_LOCK_KEY = "77276298297939";

export interface LeadershipOptions {
  connectionString: string;
  /** How often a contender tries the lock and the leader checks its connection. */
  pollMs: number;
  /** Called when this process becomes the leader: start the jobs. */
  onAcquire: () => void;
  /** Called as soon as the leadership may be lost: stop the jobs; awaited on stop(). */
  onLose: () => Promise<void>;
  /** A connection problem worth a line in the log (the contender keeps trying). */
  onProblem?: (message: string) => void;
  key?: string;
}

export interface Leadership {
  isLeader: () => boolean;
  /** Stops the jobs (if leading), gives the lock back and stops contending. */
  stop: () => Promise<void>;
}

/**
 * How long the server keeps an idle lock session: a leader whose machine is cut off from the
 * network stops sending heartbeats, and PostgreSQL then ends its session and frees the lock, so
 * another server can take over. It is several heartbeats long (and at least 30 s), so the leader
 * notices its own silence (a heartbeat unanswered within one poll) well before the lock is freed:
 * the old leader stops before a new one starts.
 */
export function idleSessionTimeoutMs(pollMs: number): number {
  return Math.max(6 * pollMs, 30_000);
}

export function startLeadership(options: LeadershipOptions): Leadership {
  const key = options.key ?? JOBS_LOCK_KEY;
  let client: pg.Client | null = null;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let losing: Promise<void> = Promise.resolve();
  let ticking: Promise<void> = Promise.resolve();

  const drop = (broken: pg.Client) => {
    if (client !== broken) return;
    client = null;
    // Not awaited: on a dead network the goodbye may never be answered.
    broken.end().catch(() => undefined);
  };

  const lose = (reason: string) => {
    if (leading) {
      leading = false;
      options.onProblem?.(`Baggrundsjobbene stoppes: forbindelsen til låsen er tabt (${reason}).`);
      losing = losing.then(() => options.onLose()).catch(() => undefined);
    }
    if (client) drop(client);
  };

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({
      connectionString: options.connectionString,
      application_name: "fasthold-leadership",
      keepAlive: true,
      connectionTimeoutMillis: Math.max(options.pollMs, 1000),
      // A heartbeat or lock attempt that gets no answer within a poll counts as a lost connection.
      query_timeout: Math.max(options.pollMs, 1000),
    });
    // The leader stops the moment its lock connection breaks: another server may take over now.
    next.on("error", (error) => {
      if (client === next) lose(error.message);
    });
    next.on("end", () => {
      if (client === next) lose("forbindelsen blev lukket");
    });
    await next.connect();
    try {
      await next.query(`SET idle_session_timeout = ${idleSessionTimeoutMs(options.pollMs)}`);
    } catch {
      // PostgreSQL before 14 has no idle_session_timeout; TCP keepalives (below) still end a dead session.
    }
    await next.query("SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3");
    return next;
  };

  const tick = async () => {
    try {
      if (!client) client = await connect();
      const current = client;
      if (leading) {
        await current.query("SELECT 1");
        return;
      }
      const result = await current.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS locked", [key]);
      if (result.rows[0]?.locked && !stopped && client === current) {
        leading = true;
        options.onAcquire();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (leading) lose(message);
      else if (client) drop(client);
      options.onProblem?.(`Låsen for baggrundsjobbene kunne ikke nås: ${message}`);
    }
  };

  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      ticking = tick().finally(() => {
        if (!stopped) schedule(options.pollMs);
      });
    }, delay);
    timer.unref();
  };
  schedule(0);

  return {
    isLeader: () => leading,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await ticking;
      if (leading) {
        leading = false;
        losing = losing.then(() => options.onLose()).catch(() => undefined);
      }
      await losing;
      const last = client;
      client = null;
      // Ending the session frees the lock at once for the next server.
      await last?.end().catch(() => undefined);
    },
  };
}
