/**
 * Storage limitation and the right of access: closed absences and their
 * documents disappear RETENTION_YEARS after they closed (to the day), and an
 * HR user can export everything stored about one employee, and only that.
 */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, one, only, runTx } from "~db/client.server";
import {
  absences,
  auditLog,
  calendarEvents,
  companies,
  attachmentContents,
  documentAttachments,
  documents,
  documentVersions,
  mulighedserklaeringer,
  employees,
  notifications,
  submissionEvents,
  submissions,
  users,
} from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays, todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { purgeExpiredAbsences, retentionCutoff } from "~/models/retention.server";
import { legacyUploadsDir, moveLegacyUploads, readAttachmentContent } from "~/models/attachment-store.server";
import { HttpClient, signedIn } from "../support/http";
import { onPostgres } from "../support/engine";
import { TMP_DIR } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";
import { openTestDb, withTestDb, type TestDb } from "../support/test-db";

const today = todayInCopenhagen(new Date());

/** An absence with a submitted fast-track document, its jobcenter message, notification, calendar event and audit rows. */
async function absenceWithPaperwork(input: { companyId: number; employeeId: number; firstAbsenceDay: IsoDate; returnedOn: IsoDate | null; note: string }) {
  const db = getDb();
  const absence = await runTx(async (tx) => await only(tx
    .insert(absences)
    .values({ companyId: input.companyId, employeeId: input.employeeId, firstAbsenceDay: input.firstAbsenceDay, extent: "full", pay: "salary", expectedOver8Weeks: true, returnedOn: input.returnedOn, conversationNotes: input.note })
    .returning()));
  const doc = await runTx(async (tx) => await only(tx.insert(documents).values({ companyId: input.companyId, employeeId: input.employeeId, absenceId: absence.id, type: "fast-track" }).returning()));
  await runTx(async (tx) => await tx.insert(documentVersions).values({ documentId: doc.id, version: 1, content: JSON.stringify({ affectedFunctions: input.note }), submittedAt: new Date().toISOString() }));
  const submission = await runTx(async (tx) => await only(tx
    .insert(submissions)
    .values({ documentId: doc.id, companyId: input.companyId, employeeId: input.employeeId, absenceId: absence.id, municipalityCode: 751, type: "fast-track", status: "approved", version: 1, receivedOn: input.firstAbsenceDay, lastActivityAt: new Date().toISOString() })
    .returning()));
  await runTx(async (tx) => await tx.insert(submissionEvents).values({ submissionId: submission.id, kind: "approved", message: input.note }));
  const hr = (await one(db.select().from(users).where(eq(users.companyId, input.companyId)).limit(1)))!;
  await runTx(async (tx) => await tx.insert(notifications).values({ userId: hr.id, submissionId: submission.id, text: "Godkendt", link: `/virksomhed/dokumenter/${doc.id}` }));
  await runTx(async (tx) => await tx.insert(calendarEvents).values({ companyId: input.companyId, absenceId: absence.id, deadlineId: "reimbursement", uid: `test-${absence.id}@fasthold`, dueDate: input.firstAbsenceDay, updatedAt: new Date().toISOString() }));
  await runTx(async (tx) => await tx.insert(auditLog).values({ userId: hr.id, action: "absence.conversation", entityType: "absence", entityId: String(absence.id), details: JSON.stringify({ conversationNotes: input.note }) }));
  return { absenceId: absence.id, documentId: doc.id, submissionId: submission.id };
}

