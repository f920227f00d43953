import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AbsenceForm } from "~/components/absence-form";
import { absenceSchema } from "~/forms/absence";
import { createAbsence } from "~/models/absence-case.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Registrér sygefravær – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { employee } = await requireCompanyEmployee(request, params.employeeId);
  return json({ employee: { id: employee.id, name: employee.name, employmentEndDate: employee.employmentEndDate }, today: today() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const employeeId = employee.id;
  const asOf = today();
  const submission = parseWithZod(await readFormData(request), { schema: absenceSchema(asOf) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const created = await runOrReply(submission, async () => await createAbsence({ user, employeeId, data: submission.value, asOf }));
  if (!created.ok) return created.response;
  return redirect(`/virksomhed/fravaer/${created.value.id}?gemt=oprettet`);
}

export default function NewAbsence() {
  const { employee, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
          Tilbage til {employee.name}
        </Link>
        <h1>Registrér sygefravær for {employee.name}</h1>
        <p>Fasthold beregner fristerne ud fra oplysningerne. Spørg aldrig om diagnosen – kun om sygdommens betydning for arbejdet.</p>
        <AbsenceForm
          lastResult={lastResult}
          today={today}
          mode="create"
          defaultValue={{ extent: "full", pay: "salary", expectedBackWithin26Weeks: "no", employmentEndsOn: employee.employmentEndDate ?? "" }}
        />
      </div>
    </div>
  );
}
