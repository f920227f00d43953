/**
 * The database connection: compiled read statements are kept by their SQL text and
 * handed out again in their default mode, so drizzle's per-query prepare is cheap and
 * a statement one query switched to raw rows never gives another query arrays.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb, getSqlite, migrateEngine, one } from "~db/client.server";
import { employees } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData("2026-11-24");
});

afterAll(() => closeDatabase());

describe("kept read statements", () => {
  it("hands out the same compiled statement for the same SELECT", () => {
    const sqlite = getSqlite();
    expect(sqlite.prepare("select id from employees where id = ?")).toBe(sqlite.prepare("select id from employees where id = ?"));
    expect(sqlite.prepare("select id from employees where id = ?")).not.toBe(sqlite.prepare("select id from employees where id = ? "));
  });

  it("does not keep writes", () => {
    const sqlite = getSqlite();
    expect(sqlite.prepare("update employees set name = name where id = ?")).not.toBe(sqlite.prepare("update employees set name = name where id = ?"));
  });

  it("resets raw mode, so a query without mapped fields still gets objects", async () => {
    const text = "select id, name from employees order by id limit 1";
    const raw = getSqlite().prepare(text).raw(true).get();
    expect(Array.isArray(raw)).toBe(true);
    expect(getSqlite().prepare(text).get()).toEqual({ id: (raw as unknown[])[0], name: (raw as unknown[])[1] });
    // drizzle through the same text: mapped fields (raw rows) and plain rows alike.
    const mapped = await one(getDb().select({ id: employees.id, name: employees.name }).from(employees).orderBy(employees.id).limit(1));
    const plain = getDb().get<{ id: number; name: string }>(sql`select "id", "name" from "employees" order by "employees"."id" limit 1`);
    expect(plain).toEqual(mapped);
  });

  it("gives a statement busy in an unfinished iteration a fresh copy", () => {
    const text = "select id from employees order by id";
    const iterating = getSqlite().prepare(text);
    const rows = iterating.iterate();
    const first = rows.next().value as { id: number };
    const other = getSqlite().prepare(text);
    expect(other).not.toBe(iterating);
    expect((other.all() as Array<{ id: number }>)[0]).toEqual(first);
    rows.return?.();
    expect(getSqlite().prepare(text)).toBe(iterating);
  });

  it("returns what the data says after a write", async () => {
    const original = (await one(getDb().select().from(employees).where(eq(employees.id, 1)).limit(1)))!;
    getSqlite().prepare("update employees set name = ? where id = 1").run("Ændret Navn");
    expect((await one(getDb().select().from(employees).where(eq(employees.id, 1)).limit(1)))!.name).toBe("Ændret Navn");
    getSqlite().prepare("update employees set name = ? where id = 1").run(original.name);
  });
});
