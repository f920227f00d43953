/**
 * The doctor's loop closed: HR uploads the PDF the doctor returned, and when it is the portal's
 * own form with part 2 filled in a viewer, the answer comes back prefilled for HR to confirm.
 */
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { createDeclaration, type HttpClient, signedIn } from "../support/http";
import { queryOne, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
const today = todayInCopenhagen(new Date());
const query = async <T>(sql: string, ...params: unknown[]) => (await queryOne<T>(server, sql, ...params));

const DETAILS = "Kan arbejde fire timer om dagen ved montagebordet, men ikke løfte over 5 kg eller gå på stillads de næste uger.";
const REMARKS = "Bør genvurderes om tre uger. Æbleø, Østerå og Åbyhøj.";

function upload(bytes: Uint8Array) {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([new Uint8Array(bytes)], "svar.pdf", { type: "application/pdf" }));
  return form;
}

async function declaration(name: string, doctorDeadline = addDays(today, 14)) {
  const { absenceId, employeeId } = (await query<{ absenceId: number; employeeId: number }>(
    "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = ?",
    name,
  ));
  return createDeclaration(hr, { employeeId, absenceId, meetingDate: today, doctorDeadline });
}

/** The portal's PDF of the declaration, as HR downloads it and the doctor receives it. */
async function downloaded(documentId: number): Promise<PDFDocument> {
  const res = await hr.get(`/virksomhed/dokumenter/${documentId}/pdf`);
  expect(res.status).toBe(200);
  return PDFDocument.load(new Uint8Array(await res.arrayBuffer()));
}

/** Part 2 filled as a doctor does in a PDF viewer, saved with the appearances the viewer draws. */
async function filledByDoctor(documentId: number, remarks = REMARKS): Promise<PDFDocument> {
  const doc = await downloaded(documentId);
  const form = doc.getForm();
  form.getRadioGroup("doctorSoundness").select("delvist");
  form.getRadioGroup("doctorCapacity").select("mindre");
  form.getTextField("doctorCapacityDetails").setText(DETAILS);
  form.getTextField("doctorExpectedDuration").setText("3 uger");
  form.getTextField("doctorRemarks").setText(remarks);
  form.getTextField("doctorDate").setText(formatDanishDate(today));
  form.getTextField("doctorName").setText("Søren Ærø Åberg");
  form.getTextField("doctorAddress").setText("Lægehuset Østergade 1\n8000 Aarhus C");
  return doc;
}

async function uploadAndFollow(documentId: number, bytes: Uint8Array) {
  const res = await hr.postMultipart(`/virksomhed/dokumenter/${documentId}/laegens-svar`, upload(bytes));
  expect(res.status).toBe(302);
  const location = res.headers.get("location")!;
  expect(location).toMatch(new RegExp(`^/virksomhed/dokumenter/${documentId}/laegens-svar\\?bilag=\\d+`));
  const page = await hr.get(location);
  expect(page.status).toBe(200);
  return { location, html: await page.text() };
}

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
});

afterAll(async () => {
  await server?.stop();
});

