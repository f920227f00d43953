import type { LoaderFunctionArgs } from "@remix-run/node";
import { statisticsFileName, statisticsXlsx } from "~/models/statistics-export.server";
import { StatisticsQuerySchema } from "~/forms/statistics";
import { companyStatistics } from "~/models/statistics.server";
import { requireEmployer } from "~/models/auth.server";
import { orRespond, today } from "~/utils/http.server";

/** The statistics page's tables as an Excel workbook, for the same period and department. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const parsed = StatisticsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Vælg periode og afdeling på statistiksiden.", { status: 400 });
  const stats = await orRespond(async () => await companyStatistics({ companyId: user.company.id, period: parsed.data.periode, departmentId: parsed.data.afdeling, asOf: today() }));
  const bytes = await statisticsXlsx(stats);
  // The DOM and Node typings disagree on Uint8Array as a body; the runtime takes it.
  return new Response(bytes as unknown as BodyInit, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${statisticsFileName(stats, "xlsx")}"`,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
