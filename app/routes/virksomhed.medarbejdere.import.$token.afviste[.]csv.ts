import type { LoaderFunctionArgs } from "@remix-run/node";
import { refusedRowsCsv } from "~/models/employee-import.server";
import { requireEmployer } from "~/models/auth.server";
import { orRespond } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const file = await orRespond(async () => await refusedRowsCsv({ user, token: params.token }));
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
