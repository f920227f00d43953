import { eq, sql } from "drizzle-orm";
import { one, preparedQuery } from "~db/client.server";
import { companies, municipalityDataVersions } from "~db/schema";
import { BoundedMemo } from "../../lib/bounded-memo";

// Triggers bump a version in the writer's transaction with every write a cached list
// depends on (companies.data_version: migration 0010; municipality_data_versions:
// migration 0014), whatever code path or server process writes. A list is kept while
// its version is unchanged: read the version before the data, so a write in between
// makes the entry stale at once, never wrong.

const companyVersionQuery = preparedQuery("company_version", (db) =>
  db.select({ version: companies.dataVersion }).from(companies).where(eq(companies.id, sql.placeholder("companyId"))).prepare(),
);

/** The version of what a company's dashboard shows. */
export async function companyDataVersion(companyId: number): Promise<number> {
  return (await one(companyVersionQuery().execute({ companyId })))?.version ?? -1;
}

const municipalityVersionQuery = preparedQuery("municipality_version", (db) =>
  db
    .select({ version: municipalityDataVersions.version })
    .from(municipalityDataVersions)
    .where(eq(municipalityDataVersions.municipalityCode, sql.placeholder("code")))
    .prepare(),
);

/** The version of what a municipality's jobcenter inbox and case list show; 0 before its first write. */
export async function municipalityDataVersion(code: number): Promise<number> {
  return (await one(municipalityVersionQuery().execute({ code })))?.version ?? 0;
}

/**
 * A bounded in-memory cache of computed lists, each valid for one version of the
 * data it was computed from; least recently used out first. Values are shared
 * between requests: callers must not change them.
 */
export function versionedCache<V>(capacity: number) {
  const entries = new BoundedMemo<string, { version: string; value: V }>(capacity, "least-recently-used");
  return {
    async get(key: string, version: string, compute: () => V | Promise<V>): Promise<V> {
      const entry = entries.get(key);
      if (entry && entry.version === version) return entry.value;
      const value = await compute();
      entries.set(key, { version, value });
      return value;
    },
  };
}
