/**
 * The running app while its mail server is down: the e-mail waits in the
 * outbox, the administrator of the right organisation sees it, and it arrives
 * once the server is back and the administrator sends it again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { queryOne } from "../support/test-db";
import { freePort, linkIn, startSmtpServer, type TestSmtpServer } from "../support/smtp";

let server: RunningServer;
let smtp: TestSmtpServer | undefined;
let port: number;

function outboxRow(kind: string) {
  return queryOne<{ id: number; attempts: number; lastError: string | null; sentAt: string | null } | undefined>(
    server,
    "select id, attempts, last_error as lastError, sent_at as sentAt from outbox where kind = ? order by id",
    kind,
  );
}

async function until<T>(read: () => Promise<T | undefined>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (v !== undefined && ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  port = await freePort();
  server = await startServer({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_POLL_MS: "100" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("a mail server outage", () => {
  it("keeps the e-mail, shows it to its organisation's administrator, and delivers it when the server is back", async () => {
    await new HttpClient(server.baseUrl).postForm("/glemt-adgangskode", { email: "hr@solskin.example" });
    const failed = await until(() => outboxRow("password-reset"), (r) => r.attempts >= 1);
    expect(failed.sentAt).toBeNull();
    expect(failed.lastError).toMatch(/ECONNREFUSED/);

    const solskin = await signedIn(server.baseUrl, "hr@solskin.example");
    const page = await (await solskin.get("/brugere")).text();
    expect(page).toContain("E-mails der ikke er kommet frem");
    expect(page).toContain("Nulstilling af adgangskode");
    expect(page).toContain("Send igen til hr@solskin.example");
    const nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
    expect(await (await nordbyg.get("/brugere")).text()).not.toContain("Nulstilling af adgangskode");
    expect((await nordbyg.postForm("/brugere", { intent: "requeue", messageId: String(failed.id) })).status).toBe(404);

    smtp = await startSmtpServer(port);
    const again = await solskin.postForm("/brugere", { intent: "requeue", messageId: String(failed.id) });
    expect([again.status, again.headers.get("location")]).toEqual([302, "/brugere?gemt=requeue"]);
    const mail = await smtp.waitFor((m) => m.to.includes("hr@solskin.example") && m.subject.startsWith("Nulstil"));
    expect(linkIn(mail.text, "/nulstil/")).toMatch(/\/nulstil\/[A-Za-z0-9_-]{43}$/);
    await until(() => outboxRow("password-reset"), (r) => r.sentAt !== null);
    expect(smtp.messages.filter((m) => m.subject.startsWith("Nulstil"))).toHaveLength(1);
  });
});
