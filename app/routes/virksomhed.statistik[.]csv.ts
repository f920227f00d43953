import type { LoaderFunctionArgs } from "@remix-run/node";
import { statisticsCsv, statisticsFileName } from "~/models/statistics-export.server";
import { StatisticsQuerySchema } from "~/forms/statistics";
import { companyStatistics } from "~/models/statistics.server";
import { requireEmployer } from "~/models/auth.server";
import { orRespond, today } from "~/utils/http.server";

/** The monthly table of the statistics page as CSV, for the same period and department. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const parsed = StatisticsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw new Response(parsed.error.issues[0]?.message ?? "Vælg periode og afdeling på statistiksiden.", { status: 400 });
  const stats = await orRespond(async () => await companyStatistics({ companyId: user.company.id, period: parsed.data.periode, departmentId: parsed.data.afdeling, asOf: today() }));
  return new Response(statisticsCsv(stats), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${statisticsFileName(stats, "csv")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
