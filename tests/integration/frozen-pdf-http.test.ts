/**
 * The PDF of a version sent to the jobcenter is printed as sent and kept per version
 * (app/pdf/frozen-pdf-cache.server.ts, docs/decisions/012): every reader gets the same bytes,
 * and no change to what it is drawn from is ever answered with the kept file.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { type HttpClient, signedIn } from "../support/http";
import { TMP_DIR } from "../support/paths";
import { queryOne, startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let manager: HttpClient;
let aarhus: HttpClient;
let aarhusAgain: HttpClient;
let absenceId: number;
let documentId: number;
let submissionId: number;
const today = todayInCopenhagen(new Date());

async function write(sql: string, ...params: unknown[]): Promise<void> {
  await withTestDb(server, (db) => db.run(sql, ...params));
}

async function download(client: HttpClient, url: string): Promise<Buffer> {
  const res = await client.get(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/pdf");
  return Buffer.from(await res.arrayBuffer());
}

function saved(bytes: Buffer): string {
  const file = path.join(TMP_DIR, `frozen-${crypto.randomUUID()}.pdf`);
  fs.mkdirSync(TMP_DIR, { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

function text(bytes: Buffer): string {
  return execFileSync("pdftotext", ["-layout", saved(bytes), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

function pdfInfo(bytes: Buffer): string {
  return execFileSync("pdfinfo", ["-isodates", saved(bytes)], { encoding: "utf8" });
}

const employerPdf = () => `/virksomhed/dokumenter/${documentId}/pdf`;
const jobcenterPdf = () => `/jobcenter/indsendelser/${submissionId}/pdf`;

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  manager = await signedIn(server.baseUrl, "leder@nordbyg.example");
  aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  aarhusAgain = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  // Søren Ærø Åberg lives in Aarhus and works on the manager's building site.
  absenceId = (await queryOne<{ id: number }>(server, "select a.id from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'")).id;
  const created = await hr.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, {
    affectedFunctions: "Tunge løft og arbejde på stillads.",
    affectedDuration: "Siden første fraværsdag.",
    adaptations: "Kontoropgaver i 4 uger er afprøvet.",
    requestedOn: today,
    employeeConsent: "agreed",
  });
  expect(created.status).toBe(302);
  documentId = Number(/\/virksomhed\/dokumenter\/(\d+)/.exec(created.headers.get("location")!)![1]);
  expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
  submissionId = (await queryOne<{ id: number }>(server, "select id from submissions where document_id = ?", documentId)).id;
});

afterAll(async () => {
  await server?.stop();
});

describe("the PDF of a sent version", () => {
  it("is the same bytes for every reader and every download, printed as sent with the company's contact person", async () => {
    const first = await download(hr, employerPdf());
    const again = await download(hr, employerPdf());
    const byManager = await download(manager, employerPdf());
    expect(again.equals(first)).toBe(true);
    expect(byManager.equals(first)).toBe(true);
    const printed = text(first);
    expect(printed).toContain(`Sendt ${formatDanishDate(today)}`);
    // The company's HR contact (Lise Holm), never the reader's own name.
    expect(printed).toContain("Lise Holm");
    expect(printed).not.toContain("Kim Byg");
    const submittedAt = (await queryOne<{ at: string }>(server, "select submitted_at as at from document_versions where document_id = ?", documentId)).at;
    const raw = first.toString("latin1");
    expect(raw).toMatch(/\/ID \[ ?<[0-9A-F]{32}> ?<[0-9A-F]{32}> ?\]/i);
    const info = pdfInfo(first);
    expect(info).toMatch(new RegExp(`CreationDate:\\s+${submittedAt.slice(0, 19)}`));
    expect(info).toMatch(new RegExp(`ModDate:\\s+${submittedAt.slice(0, 19)}`));
  });

  it("is the same bytes for every caseworker of the municipality, with the jobcenter's own section", async () => {
    const first = await download(aarhus, jobcenterPdf());
    const other = await download(aarhusAgain, jobcenterPdf());
    expect(other.equals(first)).toBe(true);
    expect(first.equals(await download(hr, employerPdf()))).toBe(false);
  });

  it("is drawn again when the employee's name changes", async () => {
    const before = await download(hr, employerPdf());
    await write("update employees set name = 'Søren Ærø Holm' where id = (select employee_id from absences where id = ?)", absenceId);
    const after = await download(hr, employerPdf());
    expect(after.equals(before)).toBe(false);
    expect(text(after)).toContain("Søren Ærø Holm");
    expect(text(await download(aarhus, jobcenterPdf()))).toContain("Søren Ærø Holm");
  });

  it("is drawn again when the sent content is overwritten in place, as a redaction does", async () => {
    // Read, change and write the JSON here: json_set is SQLite's, PostgreSQL's text column has none.
    const { content } = await queryOne<{ content: string }>(server, "select content from document_versions where document_id = ? and version = 1", documentId);
    await write(
      "update document_versions set content = ? where document_id = ? and version = 1",
      JSON.stringify({ ...(JSON.parse(content) as Record<string, unknown>), affectedFunctions: "Teksten er erstattet." }),
      documentId,
    );
    const employer = text(await download(hr, employerPdf()));
    expect(employer).toContain("Teksten er erstattet.");
    expect(employer).not.toContain("Tunge løft og arbejde på stillads.");
    expect(text(await download(aarhus, jobcenterPdf()))).not.toContain("Tunge løft og arbejde på stillads.");
  });

  it("gives way to a new version, which is a draft printed for its reader", async () => {
    const edit = await hr.postForm(`/virksomhed/dokumenter/${documentId}/rediger`, {
      affectedFunctions: "Kun lette opgaver i værkstedet.",
      affectedDuration: "Siden første fraværsdag.",
      adaptations: "Kontoropgaver i 4 uger er afprøvet.",
      requestedOn: today,
      employeeConsent: "agreed",
    });
    expect(edit.status).toBe(302);
    expect((await queryOne<{ v: number }>(server, "select current_version as v from documents where id = ?", documentId)).v).toBe(2);
    const draft = text(await download(hr, employerPdf()));
    expect(draft).toContain("Kun lette opgaver i værkstedet.");
    expect(draft).not.toContain("Sendt ");
    // The jobcenter keeps the version it was sent.
    expect(text(await download(aarhus, jobcenterPdf()))).toContain("Teksten er erstattet.");
  });

  it("is not found once the document is deleted", async () => {
    await write("delete from submission_events where submission_id = ?", submissionId);
    await write("delete from notifications where submission_id = ?", submissionId);
    await write("delete from submissions where id = ?", submissionId);
    await write("delete from documents where id = ?", documentId);
    expect((await hr.get(employerPdf())).status).toBe(404);
    expect((await aarhus.get(jobcenterPdf())).status).toBe(404);
  });
});
