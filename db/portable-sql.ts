import { sql, type Placeholder, type SQL, type SQLWrapper } from "drizzle-orm";
import { dialect } from "./dialect";

/**
 * The few SQL fragments whose spelling differs between SQLite and PostgreSQL, so that model code
 * stays the same for both (docs/decisions/013 and 015). The engine is fixed for the process.
 */
const onPostgres = dialect() === "postgres";

/** A condition no row meets: SQLite takes `0`, PostgreSQL wants a boolean. */
export const noRow: SQL = sql`1 = 0`;

/**
 * A sort key that ignores the case of letters: SQLite's NOCASE collation (which the name indexes
 * are built with, so the sort is read from them), PostgreSQL's lower().
 */
export function caseless(value: SQLWrapper): SQL {
  return onPostgres ? sql`lower(${value})` : sql`${value} COLLATE NOCASE`;
}

/** Equal but for the case of letters. */
export function equalsCaseless(value: SQLWrapper, other: string): SQL {
  return onPostgres ? sql`lower(${value}) = lower(${other})` : sql`${value} = ${other} COLLATE NOCASE`;
}

/**
 * A LIKE pattern (with `\` as its escape) matched without regard to case: SQLite's LIKE already
 * ignores the case of ASCII letters, PostgreSQL's ILIKE that of every letter. The pattern may be
 * a prepared statement's placeholder.
 */
export function likeCaseless(value: SQLWrapper, pattern: string | Placeholder): SQL {
  return onPostgres ? sql`${value} ILIKE ${pattern} ESCAPE '\\'` : sql`${value} LIKE ${pattern} ESCAPE '\\'`;
}
