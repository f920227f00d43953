import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, runTx } from "~db/client.server";
import { auditLog, sessions, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { checkCredentials, endSession, findSessionUser, startSession } from "~/models/user.server";
import { getSessionUser } from "~/models/auth.server";
import { readSessionId, serializeSessionCookie } from "~/utils/session.server";
import { hashPassword } from "~/utils/password.server";
import { hashSecret } from "~/utils/tokens.server";
import { tablesContaining } from "../support/db-scan";

let userId: number;

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData("2026-11-24");
  userId = (await one(getDb().select().from(users).where(eq(users.email, "hr@nordbyg.example")).limit(1)))!.id;
});

describe("sessions", () => {
  it("stores the password as scrypt with its parameters (16 MiB: N = 2^14, r = 8, p = 5), never in clear", async () => {
    const hash = (await one(getDb().select().from(users).where(eq(users.id, userId)).limit(1)))!.passwordHash;
    // Seeded at the tests' cheap cost (tests/support/setup-file.ts); the parameters travel in the hash.
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hash).not.toContain("demo-fasthold");
    // Outside the tests, a hash costs 16 MiB.
    delete process.env.FASTHOLD_TEST_FAST_HASH;
    try {
      expect(await hashPassword("demo-fasthold")).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    } finally {
      process.env.FASTHOLD_TEST_FAST_HASH = "1";
    }
  });

  it("accepts the right password and refuses a wrong one", async () => {
    expect(await checkCredentials({ email: "HR@nordbyg.example ", password: "demo-fasthold", clientAddress: "10.0.0.1" })).toMatchObject({ status: "ok" });
    expect(await checkCredentials({ email: "hr@nordbyg.example", password: "demo-fasthold ", clientAddress: "10.0.0.1" })).toEqual({ status: "invalid" });
  });

  it("throttles one e-mail from one address after 10 failures, but not other addresses", async () => {
    for (let i = 0; i < 10; i++) await checkCredentials({ email: "hr@solskin.example", password: "x", clientAddress: "10.0.0.2" });
    const blocked = await checkCredentials({ email: "hr@solskin.example", password: "demo-fasthold", clientAddress: "10.0.0.2" });
    expect(blocked.status).toBe("throttled");
    expect(await checkCredentials({ email: "hr@solskin.example", password: "demo-fasthold", clientAddress: "10.0.0.3" })).toMatchObject({ status: "ok" });
    // Twelve deliberate password hashes: seconds each when the machine is busy.
  }, 90_000);

  it("gives a fresh id at every login and revokes the browser's previous session", async () => {
    const first = await startSession({ userId, previousSessionId: null });
    const second = await startSession({ userId, previousSessionId: first });
    expect(second).not.toBe(first);
    expect(await findSessionUser({ sessionId: first })).toBeNull();
    expect((await findSessionUser({ sessionId: second }))?.email).toBe("hr@nordbyg.example");
  });

  it("reads a signed cookie once verified, still refuses a tampered one, and ends a logged-out session at once", async () => {
    const id = await startSession({ userId, previousSessionId: null });
    const cookie = (await serializeSessionCookie(id)).split(";")[0]!;
    const asking = (header: string) => new Request("http://localhost/virksomhed", { headers: { Cookie: header } });
    expect(await readSessionId(asking(cookie))).toBe(id);
    // The second request with the same header is answered from the verified headers.
    expect(await readSessionId(asking(cookie))).toBe(id);
    const signature = cookie.slice(cookie.lastIndexOf(".") + 1);
    const otherSignature = `${signature.slice(0, 4)}${signature[4] === "A" ? "B" : "A"}${signature.slice(5)}`;
    expect(await readSessionId(asking(cookie.replace(signature, otherSignature)))).toBeNull();
    const unsigned = `__session=${encodeURIComponent(btoa(JSON.stringify(id)))}`;
    expect(await readSessionId(asking(unsigned))).toBeNull();
    expect((await getSessionUser(asking(cookie)))?.email).toBe("hr@nordbyg.example");
    await endSession({ sessionId: id });
    expect(await getSessionUser(asking(cookie))).toBeNull();
  });

  it("ends a session after 8 hours without a request", async () => {
    const start = new Date("2026-11-24T08:00:00Z");
    const id = await startSession({ userId, previousSessionId: null, now: start });
    expect(await findSessionUser({ sessionId: id, now: new Date("2026-11-24T09:00:00Z") })).not.toBeNull();
    // The request at 09:00 refreshed the idle clock: 16:59 is 7 h 59 min later.
    expect(await findSessionUser({ sessionId: id, now: new Date("2026-11-24T16:59:00Z") })).not.toBeNull();
    expect(await findSessionUser({ sessionId: id, now: new Date("2026-11-25T01:00:00Z") })).toBeNull();
  });

  it("ends a session 12 hours after login however busy it is (its created time moved back)", async () => {
    const id = await startSession({ userId, previousSessionId: null });
    const moveCreated = async (hoursAgo: number) =>
      await runTx(async (tx) => await tx
        .update(sessions)
        .set({ createdAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(), lastSeenAt: new Date().toISOString() })
        .where(eq(sessions.id, hashSecret(id))));
    await moveCreated(11.9);
    expect((await findSessionUser({ sessionId: id }))?.email).toBe("hr@nordbyg.example");
    await moveCreated(12.1);
    // Used a moment ago, so the idle timeout has not run out: the absolute lifetime ends it.
    expect(await findSessionUser({ sessionId: id })).toBeNull();
  });

  it("keeps only the SHA-256 of a session id: no table holds the cookie's value", async () => {
    const id = await startSession({ userId, previousSessionId: null });
    const rows = await getDb().select().from(sessions);
    expect(rows.map((r) => r.id)).toContain(crypto.createHash("sha256").update(id).digest("hex"));
    for (const r of rows) expect(r.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await tablesContaining(id)).toEqual([]);
    // The scan itself finds what is there: the hash, in the sessions table.
    expect(await tablesContaining(hashSecret(id))).toContain("sessions.id");
    // The stored value is no cookie: presented as one, it finds nobody.
    expect(await findSessionUser({ sessionId: hashSecret(id) })).toBeNull();
    expect((await findSessionUser({ sessionId: id }))?.email).toBe("hr@nordbyg.example");
  });

  it("logs login and logout in the audit log with the session change", async () => {
    const id = await startSession({ userId, previousSessionId: null });
    await endSession({ sessionId: id });
    expect((await one(getDb().select().from(sessions).where(eq(sessions.id, hashSecret(id))).limit(1)))!.revokedAt).not.toBeNull();
    const actions = (await getDb().select().from(auditLog).where(eq(auditLog.userId, userId))).map((a) => a.action);
    expect(actions).toContain("login");
    expect(actions).toContain("logout");
    expect(await findSessionUser({ sessionId: id })).toBeNull();
  });
});
