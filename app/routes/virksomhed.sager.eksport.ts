import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { CaseListQuerySchema } from "~/forms/case-list";
import { exportCompanyCases } from "~/models/case-export.server";
import { requireEmployer } from "~/models/auth.server";
import { today } from "~/utils/http.server";

const FormatSchema = z.enum(["csv", "xlsx"]);

function refusal(message: string): Response {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The case list's filters as a CSV or Excel file (links on /virksomhed/sager); a GET that only reads. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const params = new URL(request.url).searchParams;
  const format = FormatSchema.safeParse(params.get("format"));
  if (!format.success) return refusal("Vælg CSV eller Excel.");
  const query = CaseListQuerySchema.safeParse(Object.fromEntries([...params].filter(([, v]) => v !== "")));
  if (!query.success) return refusal("Filtrene er ugyldige. Ret dem på sagslisten, og hent filen igen.");
  const { side: _page, ...filters } = query.data;
  const file = await exportCompanyCases({ user, asOf: today(), filters, format: format.data });
  return new Response(file.body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
