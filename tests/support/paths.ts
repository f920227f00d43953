import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");
export const TMP_DIR = path.join(ROOT, "tests/.tmp");
/** A database migrated once per test run; each test file works on its own copy. */
export const BASE_DB = path.join(TMP_DIR, "base.db");
