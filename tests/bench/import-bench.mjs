// @ts-check
// The employee import at its limit: 50,000 rows as CSV and as .xlsx, uploaded to a server that
// runs as `npm start` runs it (with its heap bound), previewed and confirmed. Reports seconds
// for each step and the server's peak memory (VmHWM). Run by tests/bench/bench.mjs. A step's time
// runs from the request to the import page showing it done (the work runs in the background).
// `env` adds to the server's environment: on PostgreSQL its DATABASE_URL (a fresh database) and SESSION_SECRET.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";

const ROWS = 50_000;
const HEADERS = ["Medarbejdernummer", "Navn", "Fødselsdato", "Bopælskommune", "Ansat siden", "E-mail", "Afdeling", "Adresse", "Postnummer", "By"];

/**
 * @param {string} prefix
 * @param {number} i
 * @returns {[string, string, string, string, string, string, string, string, string, string]}
 */
function row(prefix, i) {
  const day = String((i % 28) + 1).padStart(2, "0");
  return [`${prefix}${i}`, `Medarbejder ${prefix}${i} Ærø`, `${day}.0${(i % 9) + 1}.19${60 + (i % 40)}`, /** @type {string} */ (["751", "Aarhus", "101", "Københavns Kommune", "461"][i % 5]), `${day}.01.2015`, `m${i}@firma.dk`, `Afdeling ${i % 40}`, `Vestergade ${i % 200}`, "8000", "Aarhus C"];
}

/** @param {string} prefix */
function csv(prefix) {
  return `${HEADERS.join(";")}\r\n${Array.from({ length: ROWS }, (_, i) => row(prefix, i).join(";")).join("\r\n")}\r\n`;
}

/** @param {string} prefix */
async function xlsx(prefix) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Medarbejdere");
  sheet.addRow(HEADERS);
  for (let i = 0; i < ROWS; i++) {
    const r = row(prefix, i);
    const [d, m, y] = /** @type {[number, number, number]} */ (r[2].split(".").map(Number));
    // Excel's own date cells, as a payroll export writes them.
    sheet.addRow([r[0], r[1], new Date(Date.UTC(y, m - 1, d)), r[3], new Date(Date.UTC(2015, 0, d)), r[5], r[6], r[7], Number(r[8]), r[9]]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * Until the import page no longer shows background work (a large file is planned and stored after the request).
 * @param {string} url
 * @param {string} cookie
 * @returns {Promise<string>}
 */
async function settled(url, cookie) {
  let resets = 0;
  for (;;) {
    let html;
    try {
      html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
    } catch (error) {
      // A kept-alive socket the server closed while the confirmation held its event loop is
      // reset on reuse; a browser sends the GET again, and so does this.
      if (++resets > 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    const status = /data-import-status="(\w+)"/.exec(html)?.[1];
    if (!status) return html;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The page's main content as text, for a message: what went wrong is there, not in the header.
 * @param {string} html
 */
function mainOf(html) {
  const main = html.indexOf("<main");
  return (main >= 0 ? html.slice(main) : html).replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").slice(0, 2000);
}

/** @param {number} pid */
function peakRssMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * @param {{ root: string, serverArgs: string[], password: string, env?: Record<string, string> }} options
 * @returns {Promise<{ kind: string, megabytes: number, previewSeconds: number, pageSeconds: number, confirmSeconds: number, peakRssMb: number }[]>}
 */
export async function benchImport({ root, serverArgs, password, env = {} }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-import-bench-"));
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: { PATH: process.env.PATH, PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, "fasthold.db"), NODE_ENV: "production", COOKIE_SECURE: "false", WEB_CONCURRENCY: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  try {
    const port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no port:\n${out}`)), 90_000);
      child.stdout.on("data", () => {
        const m = /http:\/\/localhost:(\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.on("exit", (code) => reject(new Error(`exited ${code}:\n${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const headers = { Origin: base, "Sec-Fetch-Site": "same-origin" };
    const login = await fetch(`${base}/login`, { method: "POST", redirect: "manual", headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email: "hr@nordbyg.example", password }) });
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("__session="))?.split(";")[0];
    if (!cookie) throw new Error(`login failed: ${login.status}`);
    const results = [];
    for (const kind of ["csv", "xlsx"]) {
      const bytes = kind === "csv" ? new TextEncoder().encode(csv("C")) : await xlsx("X");
      const form = new FormData();
      form.set("file", new File([bytes], `medarbejdere.${kind}`));
      form.set("movedOn", new Date().toISOString().slice(0, 10));
      let t = performance.now();
      const uploaded = await fetch(`${base}/virksomhed/medarbejdere/import`, { method: "POST", redirect: "manual", headers: { ...headers, Cookie: cookie }, body: form });
      if (uploaded.status !== 302) throw new Error(`${kind} upload answered ${uploaded.status}: ${(await uploaded.text()).slice(0, 500)}\n${out.slice(-2000)}`);
      const url = `${base}${uploaded.headers.get("location")}`;
      const previewed = await settled(url, cookie);
      if (!previewed.includes("Bekræft import")) throw new Error(`${kind} preview did not finish: ${mainOf(previewed)}\n${out.slice(-2000)}`);
      const previewSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      const page = await fetch(`${url}?side=250`, { headers: { Cookie: cookie } });
      await page.text();
      const pageSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      const confirmed = await fetch(url, { method: "POST", redirect: "manual", headers: { ...headers, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: "" });
      if (confirmed.status !== 302) throw new Error(`${kind} confirm answered ${confirmed.status}\n${out.slice(-2000)}`);
      const stored = await settled(url, cookie);
      if (!stored.includes("Importen er gennemført")) throw new Error(`${kind} confirm did not finish: ${mainOf(stored)}\n${out.slice(-2000)}`);
      const confirmSeconds = (performance.now() - t) / 1000;
      results.push({ kind, megabytes: +(bytes.byteLength / 1024 / 1024).toFixed(1), previewSeconds: +previewSeconds.toFixed(1), pageSeconds: +pageSeconds.toFixed(2), confirmSeconds: +confirmSeconds.toFixed(1), peakRssMb: peakRssMb(/** @type {number} */ (child.pid)) });
    }
    return results;
  } finally {
    child.kill("SIGTERM");
    await /** @type {Promise<void>} */ (new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve())));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
