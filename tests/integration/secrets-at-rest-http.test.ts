/**
 * Secrets at rest through the running app: once a reset or invitation e-mail is sent, no table
 * holds a working token (the link still works: only its hash is needed), and a guessable new
 * password is refused at its field wherever a password is set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, signedIn } from "../support/http";
import { tablesContaining } from "../support/db-scan";
import { startServer, type RunningServer } from "../support/server";
import { linkIn, startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { queryOne } from "../support/test-db";

let server: RunningServer;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startServer({ SMTP_URL: smtp.url, MAIL_POLL_MS: "100", PUBLIC_URL: "https://fasthold.test", DIGEST_TIME: "23:59" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

function inDatabase(secret: string): Promise<string[]> {
  return tablesContaining(secret, server);
}

/** The outbox row of the newest message to the address, once the worker has marked it sent. */
async function sentRow(to: string): Promise<{ body: string }> {
  for (let i = 0; i < 100; i++) {
    const row = await queryOne<{ body: string; sent_at: string | null } | undefined>(server, "select body, sent_at from outbox where to_address = ? order by id desc limit 1", to);
    if (row?.sent_at) return row;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no sent message to ${to}`);
}

const WEAK_MESSAGE = "Adgangskoden er for let at gætte.";

describe("reset links at rest", () => {
  it("keeps no working reset token in any table once the e-mail is sent, and the link still works", async () => {
    await new HttpClient(server.baseUrl).postForm("/glemt-adgangskode", { email: "hr@solskin.example" });
    const mail = await smtp.waitFor((m) => m.to.includes("hr@solskin.example") && m.subject.startsWith("Nulstil"));
    const link = new URL(linkIn(mail.text, "/nulstil/")).pathname;
    const token = link.split("/").pop()!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await sentRow("hr@solskin.example");
    expect(row.body).toContain("https://fasthold.test/nulstil/[fjernet efter afsendelse]");
    expect(await inDatabase(token)).toEqual([]);

    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.get(link)).status).toBe(200);
    // A guessable password is refused at its field, in Danish; the link stays unused.
    const weak = await anonymous.postForm(link, { password: "1234567890", passwordRepeat: "1234567890" });
    expect(weak.status).toBe(400);
    const html = await weak.text();
    expect(html).toContain(WEAK_MESSAGE);
    expect(html).toMatch(/id="[^"]*-password-error"[\s\S]{0,80}Adgangskoden er for let at gætte/);
    const done = await anonymous.postForm(link, { password: "grøn-traktor-synger-opera", passwordRepeat: "grøn-traktor-synger-opera" });
    expect([done.status, done.headers.get("location")]).toEqual([302, "/login?nulstillet=1"]);
    expect(await inDatabase(token)).toEqual([]);
  });
});

describe("invitation links at rest", () => {
  it("keeps no working invitation token once sent; a guessable password is refused when the invitation is accepted", async () => {
    const admin = await signedIn(server.baseUrl, "hr@nordbyg.example");
    await admin.postForm("/brugere", { intent: "invite", name: "Lea Larsen", email: "lea@nordbyg.example" });
    const mail = await smtp.waitFor((m) => m.to.includes("lea@nordbyg.example"));
    const link = new URL(linkIn(mail.text, "/invitation/")).pathname;
    const token = link.split("/").pop()!;
    await sentRow("lea@nordbyg.example");
    expect(await inDatabase(token)).toEqual([]);

    const anonymous = new HttpClient(server.baseUrl);
    for (const weak of ["1234567890", "lea@nordbyg.example", "Nordbyg2026!"]) {
      const res = await anonymous.postForm(link, { name: "Lea Larsen", password: weak, passwordRepeat: weak });
      expect(res.status, weak).toBe(400);
      expect(await res.text(), weak).toContain(WEAK_MESSAGE);
    }
    const accepted = await anonymous.postForm(link, { name: "Lea Larsen", password: "blå-kamel-drikker-kakao", passwordRepeat: "blå-kamel-drikker-kakao" });
    expect([accepted.status, accepted.headers.get("location")]).toEqual([302, "/login?oprettet=1"]);
  });
});

describe("changing a password on the account page", () => {
  it("refuses a guessable new password at its field and keeps the old one", async () => {
    const hr = await signedIn(server.baseUrl, "koebenhavn@jobcenter.example");
    const res = await hr.postForm("/konto", { intent: "password", currentPassword: "demo-fasthold", password: "qwertyuiop", passwordRepeat: "qwertyuiop" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(WEAK_MESSAGE);
    expect((await hr.get("/jobcenter")).status).toBe(200);
    await new HttpClient(server.baseUrl).login("koebenhavn@jobcenter.example");
  });
});
