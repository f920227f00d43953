import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordDocumentRead } from "~/models/audit-log.server";
import { getEmployerDocument } from "~/models/document.server";
import { readAttachment } from "~/models/mulighedserklaering.server";
import { requireEmployer } from "~/models/auth.server";
import { idParam, orRespond } from "~/utils/http.server";

/**
 * A file the company uploaded, served only to the company's own users; never from the public folder.
 * Cache-Control: no-store and nosniff come from server.mjs for every response.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const documentId = idParam(params.documentId);
  const view = await orRespond(async () => await getEmployerDocument({ companyId: user.company.id, documentId }));
  const attachmentId = idParam(params.attachmentId);
  const bytes = await orRespond(async () => await readAttachment({ companyId: user.company.id, documentId, attachmentId }));
  await recordDocumentRead({ userId: user.id, action: "document.attachment", entity: { type: "document", id: documentId }, documentType: view.document.type, attachmentId });
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${view.document.type}-laegens-svar-${attachmentId}.pdf"`,
      "Content-Length": String(bytes.byteLength),
    },
  });
}
