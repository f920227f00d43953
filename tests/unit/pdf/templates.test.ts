import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { renderPdf } from "~/pdf/render.server";
import { expectEveryFieldWithItsOwnValue } from "../../support/pdf-fields";
import { fastTrackTemplate, type FastTrackPdfData } from "../../../templates/fast-track";
import { paragraph56Template, type Paragraph56PdfData } from "../../../templates/paragraph56";
import { socialChapterTemplate, type SocialChapterPdfData } from "../../../templates/social-chapter";
import type { FormTemplate } from "../../../templates/types";
import { accessRequestTemplate } from "../../../templates/access-request";
import type { EmployeeDataExport } from "~/models/access-request.server";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-pdf-"));

function readBack(bytes: Uint8Array, name: string) {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  return { text, info, flat: text.replace(/\s+/g, " ") };
}

const fastTrack: FastTrackPdfData = {
  reference: "FH-000042",
  company: { name: "Søren Ærø Åberg ApS", cvr: "12972997" },
  contactPerson: "Lise Holm",
  employee: { name: "Łukasz Şahin", jobTitle: "Tømrer" },
  firstAbsenceDay: "2026-03-02",
  requestedOn: "2026-03-20",
  affectedFunctions: "Tunge løft, arbejde i højden og kørsel med lift.",
  affectedDuration: "Siden første fraværsdag, i alt tre uger.",
  adaptations: Array.from({ length: 1500 }, (_, i) => (i % 15 === 14 ? "tilpasning." : "lettere")).join(" "),
  employeeConsent: "agreed",
  firstFollowUpDue: "2026-04-03",
};

describe("the fast-track PDF", () => {
  it("prints every field with Danish dates and names in any alphabet, over as many pages as it needs", async () => {
    const bytes = await renderPdf(fastTrackTemplate, fastTrack, { companyName: fastTrack.company.name, generatedOn: "2026-03-20" });
    const { text, info, flat } = readBack(bytes, "fast-track");
    await expectEveryFieldWithItsOwnValue(fastTrackTemplate, fastTrack, { flat, bytes });
    expect(flat).toContain("Anmodning om fast track – tidlig opfølgning");
    expect(flat).toContain("Łukasz Şahin");
    expect(flat).toContain("Søren Ærø Åberg ApS");
    expect(flat).toContain("02.03.2026");
    expect(flat).toContain("Indforstået");
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`Side 1 af ${pages}`);
    expect(text).toContain(`Side ${pages} af ${pages}`);
    expect(info).toMatch(/Title:\s+Anmodning om fast track/);
  });

  it("has no fillable fields: the employer's record is not editable", async () => {
    const bytes = await renderPdf(fastTrackTemplate, fastTrack, { companyName: "X", generatedOn: "2026-03-20" });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getForm().getFields()).toHaveLength(0);
    expect(doc.getTitle()).toBe(fastTrackTemplate.title);
  });
});

