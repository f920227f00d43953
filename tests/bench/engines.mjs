// @ts-check
// tests/bench/engines.md: the SQLite run (tests/bench/results.md) and the PostgreSQL run
// (tests/bench/results-postgres.md) side by side, read from the two files, each with its run's date
// so a stale side shows. npm run bench writes it whenever both exist; `node tests/bench/engines.mjs`
// writes it from the files as they are.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MEASUREMENTS_HEADER = "| target | connections | requests/s | p50 ms | p95 ms | p99 ms | errors |";
const GOALS_HEADER = "| goal | met | measured |";

/**
 * The cells of the rows of the table under `header`, up to the first line that is not a row.
 * @param {string[]} lines
 * @param {string} header
 */
function tableRows(lines, header) {
  const start = lines.indexOf(header);
  if (start < 0) return [];
  /** @type {string[][]} */
  const rows = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.slice(1, -1).split("|").map((cell) => cell.trim()));
  }
  return rows;
}

/**
 * One results file: its run's date, its measurements by target and connections, its goals.
 * @param {string} text
 * @param {string} file for the message
 */
export function parseResults(text, file) {
  const lines = text.split("\n");
  const run = /^Run (\S+) on /m.exec(text)?.[1];
  const measurements = tableRows(lines, MEASUREMENTS_HEADER).map(([target = "", connections = "", rps = "", p50 = "", p95 = "", p99 = "", errors = ""]) => ({ target, connections, rps, p50, p95, p99, errors }));
  if (!run || measurements.length === 0) throw new Error(`${file} is not a results file of npm run bench (no run date or no measurements)`);
  const goals = tableRows(lines, GOALS_HEADER).map(([goal = "", met = "", measured = ""]) => ({ goal, met, measured }));
  // Since 02.12.2026 pages are asked for compressed, as a browser asks; older runs name no Accept-Encoding.
  const acceptEncoding = /Pages and PDFs are requested with `Accept-Encoding: ([^`]*)`/.exec(text)?.[1] ?? null;
  return { run, measurements, goals, acceptEncoding };
}

/** @param {string | null} acceptEncoding */
const encodingWords = (acceptEncoding) => (acceptEncoding ? `Accept-Encoding: ${acceptEncoding}` : "uncompressed");

/**
 * The side-by-side page from the two files' texts.
 * @param {string} sqliteText
 * @param {string} postgresText
 */
export function enginesMarkdown(sqliteText, postgresText) {
  const sqlite = parseResults(sqliteText, "tests/bench/results.md");
  const postgres = parseResults(postgresText, "tests/bench/results-postgres.md");
  /** @param {{ target: string, connections: string }} m */
  const key = (m) => `${m.target}\u0000${m.connections}`;
  const onPostgres = new Map(postgres.measurements.map((m) => [key(m), m]));
  const onSqlite = new Map(sqlite.measurements.map((m) => [key(m), m]));
  // SQLite's order, then what only PostgreSQL measured.
  const keys = [...new Set([...sqlite.measurements.map(key), ...postgres.measurements.map(key)])];
  /** @param {{ p50: string, p95: string, p99: string, rps: string } | undefined} m */
  const cells = (m) => (m ? [m.p50, m.p95, m.p99, m.rps] : ["–", "–", "–", "–"]);
  const hours = Math.abs(Date.parse(postgres.run) - Date.parse(sqlite.run)) / 3_600_000;
  const goalNames = [...new Set([...sqlite.goals.map((g) => g.goal), ...postgres.goals.map((g) => g.goal)])];
  /** @param {{ met: string, measured: string } | undefined} g */
  const goalCell = (g) => (g ? `${g.met}: ${g.measured}` : "–");
  const met = (/** @type {{ met: string }[]} */ goals) => `${goals.filter((g) => g.met === "yes").length} of ${goals.length}`;
  return [
    "# Both engines side by side",
    "",
    `SQLite: tests/bench/results.md, run ${sqlite.run}. PostgreSQL: tests/bench/results-postgres.md, run ${postgres.run}.`,
    `The two runs are ${hours < 1 ? "less than an hour" : `${Math.round(hours)} hours`} apart${hours > 24 ? ": one side is stale, run it again before comparing" : ""}. Machine, load, settings and memory: in each file.`,
    ...(sqlite.acceptEncoding === postgres.acceptEncoding
      ? []
      : [
          `The runs asked for pages and PDFs differently (SQLite: ${encodingWords(sqlite.acceptEncoding)}; PostgreSQL: ${encodingWords(postgres.acceptEncoding)}): their page and PDF figures do not compare; run both again.`,
        ]),
    "Written by npm run bench whenever both files exist (or by `node tests/bench/engines.mjs`); latencies in ms.",
    "",
    "| target | connections | SQLite p50 | SQLite p95 | SQLite p99 | SQLite req/s | PostgreSQL p50 | PostgreSQL p95 | PostgreSQL p99 | PostgreSQL req/s |",
    "|---|---|---|---|---|---|---|---|---|---|",
    ...keys.map((k) => {
      const [target, connections] = k.split("\u0000");
      return `| ${target} | ${connections} | ${cells(onSqlite.get(k)).join(" | ")} | ${cells(onPostgres.get(k)).join(" | ")} |`;
    }),
    "",
    `Goals met: SQLite ${met(sqlite.goals)}, PostgreSQL ${met(postgres.goals)}.`,
    "",
    "| goal | SQLite | PostgreSQL |",
    "|---|---|---|",
    ...goalNames.map((name) => `| ${name} | ${goalCell(sqlite.goals.find((g) => g.goal === name))} | ${goalCell(postgres.goals.find((g) => g.goal === name))} |`),
    "",
  ].join("\n");
}

/**
 * Writes tests/bench/engines.md when both results files exist; its path, or null when one is missing.
 * @param {string} root
 */
export function writeEngines(root) {
  const sqliteFile = path.join(root, "tests/bench/results.md");
  const postgresFile = path.join(root, "tests/bench/results-postgres.md");
  if (!fs.existsSync(sqliteFile) || !fs.existsSync(postgresFile)) return null;
  const out = path.join(root, "tests/bench/engines.md");
  fs.writeFileSync(out, enginesMarkdown(fs.readFileSync(sqliteFile, "utf8"), fs.readFileSync(postgresFile, "utf8")));
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const out = writeEngines(root);
  if (out) console.log(`Written: ${path.relative(root, out)}`);
  else {
    console.error("tests/bench/engines.md needs both tests/bench/results.md and tests/bench/results-postgres.md (npm run bench, with and without BENCH_DATABASE_URL).");
    process.exitCode = 1;
  }
}
