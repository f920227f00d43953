/**
 * A short run of `npm run soak` (the same script as the 2-minute run): the
 * load reaches the server, every answer is 2xx/3xx and every acknowledged
 * write is in the database afterwards.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { ROOT } from "../support/paths";

it("a 5-second soak ends with zero errors and zero lost writes", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["scripts/soak.mjs"], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", SOAK_SECONDS: "5", SOAK_CONNECTIONS: "10" },
  });
  expect(stdout).toMatch(/Fejl: 0, timeouts: 0, svar uden for 2xx\/3xx: 0/);
  expect(stdout).toMatch(/tabte: 0/);
  expect(stdout).toContain("integrity_check: ok");
  const acknowledged = Number(/Skrivninger kvitteret: (\d+)/.exec(stdout)?.[1]);
  expect(acknowledged).toBeGreaterThan(0);
}, 120_000);
