/**
 * The limits on every request, against the built server (issue 19): bodies over their cap
 * answer 413 before they are read (also chunked, also with a query string), multipart and
 * forms are capped in fields, slow clients are cut off after seconds, one address holds a
 * bounded number of connections, unknown methods answer 405, the client address comes from
 * a proxy header only when TRUST_PROXY says so, and absolute links come from PUBLIC_URL.
 */
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInCopenhagen } from "~/domain/dates";
import { HttpClient, signedIn } from "../support/http";
import { queryOne, startServer, type RunningServer } from "../support/server";

const today = todayInCopenhagen(new Date());

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

const portOf = (s: RunningServer) => Number(new URL(s.baseUrl).port);

function query<T>(s: RunningServer, sql: string, ...params: unknown[]): Promise<T> {
  return queryOne<T>(s, sql, ...params);
}

/** The server's peak resident memory so far, in MB (VmHWM). */
function peakMemoryMb(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}

interface RawAnswer {
  text: string;
  closed: boolean;
  ms: number;
}

/**
 * Bytes over a socket of their own, as a broken or hostile client sends them; `trickle`
 * sends more later. Collects the answer until the server closes or `waitMs` passes.
 */
function raw(port: number, bytes: string | Buffer, options: { waitMs?: number; trickle?: { byte: string; everyMs: number } } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    let trickle: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      clearInterval(trickle);
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString("utf8"), closed, ms: Date.now() - started });
    };
    socket.on("data", (d) => chunks.push(d));
    socket.on("error", () => {});
    socket.on("close", () => done(true));
    socket.on("connect", () => {
      socket.write(bytes);
      if (options.trickle) {
        const { byte, everyMs } = options.trickle;
        trickle = setInterval(() => socket.writable && socket.write(byte), everyMs);
      }
    });
    timer = setTimeout(() => done(false), options.waitMs ?? 5000);
  });
}

/**
 * A POST that sends `totalBytes` of form body in 1 MB pieces (declared, or chunked without a
 * Content-Length) and stops sending once the answer arrives.
 */
function bigPost(port: number, pathname: string, totalBytes: number, options: { declared: boolean; contentType?: string }): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "Content-Type": options.contentType ?? "application/x-www-form-urlencoded" };
    if (options.declared) headers["Content-Length"] = totalBytes;
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method: "POST", headers, agent: false });
    const piece = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sent });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < totalBytes) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("a request body over its cap", () => {
  it("a 100 MB POST /login, declared or chunked, answers 413 with a Danish page and the server keeps serving without the memory", async () => {
    const before = peakMemoryMb(server.pid);
    for (const declared of [true, false]) {
      const res = await bigPost(portOf(server), "/login", 100 * 1024 * 1024, { declared });
      expect(res.status, `declared: ${declared}`).toBe(413);
      expect(res.body).toContain('<html lang="da">');
      expect(res.body).toContain("Formularen er for stor: den må højst fylde 1 MB.");
    }
    expect((await fetch(`${server.baseUrl}/login`)).status).toBe(200);
    // The refused bodies were counted and thrown away, never held: holding either would add at least
    // 100 MB. Socket buffers and garbage not yet collected on a loaded machine stay well below that.
    expect(peakMemoryMb(server.pid) - before).toBeLessThan(80);
  }, 60_000);

  it("caps the deadline API at 16 kB with a query string too, chunked or declared, in JSON, without holding the body", async () => {
    const before = peakMemoryMb(server.pid);
    for (const declared of [true, false]) {
      const res = await bigPost(portOf(server), "/api/v1/deadlines?x=1", 100 * 1024 * 1024, { declared, contentType: "application/json" });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual({ errors: { body: ["Forespørgslen må højst fylde 16 kB."] } });
    }
    expect(peakMemoryMb(server.pid) - before).toBeLessThan(40);
    const small = await fetch(`${server.baseUrl}/api/v1/deadlines?x=1`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ firstAbsenceDay: "2026-03-02", pay: "salary", expectedOver8Weeks: true }),
    });
    expect(small.status).toBe(200);
  }, 60_000);

  it("answers 413 to a form with too many fields, multipart or url-encoded, however small", async () => {
    const boundary = "fasthold-parts";
    const parts = Array.from({ length: 300 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join("");
    for (const [contentType, body] of [
      [`multipart/form-data; boundary=${boundary}`, `${parts}--${boundary}--\r\n`],
      ["application/x-www-form-urlencoded", Array.from({ length: 300 }, (_, i) => `f${i}=x`).join("&")],
    ]) {
      const res = await fetch(`${server.baseUrl}/login`, { method: "POST", headers: { "Content-Type": contentType! }, body });
      expect(res.status, contentType).toBe(413);
      expect(await res.text()).toContain("Formularen har for mange felter: højst 200.");
    }
    // The same on the upload path, whose cap in bytes is larger.
    const res = await fetch(`${server.baseUrl}/virksomhed/dokumenter/1/laegens-svar`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: `${parts}--${boundary}--\r\n`,
    });
    expect(res.status).toBe(413);
  });

  it("refuses a 12 MB multipart upload in total before the route reads it", async () => {
    const res = await bigPost(portOf(server), "/virksomhed/dokumenter/1/laegens-svar", 12 * 1024 * 1024, { declared: false, contentType: "multipart/form-data; boundary=x" });
    expect(res.status).toBe(413);
    expect(res.body).toContain("Filen må højst fylde 10 MB.");
  });
});

