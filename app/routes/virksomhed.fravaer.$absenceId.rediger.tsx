import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AbsenceForm } from "~/components/absence-form";
import { absenceSchema } from "~/forms/absence";
import { getAbsenceCase, updateAbsence } from "~/models/absence-case.server";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { idParam, orRespond, today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Ret sygefravær – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const asOf = today();
  const c = await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId: idParam(params.absenceId), asOf }));
  const a = c.absence;
  return json({
    today: asOf,
    reference: c.reference,
    absenceId: a.id,
    employeeName: c.employee.name,
    defaultValue: {
      firstAbsenceDay: a.firstAbsenceDay,
      extent: a.extent,
      pay: a.pay,
      expectedOver8Weeks: a.expectedOver8Weeks ? "on" : "",
      paragraph56: a.paragraph56 ? "on" : "",
      conversationHeldOn: a.conversationHeldOn ?? "",
      conversationNotes: a.conversationNotes ?? "",
      fastTrackRequestedOn: a.fastTrackRequestedOn ?? "",
      returnedOn: a.returnedOn ?? "",
      expectedBackWithin26Weeks: a.expectedBackWithin26Weeks ? "yes" : "no",
      employmentEndsOn: c.employee.employmentEndDate ?? "",
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const absenceId = idParam(params.absenceId);
  const asOf = today();
  await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId, asOf }));
  const submission = parseWithZod(await readFormData(request), { schema: absenceSchema(asOf) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const updated = await runOrReply(submission, async () => await updateAbsence({ user, absenceId, data: submission.value, asOf }));
  if (!updated.ok) return updated.response;
  return redirect(`/virksomhed/fravaer/${absenceId}?gemt=rettet`);
}

export default function EditAbsence() {
  const { today, reference, absenceId, employeeName, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/fravaer/${absenceId}`} className="back-link">
          Tilbage til sagen
        </Link>
        <h1>
          Ret sygefravær {reference}: {employeeName}
        </h1>
        <AbsenceForm lastResult={lastResult} today={today} mode="edit" defaultValue={defaultValue} />
      </div>
    </div>
  );
}
