/**
 * The receipt e-mail for a submission, queued in the outbox in the submitting transaction: it
 * goes to the HR user who sent the document, whatever their preference for immediate mails
 * (it answers their own action, as a shop's order confirmation does), and says nothing the
 * page does not: the kind of document, the version, the time and the case reference.
 */
import type { Tx } from "~db/client.server";
import type { DocumentType } from "~/domain/documents";
import { getEnv } from "~/utils/env.server";
import { mailDocumentLabel, submissionReceiptMail } from "./mail-content.server";
import { enqueueMail } from "./outbox.server";
import { documentReference } from "./reference.server";

export async function enqueueSubmissionReceipt(
  tx: Tx,
  input: {
    user: { id: number; email: string; companyId: number };
    document: { id: number; type: DocumentType; absenceId: number | null; employeeId: number };
    version: number;
    resubmitted: boolean;
    receivedAt: string;
  },
): Promise<void> {
  const content = submissionReceiptMail({
    publicUrl: getEnv().publicUrl,
    documentLabel: mailDocumentLabel(input.document.type),
    version: input.version,
    resubmitted: input.resubmitted,
    reference: await documentReference(tx, input.document),
    receivedAt: input.receivedAt,
    documentId: input.document.id,
  });
  await enqueueMail(tx, { kind: "submission-receipt", to: input.user.email, subject: content.subject, body: content.body, userId: input.user.id, scope: { companyId: input.user.companyId } });
}
