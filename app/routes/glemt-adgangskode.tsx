import { getFormProps } from "@conform-to/react";
import { readFormData } from "~/utils/forms.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/form";
import { RESET_REQUESTED_MESSAGE, ResetRequestSchema } from "~/forms/account";
import { requestPasswordReset } from "~/models/account.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Glemt adgangskode – Fasthold" }];

export function loader() {
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: ResetRequestSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await requestPasswordReset({ email: submission.value.email, clientAddress: context.clientAddress ?? "unknown" });
  // The same answer whether the address has a user or not.
  return redirect("/glemt-adgangskode?sendt=1");
}

export default function ForgotPassword() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useFasholdForm({
    id: "forgot-password",
    schema: ResetRequestSchema,
    lastResult,
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-7">
        <h1>Glemt adgangskode</h1>
        {searchParams.get("sendt") && !lastResult ? (
          <div className="alert alert-success" role="status">
            <div className="alert-body">
              <p className="alert-text">{RESET_REQUESTED_MESSAGE}</p>
            </div>
          </div>
        ) : null}
        <p className="font-lead">Skriv den e-mailadresse, du logger ind med. Så sender vi et link, hvor du kan vælge en ny adgangskode.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary fields={[fields.email]} formErrors={form.errors} />
          <TextField field={fields.email} label="E-mail" type="email" autoComplete="username" />
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Send link
          </button>
        </Form>
        <p>
          <Link to="/login">Tilbage til log ind</Link>
        </p>
      </div>
    </div>
  );
}
