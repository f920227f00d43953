/**
 * Every table and text column of a database that holds a value: for secrets that must not be stored.
 * Without a target, the test file's own database (DATABASE_PATH, or DATABASE_URL on a PostgreSQL run).
 */
import { openTestDb, type DatabaseOf } from "./test-db";

function ownDatabase(): DatabaseOf {
  return { databasePath: process.env.DATABASE_PATH!, ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}) };
}

export async function tablesContaining(value: string, target: DatabaseOf = ownDatabase()): Promise<string[]> {
  const db = await openTestDb(target);
  try {
    const columns = target.databaseUrl
      ? await db.all<{ tableName: string; columnName: string }>(
          "SELECT table_name AS tableName, column_name AS columnName FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
        )
      : await db.all<{ tableName: string; columnName: string }>(
          "SELECT m.name AS tableName, p.name AS columnName FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        );
    const found: string[] = [];
    for (const { tableName, columnName } of columns) {
      const holds = target.databaseUrl
        ? `strpos(CAST("${columnName}" AS text), ?) > 0`
        : `instr(CAST("${columnName}" AS TEXT), ?) > 0`;
      if (await db.one(`SELECT 1 AS hit FROM "${tableName}" WHERE ${holds} LIMIT 1`, value)) found.push(`${tableName}.${columnName}`);
    }
    return found;
  } finally {
    await db.close();
  }
}
