import { describe, expect, it } from "vitest";
import { createRequestGate } from "../../../scripts/request-gate.mjs";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("the request gate (docs/decisions/019)", () => {
  it("starts requests in arrival order; one that waits does not hold up the next", async () => {
    const gate = createRequestGate();
    const log: string[] = [];
    const releases: Array<() => void> = [];
    const runs = ["a", "b", "c"].map((name) =>
      gate.run(
        () =>
          new Promise<string>((resolve) => {
            log.push(`start ${name}`);
            releases.push(() => resolve(name));
          }),
      ),
    );
    for (let i = 0; i < 5; i++) await turn();
    // A login waiting for its hash, a query waiting for PostgreSQL: the others start meanwhile.
    expect(log).toEqual(["start a", "start b", "start c"]);
    expect(gate.load).toEqual({ running: 3, waiting: 0 });
    releases[2]!();
    releases[0]!();
    releases[1]!();
    expect(await Promise.all(runs)).toEqual(["a", "b", "c"]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it("starts one request per turn of the event loop, so I/O and timers run between them", async () => {
    const gate = createRequestGate();
    const log: string[] = [];
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    // Synchronous work, as a SQLite request's is under its promises: 5 ms each.
    const runs = [1, 2, 3, 4, 5].map((n) =>
      gate.run(async () => {
        busy(5);
        log.push(`request ${n}`);
      }),
    );
    setTimeout(() => log.push("timer"), 1);
    await Promise.all(runs);
    // Started at once, all five would have run before the timer's turn came (index 5).
    expect(log.indexOf("timer")).toBeGreaterThan(0);
    expect(log.indexOf("timer")).toBeLessThan(5);
    expect(log.filter((l) => l.startsWith("request"))).toEqual(["request 1", "request 2", "request 3", "request 4", "request 5"]);
  });

  it("does not start a request whose client has gone, and answers it with null", async () => {
    const gate = createRequestGate();
    let started = false;
    expect(await gate.run(async () => (started = true), () => false)).toBeNull();
    expect(started).toBe(false);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it("passes a failure on and frees the place", async () => {
    const gate = createRequestGate();
    await expect(gate.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(
      gate.run(() => {
        throw new Error("sync boom");
      }),
    ).rejects.toThrow("sync boom");
    expect(await gate.run(async () => "after")).toBe("after");
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it("keeps its order over many requests (the queue is compacted, not shifted)", async () => {
    const gate = createRequestGate();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 500 }, (_, i) => gate.run(async () => order.push(i))));
    expect(order).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

});
