import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "~db/client.server";
import { compareTriggers, TRIGGERS } from "~db/triggers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-triggers-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freshlyMigrated(name: string) {
  const conn = openDatabase(path.join(dir, `${name}.db`));
  migrate(conn.db, { migrationsFolder: MIGRATIONS_FOLDER });
  return conn.sqlite;
}

describe("the triggers of db/triggers.ts", () => {
  it("are exactly the triggers a freshly migrated database has, each on its table", () => {
    const sqlite = freshlyMigrated("fresh");
    expect(compareTriggers(sqlite)).toEqual({ missing: [], unexpected: [], onOtherTable: [] });
    sqlite.close();
  });

  it("name each trigger once, with the migration that creates it", () => {
    expect(new Set(TRIGGERS.map((t) => t.name)).size).toBe(TRIGGERS.length);
    const files = fs.readdirSync(MIGRATIONS_FOLDER);
    for (const trigger of TRIGGERS) {
      const file = files.find((f) => f.startsWith(`${trigger.migration}_`) && f.endsWith(".sql"));
      expect(file, `migration ${trigger.migration} of ${trigger.name}`).toBeDefined();
      expect(fs.readFileSync(path.join(MIGRATIONS_FOLDER, file!), "utf8")).toContain(`CREATE TRIGGER \`${trigger.name}\` `);
    }
  });

  /** drizzle-kit's SQLite recipe for a column change it cannot ALTER: new table, copy, drop, rename. */
  function rebuild(sqlite: ReturnType<typeof freshlyMigrated>, table: string) {
    const { sql } = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string };
    sqlite.pragma("foreign_keys = OFF");
    try {
      sqlite.exec(`${sql.replace(/^CREATE TABLE [`"]?\w+[`"]?/, `CREATE TABLE \`__new_${table}\``)};
        INSERT INTO \`__new_${table}\` SELECT * FROM \`${table}\`;
        DROP TABLE \`${table}\`;
        ALTER TABLE \`__new_${table}\` RENAME TO \`${table}\`;`);
    } finally {
      sqlite.pragma("foreign_keys = ON");
    }
  }

  it("catch a table rebuilt the way drizzle-kit rebuilds one, which drops the table's triggers silently", () => {
    const sqlite = freshlyMigrated("rebuilt");
    rebuild(sqlite, "mulighedserklaeringer");
    const { missing, unexpected } = compareTriggers(sqlite);
    expect(missing.sort()).toEqual(TRIGGERS.filter((t) => t.table === "mulighedserklaeringer").map((t) => t.name).sort());
    expect(missing).toHaveLength(3);
    expect(unexpected).toEqual([]);
    sqlite.close();
  });

  it("make a rebuild of absences stop at the rename, because triggers on other tables read it", () => {
    // Triggers on employees copy a move onto absences; SQLite checks them when the new table takes the name.
    const sqlite = freshlyMigrated("rebuilt-absences");
    expect(() => rebuild(sqlite, "absences")).toThrow(/error in trigger \w+: no such table: main\.absences/);
    sqlite.close();
  });
});
