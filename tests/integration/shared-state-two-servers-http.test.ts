/**
 * Two built servers (node server.mjs) in PostgreSQL mode, as two machines behind a load balancer
 * (issue 27, docs/decisions/014): the login and reset throttles count across both, exactly one
 * runs the mail worker and each e-mail goes out once, and when that server is killed the other
 * takes over the mail. Neither server writes a claim file: both run on the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../support/http";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";
import { startServer, type RunningServer } from "../support/server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";

const TOOK_JOBS = "Denne server kører nu baggrundsjobbene";

/** Reset links only: the daily digest goes out too, at its own time. */
const resetMailTo = (to: string) => (m: ReceivedMail) => m.to.includes(to) && m.subject.startsWith("Nulstil");

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await wait(20);
  }
}

describe.skipIf(!postgresAvailable())("two servers on one PostgreSQL database", () => {
  let postgres: RunningPostgres;
  let smtp: TestSmtpServer;
  let env: Record<string, string>;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    postgres = await startPostgres();
    smtp = await startSmtpServer();
    env = {
      DATABASE_URL: await postgres.createDatabase(),
      SESSION_SECRET: "shared-secret-of-both-servers-".padEnd(48, "x"),
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: "200",
      LEADERSHIP_POLL_MS: "200",
    };
    const first = await startServer(env);
    servers.push(first);
    servers.push(await startServer(env, { databasePath: first.databasePath }));
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await smtp?.stop();
    await postgres?.stop();
  });

  const server = (i: number) => servers[i % 2]!;
  const post = (i: number, pathname: string, fields: Record<string, string>) => new HttpClient(server(i).baseUrl).postForm(pathname, fields);

  it("refuses to start in PostgreSQL mode without SESSION_SECRET", async () => {
    const { SESSION_SECRET: _unused, ...withoutSecret } = env;
    await expect(startServer(withoutSecret)).rejects.toThrow(/exited with code 1[\s\S]*SESSION_SECRET: skal sættes/);
  });

  it("blocks the 11th wrong password on either server after 10 split over both", async () => {
    for (let i = 0; i < 10; i++) expect((await post(i, "/login", { email: "hr@solskin.example", password: `forkert-${i}` })).status).toBe(400);
    for (const i of [0, 1]) {
      const refused = await post(i, "/login", { email: "hr@solskin.example", password: "demo-fasthold" });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
  });

  it("runs the mail worker on one server only, sends each e-mail once, and counts reset requests across both", async () => {
    await until(() => servers.filter((s) => s.output().includes(TOOK_JOBS)).length === 1, 10_000);
    // Four requests for one e-mail from one address, alternating servers: the limit is three an hour.
    for (let i = 0; i < 4; i++) expect((await post(i, "/glemt-adgangskode", { email: "hr@nordbyg.example" })).status).toBe(302);
    await until(() => smtp.messages.filter(resetMailTo("hr@nordbyg.example")).length >= 3, 10_000);
    // Several polls of both servers later: no copy, and not a fourth.
    await wait(1_500);
    expect(smtp.messages.filter(resetMailTo("hr@nordbyg.example"))).toHaveLength(3);
    expect(servers.filter((s) => s.output().includes(TOOK_JOBS))).toHaveLength(1);
    // Nor any other message twice (the day's digests went out meanwhile, from the same one server).
    const sent = smtp.messages.map((m) => `${m.to.join(",")}\n${m.subject}\n${m.text}`);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it("hands the mail worker to the other server when the leader is killed", async () => {
    const leader = servers.findIndex((s) => s.output().includes(TOOK_JOBS));
    const survivor = 1 - leader;
    await servers[leader]!.kill("SIGKILL");
    await until(() => servers[survivor]!.output().includes(TOOK_JOBS), 3_000);
    expect((await post(survivor, "/glemt-adgangskode", { email: "aarhus@jobcenter.example" })).status).toBe(302);
    await smtp.waitFor(resetMailTo("aarhus@jobcenter.example"), 10_000);
    expect(smtp.messages.filter(resetMailTo("aarhus@jobcenter.example"))).toHaveLength(1);
  });
});
