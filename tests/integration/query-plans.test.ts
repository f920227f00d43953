/**
 * The hot queries use an index, not a scan of a large table: every statement
 * a model function prepares is captured and run through EXPLAIN QUERY PLAN.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getReadSqlite, getSqlite, migrateEngine, one, only, runTx } from "~db/client.server";
import { employeeMoves, employees, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { listEmployeeAbsences } from "~/models/absence-case.server";
import { companyDashboard } from "~/models/dashboard.server";
import { listEmployees } from "~/models/employee.server";
import { listMunicipalityCases } from "~/models/jobcenter.server";
import { documentReadsOf, listCompanyAuditLog } from "~/models/audit-log.server";
import { listNotifications, unreadNotificationCount } from "~/models/notification.server";
import { listInbox } from "~/models/inbox.server";
import { listEmployerSubmissions } from "~/models/submission.server";
import { findSessionUser, startSession } from "~/models/user.server";

const today = "2026-11-24";
const LARGE_TABLES = ["absences", "employees", "employee_moves", "companies", "submissions", "sessions", "notifications", "calendar_events", "audit_log", "document_versions"];

async function capture(run: () => unknown): Promise<Array<{ sql: string; params: unknown[] }>> {
  const sqlite = getSqlite();
  // Every cached list is made stale first, so the model reads its data rather than its cache.
  sqlite.prepare("update companies set data_version = data_version + 1").run();
  sqlite
    .prepare(
      "insert into municipality_data_versions (municipality_code, version) select distinct municipality_code, 1 from employees where true on conflict do update set version = version + 1",
    )
    .run();
  // Reads outside a transaction run on the read handle, a transaction's statements on the write handle: both are watched.
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  const handles = [getReadSqlite(), sqlite];
  const originals = handles.map((handle) => handle.prepare);
  for (const handle of handles) {
    const original = handle.prepare.bind(handle);
    handle.prepare = ((source: string) => {
      const stmt = original(source);
      const wrap = (method: "all" | "get" | "run" | "iterate") => {
        const fn = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
        (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
          seen.push({ sql: source, params: args });
          return fn(...args);
        };
      };
      (["all", "get", "run", "iterate"] as const).forEach(wrap);
      return stmt;
    }) as typeof handle.prepare;
  }
  try {
    await run();
  } finally {
    handles.forEach((handle, i) => (handle.prepare = originals[i]!));
  }
  return seen;
}

/** Plan lines that read a large table in full. */
function fullScans(statements: Array<{ sql: string; params: unknown[] }>): string[] {
  const sqlite = getSqlite();
  const scans: string[] = [];
  for (const s of statements) {
    if (!/^\s*select/i.test(s.sql)) continue;
    const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as never[])) as Array<{ detail: string }>;
    for (const { detail } of plan) {
      const m = /^SCAN (\w+)(?! USING)/.exec(detail);
      if (m && LARGE_TABLES.includes(m[1]!) && !/USING (COVERING )?INDEX/.test(detail)) scans.push(`${detail}  ←  ${s.sql}`);
    }
  }
  return scans;
}

let companyId: number;
let userId: number;
let caseworkerId: number;

async function admin() {
  const user = await findSessionUser({ sessionId: await startSession({ userId, previousSessionId: null }) });
  if (user?.role !== "employer") throw new Error("not an employer");
  return user;
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
  const u = (await one(getDb().select().from(users).where(eq(users.email, "hr@nordbyg.example")).limit(1)))!;
  companyId = u.companyId!;
  userId = u.id;
  caseworkerId = (await one(getDb().select().from(users).where(eq(users.email, "koebenhavn@jobcenter.example")).limit(1)))!.id;
});

