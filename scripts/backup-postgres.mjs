// @ts-check
// npm run backup -- <file> in PostgreSQL mode: pg_dump --format=custom of the DATABASE_URL
// database. The servers may keep running: pg_dump reads everything in one transaction, from one
// snapshot, so the dump is consistent without stopping anyone. It is written under a temporary
// name and renamed only when pg_dump has finished and pg_restore can list it: a failed or
// interrupted dump never leaves a file under the name asked for.
import fs from "node:fs";
import path from "node:path";
import { ToolError, describeUrl, findClient, libpqConnection, requireNotOlder, runClient, serverMajorVersion } from "./pg-tools.mjs";

/**
 * @param {string} target
 * @param {string} url
 */
export async function backupPostgres(target, url) {
  if (fs.existsSync(target)) throw new ToolError(`${target} findes allerede; vælg et nyt filnavn.`);
  const pgDump = findClient("pg_dump");
  const pgRestore = findClient("pg_restore");
  const serverMajor = await serverMajorVersion(url);
  requireNotOlder(pgDump, serverMajor);

  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.partial`);
  const { dbname, env } = libpqConnection(url);
  const removePartial = () => fs.rmSync(partial, { force: true });
  // Ctrl-C or a kill while pg_dump runs: the partial file goes too.
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.once(signal, () => (removePartial(), process.exit(1)));
  try {
    const dump = runClient(pgDump.binary, ["--format=custom", "--no-password", `--file=${partial}`, `--dbname=${dbname}`], env);
    if (dump.status !== 0) throw new ToolError(`pg_dump mislykkedes (afslutningskode ${dump.status}): ${dump.stderr}`);
    // The archive must be readable as a whole before it counts as a backup.
    const list = runClient(pgRestore.binary, ["--list", partial], env);
    if (list.status !== 0) throw new ToolError(`Sikkerhedskopien kan ikke læses af pg_restore: ${list.stderr}`);
    const tables = list.stdout.split("\n").filter((line) => / TABLE DATA /.test(line)).length;
    fs.renameSync(partial, target);
    const size = fs.statSync(target).size;
    console.log(
      `Sikkerhedskopi skrevet: ${target} (${(size / 1024).toFixed(0)} kB, ${tables} tabeller fra ${describeUrl(url)}, PostgreSQL ${serverMajor}, ${pgDump.text})`,
    );
  } finally {
    removePartial();
  }
}
