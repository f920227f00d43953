/**
 * The jobcenter's inbox and open-case list are kept per municipality, filter and day
 * while municipality_data_versions is unchanged. Triggers bump the version in the
 * writer's transaction, so the lists follow every write they show, also a write by
 * another connection (another server process), and never another municipality's.
 */
import Database from "better-sqlite3";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { databasePath, getDb, getSqlite, migrateEngine, one, runTx } from "~db/client.server";
import { absences, employees, municipalityDataVersions, submissions, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays } from "~/domain/dates";
import { createFastTrackDocument } from "~/models/document.server";
import { listMunicipalityCases } from "~/models/jobcenter.server";
import { listInbox } from "~/models/inbox.server";
import { submitDocument } from "~/models/submission.server";
import { findSessionUser, startSession } from "~/models/user.server";

const today = "2026-11-24";
const KOEBENHAVN = 101;

async function versionOf(code: number): Promise<number> {
  return (await one(getDb().select({ v: municipalityDataVersions.version }).from(municipalityDataVersions).where(eq(municipalityDataVersions.municipalityCode, code)).limit(1)))?.v ?? 0;
}

/** A write as another server process makes it: its own connection to the same file. */
function otherProcessWrites(sql: string, ...params: unknown[]) {
  const other = new Database(databasePath());
  try {
    other.prepare(sql).run(...params);
  } finally {
    other.close();
  }
}

const inbox = async (code = KOEBENHAVN, asOf = today) => await listInbox({ municipalityCode: code, asOf });
const cases = async (code = KOEBENHAVN, asOf = today) => await listMunicipalityCases({ municipalityCode: code, asOf });

/** An open absence of a København resident with a submission in København's inbox. */
async function koebenhavnCase() {
  const row = await one(getDb()
    .select({ submissionId: submissions.id, absenceId: absences.id, employeeId: absences.employeeId, companyId: absences.companyId })
    .from(submissions)
    .innerJoin(absences, eq(absences.id, submissions.absenceId))
    .where(and(eq(submissions.municipalityCode, KOEBENHAVN), eq(absences.employeeMunicipalityCode, KOEBENHAVN), isNull(absences.returnedOn))).limit(1));
  if (!row) throw new Error("the demo data has no open København case with a submission");
  return row;
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
  // A fast-track request for an absence of a København resident, submitted to København's jobcenter.
  const absence = (await one(getDb().select().from(absences).where(and(eq(absences.employeeMunicipalityCode, KOEBENHAVN), isNull(absences.returnedOn))).limit(1)))!;
  const hr = (await one(getDb().select().from(users).where(eq(users.companyId, absence.companyId)).limit(1)))!;
  const user = await findSessionUser({ sessionId: await startSession({ userId: hr.id, previousSessionId: null }) });
  if (user?.role !== "employer") throw new Error("not an employer");
  const document = await createFastTrackDocument({
    user,
    absenceId: absence.id,
    content: { affectedFunctions: "Tunge løft.", affectedDuration: "Siden første fraværsdag.", adaptations: "Lettere opgaver.", requestedOn: today, employeeConsent: "agreed" },
    asOf: today,
  });
  await submitDocument({ user, documentId: document.id, asOf: today });
});

