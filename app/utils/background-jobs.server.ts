import { databaseUrl, dialect } from "~db/dialect";
import { startLeadership } from "~db/leadership.server";
import type { MailSender } from "./mail.server";

export interface RunningJobs {
  stop: () => Promise<void>;
}

/**
 * Runs the background jobs (the mail worker, the retention job, the sweep of interrupted imports and
 * exports, docs/decisions/017) where exactly one copy must run.
 *
 * On SQLite the process given the duties (the single server, or a cluster's leader) runs them
 * from the start, as one machine has only that one. On PostgreSQL several servers share the
 * database, and only the one holding the jobs' advisory lock runs them (db/leadership.server.ts):
 * `start` is called each time this server becomes the leader, the returned jobs are stopped the
 * moment the lock may be lost, and another server takes over within a poll interval.
 *
 * `leading` tells the jobs whether this copy still may act; it turns false before their stop()
 * has finished, so work already under way can look before each step.
 */
export function runBackgroundJobs(options: { pollMs: number }, start: (leading: () => boolean) => RunningJobs): RunningJobs {
  const url = databaseUrl();
  if (dialect() !== "postgres" || !url) return start(() => true);
  let jobs: RunningJobs | null = null;
  const leadership = startLeadership({
    connectionString: url,
    pollMs: options.pollMs,
    onAcquire: () => {
      // Each term has its own flag: a term that ended stays ended when a later one begins.
      const term = { live: true };
      console.log("Denne server kører nu baggrundsjobbene (e-mail, sletning og afbrudte imports og eksporter).");
      const started = start(() => term.live);
      jobs = {
        stop: () => {
          term.live = false;
          return started.stop();
        },
      };
    },
    onLose: async () => {
      const ending = jobs;
      jobs = null;
      await ending?.stop();
    },
    onProblem: (message) => console.warn(message),
  });
  return { stop: () => leadership.stop() };
}

/** The error a send refused after the leadership was lost gets; the message stays in the outbox for the next leader. */
export class NotLeaderError extends Error {
  constructor() {
    super("Serveren kører ikke længere baggrundsjobbene; en anden server sender beskeden.");
    this.name = "NotLeaderError";
  }
}

/**
 * A sender that refuses once this server is no longer the leader: a batch the mail worker began
 * must not go on sending while another server has taken over. The refused message counts as one
 * failed attempt and is sent by the new leader at its next attempt.
 */
export function whileLeading(send: MailSender, leading: () => boolean): MailSender {
  return async (mail) => {
    if (!leading()) throw new NotLeaderError();
    await send(mail);
  };
}
