import fs from "node:fs";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import { createDeclaration, documentIdFrom, type HttpClient, signedIn } from "../support/http";
import { queryOne, startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
let aarhus: HttpClient;
const today = todayInCopenhagen(new Date());

const query = async <T>(sql: string, ...params: unknown[]) => (await queryOne<T>(server, sql, ...params));

async function absenceOf(name: string) {
  return (await query<{ absenceId: number; employeeId: number }>(
    "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = ?",
    name,
  ));
}

function pdfUpload(bytes: Uint8Array<ArrayBuffer> | string, name = "svar.pdf", type = "application/pdf") {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([typeof bytes === "string" ? new Uint8Array(Buffer.from(bytes, "latin1")) : bytes], name, { type }));
  return form;
}

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
  aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
});

afterAll(async () => {
  await server?.stop();
});

describe("a mulighedserklæring from start to the jobcenter", () => {
  let documentId: number;

  it("is started on an absence and saved step by step as a draft that cannot be sent yet", async () => {
    const { absenceId, employeeId } = await absenceOf("Søren Ærø Åberg");
    documentId = documentIdFrom(await hr.postForm(`/virksomhed/medarbejdere/${employeeId}/mulighedserklaering/ny`, { absenceId: String(absenceId) }));
    const step1 = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/parter`, { contactPerson: "Lise Holm" });
    expect(step1.headers.get("location")).toBe(`/virksomhed/dokumenter/${documentId}/trin/begraensninger`);
    expect((await query<{ status: string }>("select status from mulighedserklaeringer where document_id = ?", documentId)).status).toBe("draft");
    const early = await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Udfyld del 1 af mulighedserklæringen");
  });

  it("warns about a diagnosis in part 1, keeps the text, and accepts the rewrite", async () => {
    const flagged = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/begraensninger`, {
      functionalLimitations: "Har diskusprolaps.",
      affectedFunctions: "Tunge løft.",
    });
    expect(flagged.status).toBe(400);
    const body = await flagged.text();
    expect(body).toContain("ser ud til at nævne en diagnose (diskusprolaps)");
    expect(body).toContain("Har diskusprolaps.");
    const content = (await query<{ content: string }>("select content from document_versions where document_id = ?", documentId)).content;
    expect(content).not.toContain("diskusprolaps");
    const rewritten = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/begraensninger`, {
      functionalLimitations: "Kan ikke løfte over 5 kg.",
      affectedFunctions: "Tunge løft.",
    });
    expect(rewritten.status).toBe(302);
  });

  it("refuses to complete part 1 while a step is missing, naming the step", async () => {
    const res = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/moede`, { meetingDate: today, bothPresent: "on", doctorDeadline: addDays(today, 14) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Udfyld trin 3 (Tilpasninger)");
    expect((await query<{ status: string; doctor_deadline: string }>("select status, doctor_deadline from mulighedserklaeringer where document_id = ?", documentId))).toEqual({
      status: "draft",
      doctor_deadline: addDays(today, 14),
    });
  });

  it("completes part 1, and the PDF comes as an attachment with the doctor's fields", async () => {
    expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/tilpasninger`, { doctorAssessOnly: "on" })).status).toBe(302);
    const done = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/moede`, { meetingDate: today, bothPresent: "on", doctorDeadline: addDays(today, 14) });
    expect(done.headers.get("location")).toBe(`/virksomhed/dokumenter/${documentId}?gemt=del1`);
    const pdf = await hr.get(`/virksomhed/dokumenter/${documentId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="mulighedserklaering-${today}.pdf"`);
    expect(pdf.headers.get("cache-control")).toBe("no-store");
    const doc = await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()));
    expect(doc.getForm().getTextField("doctorName").isReadOnly()).toBe(false);
    expect((await otherHr.get(`/virksomhed/dokumenter/${documentId}/pdf`)).status).toBe(404);
  });

  it("tracks the doctor's deadline on the dashboard once it is near", async () => {
    const soon = await hr.postForm(`/virksomhed/dokumenter/${documentId}/trin/moede`, { meetingDate: today, bothPresent: "on", doctorDeadline: addDays(today, 3) });
    expect(soon.status).toBe(302);
    expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "sent-to-doctor", sentToDoctorOn: today })).status).toBe(302);
    const dashboard = await (await hr.get("/virksomhed")).text();
    expect(dashboard).toContain("Lægens del af mulighedserklæringen skal være tilbage");
  });

  it("refuses an upload that is not a PDF, however it is named, or too large, and writes nothing", async () => {
    const url = `/virksomhed/dokumenter/${documentId}/laegens-svar`;
    const exe = await hr.postMultipart(url, pdfUpload("MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode", "svar.pdf"));
    expect(exe.status).toBe(400);
    expect(await exe.text()).toContain("Filen er ikke en gyldig PDF.");
    const text = await hr.postMultipart(url, pdfUpload("%PDF-1.7", "svar.txt", "text/plain"));
    expect(await text.text()).toContain("Filen skal være en PDF.");
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(Buffer.from("%PDF-1.7\n"));
    const tooBig = await hr.postMultipart(url, pdfUpload(big));
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain("Filen må højst fylde 10 MB.");
    expect((await query<{ n: number }>("select count(*) as n from document_attachments")).n).toBe(0);
    expect((await query<{ n: number }>("select count(*) as n from attachment_contents")).n).toBe(0);
  });

  it("stores the returned PDF in the database, not on the server's disk, and serves it only to the company", async () => {
    const bytes = Buffer.from("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n", "latin1");
    const res = await hr.postMultipart(`/virksomhed/dokumenter/${documentId}/laegens-svar`, pdfUpload(bytes, "Søren Åberg 010203-1234.pdf"));
    expect(res.status).toBe(302);
    const row = (await query<{ id: number; storage_name: string }>("select id, storage_name from document_attachments where document_id = ?", documentId));
    expect(row.storage_name).not.toContain("Søren");
    // In the database, so every server on a shared database serves it and the backup holds it (docs/decisions/009).
    expect((await query<{ bytes: Buffer }>("select bytes from attachment_contents where attachment_id = ?", row.id)).bytes).toEqual(bytes);
    expect(fs.existsSync(path.join(path.dirname(server.databasePath), "uploads", row.storage_name))).toBe(false);
    const download = await hr.get(`/virksomhed/dokumenter/${documentId}/bilag/${row.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("cache-control")).toBe("no-store");
    expect(download.headers.get("content-disposition")).not.toContain("Søren");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect((await otherHr.get(`/virksomhed/dokumenter/${documentId}/bilag/${row.id}`)).status).toBe(404);
    expect((await aarhus.get(`/virksomhed/dokumenter/${documentId}/bilag/${row.id}`)).status).toBe(403);
    expect((await query<{ status: string }>("select status from mulighedserklaeringer where document_id = ?", documentId)).status).toBe("answered");
  });

  it("records the doctor's answer and is sent to the jobcenter of the employee's municipality", async () => {
    const answer = await hr.postForm(`/virksomhed/dokumenter/${documentId}/laegens-svar`, {
      outcome: "partly",
      answeredOn: today,
      expectedAbsenceDuration: "3 uger",
      doctorRemarks: "Kan mere end aftalt efter 2 uger.",
    });
    expect(answer.status).toBe(302);
    expect((await query<{ outcome: string }>("select outcome from mulighedserklaeringer where document_id = ?", documentId)).outcome).toBe("partly");
    expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
    const submission = (await query<{ id: number; municipality_code: number }>("select id, municipality_code from submissions where document_id = ?", documentId));
    expect(submission.municipality_code).toBe(751);
    const page = await aarhus.get(`/jobcenter/indsendelser/${submission.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Kan ikke løfte over 5 kg.");
    expect((await aarhus.get(`/jobcenter/indsendelser/${submission.id}/pdf`)).headers.get("content-type")).toBe("application/pdf");
  });

  it("records every step in the audit log", async () => {
    const actions = (await withTestDb(server, (db) => db.all<{ action: string }>("select action from audit_log where entity_type = 'document' and entity_id = ?", String(documentId)))).map((r) => r.action);
    for (const a of ["document.create", "document.save", "mulighedserklaering.complete", "mulighedserklaering.sent-to-doctor", "mulighedserklaering.upload", "mulighedserklaering.answer"]) {
      expect(actions).toContain(a);
    }
  });
});

