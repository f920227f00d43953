/**
 * The second half of `npm test` (issue 27): the integration suites again, on PostgreSQL. Every test
 * file and every test server gets its own database on one throwaway PostgreSQL server of the run
 * (tests/support/global-setup.ts, engine.ts). Left out are the suites about SQLite itself (its file,
 * its connections, its query plans, its crash and backup tools) and the suites of PostgreSQL mode, which
 * start PostgreSQL servers of their own and already ran in the first half.
 */
import { defineConfig } from "vitest/config";
import base from "./vitest.config";
import { postgresAvailable } from "./tests/support/postgres";

export const SQLITE_ONLY = [
  // The SQLite file, its connections, plans and tools.
  "crash-and-backup",
  "db-connection",
  "file-modes",
  "query-plans",
  "statistics-fast-path",
  "triggers",
  "national-seed",
  "dev-reload",
  "cluster",
  // Read the app's SQLite connection in-process (getSqlite) to check caches against writes.
  "dashboard-cache",
  "jobcenter-cache",
  "document-registry",
  // The sweep's rule of a dead process id holds on SQLite's one machine only; on PostgreSQL the sweep
  // is proved with two real servers (background-jobs-two-servers-postgres).
  "background-job-owners",
  // PostgreSQL mode's own suites: they start their own PostgreSQL servers and ran in the first half.
  "postgres-",
  "throttle-postgres",
  "leadership-postgres",
  "shared-state-two-servers-http",
  "migrate-to-postgres",
  "background-jobs-two-servers-postgres",
  "employee-import-postgres",
];

process.env.FASTHOLD_TEST_ENGINE = "postgres";
// Its own scratch folder, so this run and a SQLite run may go at the same time in one checkout.
process.env.FASTHOLD_TEST_TMP_DIR ??= "tests/.tmp-postgres";
const available = postgresAvailable();
if (!available) {
  console.warn("PostgreSQL is not installed here: the integration suites' PostgreSQL run is skipped (apt-get install postgresql runs it).");
}

// Spread, not mergeConfig: that would add this run's include to the first half's instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: available ? ["tests/integration/**/*.test.ts"] : [],
    exclude: ["**/node_modules/**", ...SQLITE_ONLY.map((name) => `tests/integration/**/${name}*`)],
    passWithNoTests: !available,
    env: { FASTHOLD_TEST_ENGINE: "postgres", FASTHOLD_TEST_TMP_DIR: process.env.FASTHOLD_TEST_TMP_DIR },
  },
});
