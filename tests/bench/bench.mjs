// @ts-check
// npm run bench: starts the built app on the national dataset (scripts/seed-national.mjs,
// data/national.db or NATIONAL_DB; generated first when missing) and measures, in one run,
// the large company's dashboard, an absence page (with its timeline), its statistics page (12 and 24 months), København's jobcenter inbox (first page
// and a filtered page), København's open cases (first and a later page), POST /api/v1/deadlines and a PDF download of each document type
// present in the data, at concurrency 8 and 64, next to a bare Node http server answering
// a fixed JSON body as the baseline of the same run.
// Writes tests/bench/results.md. Durations: BENCH_SECONDS (default 20), BENCH_WARMUP (default 3).
// BENCH_ONLY (comma-separated words) limits the run to the targets whose name contains one of them;
// BENCH_CONNECTIONS (default "8,64") the concurrency levels.
// The login storm (issue 19): the public calculator page measured alone and again while
// STORM_CONNECTIONS (default 24) connections post wrong passwords for ever new e-mails, so every
// one needs a password hash; the hashes are bounded per process (app/utils/password.server.ts),
// beyond that the login answers 503. The run's memory peak includes the storm.
// The employee import (issue 22): 50,000 rows as CSV and as .xlsx on a server of its own with a fresh
// database, upload to preview and confirm, in seconds, with that server's peak memory
// (tests/bench/import-bench.mjs). BENCH_ONLY=import runs only this.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, NATIONAL_LOGINS, seedNational } from "../../scripts/seed-national.mjs";
import { childrenOf } from "../support/proc.mjs";
import { benchImport } from "./import-bench.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ONLY = (process.env.BENCH_ONLY ?? "").split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "8,64").split(",").map(Number);
const STORM_CONNECTIONS = Number(process.env.STORM_CONNECTIONS ?? 24);
const DB_PATH = path.resolve(ROOT, process.env.NATIONAL_DB ?? "data/national.db");

/**
 * autocannon without a callback returns its instance, which is also a promise of the result
 * (the published types know only the promise).
 * @typedef {autocannon.Instance & PromiseLike<autocannon.Result>} Running
 */
/** @typedef {{ method?: autocannon.Request["method"], body?: string, headers?: Record<string, string> }} RequestOptions */
/**
 * One thing to measure.
 * @typedef {{ kind: "baseline" | "page" | "api" | "pdf" | "storm", name: string, url: string, opts: RequestOptions, baseUrl?: string }} Target
 */
/**
 * One measurement's figures.
 * @typedef {Target & { connections: number, responses: number, rps: number, p50: number, p95: number, p99: number, errors: number, logins: Record<string, number> | null }} Row
 */
/** @typedef {{ kind: string, megabytes: number, previewSeconds: number, pageSeconds: number, confirmSeconds: number, peakRssMb: number }} ImportResult */

/**
 * @param {string[]} args
 * @param {Record<string, string>} env
 */