describe("a mulighedserklæring for repeated absences", () => {
  it("can be started without a particular absence and completed with the shared steps", async () => {
    const { employeeId } = await absenceOf("Łukasz Nowak");
    const documentId = await createDeclaration(hr, { employeeId, absenceId: null, meetingDate: today, doctorDeadline: addDays(today, 14) });
    expect((await query<{ absence_id: number | null }>("select absence_id from documents where id = ?", documentId)).absence_id).toBeNull();
    expect((await query<{ status: string }>("select status from mulighedserklaeringer where document_id = ?", documentId)).status).toBe("part1-complete");
    const page = await (await hr.get(`/virksomhed/medarbejdere/${employeeId}`)).text();
    expect(page).toContain("Del 1 udfyldt");
  });

  it("cannot be started on another company's employee or on someone else's absence", async () => {
    const { employeeId } = await absenceOf("Łukasz Nowak");
    expect((await otherHr.postForm(`/virksomhed/medarbejdere/${employeeId}/mulighedserklaering/ny`, { absenceId: "gentagne" })).status).toBe(404);
    const soeren = await absenceOf("Søren Ærø Åberg");
    const res = await hr.postForm(`/virksomhed/medarbejdere/${employeeId}/mulighedserklaering/ny`, { absenceId: String(soeren.absenceId) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Vælg et af medarbejderens fravær.");
  });
});

describe("the fastholdelsesplan", () => {
  it("is refused when the employee is expected back within 8 weeks", async () => {
    const { absenceId } = await absenceOf("Łukasz Nowak");
    const res = await hr.postForm(`/virksomhed/fravaer/${absenceId}/fastholdelsesplan`, { requestedOn: today, decision: "refused", refusalReason: "x" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("ikke forventes tilbage inden for 8 uger");
  });

  it("without JavaScript, \"Tilføj trin\" and \"Fjern trin\" send the form back with the rows changed, the input kept and nothing stored", async () => {
    const { absenceId } = await absenceOf("Søren Ærø Åberg");
    const url = `/virksomhed/fravaer/${absenceId}/fastholdelsesplan`;
    const typed = { requestedOn: today, decision: "plan", goal: "Fuld tilbagevenden.", "steps[0].description": "Opstart 3 timer om dagen", "steps[0].dueOn": "", "steps[0].responsible": "" };
    const rows = (html: string) => html.match(/class="form-group plan-step"/g)?.length ?? 0;
    const insert = await hr.postForm(url, { ...typed, __intent__: JSON.stringify({ type: "insert", payload: { name: "steps" } }) });
    expect(insert.status).toBe(200);
    const added = await insert.text();
    expect(rows(added)).toBe(2);
    expect(added).toContain('value="Opstart 3 timer om dagen"');
    expect(added).not.toContain("form-error-message");
    const remove = await hr.postForm(url, {
      ...typed,
      "steps[1].description": "Andet trin",
      __intent__: JSON.stringify({ type: "remove", payload: { name: "steps", index: 0 } }),
    });
    expect(remove.status).toBe(200);
    const removed = await remove.text();
    expect(rows(removed)).toBe(1);
    expect(removed).toContain('value="Andet trin"');
    expect(removed).not.toContain("Opstart 3 timer om dagen");
    expect((await query<{ n: number }>("select count(*) as n from documents where absence_id = ? and type = 'fastholdelsesplan'", absenceId)).n).toBe(0);
  });

  it("is made once per absence, printed with the first follow-up as its target, and sent to the jobcenter", async () => {
    const { absenceId } = await absenceOf("Søren Ærø Åberg");
    const created = await hr.postForm(`/virksomhed/fravaer/${absenceId}/fastholdelsesplan`, {
      requestedOn: today,
      decision: "plan",
      goal: "Fuld tilbagevenden.",
      "steps[0].description": "Opstart 3 timer om dagen",
      "steps[0].dueOn": addDays(today, 7),
      "steps[0].responsible": "Lise Holm",
      "steps[1].description": "",
      "steps[1].dueOn": "",
      "steps[1].responsible": "",
    });
    expect(created.status).toBe(302);
    const documentId = documentIdFrom(created);
    const content = JSON.parse((await query<{ content: string }>("select content from document_versions where document_id = ?", documentId)).content);
    expect(content.steps).toEqual([{ description: "Opstart 3 timer om dagen", dueOn: addDays(today, 7), responsible: "Lise Holm" }]);
    const again = await hr.get(`/virksomhed/fravaer/${absenceId}/fastholdelsesplan`);
    expect(again.headers.get("location")).toBe(`/virksomhed/dokumenter/${documentId}`);
    const pdf = await hr.get(`/virksomhed/dokumenter/${documentId}/pdf`);
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="fastholdelsesplan-${today}.pdf"`);
    const edit = await hr.postForm(`/virksomhed/dokumenter/${documentId}/rediger`, { requestedOn: today, decision: "refused", refusalReason: "Afdelingen lukker." });
    expect(edit.status).toBe(302);
    expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
  });
});
