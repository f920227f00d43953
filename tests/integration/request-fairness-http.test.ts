/**
 * A server under load still takes in new connections (docs/decisions/019). Node accepts one new
 * connection per poll phase; when the requests read in a poll phase were served inside it (as
 * SQLite's synchronous work is), each phase took as long as all the busy connections' requests
 * together, and a batch of new connections was taken in one per phase: the last browser of 32
 * waited seconds for its first page while the connections already open were answered in a
 * fraction of that. Measured here as a ratio to the busy connections' own latency, so a slow
 * machine does not decide the outcome: fair service keeps the slowest new connection within a few
 * rounds of the queue, starvation puts it dozens of rounds behind.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A keep-alive connection that sends GET `pathname` again as soon as each answer is complete. */
function connection(port: number, pathname: string, onAnswer: (ms: number, first: boolean) => void) {
  const socket = net.connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  let sent = 0;
  let buffered = Buffer.alloc(0);
  let expected = -1;
  let first = true;
  let stopped = false;
  const send = () => {
    sent = performance.now();
    buffered = Buffer.alloc(0);
    expected = -1;
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  };
  socket.on("connect", send);
  socket.on("error", () => {});
  socket.on("data", (chunk) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (expected < 0) {
      const end = buffered.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = /content-length: *(\d+)/i.exec(buffered.subarray(0, end).toString("latin1"));
      if (!length) throw new Error(`no Content-Length in ${buffered.subarray(0, end).toString("latin1")}`);
      expected = end + 4 + Number(length[1]);
    }
    if (buffered.length < expected) return;
    onAnswer(performance.now() - sent, first);
    first = false;
    if (!stopped) send();
  });
  return {
    stop: () => {
      stopped = true;
      socket.destroy();
    },
  };
}

describe("new connections while the server is busy", () => {
  it("answers the first request of 32 new connections within a few rounds of the 32 connections already busy", async () => {
    const port = Number(new URL(server.baseUrl).port);
    const busyLatencies: number[] = [];
    const busy = Array.from({ length: 32 }, () => connection(port, "/login", (ms) => busyLatencies.push(ms)));
    try {
      // Until every busy connection is answered a few times: the server is now saturated.
      while (busyLatencies.length < 32 * 4) await new Promise((resolve) => setTimeout(resolve, 20));
      const firstAnswers: number[] = [];
      const newcomers = Array.from({ length: 32 }, () =>
        connection(port, "/login", (ms, isFirst) => {
          if (isFirst) firstAnswers.push(ms);
        }),
      );
      const started = performance.now();
      while (firstAnswers.length < 32 && performance.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const c of newcomers) c.stop();
      const recent = busyLatencies.slice(32 * 4).sort((a, b) => a - b);
      const busyMedian = recent[Math.floor(recent.length / 2)] ?? 0;
      const slowestNew = Math.max(...firstAnswers);
      const detail = `slowest first answer of a new connection ${slowestNew.toFixed(0)} ms; median answer on a busy connection meanwhile ${busyMedian.toFixed(0)} ms`;
      expect(firstAnswers.length, detail).toBe(32);
      // Fair: about one round of the 64 connections (~ the busy median) plus the queue it joined.
      // Starved: the 32nd newcomer waited ~32 poll phases, each as long as a round, i.e. ~30 ×.
      expect(slowestNew, detail).toBeLessThan(4 * busyMedian + 200);
    } finally {
      for (const c of busy) c.stop();
    }
  });
});
