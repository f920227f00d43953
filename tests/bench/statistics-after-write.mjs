// @ts-check
// The largest employer's statistics page (issues 26/28) on one server process with `npm run serve`'s
// flags: the first computation, a cached read, and the first read after each of a few writes to one
// of its cases (the write is made by another connection, as another server process would make it).
// Usage, after `npm run build`: node tests/bench/statistics-after-write.mjs [database]
// (default data/national.db; the writes change one absence's conversation date back and forth).
// What it measured before and after the statistics were counted per block: tests/bench/statistics-history.md.
import { spawn } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { DEMO_PASSWORD, NATIONAL_LOGINS } from "../../scripts/seed-national.mjs";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const DB_PATH = path.resolve(ROOT, process.argv[2] ?? "data/national.db");
const PORT = 20_000 + Math.floor(Math.random() * 20_000);
const base = `http://127.0.0.1:${PORT}`;
const serveArgs = ["--max-old-space-size=128", "--max-semi-space-size=8", "--no-allocation-site-pretenuring", "server.mjs"];
const env = { PATH: process.env.PATH, HOST: "127.0.0.1", PORT: String(PORT), DATABASE_PATH: DB_PATH, NODE_ENV: "production", COOKIE_SECURE: "false", SEED_DEMO: "false", WEB_CONCURRENCY: "1" };
const server = spawn(process.execPath, serveArgs, { cwd: ROOT, env, stdio: "ignore" });

try {
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/login`).then((r) => r.ok).catch(() => false);
    if (up) break;
    if (i > 600) throw new Error("the server did not answer within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email: NATIONAL_LOGINS.largestEmployerHr, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.getSetCookie().find((c) => c.startsWith("__session="))?.split(";")[0];
  if (!cookie) throw new Error(`login failed: ${login.status}`);
  /** @param {string} label */
  const timed = async (label) => {
    const started = performance.now();
    const res = await fetch(`${base}/virksomhed/statistik`, { headers: { cookie } });
    await res.arrayBuffer();
    console.log(`${label}: ${res.status}, ${Math.round(performance.now() - started)} ms`);
  };
  await timed("first computation");
  await timed("cached");
  const db = new Database(DB_PATH);
  db.pragma("busy_timeout = 5000");
  const companyId = /** @type {{ id: number }} */ (db.prepare("select company_id as id from users where email = ?").get(NATIONAL_LOGINS.largestEmployerHr)).id;
  const absence = /** @type {{ id: number }} */ (db.prepare("select min(id) as id from absences where company_id = ? and returned_on is null").get(companyId)).id;
  for (let i = 1; i <= 3; i++) {
    db.prepare("update absences set conversation_held_on = case when conversation_held_on is null then first_absence_day else null end where id = ?").run(absence);
    await timed(`first read after write ${i}`);
    await timed(`cached after write ${i}`);
  }
  db.close();
} finally {
  server.kill("SIGTERM");
}
