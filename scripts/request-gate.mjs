// @ts-check
/**
 * The app's requests, started in arrival order and one per turn of the event loop
 * (docs/decisions/019).
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
 * It does not limit how many requests are in the app at once: a request that waits (a login for
 * its password hash, a PostgreSQL query) lets the next one start on the next turn, as before. A
 * limit would have put pages behind a storm of logins waiting for the hash queue, which is meant
 * to refuse them at once (app/utils/password.server.ts).
 */

/**
 * @typedef {{ work: () => Promise<unknown>, stillWanted: () => boolean, resolve: (value: unknown) => void, reject: (error: unknown) => void }} Job
 */

export function createRequestGate() {
  /** @type {Job[]} */
  let queue = [];
  let head = 0;
  let scheduled = false;
  let running = 0;

  function schedule() {
    if (scheduled || head >= queue.length) return;
    scheduled = true;
    setImmediate(pump);
  }

  function pump() {
    scheduled = false;
    if (head >= queue.length) return;
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
      started.then(
        (value) => {
          running -= 1;
          job.resolve(value);
        },
        (error) => {
          running -= 1;
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
    /** Requests started and not yet answered, and requests waiting for their turn (for tests). */
    get load() {
      return { running, waiting: queue.length - head };
    },
  };
}
