/**
 * The tests' cheap password hash (FASTHOLD_TEST_FAST_HASH=1) must never reach production:
 * the environment check refuses it there, and a cheap hash found outside tests lets no one in.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "~/utils/env.server";
import { HASH_PARAMETERS, TEST_HASH_PARAMETERS, hashPassword, needsRehash, verifyPassword } from "~/utils/password.server";

function tmpDb() {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-hash-")), "x.db");
}

// tests/support/setup-file.ts turns the cheap hash on for every test file; each test here sets what it needs.
const saved = { flag: process.env.FASTHOLD_TEST_FAST_HASH, nodeEnv: process.env.NODE_ENV };
/** Sets or removes a variable (assigning undefined would store the text "undefined"). */
function setVar(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
afterEach(() => {
  setVar("FASTHOLD_TEST_FAST_HASH", saved.flag);
  setVar("NODE_ENV", saved.nodeEnv);
});

const costOf = (hash: string) => hash.split("$").slice(1, 4).map(Number);

describe("the tests' cheap password hash", () => {
  it.each([{ NODE_ENV: "production" }, {}])("is refused at start with %o (production is the default)", (vars) => {
    const start = () => parseEnv({ DATABASE_PATH: tmpDb(), FASTHOLD_TEST_FAST_HASH: "1", ...vars });
    expect(start).toThrow(EnvError);
    expect(start).toThrow(/FASTHOLD_TEST_FAST_HASH/);
  });

  it("is accepted at start under NODE_ENV=test", () => {
    expect(parseEnv({ DATABASE_PATH: tmpDb(), FASTHOLD_TEST_FAST_HASH: "1", NODE_ENV: "test" }).nodeEnv).toBe("test");
  });

  it("hashes at the test cost only with the flag and NODE_ENV=test, and says so in the hash", async () => {
    process.env.NODE_ENV = "test";
    process.env.FASTHOLD_TEST_FAST_HASH = "1";
    const cheap = await hashPassword("hemmelig-kode");
    expect(costOf(cheap)).toEqual([TEST_HASH_PARAMETERS.N, TEST_HASH_PARAMETERS.r, TEST_HASH_PARAMETERS.p]);
    expect(await verifyPassword("hemmelig-kode", cheap)).toBe(true);
    expect(needsRehash(cheap)).toBe(false);

    // The flag alone, in a process that is not a test, changes nothing.
    process.env.NODE_ENV = "production";
    const real = await hashPassword("hemmelig-kode");
    expect(costOf(real)).toEqual([HASH_PARAMETERS.N, HASH_PARAMETERS.r, HASH_PARAMETERS.p]);
    expect(await verifyPassword("hemmelig-kode", real)).toBe(true);
  });

  it.each([
    ["without the flag", { NODE_ENV: "test", FASTHOLD_TEST_FAST_HASH: undefined }],
    ["under NODE_ENV=production", { NODE_ENV: "production", FASTHOLD_TEST_FAST_HASH: "1" }],
  ])("is never accepted %s, and is marked for rehashing", async (_name, vars) => {
    process.env.NODE_ENV = "test";
    process.env.FASTHOLD_TEST_FAST_HASH = "1";
    const cheap = await hashPassword("hemmelig-kode");
    setVar("NODE_ENV", vars.NODE_ENV);
    setVar("FASTHOLD_TEST_FAST_HASH", vars.FASTHOLD_TEST_FAST_HASH);
    expect(await verifyPassword("hemmelig-kode", cheap)).toBe(false);
    expect(needsRehash(cheap)).toBe(true);
  });
});