describe("the social-chapter dossier PDF", () => {
  const dossier: SocialChapterPdfData = {
    reference: "SK-000007",
    company: { name: "Nordbyg ApS", cvr: "12972997" },
    employee: { name: "Mette Kjær", jobTitle: "Projektleder" },
    collectiveAgreement: "Bygge- og Anlægsoverenskomsten",
    startedOn: "2024-02-29",
    completesOn: "2025-02-28",
    required: false,
    pensionDate: "2026-06-30",
    exemptFrom: "2020-06-30",
    tasks: "Planlægning og tilsyn.",
    accommodations: "Fleksible pauser.",
    hoursPerWeek: 24.5,
    wageTerms: "Løn for 24,5 timer.",
    reviewDates: ["2024-06-01", "2024-12-01"],
    log: [
      { id: 1, entryDate: "2024-03-15", text: "Hjemmearbejde afprøvet.", correctsEntryId: null },
      { id: 2, entryDate: "2024-03-20", text: "Det var to dage, ikke tre.", correctsEntryId: 1 },
    ],
  };

  it("contains the agreement, the log with corrections and the computed dates", async () => {
    const bytes = await renderPdf(socialChapterTemplate, dossier, { companyName: "Nordbyg ApS", generatedOn: "2025-03-01" });
    const { flat } = readBack(bytes, "social-chapter");
    await expectEveryFieldWithItsOwnValue(socialChapterTemplate, dossier, { flat, bytes });
    expect(flat).toContain("28.02.2025");
    expect(flat).toContain("Gælder ikke");
    expect(flat).toContain("(retter nr. 1)");
    expect(flat).toContain("24,5");
  });

  it("promises no health information only when every printed text passes the diagnosis check", async () => {
    const meta = { companyName: "Nordbyg ApS", generatedOn: "2025-03-01" };
    const clean = readBack(await renderPdf(socialChapterTemplate, dossier, meta), "claim-clean").flat;
    expect(clean).toContain("Dossieret indeholder ingen helbredsoplysninger.");
    // A text confirmed as a false hit (or stored before the check) is printed as it is, without the promise.
    const confirmed = { ...dossier, log: [...dossier.log, { id: 3, entryDate: "2024-04-01", text: "Sklerose-foreningens kursus om ergonomi.", correctsEntryId: null }] };
    const flagged = readBack(await renderPdf(socialChapterTemplate, confirmed, meta), "claim-flagged").flat;
    expect(flagged).toContain("Sklerose-foreningens kursus");
    expect(flagged).not.toContain("ingen helbredsoplysninger");
  });

  it("marks a redacted entry with who replaced its text and when", async () => {
    const redacted = {
      ...dossier,
      log: [{ id: 1, entryDate: "2024-03-15", text: "Teksten er fjernet.", correctsEntryId: null, redactedAt: "2025-02-03T09:15:00.000Z", redactedByName: "Hanne Holm" }],
    };
    const flat = readBack(await renderPdf(socialChapterTemplate, redacted, { companyName: "Nordbyg ApS", generatedOn: "2025-03-01" }), "redacted").flat;
    expect(flat).toContain("Nr. 1, 15.03.2024: Teksten er fjernet. (teksten er erstattet 03.02.2025 af Hanne Holm, fordi den indeholdt helbredsoplysninger)");
  });
});

describe("the § 56 agreement PDF", () => {
  const agreement: Paragraph56PdfData = {
    reference: "P56-000003",
    company: { name: "Nordbyg ApS", cvr: "12972997" },
    employee: { name: "Łukasz Şahin", jobTitle: "Murer" },
    kind: "almindelig",
    effectOnWork: "Perioder hvor tunge løft ikke er mulige.",
    expectedDaysPerYear: 14,
    appliedOn: "2026-03-02",
    materialChange: "Flere fraværsperioder end ved første ansøgning.",
    approvedOn: "2026-03-10",
    validUntil: "2028-03-09",
  };

  it("prints the application and the approval, with signature areas for both parties", async () => {
    const bytes = await renderPdf(paragraph56Template, agreement, { companyName: "Nordbyg ApS", generatedOn: "2026-03-10" });
    const { flat } = readBack(bytes, "paragraph56");
    await expectEveryFieldWithItsOwnValue(paragraph56Template, agreement, { flat, bytes });
    expect(flat).toContain("Arbejdsgiverens underskrift og dato");
    expect(flat).toContain("Medarbejderens underskrift og dato");
    expect(flat).toContain("09.03.2028");
    expect(flat).toContain("Łukasz Şahin");
  });
});

