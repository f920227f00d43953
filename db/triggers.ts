/**
 * Every trigger the migrations create, in one list, because db/schema.sqlite.ts cannot show them
 * (docs/decisions/001). A drizzle-kit table rebuild ("create __new_x, copy, drop x, rename")
 * drops the triggers of the rebuilt table without a word; tests/integration/triggers.test.ts
 * compares this list with sqlite_master after a fresh migration, so a lost or an unlisted
 * trigger fails the tests. A migration that adds, drops or re-creates a trigger updates this list.
 * PostgreSQL has the same triggers by name and table (db/migrations-pg/0001_triggers.sql, decision
 * 013); tests/integration/postgres-schema.test.ts checks them against this list and their rows against SQLite's.
 */
import type Database from "better-sqlite3";

export interface TriggerSpec {
  name: string;
  table: string;
  /** The migration that creates it last (a later re-creation replaces the body, not the name). */
  migration: string;
  purpose: string;
}

const COMPANY_VERSION = "bumps companies.data_version: the company's cached dashboard is stale";
const MUNICIPALITY_VERSION = "bumps municipality_data_versions for the old and new municipality: the cached inbox and case list are stale";

/** Insert, update and delete triggers of one table that bump a version. */
function bumps(table: string, suffix: string, migration: string, purpose: string, events: ReadonlyArray<"insert" | "update" | "delete"> = ["insert", "update", "delete"]): TriggerSpec[] {
  return events.map((event) => ({ name: `${table}_${suffix}_${event}`, table, migration, purpose: `${purpose} (${event})` }));
}

export const TRIGGERS: readonly TriggerSpec[] = [
  // The social-chapter log is evidence of a real attempt (LAB § 119).
  { name: "social_chapter_log_no_update", table: "social_chapter_log", migration: "0021", purpose: "refuses a change to a log entry, except the one redaction of its text" },
  { name: "social_chapter_log_no_delete", table: "social_chapter_log", migration: "0003", purpose: "refuses deleting a log entry" },
  // Company data versions (0010).
  ...["absences", "employees", "documents", "paragraph56_agreements", "social_chapter_records", "mulighedserklaeringer"].flatMap((table) =>
    bumps(table, "company_version", "0010", COMPANY_VERSION),
  ),
  // The employee's municipality copied onto absences for absences_open_municipality_idx (0011).
  { name: "absences_employee_municipality_insert", table: "absences", migration: "0011", purpose: "copies the employee's municipality onto a new absence" },
  { name: "absences_employee_municipality_update", table: "absences", migration: "0011", purpose: "keeps the copied municipality when an absence changes employee" },
  { name: "employees_municipality_to_absences", table: "employees", migration: "0011", purpose: "copies a move onto the employee's absences" },
  // Open absences counted per municipality (0012).
  ...bumps("absences", "open_count", "0012", "keeps the count of open absences per municipality"),
  // Municipality data versions (0014, partly re-created in 0017).
  ...bumps("submissions", "municipality_version", "0017", MUNICIPALITY_VERSION),
  ...bumps("absences", "municipality_version", "0014", MUNICIPALITY_VERSION, ["insert"]),
  ...bumps("absences", "municipality_version", "0017", MUNICIPALITY_VERSION, ["update", "delete"]),
  ...bumps("employees", "municipality_version", "0014", MUNICIPALITY_VERSION, ["update", "delete"]),
  ...bumps("employee_moves", "municipality_version", "0014", MUNICIPALITY_VERSION),
  { name: "companies_municipality_version_identity", table: "companies", migration: "0017", purpose: `${MUNICIPALITY_VERSION} (company name or CVR changed)` },
  // The owner's municipality copied onto submissions for submissions_owner_inbox_idx (0017).
  { name: "submissions_employee_municipality_insert", table: "submissions", migration: "0017", purpose: "copies the employee's municipality onto a new submission" },
  { name: "submissions_employee_municipality_update", table: "submissions", migration: "0017", purpose: "keeps the copied municipality when a submission changes employee" },
  { name: "employees_municipality_to_submissions", table: "employees", migration: "0017", purpose: "copies a move onto the employee's submissions" },
  // Statistics block versions (0032): a company's employees and absences by block of 1,024 employee ids.
  ...["absences", "employees"].flatMap((table) =>
    bumps(table, "statistics_block", "0032", "bumps statistics_block_versions for the old and new block: the cached statistics of those employees are stale"),
  ),
  // The audit log's scope columns (0018).
  { name: "audit_log_scope_insert", table: "audit_log", migration: "0018", purpose: "fills the company and employee scope of a new audit entry" },
];

/** How the database's triggers differ from the list: missing ones, unlisted ones, and ones on another table. */
export function compareTriggers(sqlite: Database.Database, expected: readonly TriggerSpec[] = TRIGGERS) {
  const actual = sqlite.prepare("SELECT name, tbl_name AS \"table\" FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string; table: string }>;
  const actualByName = new Map(actual.map((t) => [t.name, t.table]));
  const expectedNames = new Set(expected.map((t) => t.name));
  return {
    missing: expected.filter((t) => !actualByName.has(t.name)).map((t) => t.name),
    unexpected: actual.filter((t) => !expectedNames.has(t.name)).map((t) => t.name),
    onOtherTable: expected.filter((t) => actualByName.has(t.name) && actualByName.get(t.name) !== t.table).map((t) => t.name),
  };
}
