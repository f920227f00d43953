/**
 * `npm run dev` (remix dev --manual -c "node server.mjs"): Remix rebuilds into build/ while the
 * server keeps running, so the server must load each new build and tell remix dev so. Here the
 * server runs in development mode in a folder of its own, with a copy of the build that the test
 * rewrites as a rebuild would, and a stand-in for remix dev hears the server's "ready" pings.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, TMP_DIR } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

const TITLE = String.raw`title: "Log ind \u2013 Fasthold"`;
const NEW_TITLE = String.raw`title: "Log ind \u2013 Fasthold (ny build)"`;

/** What remix dev's own server does with broadcastDevReady: POST /ping with the build's version. */
async function fakeDevServer() {
  const pings: string[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/ping") pings.push((JSON.parse(body) as { buildHash: string }).buildHash);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    pings,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(check: () => boolean, what: () => string) {
  const until = Date.now() + 30_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The project folder again, with links to everything but build/, which is a copy the test may rewrite. */
function appFolderWithOwnBuild(): string {
  const dir = path.join(TMP_DIR, `dev-${crypto.randomUUID()}`);
  fs.mkdirSync(path.join(dir, "build"), { recursive: true });
  for (const entry of fs.readdirSync(ROOT)) {
    if (entry !== "build" && entry !== "tests") fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
  }
  for (const file of ["index.js", "version.txt"]) fs.copyFileSync(path.join(ROOT, "build", file), path.join(dir, "build", file));
  return dir;
}

let server: RunningServer | undefined;
let dev: Awaited<ReturnType<typeof fakeDevServer>> | undefined;
afterAll(async () => {
  await server?.stop();
  await dev?.close();
});

describe("npm run dev", () => {
  it("serves each new build without a restart and tells remix dev when it does", async () => {
    const dir = appFolderWithOwnBuild();
    const firstVersion = fs.readFileSync(path.join(dir, "build/version.txt"), "utf8").trim();
    const source = fs.readFileSync(path.join(dir, "build/index.js"), "utf8");
    expect(source).toContain(TITLE);
    dev = await fakeDevServer();
    server = await startServer({ NODE_ENV: "development", REMIX_DEV_ORIGIN: dev.origin }, { cwd: dir });
    const pid = server.pid;
    await waitFor(() => dev!.pings.includes(firstVersion), () => `the first build's ready ping (server output:\n${server!.output()})`);
    expect(await (await fetch(`${server.baseUrl}/login`)).text()).toContain("<title>Log ind – Fasthold</title>");

    // A rebuild as Remix writes it: the server build first, then version.txt.
    const nextVersion = "d0e1f2a3";
    fs.writeFileSync(path.join(dir, "build/index.js"), source.replace(TITLE, NEW_TITLE).replaceAll(`"${firstVersion}"`, `"${nextVersion}"`));
    fs.writeFileSync(path.join(dir, "build/version.txt"), nextVersion);

    await waitFor(() => dev!.pings.includes(nextVersion), () => `the new build's ready ping (server output:\n${server!.output()})`);
    expect(await (await fetch(`${server.baseUrl}/login`)).text()).toContain("<title>Log ind – Fasthold (ny build)</title>");
    // The same process: remix dev --manual does not restart it.
    expect(server.pid).toBe(pid);
    expect(server.output()).not.toMatch(/kunne ikke/);
  });
});
