// @ts-check
// Fasthold's server. On a machine with several cores it runs as a cluster: this
// primary process claims the database and hands connections to WEB_CONCURRENCY
// server processes (default: one per core, at most four), so one busy page does
// not hold up the others. WEB_CONCURRENCY=1 runs a single process, without a primary.
// React and Remix read NODE_ENV directly: without it they run their slow development builds.
process.env.NODE_ENV ??= "production";

import cluster from "node:cluster";
import os from "node:os";

// In development (npm run dev) one process loads each new build (scripts/http-server.mjs).
const single =
  process.env.NODE_ENV === "development" ||
  process.env.WEB_CONCURRENCY === "1" ||
  (process.env.WEB_CONCURRENCY === undefined && os.availableParallelism() === 1);
if (cluster.isPrimary && !single) {
  const { runPrimary } = await import("./scripts/cluster-primary.mjs");
  runPrimary();
} else {
  await import("./scripts/http-server.mjs");
}
