import { eq, sql } from "drizzle-orm";
import { getDb, one, preparedQuery } from "~db/client.server";
import { absences, companies, employees } from "~db/schema";
import { todayInCopenhagen, type IsoDate } from "~/domain/dates";
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
  /**
   * The version was sent to the jobcenter (its submittedAt): it is printed as sent, the same for
   * every reader, and kept (app/pdf/frozen-pdf-cache.server.ts) per version and copy.
   */
  sent?: { version: number; submittedAt: string; copy: "employer" | "jobcenter" };
}

// Read on every PDF download (a kept, frozen PDF too: its digest is of the data these rows give),
// so each is built and prepared once (preparedQuery) instead of rebuilt by drizzle per request.
const employeeQuery = preparedQuery("pdf_employee", (db) =>
  db.select().from(employees).where(eq(employees.id, sql.placeholder("id"))).limit(1).prepare(),
);
const absenceQuery = preparedQuery("pdf_absence", (db) =>
  db.select().from(absences).where(eq(absences.id, sql.placeholder("id"))).limit(1).prepare(),
);
const contactQuery = preparedQuery("pdf_company_contact", (db) =>
  db.select({ name: companies.contactName }).from(companies).where(eq(companies.id, sql.placeholder("id"))).limit(1).prepare(),
);

/**
 * The PDF of one document version, through its kind's resolver into its
 * template. The file name carries the type and date, never a name or CPR number.
 */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<{ bytes: Uint8Array; filename: string }> {
  const db = getDb();
  const employee = await one(employeeQuery().execute({ id: input.employeeId }));
  if (!employee) throw new NotFoundError();
  const kind = documentKind(input.type);
  const absence = input.absenceId ? ((await one(absenceQuery().execute({ id: input.absenceId }))) ?? null) : null;
  if (kind.needsAbsence && !absence) throw new NotFoundError();
  const source = { db, employee, absence, documentId: input.documentId, company: input.company, contactPerson: input.contactPerson, asOf: input.asOf, supplement: input.supplement };
  if (input.sent && input.documentId !== undefined) {
    // As sent, for whoever reads it on whatever day: the day it was sent, and as contact person
    // the company's HR contact (docs/decisions/005), never the reader's own name.
    const contact = await one(contactQuery().execute({ id: employee.companyId }));
    return kind.renderPdf(
      {
        ...source,
        asOf: todayInCopenhagen(new Date(input.sent.submittedAt)),
        contactPerson: contact?.name || input.company.name,
        frozen: { key: `${input.sent.copy}:${input.documentId}:${input.sent.version}`, sentAt: input.sent.submittedAt },
      },
      input.content,
    );
  }
  return kind.renderPdf(source, input.content);
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
