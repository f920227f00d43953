/**
 * The PostgreSQL server of a PostgreSQL test run, as global-setup provides it to the test files. Apart
 * from engine.ts because it imports vitest, which global-setup (outside the workers) must not.
 */
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's PostgreSQL server (its maintenance database), started by global-setup; null on SQLite. */
    postgresUrl: string | null;
  }
}

/** The run's PostgreSQL server (its maintenance database); throws outside a PostgreSQL run. */
export function runPostgresUrl(): string {
  const url = inject("postgresUrl");
  if (!url) throw new Error("This run has no PostgreSQL server (FASTHOLD_TEST_ENGINE is not postgres).");
  return url;
}