describe("the municipality's data version", () => {
  it("has triggers on every table the inbox and the case list read", () => {
    const triggers = getSqlite()
      .prepare("select tbl_name as tableName, sql from sqlite_master where type = 'trigger' and sql like '%municipality_data_versions%'")
      .all() as Array<{ tableName: string; sql: string }>;
    const expected: Record<string, string[]> = {
      submissions: ["INSERT", "UPDATE", "DELETE"],
      absences: ["INSERT", "UPDATE", "DELETE"],
      employee_moves: ["INSERT", "UPDATE", "DELETE"],
      employees: ["UPDATE", "DELETE"],
      companies: ["UPDATE"],
    };
    for (const [table, events] of Object.entries(expected)) {
      for (const event of events) {
        expect(triggers.filter((t) => t.tableName === table && t.sql.includes(`AFTER ${event}`)), `${event} on ${table}`).toHaveLength(1);
      }
    }
  });

  it("changes with a write to the municipality's submissions, and only the municipality's", async () => {
    const { submissionId } = await koebenhavnCase();
    const own = await versionOf(KOEBENHAVN);
    const other = await versionOf(751);
    otherProcessWrites("update submissions set last_activity_at = last_activity_at where id = ?", submissionId);
    expect(await versionOf(KOEBENHAVN)).toBeGreaterThan(own);
    expect(await versionOf(751)).toBe(other);
  });

  it("changes for both municipalities when an employee moves", async () => {
    const { employeeId } = await koebenhavnCase();
    const from = await versionOf(KOEBENHAVN);
    const to = await versionOf(751);
    const untouched = await versionOf(461);
    getSqlite()
      .prepare("insert into employee_moves (employee_id, from_municipality_code, to_municipality_code, moved_on) values (?, ?, ?, ?)")
      .run(employeeId, KOEBENHAVN, 751, addDays(today, 400));
    expect(await versionOf(KOEBENHAVN)).toBeGreaterThan(from);
    expect(await versionOf(751)).toBeGreaterThan(to);
    expect(await versionOf(461)).toBe(untouched);
    getSqlite().prepare("delete from employee_moves where employee_id = ? and moved_on = ?").run(employeeId, addDays(today, 400));
  });

  it("does not change when a company's dashboard version alone changes", async () => {
    const { companyId } = await koebenhavnCase();
    const before = await versionOf(KOEBENHAVN);
    getSqlite().prepare("update companies set data_version = data_version + 1 where id = ?").run(companyId);
    expect(await versionOf(KOEBENHAVN)).toBe(before);
  });
});

