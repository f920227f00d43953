import { getFormProps } from "@conform-to/react";
import { readFormData, readIntent, UNKNOWN_INTENT } from "~/utils/forms.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorAlert, SavedAlert } from "~/components/alerts";
import { ErrorSummary, TextField } from "~/components/form";
import { DUE_SOON_MAX_DAYS_LEFT } from "~/domain/deadlines";
import { ChangePasswordSchema, MailPreferencesSchema, PASSWORD_MIN_LENGTH, newPasswordHint } from "~/forms/account";
import { changePassword, mailPreferences, saveMailPreferences } from "~/models/account.server";
import { ValidationError } from "~/utils/errors.server";
import { requireUser } from "~/models/auth.server";
import { getEnv } from "~/utils/env.server";
import { busyRefusal } from "~/utils/http.server";
import { clearSessionCookie } from "~/utils/session.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Min konto – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    email: user.email,
    role: user.role,
    preferences: await mailPreferences({ userId: user.id }),
    digestTime: getEnv().digestTime,
    minLength: PASSWORD_MIN_LENGTH,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["preferences", "password"]);
  if (intent === "preferences") {
    const parsed = MailPreferencesSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return json({ intent: null, error: UNKNOWN_INTENT }, { status: 400 });
    await saveMailPreferences({ user, digest: parsed.data.digest, immediate: parsed.data.immediate });
    return redirect("/konto?gemt=mail");
  }
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
  const hide = { hideFields: ["currentPassword", "password", "passwordRepeat"] };
  if (submission.status !== "success") return json({ intent: "password" as const, reply: submission.reply(hide) }, { status: 400 });
  try {
    const clientAddress = typeof context.clientAddress === "string" ? context.clientAddress : "unknown";
    await changePassword({ user, currentPassword: submission.value.currentPassword, newPassword: submission.value.password, clientAddress });
  } catch (error) {
    if (error instanceof ValidationError) {
      return json({ intent: "password" as const, reply: submission.reply({ fieldErrors: error.fieldErrors, ...hide }) }, { status: 400 });
    }
    const busy = busyRefusal(error);
    if (busy) return json({ intent: "password" as const, reply: submission.reply({ formErrors: [busy.message], ...hide }) }, { status: 503, headers: busy.headers });
    throw error;
  }
  // Every session ended with the change, this one too.
  return redirect("/login?skiftet=1", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

const SAVED = { mail: "Dine valg om e-mail er gemt." };

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useFasholdForm({
    id: "change-password",
    schema: ChangePasswordSchema,
    lastResult: actionData && "reply" in actionData ? actionData.reply : undefined,
  });
  const busy = navigation.state === "submitting";
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <h1>Min konto</h1>
        <SavedAlert messages={SAVED} hidden={Boolean(actionData)} />
        <ErrorAlert message={actionData && "error" in actionData ? actionData.error : null} />
        <p>{`Du er logget ind som ${data.email}.`}</p>

        <section aria-labelledby="mail-heading">
          <h2 id="mail-heading">E-mail fra Fasthold</h2>
          <p>
            E-mails nævner kun frister, sagens referencenummer (fx FH-000123) og medarbejderens initialer – aldrig navne, CPR-numre eller
            oplysninger om helbred.
          </p>
          <Form method="post" action="/konto">
            <input type="hidden" name="intent" value="preferences" />
            <fieldset>
              <legend className="form-label">Send mig</legend>
              <div className="form-group-checkbox">
                <input className="form-checkbox" type="checkbox" id="mail-digest" name="digest" value="on" defaultChecked={data.preferences.digest} aria-describedby="mail-digest-hint" />
                <label className="form-label" htmlFor="mail-digest">
                  En daglig oversigt
                </label>
                <span className="form-hint" id="mail-digest-hint">
                  {data.role === "employer"
                    ? `Hver morgen kl. ${data.digestTime} de frister, der siden sidst er overskredet eller udløber inden for ${DUE_SOON_MAX_DAYS_LEFT} dage.`
                    : `Hver morgen kl. ${data.digestTime} nye indsendelser og fast track-frister, der siden sidst er overskredet eller udløber inden for ${DUE_SOON_MAX_DAYS_LEFT} dage.`}
                </span>
              </div>
              {data.role === "employer" ? (
                <div className="form-group-checkbox">
                  <input className="form-checkbox" type="checkbox" id="mail-immediate" name="immediate" value="on" defaultChecked={data.preferences.immediate} aria-describedby="mail-immediate-hint" />
                  <label className="form-label" htmlFor="mail-immediate">
                    Besked med det samme fra jobcentret
                  </label>
                  <span className="form-hint" id="mail-immediate-hint">
                    Når jobcentret beder om flere oplysninger, godkender eller afviser en indsendelse.
                  </span>
                </div>
              ) : null}
            </fieldset>
            <button type="submit" className="button button-secondary" disabled={busy}>
              Gem valg om e-mail
            </button>
          </Form>
        </section>

        <section aria-labelledby="password-heading">
          <h2 id="password-heading">Skift adgangskode</h2>
          <p>Når du skifter adgangskode, bliver du logget ud alle steder, også her, og logger ind igen med den nye.</p>
          <Form method="post" action="/konto" {...getFormProps(form)} noValidate>
            <input type="hidden" name="intent" value="password" />
            <ErrorSummary fields={[fields.currentPassword, fields.password, fields.passwordRepeat]} formErrors={form.errors} />
            <TextField field={fields.currentPassword} label="Nuværende adgangskode" type="password" autoComplete="current-password" />
            <TextField field={fields.password} label="Ny adgangskode" type="password" autoComplete="new-password" hint={newPasswordHint(data.minLength)} />
            <TextField field={fields.passwordRepeat} label="Gentag ny adgangskode" type="password" autoComplete="new-password" />
            <button type="submit" className="button button-primary" disabled={busy}>
              Skift adgangskode
            </button>
          </Form>
        </section>
      </div>
    </div>
  );
}