describe("retention", () => {
  const asOf = "2032-03-10";
  const years = 5;
  const cutoff = retentionCutoff(asOf, years);
  let companyId: number;
  let employeeId: number;

  beforeAll(async () => {
    await seedDemoData(today);
    const nordbyg = (await one(getDb().select().from(companies).where(eq(companies.cvr, "12972997")).limit(1)))!;
    companyId = nordbyg.id;
    employeeId = (await one(getDb().select().from(employees).where(eq(employees.name, "Mette Kjær")).limit(1)))!.id;
  });

  it("deletes a closed absence and all its documents on the day it has been closed RETENTION_YEARS, keeps the day after, open and recent cases", async () => {
    expect(cutoff).toBe("2027-03-10");
    const due = await absenceWithPaperwork({ companyId, employeeId, firstAbsenceDay: "2027-01-04", returnedOn: cutoff, note: "Forfalden note" });
    const dayLater = await absenceWithPaperwork({ companyId, employeeId, firstAbsenceDay: "2027-02-01", returnedOn: addDays(cutoff, 1), note: "Næsten forfalden note" });
    const open = await absenceWithPaperwork({ companyId, employeeId, firstAbsenceDay: "2020-01-06", returnedOn: null, note: "Åben sag" });
    const before = (await getDb().select({ id: absences.id }).from(absences)).length;

    const result = await purgeExpiredAbsences({ asOf, years });

    expect(result).toEqual({ absences: 1, documents: 1, submissions: 1 });
    const db = getDb();
    expect(await db.select().from(absences).where(eq(absences.id, due.absenceId))).toEqual([]);
    expect(await db.select().from(documents).where(eq(documents.id, due.documentId))).toEqual([]);
    expect(await db.select().from(documentVersions).where(eq(documentVersions.documentId, due.documentId))).toEqual([]);
    expect(await db.select().from(submissions).where(eq(submissions.id, due.submissionId))).toEqual([]);
    expect(await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, due.submissionId))).toEqual([]);
    expect(await db.select().from(notifications).where(eq(notifications.submissionId, due.submissionId))).toEqual([]);
    expect(await db.select().from(calendarEvents).where(eq(calendarEvents.absenceId, due.absenceId))).toEqual([]);
    expect(await db.select({ id: absences.id }).from(absences)).toHaveLength(before - 1);
    for (const kept of [dayLater, open]) {
      expect(await db.select().from(absences).where(eq(absences.id, kept.absenceId))).toHaveLength(1);
      expect(await db.select().from(documentVersions).where(eq(documentVersions.documentId, kept.documentId))).toHaveLength(1);
      expect(await db.select().from(submissionEvents).where(eq(submissionEvents.submissionId, kept.submissionId))).toHaveLength(1);
      expect(await db.select().from(calendarEvents).where(eq(calendarEvents.absenceId, kept.absenceId))).toHaveLength(1);
    }
    // Nothing else in the database still holds the deleted note.
    // This file's own database (setup-file): the SQLite file, or on a PostgreSQL run its database.
    const own = await openTestDb({ databasePath: process.env.DATABASE_PATH!, ...(onPostgres ? { databaseUrl: process.env.DATABASE_URL! } : {}) });
    try {
      for (const table of await tableNames(own)) {
        const rows = await own.all(`select * from "${table}"`);
        expect(JSON.stringify(rows), table).not.toContain("Forfalden note");
      }
    } finally {
      await own.close();
    }
  });

  it("writes one audit row per deletion with ids and counts only, and deletes nothing twice", async () => {
    const rows = await getDb().select().from(auditLog).where(eq(auditLog.action, "retention.delete"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: null, entityType: "absence" });
    expect(JSON.parse(rows[0]!.details!)).toEqual({ retentionYears: 5, documents: 1, submissions: 1 });
    // The earlier audit rows about the deleted case keep who did what, without the details.
    const scrubbed = await getDb().select().from(auditLog).where(inArray(auditLog.entityId, [rows[0]!.entityId!]));
    expect(scrubbed.filter((r) => r.action !== "retention.delete").every((r) => r.details === null)).toBe(true);

    expect(await purgeExpiredAbsences({ asOf, years })).toEqual({ absences: 0, documents: 0, submissions: 0 });
    expect(await purgeExpiredAbsences({ asOf: addDays(asOf, 1), years })).toEqual({ absences: 1, documents: 1, submissions: 1 });
  });
  it("deletes a mulighedserklæring with the absence, and the doctor's uploaded PDFs from the database and (an old upload) from the disk", async () => {
    const due = await absenceWithPaperwork({ companyId, employeeId, firstAbsenceDay: "2026-11-02", returnedOn: addDays(cutoff, -3), note: "Erklæring" });
    const db = getDb();
    const doc = await runTx(async (tx) => await only(tx.insert(documents).values({ companyId, employeeId, absenceId: due.absenceId, type: "mulighedserklaering" }).returning()));
    await runTx(async (tx) => await tx.insert(documentVersions).values({ documentId: doc.id, version: 1, content: JSON.stringify({ contactPerson: "Lise" }) }));
    await runTx(async (tx) => await tx.insert(mulighedserklaeringer).values({ documentId: doc.id, companyId, status: "answered", outcome: "sound" }));
    const storageName = `${crypto.randomUUID()}.pdf`;
    fs.mkdirSync(legacyUploadsDir(), { recursive: true });
    fs.writeFileSync(path.join(legacyUploadsDir(), storageName), "%PDF-1.7\n");
    await runTx(async (tx) => await tx.insert(documentAttachments).values({ documentId: doc.id, companyId, kind: "doctor-answer", storageName, sizeBytes: 9, sha256: "x" }));
    const stored = await runTx(async (tx) => await only(tx.insert(documentAttachments).values({ documentId: doc.id, companyId, kind: "doctor-answer", storageName: `${crypto.randomUUID()}.pdf`, sizeBytes: 9, sha256: "y" }).returning()));
    await runTx(async (tx) => await tx.insert(attachmentContents).values({ attachmentId: stored.id, bytes: Buffer.from("%PDF-1.7\n") }));

    expect(await purgeExpiredAbsences({ asOf, years })).toMatchObject({ absences: 1, documents: 2 });
    expect(await db.select().from(mulighedserklaeringer).where(eq(mulighedserklaeringer.documentId, doc.id))).toEqual([]);
    expect(await db.select().from(documentAttachments).where(eq(documentAttachments.documentId, doc.id))).toEqual([]);
    expect(await db.select().from(attachmentContents).where(eq(attachmentContents.attachmentId, stored.id))).toEqual([]);
    expect(fs.existsSync(path.join(legacyUploadsDir(), storageName))).toBe(false);
  });
});

