import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { MUNICIPALITY_OPTIONS } from "~/components/employee-form";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import { municipalityLabel } from "~/domain/municipalities";
import { EmployeeMoveSchema } from "~/forms/employee";
import { moveEmployee } from "~/models/employee.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { today } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Registrér flytning – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { employee } = await requireCompanyEmployee(request, params.employeeId);
  return json({ employee });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const employeeId = employee.id;
  const submission = parseWithZod(await readFormData(request), { schema: EmployeeMoveSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const moved = await runOrReply(submission, async () => await moveEmployee({ user, employeeId, data: submission.value, asOf: today() }));
  if (!moved.ok) return moved.response;
  return redirect(`/virksomhed/medarbejdere/${employeeId}?gemt=flyttet`);
}

export default function MoveEmployee() {
  const { employee } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useFasholdForm({
    id: "employee-move",
    schema: EmployeeMoveSchema,
    lastResult,
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
          Tilbage til {employee.name}
        </Link>
        <h1>Registrér flytning</h1>
        <p>
          {employee.name} bor nu i {municipalityLabel(employee.municipalityCode)}. Fra flyttedatoen hører sagen til jobcentret i
          den nye bopælskommune (retssikkerhedsloven § 9).
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary fields={[fields.toMunicipalityCode, fields.movedOn]} formErrors={form.errors} />
          <SelectField field={fields.toMunicipalityCode} label="Ny bopælskommune" options={MUNICIPALITY_OPTIONS} emptyOption="Vælg kommune" />
          <TextField field={fields.movedOn} label="Flyttedato" type="date" />
          <button type="submit" className="button button-primary">
            Registrér flytning
          </button>
        </Form>
      </div>
    </div>
  );
}
