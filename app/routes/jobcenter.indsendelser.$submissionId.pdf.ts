import type { LoaderFunctionArgs } from "@remix-run/node";
import { recordDocumentRead } from "~/models/audit-log.server";
import { pdfResponse } from "~/models/document-pdf.server";
import { renderSubmissionPdfForJobcenter } from "~/models/review.server";
import { requireJobcenter } from "~/models/auth.server";
import { idParam, orRespondAsync, today } from "~/utils/http.server";

/** The version under review, as the employer sent it, for a caseworker of the municipality the case belongs to. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireJobcenter(request);
  const submissionId = idParam(params.submissionId);
  const pdf = await orRespondAsync(renderSubmissionPdfForJobcenter({ municipalityCode: user.municipality.code, submissionId, asOf: today() }));
  await recordDocumentRead({ userId: user.id, action: "submission.pdf", entity: { type: "submission", id: submissionId }, documentType: pdf.type });
  return pdfResponse(pdf);
}
