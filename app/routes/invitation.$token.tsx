import { getFormProps } from "@conform-to/react";
import { readFormData } from "~/utils/forms.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/form";
import { LinkProblem } from "~/components/link-problem";
import { AcceptInvitationSchema, PASSWORD_MIN_LENGTH, newPasswordHint } from "~/forms/account";
import { acceptInvitation, invitationByToken } from "~/models/account.server";
import { ValidationError } from "~/utils/errors.server";
import { busyRefusal, linkProblemStatus } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data && "email" in data ? "Opret din bruger – Fasthold" : "Invitationen virker ikke – Fasthold" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await invitationByToken({ token: params.token });
  if (found.status !== "valid") return json({ problem: found.status }, { status: linkProblemStatus(found.status) });
  return json({ ...found.value, minLength: PASSWORD_MIN_LENGTH });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await invitationByToken({ token: params.token });
  if (found.status !== "valid") return json({ problem: found.status }, { status: linkProblemStatus(found.status) });
  const submission = parseWithZod(await readFormData(request), { schema: AcceptInvitationSchema });
  if (submission.status !== "success") return json(submission.reply({ hideFields: ["password", "passwordRepeat"] }), { status: 400 });
  const hide = { hideFields: ["password", "passwordRepeat"] };
  let result;
  try {
    result = await acceptInvitation({ token: params.token, name: submission.value.name, password: submission.value.password });
  } catch (error) {
    // A guessable password is refused at its field; a full password-hash queue answers 503.
    if (error instanceof ValidationError) return json(submission.reply({ fieldErrors: error.fieldErrors, ...hide }), { status: 400 });
    const busy = busyRefusal(error);
    if (busy) return json(submission.reply({ formErrors: [busy.message], ...hide }), { status: 503, headers: busy.headers });
    throw error;
  }
  if (result.status !== "valid") return json({ problem: result.status }, { status: linkProblemStatus(result.status) });
  return redirect("/login?oprettet=1");
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const lastResult = actionData && !("problem" in actionData) ? actionData : undefined;
  const [form, fields] = useFasholdForm({
    id: "accept-invitation",
    schema: AcceptInvitationSchema,
    lastResult,
    defaultValue: "name" in data ? { name: data.name } : undefined,
  });
  const problem = actionData && "problem" in actionData ? actionData.problem : "problem" in data ? data.problem : null;
  if (problem || !("email" in data)) return <LinkProblem kind="invitation" status={problem ?? "unknown"} />;
  return (
    <div className="row">
      <div className="col-12 col-lg-7">
        <h1>Opret din bruger</h1>
        <p className="font-lead">{`Du er inviteret til Fasthold for ${data.organisation}. Din bruger er ${data.email}.`}</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary fields={[fields.name, fields.password, fields.passwordRepeat]} formErrors={form.errors} />
          <TextField field={fields.name} label="Dit navn" autoComplete="name" />
          <TextField field={fields.password} label="Adgangskode" type="password" autoComplete="new-password" hint={newPasswordHint(data.minLength)} />
          <TextField field={fields.passwordRepeat} label="Gentag adgangskode" type="password" autoComplete="new-password" />
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Opret bruger
          </button>
        </Form>
      </div>
    </div>
  );
}
