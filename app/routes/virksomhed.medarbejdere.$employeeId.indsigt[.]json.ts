import type { LoaderFunctionArgs } from "@remix-run/node";
import { accessRequestHeaders } from "~/models/access-request-pdf.server";
import { employeeDataExport, recordAccessExport } from "~/models/access-request.server";
import { requireEmployer } from "~/models/auth.server";
import { idParam, orRespond, today } from "~/utils/http.server";

/** Everything stored about one of the company's employees, machine-readable (GDPR art. 15 and 20). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const data = await orRespond(async () => await employeeDataExport({ company: user.company, employeeId: idParam(params.employeeId), asOf: today() }));
  await recordAccessExport({ userId: user.id, employeeId: data.employee.id, format: "json" });
  return new Response(JSON.stringify(data, null, 2), { headers: accessRequestHeaders(data, "json") });
}
