import { eq } from "drizzle-orm";
import type { getDb, Tx } from "~db/client.server";
import { paragraph56Agreements, socialChapterRecords } from "~db/schema";
import { caseReference, formatReference } from "~/domain/case-reference";
import type { DocumentType } from "~/domain/documents";

type Reader = Tx | ReturnType<typeof getDb>;

/**
 * The reference a document is known by (format: app/domain/case-reference): the
 * case's FH number when it belongs to an absence; otherwise what it is about, the
 * § 56 agreement or social-chapter record (the numbers their PDFs and calendars
 * carry), a mulighedserklæring by its own number. Below the document and mail
 * models, so both print the same reference.
 */
export function documentReference(db: Reader, doc: { id: number; type: DocumentType; absenceId: number | null; employeeId: number }): string {
  if (doc.absenceId) return caseReference(doc.absenceId);
  if (doc.type === "paragraph56") {
    const agreement = db.select({ id: paragraph56Agreements.id }).from(paragraph56Agreements).where(eq(paragraph56Agreements.documentId, doc.id)).get();
    if (agreement) return formatReference("P56", agreement.id);
  }
  if (doc.type === "social-chapter") {
    const record = db.select({ id: socialChapterRecords.id }).from(socialChapterRecords).where(eq(socialChapterRecords.employeeId, doc.employeeId)).get();
    if (record) return formatReference("SK", record.id);
  }
  return formatReference(doc.type === "mulighedserklaering" ? "ME" : "DOK", doc.id);
}
