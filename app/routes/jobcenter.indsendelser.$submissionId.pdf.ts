import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSubmissionForJobcenter } from "~/models/review.server";
import { pdfResponse, renderDocumentPdf } from "~/models/document-pdf.server";
import { requireJobcenter } from "~/utils/auth.server";
import { idParam, orRespond, orRespondAsync, today } from "~/utils/http.server";

/** The version under review, as the employer sent it, for a caseworker of the municipality. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireJobcenter(request);
  const asOf = today();
  const view = orRespond(() => getSubmissionForJobcenter({ municipalityCode: user.municipality.code, submissionId: idParam(params.submissionId), asOf }));
  const version = view.versions.find((v) => v.version === view.submission.version);
  if (!version) throw new Response("Siden findes ikke.", { status: 404 });
  const pdf = await orRespondAsync(
    renderDocumentPdf({
      type: view.submission.type,
      content: version.content,
      employeeId: view.submission.employeeId,
      absenceId: view.submission.absenceId,
      company: view.company,
      contactPerson: view.company.name,
      asOf,
      documentId: view.submission.documentId,
    }),
  );
  return pdfResponse(pdf);
}