function startProcess(args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: /** @type {NodeJS.ProcessEnv} */ (/** @type {unknown} */ ({ PATH: process.env.PATH, ...env })), stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  /** @type {Promise<number>} */
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port:\n${out}`)), 60_000);
    child.stdout.on("data", () => {
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  return { child, port, output: () => out };
}

/**
 * A process and its children (the server's cluster processes).
 * @param {number} pid
 */
function processTree(pid) {
  return [pid, ...childrenOf(pid)];
}

/**
 * @param {string} file
 * @param {string} field
 */
function kbField(file, field) {
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(file, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Sum over the server's processes of each one's peak resident set (VmHWM), in MB: counts shared pages once per process.
 * @param {number} pid
 */
function peakRssMb(pid) {
  return Math.round(processTree(pid).reduce((kb, p) => kb + kbField(`/proc/${p}/status`, "VmHWM"), 0) / 1024);
}

/**
 * The server's memory as the machine pays for it: the sum of the processes' proportional set size
 * (shared pages such as the node binary divided among the processes that map them), sampled
 * every 200 ms; the peak is kept.
 * @param {number} pid
 */
function samplePss(pid) {
  let peak = 0;
  const timer = setInterval(() => {
    const kb = processTree(pid).reduce((sum, p) => sum + kbField(`/proc/${p}/smaps_rollup`, "Pss"), 0);
    peak = Math.max(peak, kb);
  }, 200);
  timer.unref();
  return { peakMb: () => Math.round(peak / 1024), stop: () => clearInterval(timer) };
}

/**
 * What to ask for, found in the data: the large company, one of its open absences, a document of each type.
 * @param {string} dbPath
 */
function discover(dbPath) {
  const db = new Database(dbPath, { readonly: true });
  const hr = /** @type {{ companyId: number } | undefined} */ (db.prepare("select company_id as companyId from users where email = ?").get(NATIONAL_LOGINS.largeCompanyHr));
  if (!hr) throw new Error(`${dbPath} has no ${NATIONAL_LOGINS.largeCompanyHr}: regenerate it with npm run seed:national`);
  /** @typedef {{ n: number }} Count */
  const size = /** @type {Count} */ (db.prepare("select count(*) as n from employees where company_id = ?").get(hr.companyId)).n;
  const open = /** @type {Count} */ (db.prepare("select count(*) as n from absences where company_id = ? and returned_on is null").get(hr.companyId)).n;
  // An open absence with a document, so the page shows deadlines and the document list.
  const absence = /** @type {{ id: number } | undefined} */ (db
    .prepare(
      `select a.id from absences a join documents d on d.absence_id = a.id
       where a.company_id = ? and a.returned_on is null order by a.id limit 1`,
    )
    .get(hr.companyId));
  const documents = /** @type {{ type: string, id: number }[]} */ (db
    .prepare("select type, min(id) as id from documents where company_id = ? group by type order by type")
    .all(hr.companyId));
  const totals = {
    companies: /** @type {Count} */ (db.prepare("select count(*) as n from companies").get()).n,
    employees: /** @type {Count} */ (db.prepare("select count(*) as n from employees").get()).n,
    absences: /** @type {Count} */ (db.prepare("select count(*) as n from absences").get()).n,
    submissions: /** @type {Count} */ (db.prepare("select count(*) as n from submissions").get()).n,
    koebenhavn: /** @type {Count} */ (db.prepare("select count(*) as n from submissions where municipality_code = 101").get()).n,
  };
  db.close();
  return { companyId: hr.companyId, size, open, absenceId: absence?.id, documents, totals };
}

/**
 * @param {string} baseUrl
 * @param {string} email
 */
async function login(baseUrl, email) {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__session="));
  if (!cookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return /** @type {string} */ (cookie.split(";")[0]);
}

/**
 * @param {number[]} sorted
 * @param {number} p
 */
function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return Math.round(/** @type {number} */ (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]) * 10) / 10;
}

/**
 * Wrong passwords for ever new e-mails (so no throttle stops them and each one costs a hash)
 * posted on `connections` connections until stopped; counts the answers by status.
 * @param {string} baseUrl
 * @param {number} connections
 */
function loginStorm(baseUrl, connections) {
  let n = 0;
  /** @type {Record<string, number>} */
  const statuses = {};
  const instance = /** @type {Running} */ (/** @type {unknown} */ (autocannon({
    url: `${baseUrl}/login`,
    connections,
    pipelining: 1,
    duration: 3600,
    // A login waits at most 10 s for its turn (HASH_MAX_WAIT_MS); its answer must be counted, not dropped as a timeout.
    timeout: 30,
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: baseUrl },
    requests: [{ setupRequest: (req) => ({ ...req, body: new URLSearchParams({ email: `storm-${n++}@storm.example`, password: "forkert-gæt" }).toString() }) }],
  })));
  instance.on("response", (_client, status) => (statuses[status] = (statuses[status] ?? 0) + 1));
  instance.on("reqError", () => (statuses.error = (statuses.error ?? 0) + 1));
  return {
    stop: async () => {
      instance.stop();
      await instance;
      return statuses;
    },
  };
}

/**
 * One measurement; latencies are recorded per response so p95 is exact, not autocannon's p97.5.
 * @param {Target} target
 * @param {number} connections
 * @returns {Promise<Row>}
 */
async function measure(target, connections) {
  const base = { url: target.url, connections, pipelining: 1, ...target.opts };
  const storm = target.kind === "storm" ? loginStorm(/** @type {string} */ (target.baseUrl), STORM_CONNECTIONS) : null;
  if (WARMUP > 0) await autocannon({ ...base, duration: WARMUP });
  /** @type {number[]} */
  const latencies = [];
  const instance = /** @type {Running} */ (/** @type {unknown} */ (autocannon({ ...base, duration: SECONDS })));
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const r = await instance;
  const logins = storm ? await storm.stop() : null;
  latencies.sort((a, b) => a - b);
  const errors = r.errors + r.timeouts + (r.non2xx ?? 0);
  return { ...target, connections, responses: latencies.length, rps: Math.round(r.requests.average), p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), errors, logins };
}

const SERVER_ARGS = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.serve.split(" ").slice(1);

/** @type {ImportResult[]} */
let importResults = [];
if (ONLY.length === 0 || ONLY.includes("import")) {
  importResults = await benchImport({ root: ROOT, serverArgs: SERVER_ARGS, password: DEMO_PASSWORD });
  for (const r of importResults) {
    console.log(`Import of 50,000 rows (${r.kind}, ${r.megabytes} MB): preview ${r.previewSeconds} s, a preview page ${r.pageSeconds} s, confirm ${r.confirmSeconds} s; server peak RSS ${r.peakRssMb} MB`);
  }
  if (ONLY.length === 1) process.exit(0);
}

if (!fs.existsSync(DB_PATH)) {
  console.log(`${path.relative(ROOT, DB_PATH)} is missing: generating the national dataset first (npm run seed:national; a few minutes).`);
  console.log(JSON.stringify(await seedNational({ file: DB_PATH }), null, 2));
}
const data = discover(DB_PATH);
console.log(`Dataset: ${JSON.stringify(data.totals)}; large company ${data.size} employees, ${data.open} open absences.`);

// The app runs as `npm start` runs it (package.json): with the heap bound that keeps its memory in budget.
const app = startProcess(SERVER_ARGS, {
  PORT: "0",
  HOST: "127.0.0.1",
  DATABASE_PATH: DB_PATH,
  NODE_ENV: "production",
  COOKIE_SECURE: "false",
  SEED_DEMO: "false",
});
const appPort = await app.port;
const pss = samplePss(/** @type {number} */ (app.child.pid));
const appUrl = `http://127.0.0.1:${appPort}`;
const cookie = await login(appUrl, NATIONAL_LOGINS.largeCompanyHr);
const jobcenterCookie = await login(appUrl, NATIONAL_LOGINS.koebenhavnJobcenter);

const baselineBody = JSON.stringify({ ok: true, deadlines: [] });
const baseline = startProcess(
  ["-e", `require("http").createServer((q,s)=>{s.setHeader("content-type","application/json");s.end(${JSON.stringify(baselineBody)})}).listen(0,"127.0.0.1",function(){console.log("http://localhost:"+this.address().port)})`],
  {},
);
const baselinePort = await baseline.port;

const apiBody = JSON.stringify({ firstAbsenceDay: new Date().toISOString().slice(0, 10), pay: "salary", expectedOver8Weeks: true, birthDate: "1965-04-01" });
const hr = { headers: { cookie } };
const jobcenter = { headers: { cookie: jobcenterCookie } };
const targets = /** @type {Target[]} */ ([
  { kind: "baseline", name: "Bare Node http (baseline)", url: `http://127.0.0.1:${baselinePort}/`, opts: {} },
  { kind: "page", name: `Dashboard (${data.size} employees, ${data.open} open absences)`, url: `${appUrl}/virksomhed`, opts: hr },
  { kind: "page", name: "Absence page", url: `${appUrl}/virksomhed/fravaer/${data.absenceId}`, opts: hr },
  // The figures are cached per company data version and day: the first request computes, the rest read.
  { kind: "page", name: `Statistics page, 12 months (${data.size} employees)`, url: `${appUrl}/virksomhed/statistik`, opts: hr },
  { kind: "page", name: `Statistics page, 24 months (${data.size} employees)`, url: `${appUrl}/virksomhed/statistik?periode=24`, opts: hr },
  { kind: "page", name: "Jobcenter inbox København, first page", url: `${appUrl}/jobcenter`, opts: jobcenter },
  { kind: "page", name: "Jobcenter inbox København, fast track received", url: `${appUrl}/jobcenter?type=fast-track&status=received&sort=deadline`, opts: jobcenter },
  { kind: "page", name: "Jobcenter open cases København, first page", url: `${appUrl}/jobcenter/sager`, opts: jobcenter },
  { kind: "page", name: "Jobcenter open cases København, page 40", url: `${appUrl}/jobcenter/sager?side=40`, opts: jobcenter },
  { kind: "api", name: "POST /api/v1/deadlines", url: `${appUrl}/api/v1/deadlines`, opts: { method: "POST", body: apiBody, headers: { "content-type": "application/json" } } },
  ...data.documents.map((d) => ({ kind: "pdf", name: `PDF ${d.type}`, url: `${appUrl}/virksomhed/dokumenter/${d.id}/pdf`, opts: hr })),
  { kind: "page", name: "Public calculator /frister", url: `${appUrl}/frister`, opts: {} },
  { kind: "storm", name: `Public calculator /frister while ${STORM_CONNECTIONS} connections post wrong passwords`, url: `${appUrl}/frister`, opts: {}, baseUrl: appUrl },
]).filter((t) => t.kind === "baseline" || ONLY.length === 0 || ONLY.some((w) => t.name.toLowerCase().includes(w)));

// Every target answers 200 before it is measured: a redirect to the login page is not a fast page.
for (const t of targets) {
  const res = await fetch(t.url, { method: t.opts.method ?? "GET", body: t.opts.body, headers: t.opts.headers, redirect: "manual" });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${t.name}: ${t.url} answered ${res.status}\n${app.output()}`);
}

/** @type {Row[]} */
const rows = [];
for (const t of targets) {
  for (const c of CONNECTIONS) {
    const r = await measure(t, c);
    rows.push(r);
    console.log(`${r.name} @${c}: ${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, errors ${r.errors}${r.logins ? `; logins answered ${JSON.stringify(r.logins)}` : ""}`);
  }
}
// The machine's speed drifts over minutes (it shares its host), so the API is compared with the
// baseline in alternating slices of a few seconds at 8 connections, each slice next to the other.
const apiTarget = targets.find((t) => t.kind === "api");
const baselineTarget = targets.find((t) => t.kind === "baseline");
const paired = { api: 0, baseline: 0, slices: 0 };
if (apiTarget && CONNECTIONS.includes(8)) {
  const slice = Math.max(2, Math.round(SECONDS / 4));
  for (let i = 0; i < 4; i++) {
    for (const [key, t] of /** @type {["baseline" | "api", Target][]} */ ([["baseline", baselineTarget], ["api", apiTarget]])) {
      const r = await autocannon({ url: t.url, connections: 8, pipelining: 1, duration: slice, ...t.opts });
      paired[key] += r.requests.total;
    }
    paired.slices++;
  }
  console.log(`Paired slices: API ${paired.api} requests, baseline ${paired.baseline} requests (${Math.round((paired.api / paired.baseline) * 1000) / 10} %)`);
}

const rss = peakRssMb(/** @type {number} */ (app.child.pid));
pss.stop();
const processes = processTree(/** @type {number} */ (app.child.pid)).length;
app.child.kill("SIGTERM");
baseline.child.kill("SIGTERM");

// The goals of issue 9, checked against this run.
const at8 = rows.filter((r) => r.connections === 8);
const baselineRps = at8.find((r) => r.kind === "baseline")?.rps ?? 0;
const goals = [];
// A measurement without a single response (a server still busy with the previous one) meets nothing.
for (const r of at8.filter((r) => r.kind === "page")) goals.push([`${r.name}: p95 ≤ 50 ms at 8 connections`, r.responses > 0 && r.p95 <= 50, `${r.p95} ms`]);
for (const r of at8.filter((r) => r.kind === "api")) {
  const share = paired.baseline > 0 ? paired.api / paired.baseline : r.rps / Math.max(1, baselineRps);
  goals.push([
    `${r.name}: ≥ 30 % of the baseline's requests/s (${paired.slices} alternating pairs of slices at 8 connections)`,
    r.rps > 0 && share >= 0.3,
    `${Math.round(share * 1000) / 10} % (in the table above: ${Math.round((r.rps / Math.max(1, baselineRps)) * 1000) / 10} %)`,
  ]);
}
for (const r of at8.filter((r) => r.kind === "pdf")) goals.push([`${r.name}: p95 ≤ 150 ms at 8 connections`, r.responses > 0 && r.p95 <= 150, `${r.p95} ms`]);
// Issue 19: a login storm must not starve the pages. Every storm answer is a checked wrong
// password (400) or the bounded queue's refusal (503 with Retry-After), never anything else.
for (const r of at8.filter((r) => r.kind === "storm")) {
  const answers = r.logins ?? {};
  const other = Object.entries(answers).filter(([status]) => status !== "400" && status !== "503").reduce((n, [, k]) => n + k, 0);
  goals.push([
    `${r.name}: page p95 ≤ 100 ms at 8 connections; the logins answer only 400 or 503`,
    r.responses > 0 && r.p95 <= 100 && other === 0 && (answers["400"] ?? 0) > 0,
    `${r.p95} ms; logins ${JSON.stringify(answers)}`,
  ]);
}
const errors = rows.reduce((n, r) => n + r.errors, 0);
const silent = rows.filter((r) => r.responses === 0).length;
goals.push(["No errors, a response in every measurement", errors === 0 && silent === 0, `${errors} errors, ${silent} measurements without responses`]);
// The server's resident memory is the union of its processes' pages: the sum of their PSS (for a single
// process, its RSS). Summing each process's RSS counts the shared pages (the node binary, libraries)
// once per process; that sum is reported beside it.
const pssPeak = pss.peakMb();
goals.push([
  `Server peak memory ≤ 400 MB (resident pages of its ${processes} process${processes === 1 ? "" : "es"}: summed PSS)`,
  pssPeak > 0 && pssPeak <= 400,
  `${pssPeak} MB (summed per-process peak RSS: ${rss} MB)`,
]);

