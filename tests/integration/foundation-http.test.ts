import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

describe("start", () => {
  it("exits with code 1 and a clear message when a variable is wrong", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync(process.execPath, ["server.mjs"], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH, PORT: "not-a-port", DATABASE_PATH: server.databasePath } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Ugyldig konfiguration");
    expect(r.stderr).toContain("PORT");
  });

  it("prints the demo logins", () => {
    expect(server.output()).toContain("hr@nordbyg.example");
    expect(server.output()).toContain("koebenhavn@jobcenter.example");
  });
});

describe("login and roles", () => {
  it("sends an anonymous visitor to the login page with a local redirectTo", async () => {
    const res = await new HttpClient(server.baseUrl).get("/virksomhed/medarbejdere?q=a");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fvirksomhed%2Fmedarbejdere%3Fq%3Da");
  });

  it("lands an HR user on /virksomhed and a jobcenter user on /jobcenter", async () => {
    const hr = new HttpClient(server.baseUrl);
    expect((await hr.login("hr@nordbyg.example")).headers.get("location")).toBe("/virksomhed");
    const jc = new HttpClient(server.baseUrl);
    expect((await jc.login("aarhus@jobcenter.example")).headers.get("location")).toBe("/jobcenter");
  });

  it("answers 403 when a user opens the other kind's pages", async () => {
    const hr = new HttpClient(server.baseUrl);
    await hr.login("hr@solskin.example");
    expect((await hr.get("/jobcenter")).status).toBe(403);
    const jc = new HttpClient(server.baseUrl);
    await jc.login("koebenhavn@jobcenter.example");
    expect((await jc.get("/virksomhed")).status).toBe(403);
  });

  it("follows only local redirectTo paths", async () => {
    const hr = new HttpClient(server.baseUrl);
    const res = await hr.postForm("/login", { email: "hr@nordbyg.example", password: "demo-fasthold", redirectTo: "//evil.example/x" });
    expect(res.headers.get("location")).toBe("/virksomhed");
  });

  it("logs out by POST and the old session no longer works", async () => {
    const hr = new HttpClient(server.baseUrl);
    await hr.login("hr@nordbyg.example");
    const cookieBefore = (hr as unknown as { cookies: Map<string, string> }).cookies.get("__session")!;
    expect((await hr.get("/virksomhed")).status).toBe(200);
    expect((await hr.get("/logout")).status).toBe(302);
    expect((await hr.get("/virksomhed")).status).toBe(200);
    const out = await hr.postForm("/logout", {});
    expect(out.status).toBe(302);
    expect((await hr.get("/virksomhed")).status).toBe(302);
    const replay = await fetch(`${server.baseUrl}/virksomhed`, { headers: { Cookie: `__session=${cookieBefore}` }, redirect: "manual" });
    expect(replay.status).toBe(302);
  });

  it("shows the same Danish message for an unknown user and a wrong password", async () => {
    const c = new HttpClient(server.baseUrl);
    const unknown = await c.postForm("/login", { email: "nobody@example.dk", password: "x" });
    const wrong = await c.postForm("/login", { email: "hr@nordbyg.example", password: "wrong" });
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect(await unknown.text()).toContain("Forkert e-mail eller adgangskode.");
    expect(await wrong.text()).toContain("Forkert e-mail eller adgangskode.");
  });
});

describe("static files", () => {
  it("serves the public files and the design system's assets, cached for an hour", async () => {
    for (const [file, type] of [["/app.css", "text/css"], ["/dkfds/js/dkfds.min.js", "javascript"], ["/favicon.svg", "image/svg+xml"]] as const) {
      const res = await fetch(server.baseUrl + file);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-type"), file).toContain(type);
      expect(res.headers.get("cache-control"), file).toBe("public, max-age=3600");
    }
  });
});

describe("security", () => {
  it("answers 429 with Retry-After after 10 failed attempts for one e-mail", async () => {
    const c = new HttpClient(server.baseUrl);
    for (let i = 0; i < 10; i++) {
      const res = await c.postForm("/login", { email: "hr@solskin.example", password: `wrong-${i}` });
      expect(res.status).toBe(400);
    }
    const blocked = await c.postForm("/login", { email: "hr@solskin.example", password: "demo-fasthold" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("For mange mislykkede forsøg");
  });

  it("refuses a POST with a foreign Origin", async () => {
    const c = new HttpClient(server.baseUrl);
    const res = await c.postForm("/login", { email: "hr@nordbyg.example", password: "demo-fasthold" }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(res.status).toBe(403);
    const originOnly = await fetch(`${server.baseUrl}/logout`, { method: "POST", headers: { Origin: "https://evil.example" }, redirect: "manual" });
    expect(originOnly.status).toBe(403);
  });

  it("sets the security headers on pages", async () => {
    const res = await new HttpClient(server.baseUrl).get("/login");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(await res.text()).toContain(`nonce="${nonce}"`);
  });

  it("uses a fresh nonce per request", async () => {
    const c = new HttpClient(server.baseUrl);
    const a = (await c.get("/login")).headers.get("content-security-policy");
    const b = (await c.get("/login")).headers.get("content-security-policy");
    expect(a).not.toBe(b);
  });

  it("sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await new HttpClient(server.baseUrl).postForm("/login", { email: "hr@nordbyg.example", password: "demo-fasthold" });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Max-Age=43200/i);
  });

  it("answers unknown addresses with a Danish 404 page", async () => {
    const res = await new HttpClient(server.baseUrl).get("/findes-ikke");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Siden findes ikke");
  });
});

describe("pages on the wire", () => {
  /** A plain GET without Accept-Encoding, as node:http sends it (fetch always asks for gzip). */
  function rawGet(path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      http
        .get(`${server.baseUrl}${path}`, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
        .on("error", reject);
    });
  }

  it("sends a page in one piece with its length, and its æ, ø and å as UTF-8", async () => {
    for (const path of ["/login", "/findes-ikke"]) {
      const res = await rawGet(path);
      expect(res.headers["transfer-encoding"]).toBeUndefined();
      expect(Number(res.headers["content-length"])).toBe(res.body.length);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      const html = res.body.toString("utf8");
      expect(html.startsWith("<!DOCTYPE html><html")).toBe(true);
      expect(html).toMatch(/[æøå]/);
    }
  });

  it("still compresses a page for a client that accepts gzip", async () => {
    const res = await fetch(`${server.baseUrl}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(await res.text()).toContain("Log ind");
  });
});
