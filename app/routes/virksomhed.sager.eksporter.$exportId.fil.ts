import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseExportFile } from "~/models/case-export-job.server";
import { requireEmployer } from "~/models/auth.server";
import { ConflictError } from "~/utils/errors.server";
import { idParam, orRespond } from "~/utils/http.server";

/** The finished file of a background export, for its owner only; a GET that only reads. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const id = idParam(params.exportId);
  let file: Awaited<ReturnType<typeof caseExportFile>>;
  try {
    file = await orRespond(async () => await caseExportFile({ user, id }));
  } catch (error) {
    if (error instanceof ConflictError) return new Response(error.message, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
  // A copy into a plain ArrayBuffer, the body type fetch accepts (a Buffer may share a larger pool).
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