describe("fields filled by hand", () => {
  const doctorForm: FormTemplate<{ name: string }> = {
    id: "doctor",
    title: "Lægens del",
    legalBasis: "Sygedagpengeloven § 36 a",
    sections: [
      {
        heading: "Lægens vurdering",
        fields: [
          { name: "patient", label: "Medarbejder", kind: "text", filledBy: "employer" },
          { name: "remarks", label: "Bemærkninger", kind: "multiline", filledBy: "doctor" },
          { name: "sound", label: "Ordningen er helbredsmæssigt forsvarlig", kind: "checkbox", filledBy: "doctor" },
        ],
      },
    ],
    footer: "Udfyldes af lægen.",
    resolve: (d) => ({ patient: d.name, remarks: null, sound: null }),
  };

  it("are real AcroForm fields a viewer can fill", async () => {
    const bytes = await renderPdf(doctorForm, { name: "Łukasz Şahin" }, { companyName: "Nordbyg ApS", generatedOn: "2026-03-20" });
    const { info, flat } = readBack(bytes, "doctor");
    expect(info).toMatch(/Form:\s+AcroForm/);
    expect(flat).toContain("Łukasz Şahin");
    const doc = await PDFDocument.load(bytes);
    const form = doc.getForm();
    form.getTextField("remarks").setText("Kan arbejde 20 timer.");
    form.getCheckBox("sound").check();
    const filled = await PDFDocument.load(await doc.save());
    expect(filled.getForm().getTextField("remarks").getText()).toBe("Kan arbejde 20 timer.");
    expect(filled.getForm().getCheckBox("sound").isChecked()).toBe(true);
  });
});

