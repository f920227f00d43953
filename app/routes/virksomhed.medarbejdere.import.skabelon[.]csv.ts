import type { LoaderFunctionArgs } from "@remix-run/node";
import { importTemplateCsv } from "~/models/employee-import.server";
import { requireEmployer } from "~/models/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEmployer(request);
  return new Response(importTemplateCsv(), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="medarbejdere-skabelon.csv"',
      "Cache-Control": "no-store",
    },
  });
}