describe("hot queries use indexes", () => {
  it.each([
    ["the dashboard", async () => await companyDashboard({ companyId, asOf: today })],
    ["the employee list", async () => await listEmployees({ companyId, query: "a" })],
    ["an employee's absences", async () => await listEmployeeAbsences({ companyId, employeeId: 1, asOf: today })],
    ["a municipality's open cases", async () => await listMunicipalityCases({ municipalityCode: 751, asOf: today })],
    ["the jobcenter inbox", async () => await listInbox({ municipalityCode: 101, asOf: today, status: "received" })],
    ["the jobcenter inbox, first page in the default order", async () => await listInbox({ municipalityCode: 101, asOf: today })],
    ["the jobcenter inbox, a later page", async () => await listInbox({ municipalityCode: 101, asOf: today, page: 3 })],
    ["the jobcenter inbox by received date", async () => await listInbox({ municipalityCode: 101, asOf: today, sort: "received", type: "fast-track" })],
    ["the jobcenter inbox by follow-up date", async () => await listInbox({ municipalityCode: 101, asOf: today, sort: "deadline", status: "approved" })],
    ["the employer's submissions", async () => await listEmployerSubmissions({ companyId })],
    ["the unread count in the header", async () => await unreadNotificationCount({ userId })],
    ["a caseworker's notifications", async () => await listNotifications({ userId: caseworkerId, jobcenter: { municipalityCode: 101, asOf: today } })],
    ["the company's audit log, filtered by employee and period", async () => await listCompanyAuditLog({ admin: await admin(), employeeId: 1, from: "2026-11-01", to: today })],
    ["who read an employee's documents", async () => await documentReadsOf({ companyId, employeeId: 1 })],
    ["the session lookup", async () => await findSessionUser({ sessionId: await startSession({ userId, previousSessionId: null }) })],
  ])("%s", async (_name, run) => {
    const statements = await capture(run);
    expect(statements.length).toBeGreaterThan(0);
    expect(fullScans(statements)).toEqual([]);
  });
});

function plans(statements: Array<{ sql: string; params: unknown[] }>): Array<{ sql: string; plan: string[] }> {
  return statements
    .filter((s) => /^\s*(select|\()/i.test(s.sql))
    .map((s) => ({
      sql: s.sql,
      plan: (getSqlite().prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...(s.params as never[])) as Array<{ detail: string }>).map((p) => p.detail),
    }));
}

describe("a municipality's open cases", () => {
  it("reads the page from the open-cases index, in its order, without sorting, and never counts the cases", async () => {
    const statements = plans(await capture(async () => await listMunicipalityCases({ municipalityCode: 101, asOf: today, page: 2 })));
    const fromIndex = statements.filter((s) => s.plan.some((d) => d.includes("absences_open_municipality_idx")));
    expect(fromIndex).toHaveLength(1);
    expect(fromIndex[0]!.plan.join("\n")).not.toMatch(/TEMP B-TREE/);
    expect(statements.filter((s) => /count\(/i.test(s.sql))).toEqual([]);
  });

  it("adds the citizens whose residence on the day differs from their registered municipality without leaving the indexes", async () => {
    const employee = (await one(getDb().select().from(employees).where(eq(employees.companyId, companyId)).limit(1)))!;
    const moveId = (await runTx(async (tx) => await only(tx
      .insert(employeeMoves)
      .values({ employeeId: employee.id, fromMunicipalityCode: 101, toMunicipalityCode: employee.municipalityCode, movedOn: "2026-12-24" })
      .returning({ id: employeeMoves.id })))).id;
    try {
      const statements = await capture(async () => await listMunicipalityCases({ municipalityCode: 101, asOf: today, page: 1 }));
      expect(fullScans(statements)).toEqual([]);
      const union = plans(statements).find((s) => /union all/i.test(s.sql));
      expect(union, "the page of residents and newcomers in one ordered query").toBeDefined();
      expect(union!.plan.join("\n")).toContain("absences_open_municipality_idx");
    } finally {
      await runTx(async (tx) => await tx.delete(employeeMoves).where(eq(employeeMoves.id, moveId)));
    }
  });
});

describe("the municipality data-version triggers", () => {
  it("find the municipalities to bump through indexes", () => {
    const triggers = getSqlite()
      .prepare("select name, sql from sqlite_master where type = 'trigger' and sql like '%municipality_data_versions%'")
      .all() as Array<{ name: string; sql: string }>;
    // Each lookup a trigger makes: a SELECT from a large table, with NEW./OLD. values as parameters.
    const lookups = triggers.flatMap((t) =>
      [...t.sql.matchAll(/SELECT `\w+` (?:AS `code` )?FROM `(submissions|absences)` WHERE [\s\S]+?(?=\s+UNION|\)\s+WHERE `code`)/g)].map((m) => ({
        trigger: t.name,
        sql: m[0].replace(/(?:NEW|OLD)\.`\w+`/g, "?"),
      })),
    );
    expect(lookups.length).toBeGreaterThanOrEqual(5);
    for (const l of lookups) {
      const params = new Array((l.sql.match(/\?/g) ?? []).length).fill(1);
      const plan = (getSqlite().prepare(`EXPLAIN QUERY PLAN ${l.sql}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail);
      expect(plan.every((d) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(d)), `${l.trigger}: ${l.sql} → ${plan.join("; ")}`).toBe(true);
    }
  });
});
