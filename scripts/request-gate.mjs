// @ts-check
/**
 * The app's requests, started in arrival order and one per turn of the event loop, with at most
 * `limit` of them in the app at a time (docs/decisions/019).
 *
 * Why not simply run each request as it is read: on SQLite a request's work (the loader's reads
 * and the render) is all synchronous under its promises, so a request started from a socket's read
 * callback finishes inside that callback. One poll phase then served every connection whose
 * request had arrived, one after another, 30 of them at 64 connections (150–300 ms), and Node takes
 * in only one new connection per poll phase: under load a browser's new connection waited seconds
 * before its first request was even read (p99 of 5–6 s where the median was 0.2 s). Started from
 * the check phase, one request per turn, the poll phase comes round after every request: new
 * connections are taken in and new requests queue behind the ones already waiting.
 *
 * On PostgreSQL a request awaits the database and spans turns; `limit` bounds how many are in the
 * app at once, so the connection pools' queues are not where the waiting happens.
 */

/**
 * @typedef {{ work: () => Promise<unknown>, stillWanted: () => boolean, resolve: (value: unknown) => void, reject: (error: unknown) => void }} Job
 */

/**
 * @param {number} limit
 */
export function createRequestGate(limit) {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`A request gate needs a whole number of places, not ${limit}`);
  let running = 0;
  /** @type {Job[]} */
  let queue = [];
  let head = 0;
  let scheduled = false;

  function schedule() {
    if (scheduled || running >= limit || head >= queue.length) return;
    scheduled = true;
    setImmediate(pump);
  }

  function finished() {
    running -= 1;
    schedule();
  }

  function pump() {
    scheduled = false;
    if (running >= limit || head >= queue.length) return;
    const job = /** @type {Job} */ (queue[head]);
    queue[head] = /** @type {any} */ (undefined);
    head += 1;
    // The array is compacted now and then rather than shifted per request.
    if (head > 64 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    if (!job.stillWanted()) {
      // The client has gone while it waited: nothing to start.
      job.resolve(null);
    } else {
      running += 1;
      let started;
      try {
        started = job.work();
      } catch (error) {
        started = Promise.reject(error);
      }
      // The place is free before the caller goes on with the answer.
      started.then(
        (value) => {
          finished();
          job.resolve(value);
        },
        (error) => {
          finished();
          job.reject(error);
        },
      );
    }
    // The next one on the next turn, after the poll phase has read what arrived meanwhile.
    schedule();
  }

  return {
    /**
     * Runs `work` in its turn. `stillWanted` is asked when the turn comes: a request whose client
     * has gone is not started, and the answer is null.
     * @template T
     * @param {() => Promise<T>} work
     * @param {() => boolean} [stillWanted]
     * @returns {Promise<T | null>}
     */
    run(work, stillWanted = () => true) {
      return new Promise((resolve, reject) => {
        queue.push({ work, stillWanted, resolve: /** @type {(value: unknown) => void} */ (resolve), reject });
        schedule();
      });
    },
    /** Requests in the app and waiting now (for tests). */
    get load() {
      return { running, waiting: queue.length - head };
    },
  };
}
