import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DanishDate } from "~/components/deadlines";
import { FastTrackForm } from "~/components/fast-track-form";
import { FAST_TRACK_BASIS } from "~/domain/documents";
import { fastTrackRequestSchema } from "~/forms/fast-track";
import { getAbsenceCase } from "~/models/absence-case.server";
import { fastTrackRefusal, fastTrackWindow } from "~/domain/fast-track";
import { createFastTrackDocument } from "~/models/document.server";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { idParam, orRespond, today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Anmod om fast track – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const asOf = today();
  const c = await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId: idParam(params.absenceId), asOf }));
  return json({
    today: asOf,
    absenceId: c.absence.id,
    reference: c.reference,
    employeeName: c.employee.name,
    window: fastTrackWindow(c.absence),
    refusal: fastTrackRefusal(c.absence, asOf),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const absenceId = idParam(params.absenceId);
  const asOf = today();
  await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId, asOf }));
  const submission = parseWithZod(await readFormData(request), { schema: fastTrackRequestSchema(asOf) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const created = await runOrReply(submission, async () => await createFastTrackDocument({ user, absenceId, content: submission.value, asOf }));
  if (!created.ok) return created.response;
  return redirect(`/virksomhed/dokumenter/${created.value.id}?gemt=oprettet`);
}

export default function FastTrackRequest() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/fravaer/${data.absenceId}`} className="back-link">
          Tilbage til sagen
        </Link>
        <h1>Anmod om fast track</h1>
        <p className="font-lead">
          {data.employeeName} ({data.reference}). Arbejdsgiveren kan bede kommunen om tidlig opfølgning inden for de første 5 uger, når
          fraværet forventes at vare mere end 8 uger. Kommunen skal så holde den første opfølgning senest 2 uger efter anmodningen (sygedagpengeloven § 13 b, stk. 2).
        </p>
        <p className="form-hint">{FAST_TRACK_BASIS}</p>
        {data.refusal ? (
          <div className="alert alert-warning" role="alert">
            <div className="alert-body">
              <h2 className="alert-heading">Fast track kan ikke anmodes nu</h2>
              <p className="alert-text">{data.refusal}</p>
            </div>
          </div>
        ) : (
          <>
            <p>
              Sidste dag for anmodningen: <DanishDate date={data.window.to} />.
            </p>
            <FastTrackForm lastResult={lastResult} today={data.today} defaultValue={{ requestedOn: data.today }} submitLabel="Gem anmodningen" />
          </>
        )}
      </div>
    </div>
  );
}
