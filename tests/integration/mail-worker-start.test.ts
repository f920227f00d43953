/**
 * The mail worker's first tick waits a moment after start (at most FIRST_TICK_MAX_DELAY_MS, or
 * the poll interval when shorter): the day's first digest of a national database takes seconds
 * of the process that must answer its first pages.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, runTx } from "~db/client.server";
import { companies, outbox } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { FIRST_TICK_MAX_DELAY_MS, startMailWorker, type MailWorker } from "~/models/mail-worker.server";
import { enqueueMail } from "~/models/outbox.server";
import type { OutgoingMail } from "~/utils/mail.server";

let companyId: number;
let worker: MailWorker | undefined;

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData("2026-11-24");
  companyId = (await one(getDb().select().from(companies).where(eq(companies.cvr, "12972997")).limit(1)))!.id;
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await runTx(async (tx) => await tx.delete(outbox));
});

async function start(mailPollMs: number, sent: string[]) {
  await runTx(async (tx) => await enqueueMail(tx, { kind: "password-reset", to: "hr@nordbyg.example", subject: "Ventende", body: "-", scope: { companyId } }, new Date()));
  // A digest time no one reaches: the tick only delivers the queued mail.
  worker = startMailWorker({ smtpUrl: null, mailFrom: "fasthold@example.com", mailDirectory: "unused", digestTime: "23:59", mailPollMs }, async (mail: OutgoingMail) => {
    sent.push(mail.subject);
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the mail worker's first tick", () => {
  it("waits the poll interval when it is short", async () => {
    const sent: string[] = [];
    await start(300, sent);
    await wait(100);
    expect(sent).toEqual([]);
    await wait(600);
    expect(sent).toEqual(["Ventende"]);
  });

  it("waits at most FIRST_TICK_MAX_DELAY_MS when the interval is long, not the whole interval", async () => {
    expect(FIRST_TICK_MAX_DELAY_MS).toBe(5_000);
    const sent: string[] = [];
    await start(60_000, sent);
    await wait(1_000);
    expect(sent).toEqual([]);
    await wait(FIRST_TICK_MAX_DELAY_MS + 1_000);
    expect(sent).toEqual(["Ventende"]);
  }, 15_000);
});
