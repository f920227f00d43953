import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FastholdelsesplanForm, planDefaultValue } from "~/components/fastholdelsesplan-form";
import { fastholdelsesplanSchema } from "~/forms/fastholdelsesplan";
import { getAbsenceCase } from "~/models/absence-case.server";
import { createFastholdelsesplan, fastholdelsesplanRefusal, listAbsenceDocuments } from "~/models/document.server";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { idParam, orRespond, today } from "~/utils/http.server";
import { fastholdelsesplanTargetDate } from "~/domain/deadlines";

export const meta: MetaFunction = () => [{ title: "Fastholdelsesplan – Fasthold" }];

async function load(request: Request, absenceIdParam: string | undefined) {
  const user = await requireEmployer(request);
  const asOf = today();
  const c = await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId: idParam(absenceIdParam), asOf }));
  return { user, asOf, c };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, asOf, c } = await load(request, params.absenceId);
  // One plan per absence: an existing one is edited from its own page.
  const existing = (await listAbsenceDocuments({ companyId: user.company.id, absenceId: c.absence.id })).find((d) => d.document.type === "fastholdelsesplan");
  if (existing) throw redirect(`/virksomhed/dokumenter/${existing.document.id}`);
  return json({
    today: asOf,
    absenceId: c.absence.id,
    reference: c.reference,
    employeeName: c.employee.name,
    firstAbsenceDay: c.absence.firstAbsenceDay,
    firstFollowUpDue: fastholdelsesplanTargetDate(c.result),
    refusal: fastholdelsesplanRefusal(c.absence),
    defaultValue: planDefaultValue(null, asOf),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, asOf, c } = await load(request, params.absenceId);
  const submission = parseWithZod(await readFormData(request), { schema: fastholdelsesplanSchema({ today: asOf, firstAbsenceDay: c.absence.firstAbsenceDay }) });
  // A list intent ("Tilføj trin" without JavaScript) is no error: the form comes back with the row added.
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const created = await runOrReply(submission, async () => await createFastholdelsesplan({ user, absenceId: c.absence.id, content: submission.value, asOf }));
  if (!created.ok) return created.response;
  return redirect(`/virksomhed/dokumenter/${created.value.id}?gemt=oprettet`);
}

export default function NewFastholdelsesplan() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/fravaer/${data.absenceId}`} className="back-link">
          Tilbage til sagen
        </Link>
        <h1>{`Fastholdelsesplan: ${data.employeeName}`}</h1>
        <p className="font-lead">
          {`Sag ${data.reference}. Når medarbejderen ikke forventes tilbage inden for 8 uger, kan medarbejderen bede om en fastholdelsesplan (sygedagpengeloven § 7 b). Arbejdsgiveren laver den sammen med medarbejderen eller afslår med en begrundelse.`}
        </p>
        {data.refusal ? (
          <div className="alert alert-warning">
            <div className="alert-body">
              <p className="alert-text">{data.refusal}</p>
            </div>
          </div>
        ) : (
          <FastholdelsesplanForm
            lastResult={lastResult}
            defaultValue={data.defaultValue}
            today={data.today}
            firstAbsenceDay={data.firstAbsenceDay}
            firstFollowUpDue={data.firstFollowUpDue}
            submitLabel="Gem fastholdelsesplan"
          />
        )}
      </div>
    </div>
  );
}
