/**
 * The one bounded in-memory memo of the app (docs/decisions/002): a Map that never holds more than
 * `capacity` entries, so a flood of distinct keys (dates, cookies, SQL texts, texts to lay out)
 * costs a bounded amount of memory. When full, a new key evicts the oldest entry:
 * - "oldest" (the default): the one inserted first. A hit is a plain Map lookup, for the hottest
 *   paths (date parsing, deadline results) where reordering on every hit would cost more than
 *   an occasional recomputation;
 * - "least-recently-used": the one read or written longest ago, for fewer, costlier entries
 *   (computed dashboard lists) that readers keep asking for.
 * It lives outside app/ and db/ because both the pure domain and the database connection use it;
 * it imports nothing.
 */
export type Eviction = "oldest" | "least-recently-used";

export class BoundedMemo<K, V> {
  readonly #entries = new Map<K, V>();
  readonly #capacity: number;
  readonly #refreshOnHit: boolean;

  constructor(capacity: number, eviction: Eviction = "oldest") {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`A bounded memo needs a capacity of at least 1, not ${capacity}`);
    this.#capacity = capacity;
    this.#refreshOnHit = eviction === "least-recently-used";
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (this.#refreshOnHit && value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.#entries.has(key);
  }

  set(key: K, value: V): void {
    if (this.#entries.has(key)) {
      if (this.#refreshOnHit) this.#entries.delete(key);
    } else if (this.#entries.size >= this.#capacity) {
      this.#entries.delete(this.#entries.keys().next().value as K);
    }
    this.#entries.set(key, value);
  }

  /**
   * The kept value for `key`, or the one `compute(key)` returns, which is then kept (also null).
   * On hot paths pass a function of the key, not a new closure per call: a hit then allocates nothing.
   */
  getOrCompute(key: K, compute: (key: K) => V): V {
    const known = this.get(key);
    if (known !== undefined || this.#entries.has(key)) return known as V;
    const value = compute(key);
    this.set(key, value);
    return value;
  }

  delete(key: K): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** The keys from the next to be evicted to the last. */
  keys(): IterableIterator<K> {
    return this.#entries.keys();
  }
}
