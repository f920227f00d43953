/**
 * The outbox against a real SMTP server in this process: a message is stored
 * with the change that caused it, survives the mail server being down, and is
 * delivered once when it comes back; a message that keeps failing waits for
 * its organisation's administrator.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, runTx } from "~db/client.server";
import { companies, outbox } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { MAX_MAIL_ATTEMPTS, deliverPendingMail, enqueueMail, listUndeliveredMail, requeueMail, retryDelayMs } from "~/models/outbox.server";
import { ValidationError } from "~/utils/errors.server";
import { fileSender, smtpSender } from "~/utils/mail.server";
import { tablesContaining } from "../support/db-scan";
import { freePort, startSmtpServer, type TestSmtpServer } from "../support/smtp";

const FROM = "Fasthold <noreply@fasthold.example>";
let nordbygId: number;
let solskinId: number;
const running: TestSmtpServer[] = [];

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData("2026-11-24");
  nordbygId = (await one(getDb().select().from(companies).where(eq(companies.cvr, "12972997")).limit(1)))!.id;
  solskinId = (await one(getDb().select().from(companies).where(eq(companies.cvr, "44125242")).limit(1)))!.id;
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  await runTx(async (tx) => await tx.delete(outbox));
});

async function queue(subject: string, now: Date, companyId = nordbygId) {
  await runTx(async (tx) =>
    await enqueueMail(tx, { kind: "password-reset", to: "hr@nordbyg.example", subject, body: `Brødtekst for ${subject}`, scope: { companyId } }, now),
  );
}

async function row(subject: string) {
  return (await one(getDb().select().from(outbox).where(eq(outbox.subject, subject)).limit(1)))!;
}

describe("the outbox", () => {
  it("stores a message only when the change that caused it commits", async () => {
    await expect(
      runTx(async (tx) => {
        await enqueueMail(tx, { kind: "digest", to: "x@example.com", subject: "rulles tilbage", body: "-", scope: { companyId: nordbygId } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await getDb().select().from(outbox)).toEqual([]);
  });

  it("keeps every message while the mail server is down and delivers each once when it is back", async () => {
    const port = await freePort();
    const send = smtpSender(`smtp://127.0.0.1:${port}`, FROM);
    const t0 = new Date("2026-11-24T06:00:00Z");
    for (const s of ["Første", "Anden", "Tredje"]) await queue(s, t0);

    expect(await deliverPendingMail({ send, now: t0 })).toEqual({ sent: 0, failed: 3 });
    const failed = await row("Første");
    expect(failed).toMatchObject({ attempts: 1, sentAt: null, failedAt: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(failed.nextAttemptAt).toBe(new Date(t0.getTime() + retryDelayMs(1)).toISOString());

    // Before the backoff has passed nothing is tried.
    expect(await deliverPendingMail({ send, now: new Date(t0.getTime() + 30_000) })).toEqual({ sent: 0, failed: 0 });

    const smtp = await startSmtpServer(port);
    running.push(smtp);
    expect(await deliverPendingMail({ send, now: new Date(t0.getTime() + retryDelayMs(1)) })).toEqual({ sent: 3, failed: 0 });
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(["Anden", "Første", "Tredje"]);
    expect(smtp.messages[0]!.to).toEqual(["hr@nordbyg.example"]);
    expect(smtp.messages.find((m) => m.subject === "Første")!.text.trim()).toBe("Brødtekst for Første");
    expect(await row("Første")).toMatchObject({ attempts: 2, lastError: null });
    expect((await row("Første")).sentAt).not.toBeNull();

    // Sent is sent: a later run sends nothing again.
    expect(await deliverPendingMail({ send, now: new Date(t0.getTime() + 3_600_000) })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(3);
  });

  it("backs off exponentially and parks a message for the administrator after the last attempt", async () => {
    const port = await freePort();
    const send = smtpSender(`smtp://127.0.0.1:${port}`, FROM);
    let now = new Date("2026-11-24T06:00:00Z");
    await queue("Opgivet", now);
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      expect(await deliverPendingMail({ send, now })).toEqual({ sent: 0, failed: 1 });
      const next = new Date((await row("Opgivet")).nextAttemptAt);
      gaps.push((next.getTime() - now.getTime()) / 60_000);
      now = next;
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16, 32, 64, 64]);
    expect((await row("Opgivet")).failedAt).not.toBeNull();
    // Parked: the worker leaves it alone however late it gets.
    expect(await deliverPendingMail({ send, now: new Date(now.getTime() + 86_400_000) })).toEqual({ sent: 0, failed: 0 });

    const listed = await listUndeliveredMail({ scope: { companyId: nordbygId } });
    expect(listed.map((m) => m.subject)).toEqual(["Opgivet"]);
    expect(listed[0]).toMatchObject({ attempts: MAX_MAIL_ATTEMPTS, toAddress: "hr@nordbyg.example" });
    expect(await listUndeliveredMail({ scope: { companyId: solskinId } })).toEqual([]);
    expect(await listUndeliveredMail({ scope: { municipalityCode: 751 } })).toEqual([]);

    // Another organisation's administrator cannot touch it; its own can send it again.
    await expect(requeueMail({ userId: 1, scope: { companyId: solskinId }, messageId: (await row("Opgivet")).id })).rejects.toThrow("findes ikke");
    const smtp = await startSmtpServer(port);
    running.push(smtp);
    const later = new Date(now.getTime() + 86_400_000);
    await requeueMail({ userId: 1, scope: { companyId: nordbygId }, messageId: (await row("Opgivet")).id, now: later });
    expect(await deliverPendingMail({ send, now: later })).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages.map((m) => m.subject)).toEqual(["Opgivet"]);
    expect(await listUndeliveredMail({ scope: { companyId: nordbygId } })).toEqual([]);
  });

  it("cuts the token out of a reset link once the message is given up, and will not send it again without one", async () => {
    const port = await freePort();
    const send = smtpSender(`smtp://127.0.0.1:${port}`, FROM);
    const token = "Q".repeat(20) + "_-" + "w".repeat(21);
    let now = new Date("2026-11-24T06:00:00Z");
    await runTx(async (tx) =>
      await enqueueMail(tx, { kind: "password-reset", to: "hr@nordbyg.example", subject: "Link", body: `Vælg her:\nhttps://fasthold.test/nulstil/${token}\n`, scope: { companyId: nordbygId } }, now),
    );
    for (let attempt = 1; attempt < MAX_MAIL_ATTEMPTS; attempt++) {
      await deliverPendingMail({ send, now });
      // While it is still being retried the link must stay whole.
      expect((await row("Link")).body).toContain(token);
      now = new Date((await row("Link")).nextAttemptAt);
    }
    await deliverPendingMail({ send, now });
    expect((await row("Link")).failedAt).not.toBeNull();
    expect((await row("Link")).body).toBe("Vælg her:\nhttps://fasthold.test/nulstil/[fjernet efter afsendelse]\n");
    expect(await tablesContaining(token)).toEqual([]);
    await expect(requeueMail({ userId: 1, scope: { companyId: nordbygId }, messageId: (await row("Link")).id })).rejects.toThrow(ValidationError);
    expect((await row("Link")).failedAt).not.toBeNull();
  });

  it("writes an .eml file when no SMTP server is configured", async () => {
    // A mail folder from before, made with the usual umask: tightened to the owner at the next message.
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-mail-")), "mail");
    fs.mkdirSync(dir, { mode: 0o755 });
    const log = console.log;
    const logged: string[] = [];
    console.log = (...args: unknown[]) => logged.push(args.join(" "));
    try {
      await queue("Til fil", new Date("2026-11-24T06:00:00Z"));
      expect(await deliverPendingMail({ send: fileSender(dir, FROM), now: new Date("2026-11-24T06:00:00Z") })).toEqual({ sent: 1, failed: 0 });
    } finally {
      console.log = log;
    }
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(fs.readFileSync(path.join(dir, files[0]!)));
    expect(parsed.subject).toBe("Til fil");
    expect(parsed.text?.trim()).toBe("Brødtekst for Til fil");
    expect(logged.join("\n")).toContain(path.join(dir, files[0]!));
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(dir, files[0]!)).mode & 0o777).toBe(0o600);
  });
});
