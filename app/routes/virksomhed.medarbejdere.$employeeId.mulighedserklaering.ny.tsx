import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, RadioGroup } from "~/components/form";
import { formatDanishDate } from "~/domain/dates";
import { REPEATED_ABSENCES, StartMulighedserklaeringSchema } from "~/forms/mulighedserklaering";
import { listEmployeeAbsences } from "~/models/absence-case.server";
import { startMulighedserklaering } from "~/models/mulighedserklaering.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { today } from "~/utils/http.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Start mulighedserklæring – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const absences = await listEmployeeAbsences({ companyId: user.company.id, employeeId: employee.id, asOf: today() });
  const options = [
    ...absences.map((a) => ({
      value: String(a.absence.id),
      label: `${a.reference}: fra ${formatDanishDate(a.absence.firstAbsenceDay)}${a.absence.returnedOn ? ` til ${formatDanishDate(a.absence.returnedOn)}` : " (åbent)"}`,
    })),
    { value: REPEATED_ABSENCES, label: "Gentagne fravær – ikke et bestemt fravær" },
  ];
  const requested = new URL(request.url).searchParams.get("fravaer");
  const preselected = options.find((o) => o.value === requested)?.value ?? (absences.find((a) => a.open) ? String(absences.find((a) => a.open)!.absence.id) : undefined);
  return json({ employee: { id: employee.id, name: employee.name }, options, defaultValue: { absenceId: preselected } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const submission = parseWithZod(await readFormData(request), { schema: StartMulighedserklaeringSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const absenceId = submission.value.absenceId === REPEATED_ABSENCES ? null : submission.value.absenceId;
  const done = await runOrReply(submission, async () => await startMulighedserklaering({ user, employeeId: employee.id, absenceId }));
  if (!done.ok) return done.response;
  return redirect(`/virksomhed/dokumenter/${done.value.id}/trin/parter`);
}

export default function StartMulighedserklaering() {
  const { employee, options, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFasholdForm({
    id: "start-mulighedserklaering",
    schema: StartMulighedserklaeringSchema,
    lastResult,
    defaultValue: defaultValue,
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
          Tilbage til medarbejderen
        </Link>
        <h1>{`Start mulighedserklæring: ${employee.name}`}</h1>
        <p>
          Arbejdsgiveren kan bede om en mulighedserklæring når som helst under et sygefravær eller ved gentagne fravær (sygedagpengeloven §
          36 a). Del 1 udfyldes af jer sammen ved en samtale; del 2 af medarbejderens egen læge. Spørg ikke om diagnosen – kun om sygdommens
          betydning for arbejdet.
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary fields={[fields.absenceId]} formErrors={form.errors} />
          <RadioGroup field={fields.absenceId} legend="Hvilket fravær gælder erklæringen?" options={options} />
          <button type="submit" className="button button-primary">
            Start del 1
          </button>
        </Form>
      </div>
    </div>
  );
}