describe("the doctor's returned PDF", () => {
  it("read back from the portal's own form fills in the doctor's answer for HR to confirm, without retyping", async () => {
    const documentId = await declaration("Søren Ærø Åberg");
    const { location, html } = await uploadAndFollow(documentId, await (await filledByDoctor(documentId)).save());
    expect(html).toContain("Lægens svar er læst fra PDF-filen");
    expect(html).toContain("Søren Ærø Åberg");
    expect(html).toMatch(/<input[^>]*value="partly"[^>]*checked|<input[^>]*checked[^>]*value="partly"/);
    expect(html).toMatch(/value="3 uger"/);
    expect(html).toContain(`value="${formatDanishDate(today)}"`);
    expect(html).toContain(`Mindre end aftalt: ${DETAILS}`);
    expect(html).toContain("Æbleø, Østerå og Åbyhøj.");
    // Nothing is recorded before HR confirms.
    expect((await query<{ outcome: string | null }>("select outcome from mulighedserklaeringer where document_id = ?", documentId)).outcome).toBeNull();
    // Another company cannot read the file through the form.
    expect((await otherHr.get(location)).status).toBe(404);

    const confirmed = await hr.postForm(`/virksomhed/dokumenter/${documentId}/laegens-svar`, {
      outcome: "partly",
      answeredOn: today,
      expectedAbsenceDuration: "3 uger",
      doctorRemarks: `Mindre end aftalt: ${DETAILS}\n\n${REMARKS}`,
    });
    expect(confirmed.status).toBe(302);
    const row = (await query<{ outcome: string; doctor_remarks: string; expected_absence_duration: string }>(
      "select outcome, doctor_remarks, expected_absence_duration from mulighedserklaeringer where document_id = ?",
      documentId,
    ));
    expect(row).toEqual({ outcome: "partly", doctor_remarks: `Mindre end aftalt: ${DETAILS}\n\n${REMARKS}`, expected_absence_duration: "3 uger" });
  });

  it("puts a diagnosis the doctor wrote through the diagnosis check when HR confirms", async () => {
    const documentId = await declaration("Mette Kjær");
    const remarks = "Har diskusprolaps og skal undgå tunge løft.";
    const { html } = await uploadAndFollow(documentId, await (await filledByDoctor(documentId, remarks)).save());
    expect(html).toContain(remarks);
    const refused = await hr.postForm(`/virksomhed/dokumenter/${documentId}/laegens-svar`, {
      outcome: "partly",
      answeredOn: today,
      expectedAbsenceDuration: "3 uger",
      doctorRemarks: remarks,
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("diagnose");
    expect((await query<{ outcome: string | null }>("select outcome from mulighedserklaeringer where document_id = ?", documentId)).outcome).toBeNull();
  });

  it("stores a flattened or foreign PDF as before, and HR types the answer", async () => {
    const documentId = await declaration("Łukasz Nowak");
    const flattened = await filledByDoctor(documentId);
    flattened.getForm().flatten();
    const { html } = await uploadAndFollow(documentId, await flattened.save());
    expect(html).toContain("Filen har ingen felter, portalen kan læse");
    expect(html).not.toContain("Lægens svar er læst fra PDF-filen");
    expect(html).not.toContain(DETAILS);
    expect(html).not.toMatch(/value="3 uger"/);

    const foreign = await PDFDocument.create();
    foreign.addPage().drawText("Scannet erklaering");
    expect((await uploadAndFollow(documentId, await foreign.save())).html).toContain("Filen har ingen felter, portalen kan læse");
    expect((await query<{ n: number }>("select count(*) as n from document_attachments where document_id = ?", documentId)).n).toBe(2);
  });

  it("says so when the portal's form comes back with part 2 left empty (filled by hand)", async () => {
    const documentId = await declaration("Søren Ærø Åberg");
    const { html } = await uploadAndFollow(documentId, await (await downloaded(documentId)).save());
    expect(html).toContain("lægens felter er tomme");
  });
});

describe("the doctor's deadline", () => {
  it("is on the dashboard from the start, weeks before it runs out", async () => {
    const deadline = addDays(today, 40);
    const documentId = await declaration("Mette Kjær", deadline);
    const dashboard = await (await hr.get("/virksomhed")).text();
    expect(dashboard).toContain(`ME-${String(documentId).padStart(6, "0")}`);
    expect(dashboard).toContain(formatDanishDate(deadline));
  });

  it("can be given to the employee as a notice without health information", async () => {
    const deadline = addDays(today, 10);
    const documentId = await declaration("Łukasz Nowak", deadline);
    const page = await hr.get(`/virksomhed/dokumenter/${documentId}/paamindelse`);
    expect(page.status).toBe(200);
    // React separates text parts with empty comments.
    const html = (await page.text()).replace(/<!-- -->/g, "");
    expect(html).toContain("Påmindelse: lægens del af mulighedserklæringen");
    expect(html).toContain("Til Łukasz Nowak");
    expect(html).toContain(formatDanishDate(deadline));
    expect(html).toContain("Lise Holm");
    // Part 1 describes the employee's limitations: none of it is on the notice.
    expect(html).not.toContain("Kan ikke løfte");
    expect(html).not.toContain("Tunge løft");
    expect((await otherHr.get(`/virksomhed/dokumenter/${documentId}/paamindelse`)).status).toBe(404);
    const documentPage = await (await hr.get(`/virksomhed/dokumenter/${documentId}`)).text();
    expect(documentPage).toContain("Påmindelse til medarbejderen om lægens frist");
  });
});
