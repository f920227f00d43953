import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordDocumentRead } from "~/models/audit-log.server";
import { getEmployerDocumentVersion } from "~/models/document.server";
import { pdfResponse, renderDocumentPdf } from "~/models/document-pdf.server";
import { requireEmployer } from "~/models/auth.server";
import { idParam, orRespond, orRespondAsync, today } from "~/utils/http.server";

/** The current version of the company's own document as a PDF download; a sent version as it was sent. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const view = await orRespond(async () => await getEmployerDocumentVersion({ companyId: user.company.id, documentId: idParam(params.documentId) }));
  const pdf = await orRespondAsync(
    renderDocumentPdf({
      type: view.document.type,
      content: view.current.content,
      employeeId: view.document.employeeId,
      absenceId: view.document.absenceId,
      company: { name: user.company.name, cvr: user.company.cvr },
      contactPerson: user.name,
      asOf: today(),
      documentId: view.document.id,
      sent: view.current.submittedAt ? { version: view.current.version, submittedAt: view.current.submittedAt, copy: "employer" } : undefined,
    }),
  );
  await recordDocumentRead({ userId: user.id, action: "document.pdf", entity: { type: "document", id: view.document.id }, documentType: view.document.type });
  return pdfResponse(pdf);
}
