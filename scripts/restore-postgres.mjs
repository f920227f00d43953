// @ts-check
// npm run restore -- <file> [--replace] in PostgreSQL mode: pg_restore of a dump made by
// npm run backup into the DATABASE_URL database, in one transaction (--single-transaction):
// PostgreSQL holds either the whole backup or, after any error, exactly what it held before.
// A database whose portal tables hold rows is refused unless --replace is given; then the dump's
// objects are dropped and recreated (--clean --if-exists) inside that same transaction.
// Objects are restored as owned by the DATABASE_URL user, without the source's grants
// (--no-owner --no-acl): a backup moves between servers whose roles differ (docs/decisions/016).
import fs from "node:fs";
import pg from "pg";
import { ToolError, describeUrl, findClient, libpqConnection, portalTables, requireNotOlder, runClient, serverMajorVersion } from "./pg-tools.mjs";

/** What makes a dump a Fasthold database's: the tables every version has had, schema-qualified. */
const REQUIRED_TABLES = ["drizzle __drizzle_migrations", "public companies", "public users", "public employees", "public absences", "public audit_log"];

/**
 * The portal's tables in the database that hold at least one row.
 * @param {string} url
 */
async function tablesWithRows(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1) ORDER BY tablename", [portalTables()]);
    /** @type {string[]} */
    const filled = [];
    for (const { tablename } of rows) {
      const { rows: any } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${pg.escapeIdentifier(tablename)}) AS filled`);
      if (any[0].filled) filled.push(tablename);
    }
    return filled;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * @param {string} backup
 * @param {string} url
 * @param {{ replace: boolean }} options
 */
export async function restorePostgres(backup, url, { replace }) {
  if (!fs.existsSync(backup)) throw new ToolError(`${backup} findes ikke.`);
  const pgRestore = findClient("pg_restore");
  const serverMajor = await serverMajorVersion(url);
  requireNotOlder(pgRestore, serverMajor);
  const { dbname, env } = libpqConnection(url);

  const list = runClient(pgRestore.binary, ["--list", backup], env);
  if (list.status !== 0) throw new ToolError(`${backup} er ikke en sikkerhedskopi fra npm run backup på PostgreSQL (pg_restore kan ikke læse den): ${list.stderr}`);
  const missing = REQUIRED_TABLES.filter((table) => !list.stdout.split("\n").some((line) => line.includes(` TABLE ${table} `)));
  if (missing.length) throw new ToolError(`${backup} er ikke en Fasthold-database (mangler ${missing.map((t) => t.replace(" ", ".")).join(", ")}).`);

  const filled = await tablesWithRows(url);
  if (filled.length && !replace)
    throw new ToolError(
      `Databasen ${describeUrl(url)} indeholder allerede data (${filled.join(", ")}). Intet er ændret. Stop serverne, og kør npm run restore -- ${backup} --replace for at erstatte indholdet med sikkerhedskopien.`,
    );

  const restore = runClient(
    pgRestore.binary,
    ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-acl", "--no-password", `--dbname=${dbname}`, backup],
    env,
  );
  if (restore.status !== 0)
    throw new ToolError(`pg_restore mislykkedes (afslutningskode ${restore.status}); transaktionen er rullet tilbage, databasen er som før: ${restore.stderr}`);
  console.log(
    `Gendannet ${describeUrl(url)} fra ${backup}${filled.length ? " (det tidligere indhold er erstattet)" : ""}. Start serverne igen.`,
  );
}
