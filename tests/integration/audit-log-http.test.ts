/**
 * The audit trail covers reads: every view and download of a health-related
 * document writes a row (who, which document, when), the company's administrator
 * reads the company's trail at /virksomhed/revisionslog with filters and pages,
 * and the access-request export names who has read the employee's documents.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { createDeclaration, type HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

let server: RunningServer;
let nordbyg: HttpClient;
let aarhus: HttpClient;
let ids: { employeeId: number; documentId: number; submissionId: number; declarationId: number; attachmentId: number };

function query<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  return withTestDb(server, (db) => db.all<T>(sql, ...params));
}

const reads = () =>
  query<{ action: string; user_id: number; entity_type: string; entity_id: string; company_id: number; employee_id: number; created_at: string }>(
    "select action, user_id, entity_type, entity_id, company_id, employee_id, created_at from audit_log where action in ('document.view', 'document.pdf', 'document.attachment', 'submission.view', 'submission.pdf') order by id",
  );
const userId = async (email: string) => (await query<{ id: number }>("select id from users where email = ?", email))[0]!.id;

beforeAll(async () => {
  server = await startServer();
  nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
  aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  const today = todayInCopenhagen(new Date());
  const { absenceId, employeeId } = (await query<{ absenceId: number; employeeId: number }>(
    "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
  ))[0]!;
  const created = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, {
    affectedFunctions: "Tunge løft.",
    affectedDuration: "Siden første fraværsdag.",
    adaptations: "Lettere opgaver.",
    requestedOn: today,
    employeeConsent: "agreed",
  });
  const documentId = Number(/dokumenter\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  await nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" });
  const submissionId = (await query<{ id: number }>("select id from submissions where document_id = ?", documentId))[0]!.id;
  const declarationId = await createDeclaration(nordbyg, { employeeId, absenceId, meetingDate: today, doctorDeadline: addDays(today, 14) });
  const upload = new FormData();
  upload.set("intent", "upload");
  upload.set("file", new File([Buffer.from("%PDF-1.7\n%%EOF\n")], "svar.pdf", { type: "application/pdf" }));
  await nordbyg.postMultipart(`/virksomhed/dokumenter/${declarationId}/laegens-svar`, upload);
  const attachmentId = (await query<{ id: number }>("select id from document_attachments where document_id = ?", declarationId))[0]!.id;
  ids = { employeeId, documentId, submissionId, declarationId, attachmentId };
});

afterAll(async () => {
  await server?.stop();
});

describe("reads of health-related documents", () => {
  it("each view and download writes a row with who, which document and when, filed under the company and employee", async () => {
    const before = (await reads()).length;
    const companyId = (await query<{ id: number }>("select id from companies where cvr = '12972997'"))[0]!.id;
    const steps: Array<[HttpClient, string, string, string, number]> = [
      [nordbyg, `/virksomhed/dokumenter/${ids.documentId}`, "document.view", "document", ids.documentId],
      [nordbyg, `/virksomhed/dokumenter/${ids.documentId}/pdf`, "document.pdf", "document", ids.documentId],
      [nordbyg, `/virksomhed/dokumenter/${ids.declarationId}/bilag/${ids.attachmentId}`, "document.attachment", "document", ids.declarationId],
      [aarhus, `/jobcenter/indsendelser/${ids.submissionId}`, "submission.view", "submission", ids.submissionId],
      [aarhus, `/jobcenter/indsendelser/${ids.submissionId}/pdf`, "submission.pdf", "submission", ids.submissionId],
    ];
    for (const [client, url, action, entityType, entityId] of steps) {
      const started = new Date(Date.now() - 1000).toISOString();
      const res = await client.get(url);
      expect(res.status, url).toBe(200);
      await res.arrayBuffer();
      const row = (await reads()).at(-1)!;
      expect(row).toMatchObject({
        action,
        user_id: await userId(client === aarhus ? "aarhus@jobcenter.example" : "hr@nordbyg.example"),
        entity_type: entityType,
        entity_id: String(entityId),
        company_id: companyId,
        employee_id: ids.employeeId,
      });
      expect(row.created_at >= started).toBe(true);
    }
    expect((await reads()).length).toBe(before + steps.length);
  });

  it("a refused read writes nothing", async () => {
    const before = (await reads()).length;
    const solskin = await signedIn(server.baseUrl, "hr@solskin.example");
    expect((await solskin.get(`/virksomhed/dokumenter/${ids.documentId}`)).status).toBe(404);
    const koebenhavn = await signedIn(server.baseUrl, "koebenhavn@jobcenter.example");
    expect((await koebenhavn.get(`/jobcenter/indsendelser/${ids.submissionId}/pdf`)).status).toBe(404);
    expect((await reads()).length).toBe(before);
  });
});

describe("the administrator's audit log", () => {
  it("shows who read what and when, in Danish time, with the caseworker's organisation", async () => {
    const res = await nordbyg.get("/virksomhed/revisionslog");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Revisionslog");
    expect(html).toContain("Så indsendelsen (jobcenter)");
    expect(html).toContain("Camilla Krogh");
    expect(html).toContain("Jobcenter Aarhus Kommune");
    expect(html).toContain("Hentede lægens svar (PDF)");
    expect(html).toMatch(new RegExp(`${formatDanishDate(todayInCopenhagen(new Date())).replace(/\./g, "\\.")} \\d{2}:\\d{2}`));
    // The administrator's navigation links to it.
    expect(html).toContain('href="/virksomhed/revisionslog"');
  });

  it("filters by employee, by user and by period", async () => {
    const today = todayInCopenhagen(new Date());
    const byCaseworker = await (await nordbyg.get(`/virksomhed/revisionslog?bruger=${await userId("aarhus@jobcenter.example")}`)).text();
    expect(byCaseworker).toContain("Så indsendelsen (jobcenter)");
    expect(byCaseworker).not.toContain("Hentede lægens svar (PDF)");
    const other = (await query<{ id: number }>("select id from employees where name = 'Mette Kjær'"))[0]!.id;
    const byOther = await (await nordbyg.get(`/virksomhed/revisionslog?medarbejder=${other}`)).text();
    expect(byOther).not.toContain("Så indsendelsen (jobcenter)");
    const bySoeren = await (await nordbyg.get(`/virksomhed/revisionslog?medarbejder=${ids.employeeId}`)).text();
    expect(bySoeren).toContain("Så indsendelsen (jobcenter)");
    const yesterday = await (await nordbyg.get(`/virksomhed/revisionslog?fra=${addDays(today, -3)}&til=${addDays(today, -1)}`)).text();
    expect(yesterday).toContain("Der er ingen hændelser, der matcher.");
    const todays = await (await nordbyg.get(`/virksomhed/revisionslog?fra=${today}&til=${today}`)).text();
    expect(todays).toContain("Så indsendelsen (jobcenter)");
  });

  it("answers a bad filter with a Danish message at the field and keeps the other input", async () => {
    const res = await nordbyg.get(`/virksomhed/revisionslog?fra=2026-02-30&til=2026-01-01&bruger=${await userId("hr@nordbyg.example")}`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Indtast en gyldig dato (dd.mm.åååå).");
    expect(html).toContain('value="2026-02-30"');
    expect(html).toMatch(new RegExp(`<option value="${await userId("hr@nordbyg.example")}" selected`));
    const reversed = await nordbyg.get("/virksomhed/revisionslog?fra=2026-03-10&til=2026-03-01");
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("Slutdatoen kan ikke ligge før startdatoen.");
    expect((await nordbyg.get("/virksomhed/revisionslog?medarbejder=abc&side=-4")).status).toBe(400);
  });

  it("pages through the log, 50 entries a page", async () => {
    for (let i = 0; i < 50; i++) await (await nordbyg.get(`/virksomhed/dokumenter/${ids.documentId}/pdf`)).arrayBuffer();
    const first = await (await nordbyg.get("/virksomhed/revisionslog")).text();
    expect(first.match(/data-audit-entry=/g)).toHaveLength(50);
    expect(first).toContain('href="/virksomhed/revisionslog?side=2"');
    const second = await (await nordbyg.get("/virksomhed/revisionslog?side=2")).text();
    expect(second).toContain('rel="prev"');
    expect(second.match(/data-audit-entry=/g)!.length).toBeGreaterThan(0);
  });

  it("is the company's own: another company's administrator does not see it, a colleague and a caseworker are refused", async () => {
    const solskin = await signedIn(server.baseUrl, "hr@solskin.example");
    const theirs = await (await solskin.get("/virksomhed/revisionslog")).text();
    expect(theirs).not.toContain("Søren Ærø Åberg");
    expect(theirs).not.toContain("Så indsendelsen (jobcenter)");
    expect((await aarhus.get("/virksomhed/revisionslog")).status).toBe(403);
    // A colleague without the administrator role, as an accepted invitation makes one.
    await withTestDb(server, async (db) => {
      const companyId = (await db.one<{ id: number }>("select id from companies where cvr = '12972997'")).id;
      const hash = (await db.one<{ password_hash: string }>("select password_hash from users where email = 'hr@nordbyg.example'")).password_hash;
      await db.run("insert into users (email, name, password_hash, role, company_id, is_admin) values ('kollega@nordbyg.example', 'Kollega', ?, 'employer', ?, ?)", hash, companyId, 0);
    });
    const colleague = await signedIn(server.baseUrl, "kollega@nordbyg.example");
    expect((await colleague.get("/virksomhed/revisionslog")).status).toBe(403);
    expect(await (await colleague.get("/virksomhed")).text()).not.toContain('href="/virksomhed/revisionslog"');
  });
});

describe("the access-request export", () => {
  it("names who has read the employee's documents, with role, organisation, document and time", async () => {
    const res = await nordbyg.get(`/virksomhed/medarbejdere/${ids.employeeId}/indsigt.json`);
    const data = (await res.json()) as { documentReads: Array<{ at: string; userName: string; role: string; organisation: string; document: string; action: string }> };
    expect(data.documentReads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userName: "Camilla Krogh", role: "Sagsbehandler i jobcentret", organisation: "Jobcenter Aarhus Kommune", document: "Anmodning om fast track", action: "Så indsendelsen (jobcenter)" }),
        expect.objectContaining({ userName: "Lise Holm", role: "HR i virksomheden", organisation: "Nordbyg ApS", document: "Mulighedserklæring", action: "Hentede lægens svar (PDF)" }),
      ]),
    );
    for (const r of data.documentReads) expect(r.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    const other = (await query<{ id: number }>("select id from employees where name = 'Mette Kjær'"))[0]!.id;
    const theirs = (await (await nordbyg.get(`/virksomhed/medarbejdere/${other}/indsigt.json`)).json()) as { documentReads: unknown[] };
    expect(theirs.documentReads).toEqual([]);
  });
});
