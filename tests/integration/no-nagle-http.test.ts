/**
 * The server accepts its connections itself (a net listener with pauseOnConnect, or the cluster
 * primary's hand-off), not through http.Server's own listener, which is what turns Nagle's
 * algorithm off. With it on, a gzipped page (its headers, then the compressed body, written in
 * two pieces) waited on every keep-alive request for the browser's delayed ACK: about 40 ms
 * added to each page, whatever the page cost. Each request below is timed; the fastest of ten
 * stays far below that stall, which a request with Nagle on never does.
 */
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

/** Ten sequential gzipped GETs on one keep-alive connection; each one's milliseconds. */
async function timedGzipGets(baseUrl: string, pathname: string): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  try {
    for (let i = 0; i < 11; i++) {
      const started = performance.now();
      const encoding = await new Promise<string | undefined>((resolve, reject) => {
        http
          .get(new URL(pathname, baseUrl), { agent, headers: { "Accept-Encoding": "gzip" } }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.headers["content-encoding"]));
          })
          .on("error", reject);
      });
      expect(encoding).toBe("gzip");
      // The first request opens the connection (no stall); the ten after it reuse it.
      if (i > 0) times.push(performance.now() - started);
    }
  } finally {
    agent.destroy();
  }
  return times;
}

describe.each([
  ["one process listening itself", {}],
  ["a cluster of two processes", { WEB_CONCURRENCY: "2" }],
])("gzipped pages on a reused connection: %s", (_name, env) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers without waiting for the client's delayed ACK (Nagle off on every accepted socket)", async () => {
    const times = await timedGzipGets(server.baseUrl, "/login");
    expect(Math.min(...times), `request times in ms: ${times.map((t) => t.toFixed(1)).join(", ")}`).toBeLessThan(30);
  });
});
