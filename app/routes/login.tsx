import { getFormProps } from "@conform-to/react";
import { readFormData } from "~/utils/forms.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { ErrorSummary, TextField } from "~/components/form";
import { LOGIN_ACCOUNT_THROTTLED_MESSAGE, LOGIN_FAILED_MESSAGE, LOGIN_THROTTLED_MESSAGE, LoginSchema } from "~/forms/login";
import { checkCredentials, startSession } from "~/models/user.server";
import { getSessionUser, homePathFor } from "~/models/auth.server";
import { busyRefusal } from "~/utils/http.server";
import { safeRedirect } from "~/utils/security.server";
import { readSessionId, serializeSessionCookie } from "~/utils/session.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Log ind – Fasthold" }];

/** A throttled login (429) or a full password-hash queue (503) answers with Retry-After on the document response too. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  if (user) {
    const to = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirect(to, homePathFor(user)));
  }
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  let result;
  try {
    result = await checkCredentials({ email, password, clientAddress: context.clientAddress ?? "unknown" });
  } catch (error) {
    const busy = busyRefusal(error);
    if (!busy) throw error;
    return json(submission.reply({ formErrors: [busy.message], hideFields: ["password"] }), { status: 503, headers: busy.headers });
  }
  if (result.status === "throttled") {
    const message = result.scope === "account" ? LOGIN_ACCOUNT_THROTTLED_MESSAGE : LOGIN_THROTTLED_MESSAGE;
    return json(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (result.status === "invalid") {
    return json(submission.reply({ formErrors: [LOGIN_FAILED_MESSAGE], hideFields: ["password"] }), { status: 400 });
  }
  const sessionId = await startSession({ userId: result.userId, previousSessionId: await readSessionId(request) });
  return redirect(safeRedirect(redirectTo, homePathFor(result)), {
    headers: { "Set-Cookie": await serializeSessionCookie(sessionId) },
  });
}

/** What the page says after a redirect here: logged out, password changed, user created. */
const NOTICES: ReadonlyArray<[string, string]> = [
  ["loggedOut", "Du er nu logget af."],
  ["nulstillet", "Din adgangskode er skiftet, og du er logget ud alle steder. Log ind med den nye adgangskode."],
  ["skiftet", "Din adgangskode er skiftet, og du er logget ud alle steder. Log ind med den nye adgangskode."],
  ["oprettet", "Din bruger er oprettet. Log ind med din e-mailadresse og den adgangskode, du lige har valgt."],
];

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useFasholdForm({
    id: "login",
    schema: LoginSchema,
    lastResult,
  });
  // A failed attempt empties the password field in the browser too, not only in the server's reply.
  const notice = NOTICES.find(([param]) => searchParams.get(param))?.[1];
  const passwordId = fields.password.id;
  useEffect(() => {
    const input = document.getElementById(passwordId);
    if (lastResult && input instanceof HTMLInputElement) input.value = "";
  }, [lastResult, passwordId]);
  return (
    <div className="row">
      <div className="col-12 col-lg-7">
        <h1>Log ind</h1>
        <p className="font-lead">Log ind som HR-medarbejder i en virksomhed eller som sagsbehandler i et jobcenter.</p>
        {notice ? (
          <div className="alert alert-success" role="status">
            <div className="alert-body">
              <p className="alert-text">{notice}</p>
            </div>
          </div>
        ) : null}
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary fields={[fields.email, fields.password]} formErrors={form.errors} />
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <TextField field={fields.email} label="E-mail" type="email" autoComplete="username" />
          <TextField field={fields.password} label="Adgangskode" type="password" autoComplete="current-password" />
          <button type="submit" className="button button-primary" disabled={navigation.state === "submitting"}>
            Log ind
          </button>
        </Form>
        <p>
          <Link to="/glemt-adgangskode">Glemt adgangskode?</Link>
        </p>
      </div>
    </div>
  );
}
