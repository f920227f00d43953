/**
 * Which database engine this test run uses (issue 27). `npm test` runs every suite on SQLite, then the
 * integration suites a second time on PostgreSQL (vitest.postgres.config.ts sets FASTHOLD_TEST_ENGINE):
 * each test file, each test server, gets its own PostgreSQL database made from a template, as on
 * SQLite each gets its own copy of a file.
 */
export type TestEngine = "sqlite" | "postgres";

export function testEngine(): TestEngine {
  return process.env.FASTHOLD_TEST_ENGINE === "postgres" ? "postgres" : "sqlite";
}

export const onPostgres = testEngine() === "postgres";

/** Templates on the run's PostgreSQL server, copied by global-setup from the SQLite base files. */
export const PG_TEMPLATES = { base: "fasthold_base", seeded: "fasthold_seeded" } as const;
