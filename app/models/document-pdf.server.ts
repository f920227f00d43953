import { eq } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, employees, paragraph56Agreements } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import type { DocumentType } from "~/domain/documents";
import type { FastTrackContent } from "~/forms/fast-track";
import { renderPdf } from "~/pdf/render.server";
import { fastTrackTemplate } from "../../templates/fast-track";
import { paragraph56Template } from "../../templates/paragraph56";
import { socialChapterTemplate } from "../../templates/social-chapter";
import { caseReference, deadlinesFor, factsOf } from "./absence-case.server";
import { NotFoundError } from "./errors.server";
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
}

/**
 * The PDF of one document version. The file name carries the type and date,
 * never a name or CPR number.
 */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<{ bytes: Uint8Array; filename: string }> {
  const db = getDb();
  const employee = db.select().from(employees).where(eq(employees.id, input.employeeId)).get();
  if (!employee) throw new NotFoundError();
  const meta = { companyName: input.company.name, generatedOn: input.asOf };
  if (input.type === "fast-track") {
    const absence = input.absenceId ? db.select().from(absences).where(eq(absences.id, input.absenceId)).get() : undefined;
    if (!absence) throw new NotFoundError();
    const c = input.content as FastTrackContent;
    const followUp = deadlinesFor(factsOf(absence, employee), input.asOf).deadlines.find((d) => d.id === "first-follow-up")!;
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
        firstFollowUpDue: followUp.dueDate,
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
        reference: agreement ? `P56-${String(agreement.id).padStart(6, "0")}` : "–",
        company: input.company,
        employee: { name: employee.name, jobTitle: employee.jobTitle },
        approvedOn: agreement?.approvedOn ?? null,
        validUntil: agreement?.validUntil ?? null,
      },
      meta,
    );
    return { bytes, filename: `paragraf-56-${a.appliedOn}.pdf` };
  }
  throw new NotFoundError("Der findes ingen PDF for denne dokumenttype.");
}

export function pdfResponse(pdf: { bytes: Uint8Array; filename: string }): Response {
  return new Response(pdf.bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${pdf.filename}"`,
      "Content-Length": String(pdf.bytes.byteLength),
    },
  });
}