describe("the cached inbox and case list", () => {
  it("show a status change made by another process", async () => {
    const { submissionId } = await koebenhavnCase();
    const status = async () => (await inbox()).items.find((i) => i.id === submissionId)?.status;
    expect(await status()).toBeDefined();
    otherProcessWrites("update submissions set status = 'rejected' where id = ?", submissionId);
    expect(await status()).toBe("rejected");
    otherProcessWrites("update submissions set status = 'received' where id = ?", submissionId);
    expect(await status()).toBe("received");
  });

  it("show an employee's new name", async () => {
    const { submissionId, absenceId, employeeId } = await koebenhavnCase();
    expect((await inbox()).items.some((i) => i.id === submissionId)).toBe(true);
    expect((await cases()).cases.some((c) => c.absenceId === absenceId)).toBe(true);
    otherProcessWrites("update employees set name = ? where id = ?", "Åse Omdøbt Ærø", employeeId);
    expect((await inbox()).items.find((i) => i.id === submissionId)?.employeeName).toBe("Åse Omdøbt Ærø");
    expect((await cases()).cases.find((c) => c.absenceId === absenceId)?.employeeName).toBe("Åse Omdøbt Ærø");
  });

  it("show a company's new name", async () => {
    const { submissionId, absenceId, companyId } = await koebenhavnCase();
    await inbox();
    await cases();
    otherProcessWrites("update companies set name = ? where id = ?", "Omdøbt Byg ApS", companyId);
    expect((await inbox()).items.find((i) => i.id === submissionId)?.companyName).toBe("Omdøbt Byg ApS");
    expect((await cases()).cases.find((c) => c.absenceId === absenceId)?.companyName).toBe("Omdøbt Byg ApS");
  });

  it("follow the first follow-up when the absence's facts change", async () => {
    const { submissionId, absenceId } = await koebenhavnCase();
    const absence = (await one(getDb().select().from(absences).where(eq(absences.id, absenceId)).limit(1)))!;
    const due = async () => (await inbox()).items.find((i) => i.id === submissionId)?.followUp?.status;
    const caseDue = async () => (await cases()).cases.find((c) => c.absenceId === absenceId)?.followUp.status;
    expect(await due()).not.toBe("done");
    otherProcessWrites("update absences set first_follow_up_held_on = ? where id = ?", today, absenceId);
    expect(await due()).toBe("done");
    expect(await caseDue()).toBe("done");
    otherProcessWrites("update absences set first_follow_up_held_on = ? where id = ?", absence.firstFollowUpHeldOn, absenceId);
    expect(await due()).not.toBe("done");
  });

  it("drop a case whose employee moved away and show it in the new municipality", async () => {
    const { absenceId, employeeId } = await koebenhavnCase();
    expect((await cases(KOEBENHAVN)).cases.some((c) => c.absenceId === absenceId)).toBe(true);
    const inAarhus = (await cases(751)).total;
    otherProcessWrites("update employees set municipality_code = 751 where id = ?", employeeId);
    expect((await cases(KOEBENHAVN)).cases.some((c) => c.absenceId === absenceId)).toBe(false);
    expect((await cases(751)).total).toBe(inAarhus + 1);
    otherProcessWrites("update employees set municipality_code = ? where id = ?", KOEBENHAVN, employeeId);
    expect((await cases(KOEBENHAVN)).cases.some((c) => c.absenceId === absenceId)).toBe(true);
  });

  it("move an employee's submissions to the new municipality's inbox from the moving date, marked as taken over", async () => {
    const { submissionId, employeeId } = await koebenhavnCase();
    const listed = async (code: number, asOf = today) => (await inbox(code, asOf)).items.find((i) => i.id === submissionId);
    expect(await listed(KOEBENHAVN)).toMatchObject({ takenOverFrom: null });
    expect(await listed(751)).toBeUndefined();
    const movedOn = addDays(today, 5);
    // Recorded ahead of the date, by another process: until then the case stays in København.
    otherProcessWrites(
      "insert into employee_moves (employee_id, from_municipality_code, to_municipality_code, moved_on) values (?, ?, 751, ?)",
      employeeId,
      KOEBENHAVN,
      movedOn,
    );
    otherProcessWrites("update employees set municipality_code = 751 where id = ?", employeeId);
    try {
      expect(await listed(KOEBENHAVN)).toBeDefined();
      expect(await listed(751)).toBeUndefined();
      expect(await listed(KOEBENHAVN, movedOn)).toBeUndefined();
      expect(await listed(751, movedOn)).toMatchObject({ takenOverFrom: "Københavns Kommune" });
      expect((await one(getDb().select({ code: submissions.employeeMunicipalityCode }).from(submissions).where(eq(submissions.id, submissionId)).limit(1)))!.code).toBe(751);
    } finally {
      otherProcessWrites("delete from employee_moves where employee_id = ? and moved_on = ?", employeeId, movedOn);
      otherProcessWrites("update employees set municipality_code = ? where id = ?", KOEBENHAVN, employeeId);
    }
    expect(await listed(KOEBENHAVN, movedOn)).toMatchObject({ takenOverFrom: null });
    expect(await listed(751, movedOn)).toBeUndefined();
  });

  it("show a new submission and drop a deleted one", async () => {
    const { submissionId } = await koebenhavnCase();
    const before = (await inbox()).total;
    const original = (await one(getDb().select().from(submissions).where(eq(submissions.id, submissionId)).limit(1)))!;
    otherProcessWrites("delete from submission_events where submission_id = ?", submissionId);
    otherProcessWrites("delete from notifications where submission_id = ?", submissionId);
    otherProcessWrites("delete from submissions where id = ?", submissionId);
    expect((await inbox()).total).toBe(before - 1);
    await runTx(async (tx) => await tx.insert(submissions).values(original));
    expect((await inbox()).total).toBe(before);
  });

  it("are computed again for a new day", async () => {
    const todays = (await inbox()).items.filter((i) => i.followUp).map((i) => i.followUp!.daysLeft);
    const later = (await inbox(KOEBENHAVN, addDays(today, 3))).items.filter((i) => i.followUp).map((i) => i.followUp!.daysLeft);
    expect(later).toEqual(todays.map((d) => d - 3));
  });

  it("keep municipalities apart", async () => {
    const residentsOf = async (code: number) => new Set((await getDb().select({ name: employees.name }).from(employees).where(eq(employees.municipalityCode, code))).map((e) => e.name));
    const koebenhavn = await residentsOf(KOEBENHAVN);
    expect((await cases(751)).cases.length).toBeGreaterThan(0);
    expect((await cases(KOEBENHAVN)).cases.length).toBeGreaterThan(0);
    for (const c of (await cases(751)).cases) expect(koebenhavn.has(c.employeeName)).toBe(false);
    for (const c of (await cases(KOEBENHAVN)).cases) expect(koebenhavn.has(c.employeeName)).toBe(true);
  });
});
