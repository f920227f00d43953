/** The built server refuses to start with the tests' cheap password hash under NODE_ENV=production. */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, TMP_DIR } from "../support/paths";

function runServer(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["server.mjs"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: path.join(TMP_DIR, `guard-${crypto.randomUUID()}`, "x.db"), ...env } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    // A server that starts after all is stopped, and the test fails on its exit code.
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.stdout.on("data", () => {
      if (output.includes("Fasthold kører")) child.kill("SIGTERM");
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the tests' cheap password hash on a real server", () => {
  it.each<Record<string, string>>([{ NODE_ENV: "production" }, {}])("stops the start with %o and names the variable", async (vars) => {
    const { code, output } = await runServer({ FASTHOLD_TEST_FAST_HASH: "1", WEB_CONCURRENCY: "1", ...vars });
    expect(code).toBe(1);
    expect(output).toContain("FASTHOLD_TEST_FAST_HASH: må kun bruges af testene");
  });
});
