import { parseWithZod } from "@conform-to/zod/v4";
import { readFormData } from "~/utils/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmployeeForm } from "~/components/employee-form";
import { employeeSchema } from "~/forms/employee";
import { createEmployee } from "~/models/employee.server";
import { requireEmployer } from "~/models/auth.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Opret medarbejder – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEmployer(request);
  return json({ today: today() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const submission = parseWithZod(await readFormData(request), { schema: employeeSchema(today()) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const employee = createEmployee({ user, data: submission.value });
  return redirect(`/virksomhed/medarbejdere/${employee.id}?gemt=oprettet`);
}

export default function NewEmployee() {
  const lastResult = useActionData<typeof action>();
  const { today } = useLoaderData<typeof loader>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to="/virksomhed/medarbejdere" className="back-link">
          Tilbage til medarbejdere
        </Link>
        <h1>Opret medarbejder</h1>
        <EmployeeForm lastResult={lastResult} mode="create" today={today} />
      </div>
    </div>
  );
}
