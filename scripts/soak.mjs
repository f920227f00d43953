// npm run soak: a mixed read/write load on a started server, then a count of
// what was acknowledged against what is in the database.
// Builds the app only when there is no build; starts it on a fresh temporary
// database; runs autocannon at SOAK_CONNECTIONS (default 50) for SOAK_SECONDS
// (default 120) over loopback; fails (exit 1) on any error, timeout, answer
// outside 2xx/3xx, lost write or a damaged database.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 50);

if (!fs.existsSync(path.join(ROOT, "build/index.js"))) {
  console.log("Ingen build fundet: bygger først (npm run build).");
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-soak-"));
const databasePath = path.join(dir, "fasthold.db");

function startServer() {
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: databasePath, NODE_ENV: "production", COOKIE_SECURE: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Serveren startede ikke:\n${out}`)), 60_000);
    child.stdout.on("data", () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`Serveren stoppede (${code}):\n${out}`)));
  });
  return { child, port, output: () => out };
}

async function login(baseUrl, email) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: "demo-fasthold" }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__session="));
  if (res.status !== 302 || !cookie) throw new Error(`Login som ${email} mislykkedes (${res.status})`);
  return cookie.split(";")[0];
}

const server = startServer();
let failed = false;
try {
  const port = await server.port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const hr = await login(baseUrl, "hr@nordbyg.example");
  const caseworker = await login(baseUrl, "aarhus@jobcenter.example");
  const db = new Database(databasePath, { readonly: true });
  const { employeeId, absenceId } = db
    .prepare("select e.id as employeeId, a.id as absenceId from employees e join absences a on a.employee_id = e.id where e.name = 'Søren Ærø Åberg'")
    .get();
  db.close();

  const form = { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, "Sec-Fetch-Site": "same-origin" };
  const acknowledged = new Set();
  const statuses = new Map();
  let written = 0;
  const count = (status) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  // Each connection cycles through this mix: 2 of 8 requests write.
  const requests = [
    { method: "GET", path: "/virksomhed", headers: { Cookie: hr } },
    { method: "GET", path: "/virksomhed/medarbejdere", headers: { Cookie: hr } },
    {
      method: "POST",
      path: "/virksomhed/medarbejdere/ny",
      headers: { ...form, Cookie: hr },
      setupRequest: (req, context) => {
        context.name = `Belastning ${process.pid}-${++written}`;
        return {
          ...req,
          body: new URLSearchParams({ name: context.name, birthDate: "1980-02-03", municipalityCode: "751", employmentStartDate: "2012-01-01", jobTitle: "Tømrer", weeklyHours: "37" }).toString(),
        };
      },
      onResponse: (status, _body, context, headers) => {
        const location = headers?.location ?? headers?.Location ?? "";
        if (status === 302 && /\/virksomhed\/medarbejdere\/\d+/.test(location)) acknowledged.add(context.name);
      },
    },
    { method: "GET", path: `/virksomhed/fravaer/${absenceId}`, headers: { Cookie: hr } },
    {
      method: "POST",
      path: "/api/v1/deadlines",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ firstAbsenceDay: "2026-03-02", pay: "salary", expectedOver8Weeks: true, birthDate: "1962-05-01" }),
    },
    {
      method: "POST",
      path: `/virksomhed/fravaer/${absenceId}`,
      headers: { ...form, Cookie: hr },
      // Conversation notes are rewritten over and over: an update of a row everyone reads.
      setupRequest: (req) => ({ ...req, body: new URLSearchParams({ intent: "conversation", conversationHeldOn: new Date().toISOString().slice(0, 10), conversationNotes: `Opfølgning ${Date.now()}` }).toString() }),
    },
    { method: "GET", path: `/virksomhed/medarbejdere/${employeeId}`, headers: { Cookie: hr } },
    { method: "GET", path: "/jobcenter", headers: { Cookie: caseworker } },
  ].map((r) => ({ ...r, onResponse: (status, body, context, headers) => (count(status), r.onResponse?.(status, body, context, headers)) }));

  console.log(`Belastning: ${CONNECTIONS} forbindelser i ${SECONDS} s mod ${baseUrl} (database ${databasePath})`);
  const result = await autocannon({ url: baseUrl, connections: CONNECTIONS, duration: SECONDS, requests, timeout: 30 });

  const check = new Database(databasePath, { readonly: true });
  const integrity = check.pragma("integrity_check", { simple: true });
  const stored = new Set(check.prepare("select name from employees where name like 'Belastning %'").all().map((r) => r.name));
  check.close();
  const lost = [...acknowledged].filter((name) => !stored.has(name));
  const bad = [...statuses].filter(([status]) => status < 200 || status >= 400);

  const codes = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
  console.log(
    [
      `Forespørgsler: ${result.requests.total} (${result.requests.average.toFixed(0)}/s i gennemsnit, højst ${result.requests.max}/s)`,
      `Svartid (ms): median ${result.latency.p50}, p97,5 ${result.latency.p97_5}, p99 ${result.latency.p99}, højst ${result.latency.max}`,
      `Statuskoder: ${codes}`,
      `Fejl: ${result.errors}, timeouts: ${result.timeouts}, svar uden for 2xx/3xx: ${bad.reduce((n, [, c]) => n + c, 0)}`,
      `Skrivninger kvitteret: ${acknowledged.size}, fundet i databasen: ${stored.size}, tabte: ${lost.length}`,
      `integrity_check: ${integrity}`,
    ].join("\n"),
  );
  if (result.errors > 0 || result.timeouts > 0 || bad.length > 0 || lost.length > 0 || integrity !== "ok" || acknowledged.size === 0) {
    failed = true;
    console.error("Belastningstesten fejlede. Serverens sidste linjer:");
    console.error(server.output().slice(-3000));
  }
} catch (error) {
  failed = true;
  console.error(error.message);
  console.error(server.output().slice(-2000));
} finally {
  await new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once("exit", resolve);
    server.child.kill("SIGTERM");
  });
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
