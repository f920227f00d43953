/**
 * The test PostgreSQL server starts, takes connections and gives each suite its own database:
 * the PostgreSQL suites of issue 27 stand on it.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAvailable, startPostgres, type RunningPostgres } from "../support/postgres";

describe.skipIf(!postgresAvailable())("the test PostgreSQL server", () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("answers queries and keeps the databases it creates apart", async () => {
    const first = await server.createDatabase();
    const second = await server.createDatabase();
    const a = new pg.Client({ connectionString: first });
    const b = new pg.Client({ connectionString: second });
    await a.connect();
    await b.connect();
    try {
      await a.query("create table t (x int)");
      await a.query("insert into t values (1)");
      expect((await a.query("select count(*)::int as n from t")).rows[0].n).toBe(1);
      await expect(b.query("select * from t")).rejects.toThrow(/does not exist/);
      expect((await a.query("show server_encoding")).rows[0].server_encoding).toBe("UTF8");
    } finally {
      await a.end();
      await b.end();
    }
  });
});
