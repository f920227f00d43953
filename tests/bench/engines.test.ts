/**
 * tests/bench/engines.md from the two results files (issue 27): each measurement's SQLite and
 * PostgreSQL figures in one row, matched by target and connections, both runs' dates shown, a
 * side that lacks a measurement marked, and a stale side called stale.
 */
import { describe, expect, it } from "vitest";
import { enginesMarkdown, parseResults } from "./engines.mjs";

function results(run: string, rows: string[], goals: string[]): string {
  return [
    "# Benchmark results",
    "",
    `Run ${run} on vm: 2 cores (Intel(R) Xeon(R) Processor), 24 GB memory, load average 0.4, 0.4, 0.2 at the start; Node v20.20.2; 15 s per measurement after 3 s warm-up.`,
    "Latency percentiles are computed from every response of the measured run.",
    "",
    "| target | connections | requests/s | p50 ms | p95 ms | p99 ms | errors |",
    "|---|---|---|---|---|---|---|",
    ...rows,
    "",
    "App server: 2 processes (a cluster primary and its server processes).",
    "",
    "| goal | met | measured |",
    "|---|---|---|",
    ...goals,
    "",
  ].join("\n");
}

const sqlite = results(
  "2026-12-02T01:00:00.000Z",
  ["| Absence page | 8 | 900 | 8.1 | 12.5 | 20 | 0 |", "| Absence page | 64 | 950 | 60 | 90 | 120 | 0 |", "| PDF fasttrack | 8 | 300 | 20 | 30 | 40 | 0 |"],
  ["| Absence page: p95 ≤ 50 ms at 8 connections | yes | 12.5 ms |"],
);
const postgres = results(
  "2026-12-02T03:30:00.000Z",
  ["| Absence page | 64 | 700 | 80 | 110 | 150 | 0 |", "| Absence page | 8 | 600 | 11 | 19.5 | 31 | 0 |", "| Jobcenter only here | 8 | 10 | 1 | 2 | 3 | 0 |"],
  ["| Absence page: p95 ≤ 50 ms at 8 connections | no | 60 ms |"],
);

describe("the side-by-side table of both engines", () => {
  it("puts each target's SQLite and PostgreSQL p50, p95, p99 and requests/s in one row, by target and connections", () => {
    const page = enginesMarkdown(sqlite, postgres);
    expect(page).toContain("| target | connections | SQLite p50 | SQLite p95 | SQLite p99 | SQLite req/s | PostgreSQL p50 | PostgreSQL p95 | PostgreSQL p99 | PostgreSQL req/s |");
    expect(page).toContain("| Absence page | 8 | 8.1 | 12.5 | 20 | 900 | 11 | 19.5 | 31 | 600 |");
    expect(page).toContain("| Absence page | 64 | 60 | 90 | 120 | 950 | 80 | 110 | 150 | 700 |");
    // A measurement of one run only: the other side is marked, not left out or shifted.
    expect(page).toContain("| PDF fasttrack | 8 | 20 | 30 | 40 | 300 | – | – | – | – |");
    expect(page).toContain("| Jobcenter only here | 8 | – | – | – | – | 1 | 2 | 3 | 10 |");
    // SQLite's order first.
    expect(page.indexOf("| Absence page | 8 |")).toBeLessThan(page.indexOf("| Absence page | 64 |"));
    expect(page).toContain("| Absence page: p95 ≤ 50 ms at 8 connections | yes: 12.5 ms | no: 60 ms |");
    expect(page).toContain("Goals met: SQLite 1 of 1, PostgreSQL 0 of 1.");
  });

  it("shows both runs' dates and calls a side stale when the runs are more than a day apart", () => {
    const page = enginesMarkdown(sqlite, postgres);
    expect(page).toContain("SQLite: tests/bench/results.md, run 2026-12-02T01:00:00.000Z. PostgreSQL: tests/bench/results-postgres.md, run 2026-12-02T03:30:00.000Z.");
    expect(page).toContain("The two runs are 3 hours apart.");
    const later = enginesMarkdown(sqlite, postgres.replace("2026-12-02T03:30:00.000Z", "2026-12-09T03:30:00.000Z"));
    expect(later).toContain("171 hours apart: one side is stale, run it again before comparing.");
  });

  it("says when the two runs asked for the pages differently (compressed or not)", () => {
    expect(enginesMarkdown(sqlite, postgres)).not.toContain("asked for pages and PDFs differently");
    const compressed = (text: string) =>
      text.replace("Latency percentiles", "Pages and PDFs are requested with `Accept-Encoding: gzip, deflate, br, zstd`, as Chromium sends it.\nLatency percentiles");
    expect(enginesMarkdown(compressed(sqlite), postgres)).toContain(
      "The runs asked for pages and PDFs differently (SQLite: Accept-Encoding: gzip, deflate, br, zstd; PostgreSQL: uncompressed): their page and PDF figures do not compare; run both again.",
    );
    expect(enginesMarkdown(compressed(sqlite), compressed(postgres))).not.toContain("asked for pages and PDFs differently");
  });

  it("refuses a file that is not a results file", () => {
    expect(() => parseResults("# Something else\n", "x.md")).toThrow(/not a results file/);
  });
});
