/** Every table and text column of the test's database that holds a value: for secrets that must not be stored. */
import { getSqlite } from "~db/client.server";

export function tablesContaining(value: string, sqlite = getSqlite()): string[] {
  const found: string[] = [];
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
  for (const { name } of tables) {
    const columns = sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{ name: string }>;
    for (const column of columns) {
      const hit = sqlite.prepare(`SELECT 1 FROM "${name}" WHERE instr(CAST("${column.name}" AS TEXT), ?) > 0 LIMIT 1`).get(value);
      if (hit) found.push(`${name}.${column.name}`);
    }
  }
  return found;
}
