// npm run bench: starts the built app on its own database, adds a large company
// (5,000 employees, 800 open absences), and measures the hot pages and the JSON
// API with autocannon at concurrency 8 and 64, next to a bare Node http server
// answering a fixed JSON body as the baseline of the same run.
// Writes tests/bench/results.md. Durations: BENCH_SECONDS (default 20), BENCH_WARMUP (default 3).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = [8, 64];

function startProcess(args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port:\n${out}`)), 30_000);
    child.stdout.on("data", () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  return { child, port };
}

/** Peak resident set size (VmHWM) of a process, in MB. */
function peakRssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function addLargeCompany(dbPath) {
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  const companyId = db.prepare("select id from companies where cvr = '12972997'").get().id;
  const today = new Date().toISOString().slice(0, 10);
  const day = (offset) => new Date(Date.parse(today) + offset * 86_400_000).toISOString().slice(0, 10);
  const codes = [101, 751, 461, 851, 147, 561, 621, 630, 740, 730];
  const insertEmployee = db.prepare(
    "insert into employees (company_id, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours) values (?, ?, ?, ?, ?, ?, 37)",
  );
  const insertAbsence = db.prepare(
    "insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, conversation_held_on, returned_on) values (?, ?, ?, 'full', ?, ?, ?, ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) {
      const birth = `${1960 + (i % 40)}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
      const id = insertEmployee.run(companyId, `Medarbejder ${i}`, birth, codes[i % codes.length], "2015-01-01", "Håndværker").lastInsertRowid;
      if (i < 800) {
        insertAbsence.run(companyId, id, day(-(i % 120)), i % 3 === 0 ? "sickness-benefit" : "salary", i % 7 === 0 ? 1 : 0, i % 2 ? day(-(i % 20)) : null, null);
      } else if (i < 3000) {
        insertAbsence.run(companyId, id, day(-200 - (i % 400)), "salary", 0, null, day(-190 - (i % 400)));
      }
    }
  })();
  const absenceId = db.prepare("select id from absences where company_id = ? and returned_on is null order by id desc limit 1").get(companyId).id;
  db.close();
  return { absenceId };
}

async function login(baseUrl, email) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: "demo-fasthold" }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__session="));
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  return cookie.split(";")[0];
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

/** One measurement; latencies are recorded per response so p95 is exact, not autocannon's p97.5. */
async function measure(name, url, opts, connections) {
  const base = { url, connections, pipelining: 1, ...opts };
  await autocannon({ ...base, duration: WARMUP });
  const latencies = [];
  const instance = autocannon({ ...base, duration: SECONDS });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const r = await instance;
  latencies.sort((a, b) => a - b);
  const errors = r.errors + r.timeouts + (r.non2xx ?? 0);
  return { name, connections, rps: Math.round(r.requests.average), p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-bench-"));
const dbPath = path.join(tmp, "bench.db");
const app = startProcess(["server.mjs"], { PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: dbPath, NODE_ENV: "production", COOKIE_SECURE: "false" });
const appPort = await app.port;
const appUrl = `http://127.0.0.1:${appPort}`;
const { absenceId } = addLargeCompany(dbPath);
const cookie = await login(appUrl, "hr@nordbyg.example");
const jobcenterCookie = await login(appUrl, "koebenhavn@jobcenter.example");

const baselineBody = JSON.stringify({ ok: true, deadlines: [] });
const baseline = startProcess(
  ["-e", `require("http").createServer((q,s)=>{s.setHeader("content-type","application/json");s.end(${JSON.stringify(baselineBody)})}).listen(0,"127.0.0.1",function(){console.log("http://localhost:"+this.address().port)})`],
  {},
);
const baselinePort = await baseline.port;

const apiBody = JSON.stringify({ firstAbsenceDay: new Date().toISOString().slice(0, 10), pay: "salary", expectedOver8Weeks: true, birthDate: "1965-04-01" });
const targets = [
  { name: "Bare Node http (baseline)", url: `http://127.0.0.1:${baselinePort}/`, opts: {} },
  { name: "Dashboard, 5,000 employees / 800 open absences", url: `${appUrl}/virksomhed`, opts: { headers: { cookie } } },
  { name: "Absence page", url: `${appUrl}/virksomhed/fravaer/${absenceId}`, opts: { headers: { cookie } } },
  { name: "Employee search", url: `${appUrl}/virksomhed/medarbejdere?q=Medarbejder%2042`, opts: { headers: { cookie } } },
  { name: "Jobcenter cases (København)", url: `${appUrl}/jobcenter`, opts: { headers: { cookie: jobcenterCookie } } },
  { name: "POST /api/v1/deadlines", url: `${appUrl}/api/v1/deadlines`, opts: { method: "POST", body: apiBody, headers: { "content-type": "application/json" } } },
];

const rows = [];
for (const t of targets) {
  for (const c of CONNECTIONS) {
    const r = await measure(t.name, t.url, t.opts, c);
    rows.push(r);
    console.log(`${r.name} @${c}: ${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}`);
  }
}
const rss = peakRssMb(app.child.pid);
app.child.kill("SIGTERM");
baseline.child.kill("SIGTERM");

const lines = [
  "# Benchmark results",
  "",
  `Run ${new Date().toISOString()} on ${os.cpus().length} cores, Node ${process.version}; ${SECONDS} s per measurement after ${WARMUP} s warm-up.`,
  "Latency percentiles are computed from every response of the measured run.",
  "",
  "| target | connections | requests/s | p50 ms | p95 ms | p99 ms | errors |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.name} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`),
  "",
  `Peak RSS of the app server: ${rss} MB.`,
  "",
];
fs.writeFileSync(path.join(ROOT, "tests/bench/results.md"), lines.join("\n"));
console.log(lines.join("\n"));
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
