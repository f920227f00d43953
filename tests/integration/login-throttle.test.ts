import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, migrateEngine, one } from "~db/client.server";
import { auditLog, outbox, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { requestPasswordReset, resetPassword } from "~/models/account.server";
import { checkCredentials, type LoginResult } from "~/models/user.server";
import { PasswordHashBusyError } from "~/utils/password.server";
import { ACCOUNT_FIRST_BLOCK_SECONDS, MAX_ACCOUNT_ATTEMPTS, MAX_FAILED_LOGINS } from "~/utils/throttle.server";

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData("2026-11-24");
});

afterEach(() => {
  vi.useRealTimers();
});

type Outcome = LoginResult["status"] | "busy";

async function attempt(email: string, password: string, clientAddress: string): Promise<Outcome> {
  try {
    return (await checkCredentials({ email, password, clientAddress })).status;
  } catch (error) {
    if (error instanceof PasswordHashBusyError) return "busy";
    throw error;
  }
}

async function failedLoginRows(email: string) {
  return (await getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "login.failed")))
    .filter((r) => JSON.parse(r.details ?? "{}").email === email);
}

function count(outcomes: Outcome[], status: Outcome): number {
  return outcomes.filter((o) => o === status).length;
}

describe("login throttle", () => {
  it("checks at most 10 of 30 parallel wrong passwords, and refuses the right one sent in the same burst", async () => {
    const email = "hr@solskin.example";
    const burst = [
      ...Array.from({ length: 30 }, (_, i) => attempt(email, `forkert-${i}`, "10.9.0.1")),
      attempt(email, "demo-fasthold", "10.9.0.1"),
    ];
    const outcomes = await Promise.all(burst);
    expect(outcomes.at(-1)).toBe("throttled");
    expect(count(outcomes, "ok")).toBe(0);
    // Counted before the check: the attempts beyond the limit never reach the password hash.
    expect(count(outcomes, "invalid") + count(outcomes, "busy")).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
    expect(count(outcomes, "throttled")).toBeGreaterThanOrEqual(31 - MAX_FAILED_LOGINS);
    expect((await failedLoginRows(email)).length).toBeLessThanOrEqual(MAX_FAILED_LOGINS);
  }, 90_000);

  it("records each checked failure in the audit log with the client address, never the password", async () => {
    expect(await attempt("aarhus@jobcenter.example", "hemmeligt-gæt-1", "10.9.1.7")).toBe("invalid");
    expect(await attempt("ingen@jobcenter.example", "hemmeligt-gæt-2", "10.9.1.8")).toBe("invalid");
    const known = await failedLoginRows("aarhus@jobcenter.example");
    const aarhusId = (await one(getDb().select().from(users).where(eq(users.email, "aarhus@jobcenter.example")).limit(1)))!.id;
    expect(known).toHaveLength(1);
    expect(known[0]).toMatchObject({ userId: aarhusId, action: "login.failed" });
    expect(JSON.parse(known[0]!.details!)).toEqual({ email: "aarhus@jobcenter.example", clientAddress: "10.9.1.7", reason: "wrong-password" });
    const unknown = await failedLoginRows("ingen@jobcenter.example");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.userId).toBeNull();
    expect(JSON.parse(unknown[0]!.details!)).toMatchObject({ clientAddress: "10.9.1.8", reason: "unknown-email" });
    const everything = JSON.stringify(await getDb().select().from(auditLog));
    expect(everything).not.toContain("hemmeligt-gæt");
  });

  it("slows an attacker with many addresses: the account is blocked after 20 attempts, 15 minutes, then 30", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-24T09:00:00Z"));
    const email = "koebenhavn@jobcenter.example";
    // One address each: the per-address limit never applies, only the account's ceiling.
    for (let i = 0; i < MAX_ACCOUNT_ATTEMPTS; i++) expect(await attempt(email, `gæt-${i}`, `10.8.0.${i}`)).toBe("invalid");
    const first = await checkCredentials({ email, password: "demo-fasthold", clientAddress: "10.8.1.1" });
    expect(first).toEqual({ status: "throttled", retryAfterSeconds: ACCOUNT_FIRST_BLOCK_SECONDS, scope: "account" });
    expect(await attempt(email, "demo-fasthold", "10.8.1.2")).toBe("throttled");
    const blocked = await getDb().select().from(auditLog).where(eq(auditLog.action, "login.account-blocked"));
    expect(blocked.map((r) => JSON.parse(r.details!))).toEqual([{ email, clientAddress: "10.8.1.1", blockSeconds: ACCOUNT_FIRST_BLOCK_SECONDS }]);

    // The block ends: the real user gets in.
    vi.setSystemTime(new Date(Date.now() + (ACCOUNT_FIRST_BLOCK_SECONDS + 1) * 1000));
    expect(await attempt(email, "demo-fasthold", "10.8.1.3")).toBe("ok");
    // The attack goes on: the second block within a day lasts twice as long.
    for (let i = 0; i < MAX_ACCOUNT_ATTEMPTS; i++) await attempt(email, `gæt-igen-${i}`, `10.8.2.${i}`);
    const second = await checkCredentials({ email, password: "demo-fasthold", clientAddress: "10.8.3.1" });
    expect(second).toEqual({ status: "throttled", retryAfterSeconds: 2 * ACCOUNT_FIRST_BLOCK_SECONDS, scope: "account" });
    // 42 deliberate password hashes at low CPU priority: minutes when the machine is busy.
  }, 300_000);

  it("lets the owner of a blocked account in at once through a password reset", async () => {
    const email = "hr@nordbyg.example";
    for (let i = 0; i < MAX_ACCOUNT_ATTEMPTS; i++) await attempt(email, `gæt-${i}`, `10.7.0.${i}`);
    expect(await attempt(email, "demo-fasthold", "10.7.1.1")).toBe("throttled");
    await requestPasswordReset({ email, clientAddress: "10.7.1.1" });
    const mail = (await one(getDb().select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.kind, "password-reset"))).limit(1)))!;
    const token = /\/nulstil\/([A-Za-z0-9_-]{43})/.exec(mail.body)![1];
    expect((await resetPassword({ token, password: "blæksprutte-på-cykeltur" })).status).toBe("valid");
    expect(await attempt(email, "blæksprutte-på-cykeltur", "10.7.1.1")).toBe("ok");
  }, 300_000);
});
