/**
 * The case lists and the caseworker's view of the citizen over HTTP: filters in
 * the query string with Danish messages at the field, the export as files, the
 * HR contact person set on the settings page, and the citizen's name, birth
 * date, address, employer and contact shown only to the home municipality, on
 * the page and in the PDF.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseReference } from "~/domain/case-reference";
import { todayInCopenhagen } from "~/domain/dates";
import { type HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { queryOne, withTestDb } from "../support/test-db";

let server: RunningServer;
let nordbyg: HttpClient;
let solskin: HttpClient;
let aarhus: HttpClient;
let koebenhavn: HttpClient;
let ids: { absenceId: number; employeeId: number; submissionId: number };

function pdfText(bytes: ArrayBuffer): string {
  const file = path.join(os.tmpdir(), `case-lists-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, Buffer.from(bytes));
  try {
    return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

beforeAll(async () => {
  server = await startServer();
  nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
  solskin = await signedIn(server.baseUrl, "hr@solskin.example");
  aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  koebenhavn = await signedIn(server.baseUrl, "koebenhavn@jobcenter.example");
  const row = await withTestDb(server, async (d) => {
    const found = await d.one<{ absenceId: number; employeeId: number }>(
      "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
    );
    await d.run(
      "update employees set address_line = 'Vestergade 12, 2. th.', postal_code = '8000', city = 'Aarhus C', employee_number = 'NB-0042' where id = ?",
      found.employeeId,
    );
    return found;
  });
  const created = await nordbyg.postForm(`/virksomhed/fravaer/${row.absenceId}/fast-track`, {
    affectedFunctions: "Tunge løft.",
    affectedDuration: "Siden første fraværsdag.",
    adaptations: "Lettere opgaver.",
    requestedOn: todayInCopenhagen(new Date()),
    employeeConsent: "agreed",
  });
  const documentId = Number(/dokumenter\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  expect((await nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
  const submissionId = (await queryOne<{ id: number }>(server, "select id from submissions where document_id = ?", documentId)).id;
  ids = { ...row, submissionId };
});

afterAll(async () => {
  await server?.stop();
});

describe("/virksomhed/sager", () => {
  it("lists the company's cases with the filters kept in the address", async () => {
    const res = await nordbyg.get("/virksomhed/sager?q=NB-0042&status=aaben");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(caseReference(ids.absenceId));
    expect(html).toContain("Søren Ærø Åberg");
    expect(html).not.toContain("Łukasz Nowak");
    expect(html).toMatch(/name="q"[^>]*value="NB-0042"|value="NB-0042"[^>]*name="q"/);
    // Another company's list never shows Nordbyg's case, also when searched by its reference.
    expect(await (await solskin.get(`/virksomhed/sager?q=${caseReference(ids.absenceId)}`)).text()).not.toContain("Søren");
  });

  it("answers a bad filter with 400 and a Danish message at the field, the input kept", async () => {
    const res = await nordbyg.get("/virksomhed/sager?aar=20x6&q=Søren&status=alle");
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Indtast et årstal med fire cifre, fx 2026.");
    expect(html).toContain("Vælg en status på listen.");
    expect(html).toContain('value="Søren"');
  });

  it("exports the filtered list as CSV and Excel, and logs it", async () => {
    const csv = await nordbyg.get("/virksomhed/sager/eksport?format=csv&q=NB-0042");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="sager-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^${caseReference(ids.absenceId)};NB-0042;Søren Ærø Åberg;Byggeplads;\\d{2}\\.\\d{2}\\.\\d{4};Åben;`));

    const xlsx = await nordbyg.get("/virksomhed/sager/eksport?format=xlsx&status=aaben");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.getWorksheet("Sager")!.getRow(1).getCell(1).value).toBe("Sag");

    const logged = await withTestDb(server, (d) => d.all<{ details: string }>("select details from audit_log where action = 'case-list.export' order by id"));
    expect(logged.map((l) => JSON.parse(l.details).format)).toEqual(["csv", "xlsx"]);
  });

  it("refuses an unknown format or bad filters with a Danish 400, never a 500", async () => {
    for (const url of ["/virksomhed/sager/eksport", "/virksomhed/sager/eksport?format=pdf", "/virksomhed/sager/eksport?format=csv&aar=abc", "/virksomhed/sager/eksport?format=csv&q=" + "x".repeat(500)]) {
      const res = await nordbyg.get(url);
      expect(res.status, url).toBe(400);
      expect(await res.text()).toMatch(/Vælg CSV eller Excel|Filtrene er ugyldige/);
    }
    expect((await aarhus.get("/virksomhed/sager/eksport?format=csv")).status).toBe(403);
  });
});

describe("/jobcenter/sager", () => {
  it("finds the municipality's case by reference and birth date, and another municipality finds nothing", async () => {
    const ref = caseReference(ids.absenceId).toLowerCase();
    const own = await (await aarhus.get(`/jobcenter/sager?q=${ref}`)).text();
    expect(own).toContain("Søren Ærø Åberg");
    expect(own).toContain(`/jobcenter/indsendelser/${ids.submissionId}`);
    expect(await (await aarhus.get("/jobcenter/sager?foedt=1968-03-14")).text()).toContain("Søren Ærø Åberg");
    for (const q of [`q=${ref}`, "q=S%C3%B8ren", "foedt=1968-03-14"]) {
      const html = await (await koebenhavn.get(`/jobcenter/sager?${q}`)).text();
      expect(html, q).not.toContain(`data-case="${caseReference(ids.absenceId)}"`);
      expect(html, q).toContain("Ingen sager matcher filtrene.");
    }
  });

  it("answers a bad birth date with 400 and a Danish message", async () => {
    const res = await aarhus.get("/jobcenter/sager?foedt=14.03.68");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Indtast en gyldig fødselsdato (dd.mm.åååå).");
  });
});

describe("the caseworker can tell who the citizen is", () => {
  it("HR sets the contact person on the settings page; a bad phone number is refused at its field with the input kept", async () => {
    const bad = await nordbyg.postForm("/virksomhed/indstillinger", { intent: "contact", contactName: "Lise Holm", contactPhone: "12 34", contactEmail: "ikke-en-adresse" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("Indtast et telefonnummer med 8 cifre, fx 12 34 56 78.");
    expect(html).toContain("Indtast en gyldig e-mailadresse, fx hr@firma.dk.");
    expect(html).toContain('value="12 34"');
    expect(await queryOne(server, "select contact_phone from companies where cvr = '12972997'")).toEqual({ contact_phone: "70203040" });
    const good = await nordbyg.postForm("/virksomhed/indstillinger", { intent: "contact", contactName: "HR-teamet", contactPhone: "+45 87 65 43 21", contactEmail: "hr-team@nordbyg.example" });
    expect(good.status).toBe(302);
  });

  it("the home municipality's caseworker sees name, birth date, address, employer with CVR and the HR contact", async () => {
    const res = await aarhus.get(`/jobcenter/indsendelser/${ids.submissionId}`);
    expect(res.status).toBe(200);
    // React separates text parts with empty comments.
    const html = (await res.text()).replace(/<!-- -->/g, "");
    for (const text of ["Søren Ærø Åberg", "14.03.1968", "Vestergade 12, 2. th., 8000 Aarhus C", "Nordbyg ApS (CVR 12972997)", "HR-teamet", "+45 87 65 43 21", "hr-team@nordbyg.example"]) {
      expect(html, text).toContain(text);
    }
  });

  it("the PDF the caseworker downloads carries the same", async () => {
    const res = await aarhus.get(`/jobcenter/indsendelser/${ids.submissionId}/pdf`);
    expect(res.status).toBe(200);
    const text = pdfText(await res.arrayBuffer()).replace(/\s+/g, " ");
    for (const t of ["Til jobcentret: borger og kontakt", "14.03.1968", "Vestergade 12, 2. th., 8000 Aarhus C", "12972997", "HR-teamet", "+45 87 65 43 21", "hr-team@nordbyg.example"]) {
      expect(text, t).toContain(t);
    }
  });

  it("the employer's own PDF of the document does not carry the jobcenter's section", async () => {
    const { document_id } = await queryOne<{ document_id: number }>(server, "select document_id from submissions where id = ?", ids.submissionId);
    const text = pdfText(await (await nordbyg.get(`/virksomhed/dokumenter/${document_id}/pdf`)).arrayBuffer());
    expect(text).not.toContain("Til jobcentret");
    expect(text).not.toContain("Vestergade");
  });

  it("another municipality gets 404 for the page and the PDF", async () => {
    expect((await koebenhavn.get(`/jobcenter/indsendelser/${ids.submissionId}`)).status).toBe(404);
    expect((await koebenhavn.get(`/jobcenter/indsendelser/${ids.submissionId}/pdf`)).status).toBe(404);
  });
});