describe("uploads from before they were kept in the database", () => {
  it("are moved into the database once, the file deleted only after, and a missing file left alone", async () => {
    const db = getDb();
    const company = (await one(db.select().from(users).where(eq(users.email, "hr@nordbyg.example")).limit(1)))!;
    const doc = (await one(db.select().from(documents).where(eq(documents.companyId, company.companyId!)).limit(1)))!;
    const bytes = Buffer.from("%PDF-1.7\nfra før\n");
    const onDisk = `${crypto.randomUUID()}.pdf`;
    fs.mkdirSync(legacyUploadsDir(), { recursive: true });
    fs.writeFileSync(path.join(legacyUploadsDir(), onDisk), bytes);
    const old = await runTx(async (tx) => await only(tx.insert(documentAttachments).values({ documentId: doc.id, companyId: doc.companyId, kind: "doctor-answer", storageName: onDisk, sizeBytes: bytes.length, sha256: "x" }).returning()));
    const lost = await runTx(async (tx) => await only(tx.insert(documentAttachments).values({ documentId: doc.id, companyId: doc.companyId, kind: "doctor-answer", storageName: `${crypto.randomUUID()}.pdf`, sizeBytes: 1, sha256: "y" }).returning()));
    // Served from the disk until it is moved.
    expect(await readAttachmentContent(old)).toEqual(bytes);

    expect(await moveLegacyUploads()).toEqual({ moved: 1, missing: 1 });
    expect((await one(db.select().from(attachmentContents).where(eq(attachmentContents.attachmentId, old.id)).limit(1)))?.bytes).toEqual(bytes);
    expect(fs.existsSync(path.join(legacyUploadsDir(), onDisk))).toBe(false);
    expect(await readAttachmentContent(old)).toEqual(bytes);
    expect(await readAttachmentContent(lost)).toBeNull();
    expect(await moveLegacyUploads()).toEqual({ moved: 0, missing: 1 });
  });
});

