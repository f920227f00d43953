import { eq } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, employees, mulighedserklaeringer, paragraph56Agreements, type Absence, type Employee } from "~db/schema";
import { formatReference } from "~/domain/case-reference";
import type { IsoDate } from "~/domain/dates";
import { fastholdelsesplanTargetDate } from "~/domain/deadlines";
import type { DocumentType } from "~/domain/documents";
import type { FastTrackContent } from "~/forms/fast-track";
import type { FastholdelsesplanContent } from "~/forms/fastholdelsesplan";
import { renderPdf, type RenderMeta } from "~/pdf/render.server";
import { fastTrackTemplate } from "../../templates/fast-track";
import { fastholdelsesplanTemplate } from "../../templates/fastholdelsesplan";
import { mulighedserklaeringTemplate } from "../../templates/mulighedserklaering";
import { paragraph56Template } from "../../templates/paragraph56";
import { socialChapterTemplate } from "../../templates/social-chapter";
import { caseReference, deadlinesFor, factsOf } from "./absence-case.server";
import { NotFoundError } from "./errors.server";
import { draftOf } from "./mulighedserklaering.server";
import { socialChapterReference, type SocialChapterDossier } from "./social-chapter.server";

export interface DocumentPdfInput {
  type: DocumentType;
  content: unknown;
  employeeId: number;
  absenceId: number | null;
  documentId?: number;
  company: { name: string; cvr: string };
  contactPerson: string;
  asOf: IsoDate;
  /** Printed after the parties for one reader only (the jobcenter's copy: app/models/jobcenter-contact.server). */
  supplement?: RenderMeta["supplement"];
}

/**
 * The PDF of one document version. The file name carries the type and date,
 * never a name or CPR number.
 */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<{ bytes: Uint8Array; filename: string }> {
  const db = getDb();
  const employee = db.select().from(employees).where(eq(employees.id, input.employeeId)).get();
  if (!employee) throw new NotFoundError();
  const meta: RenderMeta = { companyName: input.company.name, generatedOn: input.asOf, supplement: input.supplement };
  if (input.type === "fast-track") {
    const absence = input.absenceId ? db.select().from(absences).where(eq(absences.id, input.absenceId)).get() : undefined;
    if (!absence) throw new NotFoundError();
    const c = input.content as FastTrackContent;
    const bytes = await renderPdf(
      fastTrackTemplate,
      {
        reference: caseReference(absence.id),
        company: input.company,
        contactPerson: input.contactPerson,
        employee: { name: employee.name, jobTitle: employee.jobTitle },
        firstAbsenceDay: absence.firstAbsenceDay,
        requestedOn: c.requestedOn,
        affectedFunctions: c.affectedFunctions,
        affectedDuration: c.affectedDuration,
        adaptations: c.adaptations,
        employeeConsent: c.employeeConsent,
        firstFollowUpDue: firstFollowUpDue(absence, employee, input.asOf),
      },
      meta,
    );
    return { bytes, filename: `fast-track-${c.requestedOn}.pdf` };
  }
  if (input.type === "social-chapter") {
    const d = input.content as SocialChapterDossier;
    const bytes = await renderPdf(
      socialChapterTemplate,
      {
        ...d,
        reference: socialChapterReference(d.recordId),
        company: input.company,
        employee: { name: employee.name, jobTitle: employee.jobTitle },
      },
      meta,
    );
    return { bytes, filename: `sociale-kapitler-${input.asOf}.pdf` };
  }
  if (input.type === "paragraph56") {
    const a = input.content as { kind: "almindelig" | "midlertidig"; effectOnWork: string; expectedDaysPerYear: number; appliedOn: IsoDate; materialChange: string | null };
    const agreement = input.documentId
      ? db.select().from(paragraph56Agreements).where(eq(paragraph56Agreements.documentId, input.documentId)).get()
      : undefined;
    const bytes = await renderPdf(
      paragraph56Template,
      {
        ...a,
        reference: agreement ? formatReference("P56", agreement.id) : "–",
        company: input.company,
        employee: { name: employee.name, jobTitle: employee.jobTitle },
        approvedOn: agreement?.approvedOn ?? null,
        validUntil: agreement?.validUntil ?? null,
      },
      meta,
    );
    return { bytes, filename: `paragraf-56-${a.appliedOn}.pdf` };
  }
  if (input.type === "mulighedserklaering") {
    const record = input.documentId
      ? db.select().from(mulighedserklaeringer).where(eq(mulighedserklaeringer.documentId, input.documentId)).get()
      : undefined;
    const bytes = await renderPdf(
      mulighedserklaeringTemplate,
      {
        reference: input.absenceId ? caseReference(input.absenceId) : input.documentId ? formatReference("ME", input.documentId) : "–",
        company: input.company,
        employee: { name: employee.name, jobTitle: employee.jobTitle },
        part1: draftOf(input.content, { doctorDeadline: record?.doctorDeadline ?? null }),
        doctorDeadline: record?.doctorDeadline ?? null,
      },
      meta,
    );
    return { bytes, filename: `mulighedserklaering-${input.asOf}.pdf` };
  }
  if (input.type === "fastholdelsesplan") {
    const absence = input.absenceId ? db.select().from(absences).where(eq(absences.id, input.absenceId)).get() : undefined;
    if (!absence) throw new NotFoundError();
    const plan = input.content as FastholdelsesplanContent;
    const bytes = await renderPdf(
      fastholdelsesplanTemplate,
      {
        reference: caseReference(absence.id),
        company: input.company,
        employee: { name: employee.name, jobTitle: employee.jobTitle },
        firstAbsenceDay: absence.firstAbsenceDay,
        firstFollowUpDue: fastholdelsesplanTargetDate(deadlinesFor(factsOf(absence, employee), input.asOf)),
        plan,
      },
      meta,
    );
    return { bytes, filename: `fastholdelsesplan-${input.asOf}.pdf` };
  }
  throw new NotFoundError("Der findes ingen PDF for denne dokumenttype.");
}

/** The fast-track form's promise: the municipality's first follow-up (a request rules out the 2026 exemption). */
function firstFollowUpDue(absence: Absence, employee: Employee, asOf: IsoDate): IsoDate {
  return deadlinesFor(factsOf(absence, employee), asOf).deadlines.find((d) => d.id === "first-follow-up")!.dueDate;
}

/** Cache-Control: no-store comes from server.mjs for every response (the adapter would append a second one). */
export function pdfResponse(pdf: { bytes: Uint8Array; filename: string }): Response {
  return new Response(pdf.bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdf.filename}"`,
      "Content-Length": String(pdf.bytes.byteLength),
    },
  });
}
