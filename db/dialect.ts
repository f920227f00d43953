/**
 * Which engine the portal runs on. One switch (docs/decisions, issue 27): DATABASE_URL=postgres://…
 * runs it on PostgreSQL, shared by several app servers; without it, the embedded SQLite file at
 * DATABASE_PATH, as on one machine and in the two-command start.
 */
export type Dialect = "sqlite" | "postgres";

const POSTGRES_URL = /^postgres(ql)?:\/\//i;

export function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && POSTGRES_URL.test(url);
}

export function dialect(): Dialect {
  return isPostgresUrl(databaseUrl()) ? "postgres" : "sqlite";
}
