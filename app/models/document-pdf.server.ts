import { eq } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, employees } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import type { DocumentType } from "~/domain/documents";
import type { RenderMeta } from "~/pdf/render.server";
import { NotFoundError } from "~/utils/errors.server";
import { documentKind } from "~/documents";

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
 * The PDF of one document version, through its kind's resolver into its
 * template. The file name carries the type and date, never a name or CPR number.
 */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<{ bytes: Uint8Array; filename: string }> {
  const db = getDb();
  const employee = db.select().from(employees).where(eq(employees.id, input.employeeId)).get();
  if (!employee) throw new NotFoundError();
  const kind = documentKind(input.type);
  const absence = input.absenceId ? (db.select().from(absences).where(eq(absences.id, input.absenceId)).get() ?? null) : null;
  if (kind.needsAbsence && !absence) throw new NotFoundError();
  return kind.renderPdf(
    { db, employee, absence, documentId: input.documentId, company: input.company, contactPerson: input.contactPerson, asOf: input.asOf, supplement: input.supplement },
    input.content,
  );
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