describe("slow clients", () => {
  it("are cut off after seconds: headers after 10, a silent body after 10, the whole request after 30", async () => {
    const port = portOf(server);
    const [headers, silentBody, trickled] = await Promise.all([
      raw(port, "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Slow: ", { waitMs: 20_000 }),
      raw(port, "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=", { waitMs: 20_000 }),
      // One byte every 2 s is never silent for 10 s, but the request never ends either.
      raw(port, "POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n", {
        waitMs: 45_000,
        trickle: { byte: "a", everyMs: 2000 },
      }),
    ]);
    expect(headers.closed).toBe(true);
    expect(headers.text).toMatch(/^HTTP\/1\.1 408/);
    expect(headers.ms).toBeGreaterThan(9000);
    expect(headers.ms).toBeLessThan(13_000);
    expect(silentBody.closed).toBe(true);
    expect(silentBody.text).toMatch(/^HTTP\/1\.1 408/);
    expect(silentBody.text).toContain("Forespørgslen kom for langsomt frem.");
    expect(silentBody.ms).toBeGreaterThan(9000);
    expect(silentBody.ms).toBeLessThan(13_000);
    expect(trickled.closed).toBe(true);
    expect(trickled.ms).toBeGreaterThan(28_000);
    expect(trickled.ms).toBeLessThan(34_000);
    expect((await fetch(`${server.baseUrl}/login`)).status).toBe(200);
  }, 60_000);
});