describe("the access-request PDF", () => {
  const data: EmployeeDataExport = {
    generatedOn: "2026-11-25",
    legalBasis: "Databeskyttelsesforordningen art. 15 (indsigtsret)",
    controller: { name: "Nordbyg ApS", cvr: "12972997" },
    employee: {
      id: 7,
      employeeNumber: "L-4711",
      name: "Łukasz Şahin",
      birthDate: "1968-03-14",
      email: "lukasz@nordbyg.example",
      department: "Tømrerholdet",
      address: { line: "Åboulevarden 12, 2. th.", postalCode: "8000", city: "Aarhus C" },
      municipalityCode: 101,
      employmentStartDate: "2011-08-01",
      employmentEndDate: "2026-12-31",
      jobTitle: "Tømrer",
      weeklyHours: 37.5,
      createdAt: "2026-01-01T08:00:00.000Z",
      updatedAt: null,
      moves: [{ fromMunicipalityCode: 751, toMunicipalityCode: 101, movedOn: "2025-06-01" }],
    },
    absences: [
      {
        reference: "FH-000003",
        firstAbsenceDay: "2026-03-02",
        extent: "full",
        pay: "salary",
        expectedOver8Weeks: true,
        conversationHeldOn: "2026-03-10",
        conversationNotes: "Tunge løft er svære.",
        fastTrackRequestedOn: null,
        fastTrackDeclined: false,
        firstFollowUpHeldOn: null,
        returnedOn: "2026-04-20",
        expectedBackWithin26Weeks: true,
        absenceReportedOn: "2026-03-25",
        absenceReportReference: "NR-99812",
        refundRequestedOn: null,
        refundRequestReference: null,
        paragraph56: false,
        createdAt: "2026-03-02T08:00:00.000Z",
        updatedAt: null,
        calendarEvents: [],
      },
    ],
    documents: [
      {
        id: 4,
        type: "fast-track",
        absence: "FH-000003",
        createdAt: "2026-03-11T08:00:00.000Z",
        versions: [
          {
            version: 1,
            content: { affectedFunctions: "Stilladsarbejde", affectedDuration: "Tre uger", adaptations: "Lettere opgaver", requestedOn: "2026-03-11", employeeConsent: "agreed", confirmNoDiagnosis: true },
            submittedAt: "2026-03-11T09:00:00.000Z",
            createdAt: "2026-03-11T08:00:00.000Z",
          },
        ],
        submission: { status: "approved", municipalityCode: 101, receivedOn: "2026-03-11", messages: [{ at: "2026-03-12T10:00:00", kind: "approve", toStatus: "approved", version: 1, message: "Godkendt af jobcentret." }] },
        doctorPart: null,
        uploadedFiles: [],
      },
      {
        id: 5,
        type: "mulighedserklaering",
        absence: "FH-000003",
        createdAt: "2026-03-12T08:00:00.000Z",
        versions: [{ version: 1, content: { functionalLimitations: "Kan ikke løfte", reducedHours: true, aids: false, hoursPerWeek: 20, durationWeeks: 6, meetingDate: "2026-03-12", bothPresent: true }, submittedAt: null, createdAt: "2026-03-12T08:00:00.000Z" }],
        submission: null,
        doctorPart: { status: "answered", doctorDeadline: "2026-03-26", sentToDoctorOn: "2026-03-12", answeredOn: "2026-03-20", outcome: "partly", expectedAbsenceDuration: "3 uger", doctorRemarks: "Kan mere om 2 uger" },
        uploadedFiles: [{ id: 9, kind: "doctor-answer", sizeBytes: 2048, sha256: "ab", uploadedAt: "2026-03-20T10:00:00.000Z" }],
      },
    ],
    socialChapter: {
      collectiveAgreement: "Industriens Overenskomst",
      startedOn: "2025-09-01",
      tasks: "Montage.",
      accommodations: "Pauser.",
      hoursPerWeek: 25,
      wageTerms: "Løn for 25 timer.",
      reviewDates: ["2026-01-15"],
      log: [
        { id: 11, entryDate: "2025-10-01", kind: "adjustment", text: "Hæve-sænkebord afprøvet.", correctsEntryId: null, redactedAt: null, redactedByName: null },
        { id: 12, entryDate: "2025-10-08", kind: "conversation", text: "Teksten er fjernet.", correctsEntryId: null, redactedAt: "2025-10-09T13:30:00.000Z", redactedByName: "Hanne Holm" },
      ],
    },
    paragraph56Agreements: [
      { kind: "almindelig", effectOnWork: "Perioder uden tunge løft.", expectedDaysPerYear: 12, appliedOn: "2025-01-10", materialChange: null, approvedOn: null, validUntil: null },
    ],
    auditLog: [
      { at: "2026-03-02T08:00:00.000Z", action: "absence.create", entityType: "absence", entityId: "3", byUserId: 1 },
      { at: "2026-07-01T21:30:00.000Z", action: "social-chapter.log-redact", entityType: "social-chapter", entityId: "2", byUserId: 1 },
    ],
    documentReads: [
      {
        at: "2026-03-12T10:05:00.000Z",
        userName: "Camilla Krogh",
        role: "Sagsbehandler i jobcentret",
        organisation: "Jobcenter Aarhus Kommune",
        document: "Anmodning om fast track",
        documentRef: "indsendelse 2",
        action: "Så indsendelsen (jobcenter)",
      },
    ],
  };

  it("prints every section with the employee's records in readable Danish", async () => {
    const pdfData = { export: data, municipalityName: (code: number) => (code === 101 ? "København" : "Aarhus") };
    const bytes = await renderPdf(accessRequestTemplate, pdfData, { companyName: "Nordbyg ApS", generatedOn: data.generatedOn });
    const { flat: paged } = readBack(bytes, "access-request");
    // A value may run across a page break: read it without the page furniture (footer, next page's header) in between.
    const flat = paged.replace(/ Side \d+ af \d+ [^·]*· \d{2}\.\d{2}\.\d{4}/g, "");
    await expectEveryFieldWithItsOwnValue(accessRequestTemplate, pdfData, { flat, bytes });
    expect(flat).toContain("Łukasz Şahin");
    expect(flat).toContain("01.06.2025: fra Aarhus til København");
    expect(flat).toContain("Sag FH-000003 Første fraværsdag: 02.03.2026 Omfang: Fuldt fravær Hvad betaler arbejdsgiveren: Fuld løn under fraværet");
    expect(flat).toContain("Forventet varighed: Mere end 8 uger § 56-aftale: Nej");
    expect(flat).toContain("Noter fra samtalen: Tunge løft er svære.");
    // The 2026 facts of an absence and the whole employee record are part of the access answer.
    expect(flat).toContain("Tilbage inden 26 uger: Ja");
    expect(flat).toContain("Fraværsanmeldelse i NemRefusion: 25.03.2026 (reference NR-99812)");
    expect(flat).toContain("Anmodning om refusion i NemRefusion: Ikke registreret");
    expect(flat).toContain("Åboulevarden 12, 2. th., 8000 Aarhus C");
    expect(flat).toContain("Tømrerholdet");
    expect(flat).toContain("L-4711");
    expect(flat).toContain("31.12.2026");
    expect(flat).toContain("1. Hvilke arbejdsfunktioner er påvirket af sygdommen?: Stilladsarbejde");
    expect(flat).toContain("Dato for anmodningen: 11.03.2026 Medarbejderens stilling til fast track: Medarbejderen er indforstået");
    expect(flat).toContain("Teksten oplyser ikke en diagnose: Ja");
    expect(flat).toContain("status: Godkendt");
    expect(flat).toContain("Nedsat arbejdstid: Ja Hjælpemidler: Nej Timer om ugen under nedsat tid: 20");
    expect(flat).toContain("4. Forventet varighed af tilpasningerne (uger): 6 uger");
    expect(flat).toContain("Lægens vurdering: Lægen finder ordningen delvist forsvarlig; forventet varighed: 3 uger");
    expect(flat).toContain("Lægens del: Lægen har svaret, frist 26.03.2026");
    expect(flat).toContain("Uploadet fil nr. 9 (PDF, 2 kB), 20.03.2026 kl. 11.00");
    expect(flat).toContain("Godkendt af jobcentret.");
    expect(flat).toContain("12.03.2026 kl. 11.05: Camilla Krogh (Sagsbehandler i jobcentret, Jobcenter Aarhus Kommune) – Anmodning om fast track");
    // Danish local time: 10:00 UTC in March is 11.00 in Copenhagen; 21:30 UTC in July is 23.30.
    expect(flat).toContain("Besked 12.03.2026 kl. 11.00 (Godkendt): Godkendt af jobcentret.");
    expect(flat).toContain("01.07.2026 kl. 23.30: Tekst i loggen erstattet (helbredsoplysninger fjernet)");
    expect(flat).toContain("02.03.2026 kl. 09.00: Sygefravær registreret (fraværssag nr. 3)");
    expect(flat).toContain("Nr. 12, 08.10.2025, Samtale: Teksten er fjernet. (teksten er erstattet 09.10.2025 kl. 15.30 af Hanne Holm");
    expect(flat).toContain("Almindelig aftale (2 år) Ansøgt: 10.01.2025 Godkendt fra: Ikke godkendt");
  });

  it("reads like a letter: no raw keys, no null, true or false, no ISO dates or UTC times", async () => {
    const pdfData = { export: data, municipalityName: (code: number) => (code === 101 ? "København" : "Aarhus") };
    const { flat } = readBack(await renderPdf(accessRequestTemplate, pdfData, { companyName: "Nordbyg ApS", generatedOn: data.generatedOn }), "access-request-letter");
    expect(flat.replaceAll(" kB", "")).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*\b/);
    expect(flat).not.toMatch(/\b(null|undefined|true|false)\b/);
    expect(flat).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(flat).not.toMatch(/\bUTC\b|T\d{2}:\d{2}/);
    // An e-mail address is the one dotted lowercase word the letter may carry.
    expect(flat.replace(data.employee.email ?? "", "")).not.toMatch(/\b[a-z-]+\.[a-z-]+\b/);
    expect(flat).not.toContain("Øvrig oplysning");
  });
});

describe("documents rendered one after another", () => {
  // The parsed font and the layouts of texts are shared between documents; each document's own text and glyphs are not.
  it("each print their own names, also when the first is rendered again after others", async () => {
    const meta = { companyName: fastTrack.company.name, generatedOn: "2026-03-20" };
    const render = (name: string, tag: string) => renderPdf(fastTrackTemplate, { ...fastTrack, employee: { name, jobTitle: "Tømrer" }, adaptations: "Kort." }, meta).then((b) => readBack(b, tag).flat);
    const first = await render("Zoë Øberg", "shared-1");
    const second = await render("Ahmet Yılmaz", "shared-2");
    const again = await render("Zoë Øberg", "shared-3");
    expect(first).toContain("Zoë Øberg");
    expect(second).toContain("Ahmet Yılmaz");
    expect(second).not.toContain("Zoë Øberg");
    expect(again).toEqual(first);
  });
});
