import { parseWithZod } from "@conform-to/zod/v4";
import { readFormData } from "~/utils/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmployeeForm } from "~/components/employee-form";
import { employeeEditSchema } from "~/forms/employee";
import { updateEmployeeWithDeadlines } from "~/models/absence-case.server";
import { listDepartments } from "~/models/employee.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { runOrReply } from "~/utils/forms.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Ret medarbejder – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  return json({
    today: today(),
    departments: await listDepartments(user.company.id),
    employee: {
      id: employee.id,
      name: employee.name,
      birthDate: employee.birthDate,
      employmentStartDate: employee.employmentStartDate,
      employmentEndDate: employee.employmentEndDate,
      jobTitle: employee.jobTitle,
      weeklyHours: employee.weeklyHours,
      employeeNumber: employee.employeeNumber,
      email: employee.email,
      departmentName: employee.departmentName,
      addressLine: employee.addressLine,
      postalCode: employee.postalCode,
      city: employee.city,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const employeeId = employee.id;
  const asOf = today();
  const submission = parseWithZod(await readFormData(request), { schema: employeeEditSchema(asOf) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const updated = await runOrReply(submission, async () => await updateEmployeeWithDeadlines({ user, employeeId, data: submission.value, asOf }));
  if (!updated.ok) return updated.response;
  return redirect(`/virksomhed/medarbejdere/${employeeId}?gemt=rettet`);
}

export default function EditEmployee() {
  const { employee, today, departments } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
          Tilbage til {employee.name}
        </Link>
        <h1>Ret oplysninger om {employee.name}</h1>
        <p>
          Bopælskommunen ændres ved at <Link to={`/virksomhed/medarbejdere/${employee.id}/flyt`}>registrere en flytning</Link>, så
          sagen følger den rigtige kommune fra flyttedatoen.
        </p>
        <EmployeeForm
          lastResult={lastResult}
          mode="edit"
          today={today}
          departments={departments}
          defaultValue={{
            employeeNumber: employee.employeeNumber ?? "",
            email: employee.email ?? "",
            departmentName: employee.departmentName ?? "",
            addressLine: employee.addressLine ?? "",
            postalCode: employee.postalCode ?? "",
            city: employee.city ?? "",
            name: employee.name,
            birthDate: employee.birthDate,
            employmentStartDate: employee.employmentStartDate,
            employmentEndDate: employee.employmentEndDate ?? "",
            jobTitle: employee.jobTitle,
            weeklyHours: String(employee.weeklyHours),
          }}
        />
      </div>
    </div>
  );
}
