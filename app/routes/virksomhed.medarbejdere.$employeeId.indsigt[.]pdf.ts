import type { LoaderFunctionArgs } from "@remix-run/node";
import { accessRequestHeaders, renderAccessRequestPdf } from "~/models/access-request-pdf.server";
import { employeeDataExport, recordAccessExport } from "~/models/access-request.server";
import { requireEmployer } from "~/models/auth.server";
import { idParam, orRespond, today } from "~/utils/http.server";

/** The same access-request data as a readable PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const data = await orRespond(async () => await employeeDataExport({ company: user.company, employeeId: idParam(params.employeeId), asOf: today() }));
  const bytes = await renderAccessRequestPdf(data);
  await recordAccessExport({ userId: user.id, employeeId: data.employee.id, format: "pdf" });
  return new Response(bytes as unknown as BodyInit, { headers: { ...accessRequestHeaders(data, "pdf"), "Content-Length": String(bytes.byteLength) } });
}
