import { describe, expect, it } from "vitest";
import { BoundedMemo } from "../../../lib/bounded-memo";

function filled(capacity: number, keys: string[], eviction?: "oldest" | "least-recently-used") {
  const memo = new BoundedMemo<string, number>(capacity, eviction);
  keys.forEach((key, i) => memo.set(key, i));
  return memo;
}

describe("a bounded memo", () => {
  it("never holds more entries than its capacity", () => {
    const memo = new BoundedMemo<number, number>(3);
    for (let i = 0; i < 100; i++) memo.set(i, i * i);
    expect(memo.size).toBe(3);
    expect([...memo.keys()]).toEqual([97, 98, 99]);
    expect(memo.get(99)).toBe(9801);
  });

  it("evicts the entry inserted first, whether or not it was read since", () => {
    const memo = filled(3, ["a", "b", "c"]);
    expect(memo.get("a")).toBe(0);
    memo.set("d", 3);
    expect([...memo.keys()]).toEqual(["b", "c", "d"]);
    expect(memo.has("a")).toBe(false);
  });

  it("in least-recently-used order, evicts the entry read or written longest ago", () => {
    const memo = filled(3, ["a", "b", "c"], "least-recently-used");
    expect(memo.get("a")).toBe(0);
    memo.set("b", 10);
    memo.set("d", 3);
    expect([...memo.keys()]).toEqual(["a", "b", "d"]);
    expect(memo.get("b")).toBe(10);
  });

  it("overwrites a kept key without evicting another", () => {
    const memo = filled(2, ["a", "b"]);
    memo.set("a", 5);
    expect(memo.size).toBe(2);
    expect(memo.get("a")).toBe(5);
    expect(memo.get("b")).toBe(1);
  });

  it("computes on a miss only, and keeps a computed null as a hit", () => {
    const memo = new BoundedMemo<string, string | null>(2);
    let computed = 0;
    const lookUp = (key: string) =>
      memo.getOrCompute(key, () => {
        computed++;
        return key === "none" ? null : key.toUpperCase();
      });
    expect(lookUp("a")).toBe("A");
    expect(lookUp("a")).toBe("A");
    expect(lookUp("none")).toBeNull();
    expect(lookUp("none")).toBeNull();
    expect(computed).toBe(2);
    expect(lookUp("b")).toBe("B");
    expect(lookUp("a")).toBe("A");
    expect(computed).toBe(4);
  });

  it("can be emptied and refuses a capacity below one", () => {
    const memo = filled(2, ["a", "b"]);
    memo.clear();
    expect(memo.size).toBe(0);
    expect(memo.delete("a")).toBe(false);
    expect(() => new BoundedMemo(0)).toThrow(RangeError);
    expect(() => new BoundedMemo(1.5)).toThrow(RangeError);
  });
});
