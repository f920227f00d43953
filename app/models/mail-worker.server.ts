/**
 * The mail worker: on a fixed interval it runs the daily digest (which only
 * queues) and then sends what is due in the outbox. One tick at a time; stop()
 * waits for the running tick, so a shutdown never cuts a send in half.
 */
import type { Env } from "~/utils/env.server";
import { senderFromEnv, type MailSender } from "~/utils/mail.server";
import { sendDigests } from "./mail-notices.server";
import { deliverPendingMail } from "./outbox.server";

/** The longest the first tick waits after start. */
export const FIRST_TICK_MAX_DELAY_MS = 5_000;

export interface MailWorker {
  /** Runs one tick now (after the running one, if any). */
  runOnce: () => Promise<void>;
  stop: () => Promise<void>;
}

export function startMailWorker(env: Pick<Env, "smtpUrl" | "mailFrom" | "mailDirectory" | "digestTime" | "mailPollMs">, send: MailSender = senderFromEnv(env)): MailWorker {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = async () => {
    try {
      await sendDigests({ now: new Date(), digestTime: env.digestTime });
      // Drain in batches until nothing due is left, so a backlog after an outage goes out promptly.
      for (;;) {
        const { sent } = await deliverPendingMail({ send });
        if (sent === 0 || stopped) break;
      }
    } catch (error) {
      // A broken tick must not stop the worker; the next tick tries again.
      console.warn("Mail-arbejderen fejlede:", error instanceof Error ? error.message : error);
    }
  };
  const runOnce = () => {
    running = running.then(tick);
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, env.mailPollMs);
  timer.unref();
  // The first tick waits a moment (the poll interval, at most FIRST_TICK_MAX_DELAY_MS): the day's
  // first digest of a national database takes seconds of this process, which must answer its
  // first pages before that.
  const first = setTimeout(() => {
    if (!stopped) void runOnce();
  }, Math.min(env.mailPollMs, FIRST_TICK_MAX_DELAY_MS));
  first.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
