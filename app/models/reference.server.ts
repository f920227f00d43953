import type { getDb, Tx } from "~db/client.server";
import { caseReference, formatReference } from "~/domain/case-reference";
import type { DocumentType } from "~/domain/documents";
import { documentKind } from "~/documents";

type Reader = Tx | ReturnType<typeof getDb>;

/**
 * The reference a document is known by (format: app/domain/case-reference): the
 * case's FH number when it belongs to an absence; otherwise what it is about, the
 * § 56 agreement or social-chapter record (the numbers their PDFs and calendars
 * carry), a mulighedserklæring by its own number. Below the document and mail
 * models, so both print the same reference.
 */
export async function documentReference(db: Reader, doc: { id: number; type: DocumentType; absenceId: number | null; employeeId: number }): Promise<string> {
  if (doc.absenceId) return caseReference(doc.absenceId);
  return await documentKind(doc.type).reference(db, doc) ?? formatReference("DOK", doc.id);
}