const lines = [
  "# Benchmark results",
  "",
  `Run ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}; ${SECONDS} s per measurement after ${WARMUP} s warm-up.`,
  `Dataset (npm run seed:national): ${data.totals.companies} companies, ${data.totals.employees} employees, ${data.totals.absences} absences, ${data.totals.submissions} submissions (${data.totals.koebenhavn} to København).`,
  "Latency percentiles are computed from every response of the measured run.",
  "",
  "| target | connections | requests/s | p50 ms | p95 ms | p99 ms | errors |",
  "|---|---|---|---|---|---|---|",
  ...rows.map((r) => `| ${r.name} | ${r.connections} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.errors} |`),
  "",
  `App server: ${processes} process${processes === 1 ? "" : "es"} (${processes > 1 ? "a cluster primary and its server processes" : "one server process"}).`,
  `Peak RSS, summed over the processes (each one's VmHWM, so pages they share are counted once per process): ${rss} MB.`,
  `Peak proportional set size of all processes together (shared pages divided among them, sampled every 200 ms): ${pssPeak} MB.`,
  "",
  "| goal | met | measured |",
  "|---|---|---|",
  ...goals.map(([goal, met, measured]) => `| ${goal} | ${met ? "yes" : "no"} | ${measured} |`),
  "",
  ...(importResults.length
    ? [
        "Employee import, 50,000 rows, on a server of its own (fresh database, the same heap bound):",
        "",
        "| file | MB | upload to preview s | one preview page s | confirm s | server peak RSS MB |",
        "|---|---|---|---|---|---|",
        ...importResults.map((r) => `| ${r.kind} | ${r.megabytes} | ${r.previewSeconds} | ${r.pageSeconds} | ${r.confirmSeconds} | ${r.peakRssMb} |`),
        "",
      ]
    : []),
];
if (ONLY.length === 0 && CONNECTIONS.join() === "8,64") fs.writeFileSync(path.join(ROOT, "tests/bench/results.md"), lines.join("\n"));
console.log(lines.join("\n"));
process.exit(0);
