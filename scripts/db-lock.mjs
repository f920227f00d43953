// @ts-check
// The server's claim on its database: a file "<database>.pid" holding the
// server's process id, written when it starts and removed when it stops.
// A file left by a killed server names a dead process and counts as free.
// Plain ESM so server.mjs and the backup/restore scripts share it.
import fs from "node:fs";
import path from "node:path";

/** @param {string} databasePath */
export function lockFileFor(databasePath) {
  return `${path.resolve(databasePath)}.pid`;
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * The pid of the live process that holds the database, or null.
 * @param {string} databasePath
 * @returns {number | null}
 */
export function holderOf(databasePath) {
  let text;
  try {
    text = fs.readFileSync(lockFileFor(databasePath), "utf8").trim();
  } catch {
    return null;
  }
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  return alive(pid) ? pid : null;
}

/**
 * Claims the database for this process; returns the live holder's pid instead when another has it.
 * @param {string} databasePath
 * @returns {number | null}
 */
export function claim(databasePath) {
  const holder = holderOf(databasePath);
  if (holder) return holder;
  fs.mkdirSync(path.dirname(lockFileFor(databasePath)), { recursive: true });
  fs.writeFileSync(lockFileFor(databasePath), `${process.pid}\n`);
  return null;
}

/**
 * Removes the claim if it is this process's.
 * @param {string} databasePath
 */
export function release(databasePath) {
  const file = lockFileFor(databasePath);
  try {
    if (Number(fs.readFileSync(file, "utf8").trim()) === process.pid) fs.rmSync(file);
  } catch {
    // Already gone.
  }
}
