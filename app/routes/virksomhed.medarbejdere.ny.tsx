import { parseWithZod } from "@conform-to/zod/v4";
import { readFormData } from "~/utils/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmployeeForm } from "~/components/employee-form";
import { employeeSchema } from "~/forms/employee";
import { createEmployee, listDepartments } from "~/models/employee.server";
import { runOrReply } from "~/utils/forms.server";
import { requireEmployer } from "~/models/auth.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Opret medarbejder – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  return json({ today: today(), departments: await listDepartments(user.company.id) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const submission = parseWithZod(await readFormData(request), { schema: employeeSchema(today()) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const created = await runOrReply(submission, async () => await createEmployee({ user, data: submission.value }));
  if (!created.ok) return created.response;
  return redirect(`/virksomhed/medarbejdere/${created.value.id}?gemt=oprettet`);
}

export default function NewEmployee() {
  const lastResult = useActionData<typeof action>();
  const { today, departments } = useLoaderData<typeof loader>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to="/virksomhed/medarbejdere" className="back-link">
          Tilbage til medarbejdere
        </Link>
        <h1>Opret medarbejder</h1>
        <EmployeeForm lastResult={lastResult} mode="create" today={today} departments={departments} />
      </div>
    </div>
  );
}
