import { defineConfig } from "drizzle-kit";

/** The PostgreSQL schema's migrations (docs/decisions/013): `npm run db:generate:pg`, beside `npm run db:generate` for SQLite. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
});