describe("access requests and the retention job on a running server", () => {
  let server: RunningServer;
  let nordbyg: HttpClient;
  let soeren: { id: number; absenceId: number };
  const NOTE = "Samtale om tunge løft <b>indsigt-markør</b>";
  const otherNames: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
    await withTestDb(server, async (db) => {
      soeren = await db.one<{ id: number; absenceId: number }>(
        "select e.id as id, a.id as absenceId from employees e join absences a on a.employee_id = e.id where e.name = 'Søren Ærø Åberg'",
      );
      otherNames.push(...(await db.all<{ name: string }>("select name from employees where name <> 'Søren Ærø Åberg'")).map((r) => r.name));
    });
    expect((await nordbyg.postForm(`/virksomhed/fravaer/${soeren.absenceId}`, { intent: "conversation", conversationHeldOn: today, conversationNotes: NOTE })).status).toBe(302);
    const created = await nordbyg.postForm(`/virksomhed/fravaer/${soeren.absenceId}/fast-track`, {
      affectedFunctions: "Fast-track-markør: stilladsarbejde",
      affectedDuration: "Tre uger.",
      adaptations: "Lettere opgaver.",
      requestedOn: today,
      employeeConsent: "agreed",
    });
    expect(created.status).toBe(302);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("exports everything about the employee as JSON, and nothing about anyone else", async () => {
    const res = await nordbyg.get(`/virksomhed/medarbejdere/${soeren.id}/indsigt.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const disposition = res.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="indsigt-medarbejder-\d+-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(disposition).not.toMatch(/Søren|Aberg|Åberg/i);
    const text = await res.text();
    const data = JSON.parse(text) as { employee: { name: string }; absences: Array<{ conversationNotes: string | null }>; documents: Array<{ versions: Array<{ content: Record<string, string> }> }>; auditLog: unknown[] };
    expect(data.employee.name).toBe("Søren Ærø Åberg");
    expect(data.absences.map((a) => a.conversationNotes)).toContain(NOTE);
    expect(data.documents.flatMap((d) => d.versions.map((v) => v.content.affectedFunctions))).toContain("Fast-track-markør: stilladsarbejde");
    expect(data.auditLog.length).toBeGreaterThan(0);
    // The 2026 facts of an absence and the whole employee record are part of the answer, even when empty.
    const raw = JSON.parse(text) as { employee: Record<string, unknown>; absences: Array<Record<string, unknown>> };
    for (const key of ["employeeNumber", "email", "department", "address", "employmentEndDate"]) expect(raw.employee).toHaveProperty(key);
    for (const key of ["expectedBackWithin26Weeks", "absenceReportedOn", "absenceReportReference", "refundRequestedOn", "refundRequestReference"])
      expect(raw.absences[0]).toHaveProperty(key);
    expect(otherNames.length).toBeGreaterThan(5);
    for (const name of otherNames) expect(text).not.toContain(name);
    expect(text).not.toContain("password");
  });

  it("exports the same as a readable PDF without the name in the file name", async () => {
    const res = await nordbyg.get(`/virksomhed/medarbejdere/${soeren.id}/indsigt.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="indsigt-medarbejder-\d+-\d{4}-\d{2}-\d{2}\.pdf"$/);
    const file = path.join(TMP_DIR, `indsigt-${process.pid}.pdf`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const flat = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(flat).toContain("Indsigt i registrerede oplysninger");
    expect(flat).toContain("Søren Ærø Åberg");
    expect(flat).toContain("indsigt-markør");
    expect(flat).toContain("Fast-track-markør: stilladsarbejde");
    for (const name of otherNames) expect(flat).not.toContain(name);
  });

  it("records each export in the audit log, and refuses everyone but the employee's own company", async () => {
    const exports = await withTestDb(server, (db) =>
      db.all<{ details: string }>("select details from audit_log where action = 'employee.access-export' and entity_id = ?", String(soeren.id)),
    );
    expect(exports.map((e) => JSON.parse(e.details).format).sort()).toEqual(["json", "pdf"]);
    const solskin = await signedIn(server.baseUrl, "hr@solskin.example");
    const aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
    const anonymous = new HttpClient(server.baseUrl);
    for (const format of ["json", "pdf"]) {
      const url = `/virksomhed/medarbejdere/${soeren.id}/indsigt.${format}`;
      expect((await solskin.get(url)).status).toBe(404);
      expect((await aarhus.get(url)).status).toBe(403);
      expect((await anonymous.get(url)).status).toBe(302);
    }
    const page = await (await nordbyg.get(`/virksomhed/medarbejdere/${soeren.id}`)).text();
    expect(page).toContain(`/virksomhed/medarbejdere/${soeren.id}/indsigt.pdf`);
  });

  it("deletes an expired case when the server starts", async () => {
    await server.stop();
    const closedOn = addDays(today, -(3 * 365 + 2));
    const old = await withTestDb(server, async (db) => {
      const row = await db.one<{ companyId: number; id: number }>("select company_id as companyId, id from employees where name = 'Søren Ærø Åberg'");
      return (
        await db.one<{ id: number }>(
          "insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, returned_on) values (?, ?, ?, 'full', 'salary', ?, ?) returning id",
          row.companyId,
          row.id,
          addDays(closedOn, -20),
          0,
          closedOn,
        )
      ).id;
    });
    server = await startServer({ RETENTION_YEARS: "3" }, { databasePath: server.databasePath });
    // On SQLite the first run ends before the server serves; on PostgreSQL it runs once this server holds
    // the background jobs' lock (docs/decisions/014), moments later. Its report says it is done.
    for (let i = 0; i < 200 && !server.output().includes("Sletning efter 3 år"); i++) await new Promise((r) => setTimeout(r, 50));
    await withTestDb(server, async (after) => {
      expect(await after.one("select id from absences where id = ?", old)).toBeUndefined();
      expect(await after.one("select action from audit_log where action = 'retention.delete' and entity_id = ?", String(old))).toEqual({ action: "retention.delete" });
      // The demo cases (closed recently or still open) are untouched.
      expect((await after.one<{ n: number }>("select count(*) as n from absences")).n).toBeGreaterThan(3);
    });
    expect(server.output()).toContain("Sletning efter 3 år: 1 afsluttede fraværssager");
  });
});

/** Every table of the database; the catalogue is each engine's own. */
async function tableNames(db: TestDb): Promise<string[]> {
  const rows = onPostgres
    ? await db.all<{ name: string }>("select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'")
    : await db.all<{ name: string }>("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
  return rows.map((t) => t.name);
}
