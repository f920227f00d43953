import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
/** FASTHOLD_TEST_TMP_DIR lets a second run in the same checkout keep out of the first one's files (global-setup empties this folder). */
export const TMP_DIR = process.env.FASTHOLD_TEST_TMP_DIR ? path.resolve(process.env.FASTHOLD_TEST_TMP_DIR) : path.join(ROOT, "tests/.tmp");
/** A database migrated once per test run; each test file works on its own copy. */
export const BASE_DB = path.join(TMP_DIR, "base.db");
/** The migrated base with the demo data (app/models/demo-seed.server.ts), seeded once per run: each test server starts on a copy. */
export const SEEDED_DB = path.join(TMP_DIR, "seeded.db");