describe("methods and odd requests", () => {
  it.each(["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "LOCK", "SEARCH"])("%s answers 405 with Allow, never 500", async (method) => {
    const res = await raw(portOf(server), `${method} /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(res.text).toMatch(/^HTTP\/1\.1 405/);
    expect(res.text).toMatch(/\r\nAllow: GET, HEAD, POST\r\n/i);
    expect(res.text).toContain("Metoden understøttes ikke");
  });

  it("answers a refused method that carries a body only once the body is in, so a client still sending does not lose the answer", async () => {
    const port = portOf(server);
    const answer = await new Promise<{ firstByteAfterBody: boolean; text: string }>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      const chunks: Buffer[] = [];
      let bodySent = false;
      let firstByteAfterBody: boolean | null = null;
      socket.on("data", (d) => {
        firstByteAfterBody ??= bodySent;
        chunks.push(d);
      });
      socket.on("error", () => {});
      socket.on("close", () => resolve({ firstByteAfterBody: firstByteAfterBody === true, text: Buffer.concat(chunks).toString("utf8") }));
      socket.on("connect", () => {
        socket.write("M-SEARCH /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n");
        // Half the body is sent: an answer now would go out under a client that is still sending.
        setTimeout(() => {
          bodySent = true;
          if (socket.writable) socket.write("4\r\nefgh\r\n0\r\n\r\n");
        }, 400);
      });
    });
    expect(answer.firstByteAfterBody).toBe(true);
    expect(answer.text).toMatch(/^HTTP\/1\.1 405/);
    expect(answer.text).toContain("Metoden understøttes ikke");
  });

  it("answers 405 in JSON on the API, and to a method Node does not know, and to CONNECT", async () => {
    const api = await raw(portOf(server), "DELETE /api/v1/deadlines HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(api.text).toMatch(/^HTTP\/1\.1 405/);
    expect(api.text).toContain('{"errors":{"method":["Brug POST med en JSON-forespørgsel."]}}');
    for (const line of ["FOO / HTTP/1.1", "CONNECT localhost:80 HTTP/1.1"]) {
      const res = await raw(portOf(server), `${line}\r\nHost: localhost\r\n\r\n`);
      expect(res.text, line).toMatch(/^HTTP\/1\.1 405/);
    }
  });

  it("answers 400 to an absolute or starred request target, and copes with a forged Host", async () => {
    for (const target of ["http://evil.example/login", "*"]) {
      const res = await raw(portOf(server), `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(res.text, target).toMatch(/^HTTP\/1\.1 400/);
    }
    for (const host of ["a b", "evil.example:99999999", "99999999999999999999", "1.2.3.4.5", "[::1", "%00", ""]) {
      const res = await raw(portOf(server), `GET /login HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(res.text, host).toMatch(/^HTTP\/1\.1 (200|400)/);
    }
  });

  it("a login with a redirectTo outside Latin-1 redirects to it percent-encoded", async () => {
    const res = await new HttpClient(server.baseUrl).postForm("/login", { email: "hr@nordbyg.example", password: "demo-fasthold", redirectTo: "/中" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/%E4%B8%AD");
  });

  it("refuses a cross-site post with 403 and Cache-Control: no-store, and sends no HSTS over plain HTTP", async () => {
    const res = await fetch(`${server.baseUrl}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      body: "email=a&password=b",
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});

/** A GET with headers fetch does not let a caller set (Host), with the client's cookies. */
function getRaw(port: number, pathname: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path: pathname, headers, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, "");

function postRaw(port: number, pathname: string, form: Record<string, string>, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: pathname,
        method: "POST",
        agent: false,
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function calendarAddressOf(s: RunningServer, email: string, forged: Record<string, string>): Promise<{ address: string; feed: string }> {
  const hr = await signedIn(s.baseUrl, email);
  // Only the token's hash is stored, so the address is shown once, in the answer to the POST that
  // made it: that answer, asked for with a forged Host or X-Forwarded-Host, still has the real address.
  const made = await postRaw(portOf(s), "/virksomhed/indstillinger", { intent: "create" }, { Cookie: hr.cookieHeader(), ...forged });
  expect(made.status).toBe(200);
  const address = /value="(https?:\/\/[^"]+\/kalender\/[A-Za-z0-9_-]+\.ics)"/.exec(made.body)![1]!;
  const feed = await getRaw(portOf(s), new URL(address).pathname, forged);
  expect(feed.status).toBe(200);
  return { address, feed: unfold(feed.body) };
}

describe("absolute links", () => {
  it("the calendar address and the feed's links follow the default PUBLIC_URL (the port listened on), not a forged Host", async () => {
    const { address, feed } = await calendarAddressOf(server, "hr@nordbyg.example", { Host: "evil.example", "X-Forwarded-Host": "evil.example" });
    expect(address.startsWith(`${server.baseUrl}/kalender/`)).toBe(true);
    const urls = [...feed.matchAll(/^URL[^:]*:(.*)$/gm)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => u.startsWith(`${server.baseUrl}/`))).toBe(true);
    expect(feed).not.toContain("evil.example");
  });
});

describe("the client address", () => {
  it("with TRUST_PROXY unset, rotating X-Forwarded-For does not escape the login throttle", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 11; i++) {
      const res = await fetch(`${server.baseUrl}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": `203.0.113.${i}` },
        body: new URLSearchParams({ email: "ukendt@nordbyg.example", password: `wrong-${i}` }),
      });
      await res.arrayBuffer();
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  }, 180_000);
});

describe("§ 56 renewal ids from the hidden field", () => {
  const application = {
    kind: "almindelig",
    effectOnWork: "Perioder hvor tunge løft og lange arbejdsdage ikke er mulige.",
    expectedDaysPerYear: "12",
    employmentRequirement: "yes",
    employerConfirms: "on",
    employeeConfirms: "on",
    appliedOn: today,
  };

  it("renews only an agreement of the same employee of the same company, with a Danish message otherwise", async () => {
    const nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
    const solskin = await signedIn(server.baseUrl, "hr@solskin.example");
    const employeeOf = async (cvr: string, offset: number) =>
      (await query<{ id: number }>(server, "select e.id from employees e join companies c on c.id = e.company_id where c.cvr = ? order by e.id limit 1 offset ?", cvr, offset)).id;
    const [first, second, solskinEmployee] = [await employeeOf("12972997", 0), await employeeOf("12972997", 1), await employeeOf("44125242", 0)];
    expect((await nordbyg.postForm(`/virksomhed/medarbejdere/${first}/paragraf-56/ny`, application)).status).toBe(302);
    const agreementId = (await query<{ id: number }>(server, "select id from paragraph56_agreements where employee_id = ?", first)).id;
    const count = async () => (await query<{ n: number }>(server, "select count(*) as n from paragraph56_agreements")).n;
    const before = await count();

    const otherEmployee = await nordbyg.postForm(`/virksomhed/medarbejdere/${second}/paragraf-56/ny`, { ...application, renewalOfId: String(agreementId) });
    expect(otherEmployee.status).toBe(400);
    const otherHtml = await otherEmployee.text();
    expect(otherHtml).toContain("Der er problemer");
    expect(otherHtml).toContain("Aftalen, der skal fornyes, tilhører en anden medarbejder.");
    expect(otherHtml).toContain("Perioder hvor tunge løft");

    for (const renewalOfId of [String(agreementId), "999999", "9007199254740991"]) {
      const foreign = await solskin.postForm(`/virksomhed/medarbejdere/${solskinEmployee}/paragraf-56/ny`, { ...application, renewalOfId });
      expect(foreign.status, renewalOfId).toBe(400);
      expect(await foreign.text()).toContain("Aftalen, der skal fornyes, kunne ikke findes.");
    }
    expect(await count()).toBe(before);

    // The renewal form is not prefilled from another employee's agreement either.
    expect((await nordbyg.get(`/virksomhed/medarbejdere/${second}/paragraf-56/ny?fornyelse=${agreementId}`)).status).toBe(404);
    const same = await nordbyg.postForm(`/virksomhed/medarbejdere/${first}/paragraf-56/ny`, { ...application, renewalOfId: String(agreementId) });
    expect(same.status).toBe(302);
    expect(await count()).toBe(before + 1);
  });
});

describe("behind a proxy the operator names (TRUST_PROXY), with secure cookies and a PUBLIC_URL", () => {
  let proxied: RunningServer;
  // Low, so the cap is quick to reach, but not so low that the other tests here, which open a
  // connection per request (agent: false) and keep fetch's, meet it: the cluster primary counts a
  // closed connection out only when the server process tells it over IPC, and at 4 the calendar
  // test's feed request was once refused with 429 on a slow machine.
  const CAP = 8;

  beforeAll(async () => {
    proxied = await startServer({ TRUST_PROXY: "loopback", COOKIE_SECURE: "true", PUBLIC_URL: "https://fasthold.test", MAX_CONNECTIONS_PER_ADDRESS: String(CAP) });
  });

  afterAll(async () => {
    await proxied?.stop();
  });

  it("holds at most MAX_CONNECTIONS_PER_ADDRESS connections of one address; a closed one frees its place", async () => {
    const port = portOf(proxied);
    const open = await Promise.all(
      Array.from({ length: CAP }, () => new Promise<net.Socket>((resolve) => {
        const s = net.connect(port, "127.0.0.1", () => resolve(s));
        s.on("error", () => {});
      })),
    );
    await new Promise((r) => setTimeout(r, 200));
    const oneTooMany = await raw(port, "GET /login HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(oneTooMany.closed).toBe(true);
    expect(oneTooMany.text).toMatch(/^HTTP\/1\.1 429/);
    expect(oneTooMany.text).toContain("For mange samtidige forbindelser fra din adresse.");
    open[0]!.destroy();
    await new Promise((r) => setTimeout(r, 200));
    const again = await raw(port, "GET /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    expect(again.text).toMatch(/^HTTP\/1\.1 200/);
    for (const s of open) s.destroy();
  });

  it("takes the client address from X-Forwarded-For of a trusted proxy", async () => {
    const attempt = async (forwardedFor: string) => {
      const res = await fetch(`${proxied.baseUrl}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
        body: new URLSearchParams({ email: "hr@solskin.example", password: "wrong" }),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const same: number[] = [];
    for (let i = 1; i <= 11; i++) same.push(await attempt("198.51.100.7"));
    expect(same.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(same[10]).toBe(429);
    // The same socket, another forwarded address: another client, not throttled.
    expect(await attempt("198.51.100.8")).toBe(400);
  }, 180_000);

  it("sends HSTS on pages, the API and refusals when the cookie is Secure", async () => {
    const page = await fetch(`${proxied.baseUrl}/login`);
    const api = await fetch(`${proxied.baseUrl}/api/v1/deadlines`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    const refused = await fetch(`${proxied.baseUrl}/login`, { method: "PUT" });
    for (const res of [page, api, refused]) {
      await res.arrayBuffer();
      expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    }
  });

  it("builds calendar links from PUBLIC_URL even when a trusted proxy forwards another host", async () => {
    const { address, feed } = await calendarAddressOf(proxied, "hr@nordbyg.example", { "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http" });
    expect(address.startsWith("https://fasthold.test/kalender/")).toBe(true);
    expect(feed).toContain("URL:https://fasthold.test/");
    expect(feed).not.toContain("evil.example");
  });
});
