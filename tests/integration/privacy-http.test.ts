/**
 * Privacy by default, over HTTP against the built server: the three texts the
 * issue found stored without a word are now refused at their field with the
 * text kept, a confirmed false hit goes through, and a social-chapter log
 * entry holding health information can be redacted until it is gone from the
 * database file, the dossier snapshots, the PDFs and the audit log.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client.server";
import { addMonths, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { type HttpClient, signedIn } from "../support/http";
import { onPostgres } from "../support/engine";
import { TMP_DIR } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";
import { queryOne, withTestDb } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
let kbh: HttpClient;
const today = todayInCopenhagen(new Date());

function query<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return queryOne<T | undefined>(server, sql, ...params);
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  return (await query<{ n: number }>(sql, ...params))!.n;
}

/**
 * The SQLite database file and its WAL after a checkpoint, as bytes: what a copy of the disk would hold.
 * SQLite only: the pragma and the file are SQLite's (secure_delete is what this checks).
 */
function databaseBytes(): Buffer[] {
  const db = new Database(server.databasePath);
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  return [server.databasePath, `${server.databasePath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
}

function pdfText(bytes: ArrayBuffer, name: string): string {
  const file = path.join(TMP_DIR, `privacy-${name}-${process.pid}.pdf`);
  fs.writeFileSync(file, Buffer.from(bytes));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

/** An open absence at Nordbyg that can still get a fast-track request (expected over 8 weeks, none made). */
async function fastTrackCandidate(): Promise<{ id: number }> {
  const row = await query<{ id: number }>(
    `select a.id from absences a join companies c on c.id = a.company_id
     where c.name = 'Nordbyg ApS' and a.returned_on is null and a.expected_over_8_weeks = ? and a.fast_track_requested_on is null
     order by a.first_absence_day desc`,
    1,
  );
  if (!row) throw new Error("the seed has no open Nordbyg absence expected over 8 weeks");
  return row;
}

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
  kbh = await signedIn(server.baseUrl, "koebenhavn@jobcenter.example");
});

afterAll(async () => {
  await server?.stop();
});

describe("a diagnosis typed into a free text", () => {
  it("in the absence-conversation notes is refused at the field with the notes kept, and stored once confirmed as a false hit", async () => {
    const { id } = await fastTrackCandidate();
    const notes = "Afdelingen holder temadag om stress og depression for alle ansatte.";
    const refused = await hr.postForm(`/virksomhed/fravaer/${id}`, { intent: "conversation", conversationHeldOn: today, conversationNotes: notes });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Teksten ser ud til at nævne en diagnose (depression)");
    expect(html).toContain(notes);
    expect(html).toContain("Teksten oplyser ikke en diagnose");
    expect((await query<{ notes: string | null }>("select conversation_notes as notes from absences where id = ?", id))!.notes).not.toBe(notes);

    const confirmed = await hr.postForm(`/virksomhed/fravaer/${id}`, { intent: "conversation", conversationHeldOn: today, conversationNotes: notes, confirmNoDiagnosis: "on" });
    expect(confirmed.status).toBe(302);
    expect((await query<{ notes: string }>("select conversation_notes as notes from absences where id = ?", id))!.notes).toBe(notes);
    // The audit log records that notes were written, not what they say.
    const audit = (await query<{ details: string }>("select details from audit_log where action = 'absence.conversation' and entity_id = ? order by id desc", String(id)))!;
    expect(audit.details).not.toContain("depression");
    expect(JSON.parse(audit.details)).toMatchObject({ conversationHeldOn: today, conversationNotes: "written" });
  });

  it("in a fast-track answer is refused before anything is stored or sent to the jobcenter", async () => {
    const { id } = await fastTrackCandidate();
    const res = await hr.postForm(`/virksomhed/fravaer/${id}/fast-track`, {
      affectedFunctions: "Diskusprolaps gør tunge løft umulige.",
      affectedDuration: "Siden første fraværsdag.",
      adaptations: "Lettere opgaver ved bænken.",
      requestedOn: today,
      employeeConsent: "agreed",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("nævne en diagnose (diskusprolaps)");
    expect(html).toContain("Diskusprolaps gør tunge løft umulige.");
    expect(await count("select count(*) as n from documents where absence_id = ? and type = 'fast-track'", id)).toBe(0);
    expect(await count("select count(*) as n from submissions where absence_id = ?", id)).toBe(0);
  });
});

describe("a social-chapter log entry holding health information", () => {
  // Mette Kjær is 6 years or less from folkepension: the dossier can be sent at once.
  let metteId: number;
  beforeAll(async () => {
    metteId = (await query<{ id: number }>("select id from employees where name = 'Mette Kjær'"))!.id;
  });
  const employeeId = () => metteId;
  const page = () => `/virksomhed/medarbejdere/${employeeId()}/sociale-kapitler`;
  // A replacement longer than the original moves the row within its page: without secure_delete the
  // original would stay behind in the page's free space.
  const ORIGINAL = "Kvartalsmøde-7731: hun har sklerose.";
  const REPLACEMENT = "Samtale om pauser og arbejdstid efter frokost; vi følger op på kvartalsmødet om en måned.";
  let entryId: number;
  let documentId: number;
  let submissionId: number;

  it("is refused when written, and stored only once the user confirms it", async () => {
    const agreement = await hr.postForm(`${page()}/rediger`, {
      collectiveAgreement: "Industriens Overenskomst",
      startedOn: addMonths(today, -1),
      tasks: "Lettere montageopgaver.",
      accommodations: "Pauser efter behov.",
      hoursPerWeek: "25",
      wageTerms: "Løn for 25 timer.",
      reviewDates: "",
    });
    expect(agreement.status).toBe(302);
    const refused = await hr.postForm(page(), { intent: "log", entryDate: today, kind: "conversation", text: ORIGINAL });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("nævne en diagnose (sklerose)");
    expect(html).toContain(ORIGINAL);
    expect(await count("select count(*) as n from social_chapter_log")).toBe(0);

    // The user confirms anyway (the wrong call, which the redaction below puts right).
    const stored = await hr.postForm(page(), { intent: "log", entryDate: today, kind: "conversation", text: ORIGINAL, confirmNoDiagnosis: "on" });
    expect(stored.status).toBe(302);
    entryId = (await query<{ id: number }>("select id from social_chapter_log where text = ?", ORIGINAL))!.id;
    // The search below can find the text in the file's bytes (SQLite's file; see the skipped test on PostgreSQL).
    if (!onPostgres) expect(databaseBytes().some((bytes) => bytes.includes(Buffer.from("Kvartalsmøde-7731")))).toBe(true);
    expect((await hr.postForm(page(), { intent: "send" })).status).toBe(302);
    ({ documentId, submissionId } = (await query<{ documentId: number; submissionId: number }>(
      "select d.id as documentId, s.id as submissionId from documents d join submissions s on s.document_id = d.id where d.type = 'social-chapter'",
    ))!);
    const pdf = pdfText(await (await hr.get(`/virksomhed/dokumenter/${documentId}/pdf`)).arrayBuffer(), "before");
    expect(pdf).toContain("Kvartalsmøde-7731");
    // A printed text the check flags drops the dossier's promise.
    expect(pdf).not.toContain("ingen helbredsoplysninger");
  });

  it("refuses a replacement text that itself names a diagnosis, and another company's redaction", async () => {
    const flagged = await hr.postForm(page(), { intent: "redact", entryId: String(entryId), replacement: "Hun har MS." });
    expect(flagged.status).toBe(400);
    expect(await flagged.text()).toContain("nævne en diagnose (ms)");
    expect((await otherHr.postForm(page(), { intent: "redact", entryId: String(entryId), replacement: "Fjernet." })).status).toBe(404);
    expect(await count("select count(*) as n from social_chapter_log where text = ? and redacted_at is null", ORIGINAL)).toBe(1);
  });

  it("is redacted: the entry says by whom and when, and the original is gone from the log, the dossier and the audit log", async () => {
    const res = await hr.postForm(page(), { intent: "redact", entryId: String(entryId), replacement: REPLACEMENT });
    expect(res.status).toBe(302);
    const hrName = (await query<{ name: string }>("select name from users where email = 'hr@nordbyg.example'"))!.name;
    // React separates text parts with empty comments; read the page as its text runs.
    const html = (await (await hr.get(page())).text()).replaceAll("<!-- -->", "");
    expect(html).not.toContain("Kvartalsmøde-7731");
    expect(html).toContain(REPLACEMENT);
    expect(html).toContain(`Teksten er erstattet <time`);
    expect(html).toContain(`af ${hrName}, fordi den indeholdt helbredsoplysninger`);

    expect(await count("select count(*) as n from social_chapter_log where text like '%7731%'")).toBe(0);
    expect(await count("select count(*) as n from document_versions where content like '%7731%'")).toBe(0);
    expect(await count("select count(*) as n from audit_log where coalesce(details, '') like '%7731%' or coalesce(details, '') like '%sklerose%'")).toBe(0);
    const audit = (await query<{ details: string; user_id: number }>("select details, user_id from audit_log where action = 'social-chapter.log-redact'"))!;
    expect(JSON.parse(audit.details)).toEqual({ entryId });
  });

  // SQLite only: it reads SQLite's file after a checkpoint, and secure_delete is SQLite's. PostgreSQL keeps the
  // old row version in its heap until VACUUM; that is not checked here (see the report for issue 27).
  it.skipIf(onPostgres)("leaves no trace of the original in the database file", () => {
    expect(databaseBytes().some((bytes) => bytes.includes(Buffer.from("Kvartalsmøde-7731")))).toBe(false);
  });

  it("prints the replaced text in every later PDF, for the company and for the jobcenter", async () => {
    const employer = pdfText(await (await hr.get(`/virksomhed/dokumenter/${documentId}/pdf`)).arrayBuffer(), "after-employer");
    const jobcenter = pdfText(await (await kbh.get(`/jobcenter/indsendelser/${submissionId}/pdf`)).arrayBuffer(), "after-jobcenter");
    for (const pdf of [employer, jobcenter]) {
      expect(pdf).not.toContain("Kvartalsmøde-7731");
      expect(pdf).toContain("Samtale om pauser og arbejdstid efter frokost");
      expect(pdf).toContain(`(teksten er erstattet ${formatDanishDate(today)}`);
    }
  });

  it("shows the redaction, not the original, in the access request's JSON and letter", async () => {
    const json = await (await hr.get(`/virksomhed/medarbejdere/${employeeId()}/indsigt.json`)).text();
    expect(json).not.toContain("Kvartalsmøde-7731");
    const data = JSON.parse(json) as { socialChapter: { log: Array<{ id: number; text: string; redactedAt: string | null; redactedByName: string | null }> } };
    const entry = data.socialChapter.log.find((e) => e.id === entryId)!;
    expect(entry.text).toBe(REPLACEMENT);
    expect(entry.redactedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(entry.redactedByName).toBe((await query<{ name: string }>("select name from users where email = 'hr@nordbyg.example'"))!.name);
    const letter = pdfText(await (await hr.get(`/virksomhed/medarbejdere/${employeeId()}/indsigt.pdf`)).arrayBuffer(), "access");
    expect(letter).not.toContain("Kvartalsmøde-7731");
    expect(letter).toContain("Tekst i loggen erstattet (helbredsoplysninger fjernet)");
    expect(letter).toContain(`Samtale: ${REPLACEMENT.slice(0, 30)}`);
    expect(letter).not.toMatch(/\d{4}-\d{2}-\d{2}|\b(null|true|false)\b/);
  });

  it("can be redacted only once, and the log stays append-only for everything else", async () => {
    const again = await hr.postForm(page(), { intent: "redact", entryId: String(entryId), replacement: "Endnu en tekst." });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("Teksten i denne indførsel er allerede erstattet.");
    await withTestDb(server, async (db) => {
      await expect(async () => db.run("update social_chapter_log set text = 'x', redacted_at = 'now', redacted_by = 1 where id = ?", entryId)).rejects.toThrow(/append-only/);
      await expect(async () => db.run("delete from social_chapter_log")).rejects.toThrow(/append-only/);
      const fresh = (
        await db.one<{ id: number }>(
          "insert into social_chapter_log (record_id, entry_date, kind, text) select record_id, entry_date, 'change', 'Færre timer.' from social_chapter_log where id = ? returning id",
          entryId,
        )
      ).id;
      // A plain edit, or a "redaction" that also changes what kind of entry it was, is refused.
      await expect(async () => db.run("update social_chapter_log set text = 'x' where id = ?", fresh)).rejects.toThrow(/append-only/);
      await expect(async () => db.run("update social_chapter_log set text = 'x', kind = 'adjustment', redacted_at = 'now', redacted_by = 1 where id = ?", fresh)).rejects.toThrow(/append-only/);
      expect(await db.run("update social_chapter_log set text = 'x', redacted_at = 'now', redacted_by = 1 where id = ?", fresh)).toBe(1);
    });
  });

  // The caseworker's internal note on the dossier follows the same rule.
  it("in the caseworker's message is refused with the message kept", async () => {
    const res = await kbh.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "note", note: "Borgeren har oplyst leddegigt." });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("nævne en diagnose (leddegigt)");
    expect(html).toContain("Borgeren har oplyst leddegigt.");
  });
});

describe("the database connection", () => {
  // SQLite only: it checks the SQLite connection's secure_delete on a SQLite file of its own.
  it.skipIf(onPostgres)("zeroes overwritten text, so a redaction leaves nothing in the page's free space", () => {
    const file = path.join(TMP_DIR, `secure-delete-${process.pid}.db`);
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    const { sqlite } = openDatabase(file);
    try {
      sqlite.exec("create table t (id integer primary key, text text)");
      for (let i = 0; i < 20; i++) sqlite.prepare("insert into t (text) values (?)").run(`Række ${i}`.padEnd(60, "."));
      const { lastInsertRowid } = sqlite.prepare("insert into t (text) values (?)").run("Hun har sklerose. Mærke-4411.");
      sqlite.prepare("insert into t (text) values ('Efter.')").run();
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
      // A longer text moves the row within the page; the old cell becomes free space.
      sqlite.prepare("update t set text = ? where id = ?").run("En længere tekst uden helbredsoplysninger, som må ligge et andet sted i siden.", lastInsertRowid);
      sqlite.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      sqlite.close();
    }
    expect(fs.readFileSync(file).includes(Buffer.from("Mærke-4411"))).toBe(false);
  });
});
