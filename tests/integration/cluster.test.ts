/**
 * The server as a cluster (server.mjs with WEB_CONCURRENCY=2): a primary that holds the
 * database claim, listens, and hands the connections to two server processes in turn. Most
 * requests here go over a new connection each: what one process counts or queues, the other
 * must see.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockFileFor } from "../../scripts/db-lock.mjs";
import { childrenOf, connectionsHeldBy } from "../support/proc.mjs";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ WEB_CONCURRENCY: "2", MAIL_POLL_MS: "200", MAX_CONNECTIONS_PER_ADDRESS: "12" });
});

afterAll(async () => {
  await server?.stop();
});

/** A form post on a connection of its own (no keep-alive), as a separate browser would send it. */
function postOnNewConnection(pathname: string, fields: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(pathname, server.baseUrl);
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          Origin: server.baseUrl,
          "Sec-Fetch-Site": "same-origin",
          Connection: "close",
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function waitFor<T>(probe: () => T | undefined | false, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a cluster of two server processes", () => {
  it("hands eight keep-alive connections opened at once to the two processes four and four", async () => {
    const port = Number(new URL(server.baseUrl).port);
    const [a, b] = childrenOf(server.pid);
    const before = [connectionsHeldBy(a!, port), connectionsHeldBy(b!, port)];
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 8 }, () =>
          new Promise<number>((resolve, reject) => {
            http.get(new URL("/login", server.baseUrl), { agent }, (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            }).on("error", reject);
          }),
        ),
      );
      expect(statuses).toEqual(Array(8).fill(200));
      const held = [connectionsHeldBy(a!, port) - before[0]!, connectionsHeldBy(b!, port) - before[1]!];
      expect(held).toEqual([4, 4]);
    } finally {
      agent.destroy();
    }
  });

  it("caps one address's open connections across both processes; a closed one frees its place", async () => {
    const port = Number(new URL(server.baseUrl).port);
    /** A keep-alive connection that has had one answer, or the first answer of a refused one. */
    const connect = (close: boolean) =>
      new Promise<{ socket: net.Socket; answer: string }>((resolve) => {
        const socket = net.connect(port, "127.0.0.1", () => socket.write(`GET /login HTTP/1.1\r\nHost: localhost\r\n${close ? "Connection: close\r\n" : ""}\r\n`));
        let answer = "";
        socket.on("error", () => {});
        socket.on("data", (d: Buffer) => {
          answer += d.toString("utf8");
          if (/<\/html>|\r\n\r\nFor mange/.test(answer)) resolve({ socket, answer });
        });
        socket.on("close", () => resolve({ socket, answer }));
      });
    // The earlier tests' connections must be gone first: the primary counts a connection until its
    // process reports it closed, which on a loaded machine can come a moment after the socket closed.
    const [first, second] = childrenOf(server.pid);
    await expect.poll(() => connectionsHeldBy(first!, port) + connectionsHeldBy(second!, port), { timeout: 10_000 }).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const held = await Promise.all(Array.from({ length: 12 }, () => connect(false)));
    try {
      expect(held.map((h) => h.answer.slice(0, 15))).toEqual(Array(12).fill("HTTP/1.1 200 OK"));
      const [a, b] = childrenOf(server.pid);
      // Both processes hold some of them: only the primary could count them all.
      expect(connectionsHeldBy(a!, port)).toBeGreaterThan(0);
      expect(connectionsHeldBy(b!, port)).toBeGreaterThan(0);
      const refused = await connect(false);
      expect(refused.answer).toMatch(/^HTTP\/1\.1 429/);
      expect(refused.answer).toContain("For mange samtidige forbindelser fra din adresse.");
      held[0]!.socket.destroy();
      held[1]!.socket.destroy();
      await new Promise((r) => setTimeout(r, 300));
      const again = await connect(true);
      expect(again.answer).toMatch(/^HTTP\/1\.1 200/);
    } finally {
      for (const h of held) h.socket.destroy();
    }
  });

  it("starts two processes under one primary and prints the demo logins once", () => {
    expect(childrenOf(server.pid)).toHaveLength(2);
    expect(server.output()).toContain("Processer: 2");
    expect(server.output().match(/Demologins/g)).toHaveLength(1);
  });

  it("counts failed logins across the processes: the 11th attempt is refused whichever process answers", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await postOnNewConnection("/login", { email: "hr@nordbyg.example", password: `forkert-${i}` });
      expect(res.status).toBe(400);
    }
    for (let i = 0; i < 2; i++) {
      const blocked = await postOnNewConnection("/login", { email: "hr@nordbyg.example", password: "demo-fasthold" });
      expect(blocked.status).toBe(429);
      expect(blocked.body).toContain("For mange mislykkede forsøg");
    }
  });

  it("sends mail queued by either process: one process runs the mail worker", async () => {
    const mailDir = path.join(path.dirname(server.databasePath), "mail");
    const resetMailTo = (email: string) =>
      fs.existsSync(mailDir) &&
      fs.readdirSync(mailDir).some((f) => f.includes(email) && fs.readFileSync(path.join(mailDir, f), "utf8").includes("Nulstil din adgangskode"));
    for (const email of ["hr@solskin.example", "aarhus@jobcenter.example"]) {
      const res = await postOnNewConnection("/glemt-adgangskode", { email });
      expect([res.status, res.headers.location]).toEqual([302, "/glemt-adgangskode?sendt=1"]);
    }
    await waitFor(() => resetMailTo("hr@solskin.example") && resetMailTo("aarhus@jobcenter.example"), "both reset mails");
  });

  it("refuses a second server on the same database while the cluster holds it", async () => {
    await expect(startServer({ WEB_CONCURRENCY: "2" }, { databasePath: server.databasePath })).rejects.toThrow(/bruges allerede af en anden proces/);
    expect(childrenOf(server.pid)).toHaveLength(2);
  });

  it("replaces a server process that dies, and keeps answering", async () => {
    const [victim] = childrenOf(server.pid);
    process.kill(victim!, "SIGKILL");
    const replaced = await waitFor(() => {
      const now = childrenOf(server.pid);
      return now.length === 2 && !now.includes(victim!) && now;
    }, "a replacement process");
    expect(replaced).toHaveLength(2);
    expect(server.output()).toContain("stoppede uventet");
    await waitFor(() => server.output().match(/Processer: 2/g)?.length === 1 && true, "the start lines printed only once");
    for (let i = 0; i < 4; i++) {
      const res = await postOnNewConnection("/login", { email: "hr@solskin.example", password: "demo-fasthold" });
      expect(res.status).toBe(302);
    }
  });

  it("stops every process and gives the database free on SIGTERM", async () => {
    const workers = childrenOf(server.pid);
    await server.stop();
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    expect(fs.existsSync(lockFileFor(server.databasePath))).toBe(false);
  });
});
