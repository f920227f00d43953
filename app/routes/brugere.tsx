import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorAlert, SavedAlert } from "~/components/alerts";
import { ErrorSummary, TextField } from "~/components/form";
import { SubmissionTime } from "~/components/submission";
import { InviteSchema } from "~/forms/account";
import { assertAdmin, deactivateUser, inviteUser, listOrganisationUsers, mailScopeOf, organisationName, reactivateUser } from "~/models/account.server";
import { ValidationError } from "~/utils/errors.server";
import { listUndeliveredMail, MAX_MAIL_ATTEMPTS, requeueMail, type MailKind } from "~/models/outbox.server";
import { requireUser } from "~/models/auth.server";
import { companyDepartments } from "~/models/case-list.server";
import { InviteAccessFields } from "~/components/managers";
import { runOrReply, readFormData, readIntent, UNKNOWN_INTENT } from "~/utils/forms.server";
import { orRespond } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Brugere – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireUser(request);
  const { users, invitations } = await orRespond(async () => await listOrganisationUsers({ admin }));
  return json({
    selfId: admin.id,
    organisation: organisationName(admin),
    users,
    invitations,
    undelivered: await listUndeliveredMail({ scope: mailScopeOf(admin) }),
    // A company's invitee can be made the nearest manager of some of its departments.
    departments: admin.role === "employer" ? await companyDepartments(admin.company.id) : null,
    maxAttempts: MAX_MAIL_ATTEMPTS,
  });
}

const id = z.coerce.number().int().positive();
const RowIntent = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("deactivate"), userId: id }),
    z.object({ intent: z.literal("reactivate"), userId: id }),
    z.object({ intent: z.literal("requeue"), messageId: id }),
  ],
  { error: UNKNOWN_INTENT },
);

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request);
  await orRespond(() => assertAdmin(admin));
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["invite", "deactivate", "reactivate", "requeue"]);
  if (intent === "invite") {
    const submission = parseWithZod(formData, { schema: InviteSchema });
    if (submission.status !== "success") return json({ invite: submission.reply() }, { status: 400 });
    const result = await runOrReply(submission, async () => await inviteUser({ admin, email: submission.value.email, name: submission.value.name, access: { level: submission.value.accessLevel, departmentIds: submission.value.departmentIds } }));
    if (!result.ok) return json({ invite: result.reply }, { status: result.response.status });
    return redirect("/brugere?gemt=inviteret");
  }
  const parsed = RowIntent.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ error: UNKNOWN_INTENT }, { status: 400 });
  const row = parsed.data;
  try {
    await orRespond(async () => {
      if (row.intent === "deactivate") await deactivateUser({ admin, userId: row.userId });
      else if (row.intent === "reactivate") await reactivateUser({ admin, userId: row.userId });
      else await requeueMail({ userId: admin.id, scope: mailScopeOf(admin), messageId: row.messageId });
    });
  } catch (error) {
    if (error instanceof ValidationError) return json({ error: error.fieldErrors.form?.[0] ?? error.message }, { status: 400 });
    throw error;
  }
  return redirect(`/brugere?gemt=${row.intent}`);
}

const SAVED: Record<string, string> = {
  inviteret: "Invitationen er sendt. Linket i e-mailen virker én gang i 72 timer.",
  deactivate: "Brugeren er deaktiveret og logget ud alle steder.",
  reactivate: "Brugeren er aktiv igen og kan logge ind.",
  requeue: "Mailen sendes igen.",
};

// Every kind of the outbox, so a failed mail is always named (the typecheck asks for a new kind).
const MAIL_KIND: Record<MailKind, string> = {
  digest: "Daglig oversigt",
  "submission-update": "Besked fra jobcentret",
  "submission-receipt": "Kvittering for indsendelse",
  invitation: "Invitation",
  "password-reset": "Nulstilling af adgangskode",
};

export default function Users() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [form, fields] = useFasholdForm({
    id: "invite",
    schema: InviteSchema,
    defaultValue: { accessLevel: "hr" },
    lastResult: actionData && "invite" in actionData ? actionData.invite : undefined,
  });
  return (
    <>
      <h1>Brugere</h1>
      <p className="font-lead">{`Brugerne i ${data.organisation}. Som administrator kan du invitere kolleger og deaktivere brugere.`}</p>
      <SavedAlert messages={SAVED} hidden={Boolean(actionData)} />
      <ErrorAlert message={actionData && "error" in actionData ? actionData.error : null} />

      <div className="table--responsive-scroll">
        <table className="table table--zebra" data-testid="users">
          <caption className="sr-only">Brugere</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">E-mail</th>
              <th scope="col">Rolle</th>
              <th scope="col">Sidst logget ind</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Handling</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{u.isAdmin ? "Administrator" : u.accessLevel === "manager" && data.departments ? "Nærmeste leder" : "Bruger"}</td>
                <td>{u.lastLoginAt ? <SubmissionTime at={u.lastLoginAt} /> : "Aldrig"}</td>
                <td>{u.deactivatedAt ? "Deaktiveret" : "Aktiv"}</td>
                <td>
                  {u.id === data.selfId ? null : (
                    <Form method="post" action="/brugere">
                      <input type="hidden" name="intent" value={u.deactivatedAt ? "reactivate" : "deactivate"} />
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" className="function-link" disabled={busy}>
                        {u.deactivatedAt ? `Genaktivér ${u.name}` : `Deaktivér ${u.name}`}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {data.departments ? (
        <p>
          <Link to="/virksomhed/afdelinger">Afdelinger og ledere</Link>: opret og omdøb afdelinger, og vælg hvem der er nærmeste leder for hvilke afdelinger.
        </p>
      ) : null}

      <div className="row">
        <div className="col-12 col-lg-7">
          <section aria-labelledby="invite-heading">
            <h2 id="invite-heading">Invitér en kollega</h2>
            <p>Kollegaen får en e-mail med et link, hvor de vælger deres adgangskode. Linket virker én gang i 72 timer.</p>
            <Form method="post" action="/brugere" {...getFormProps(form)} noValidate>
              <input type="hidden" name="intent" value="invite" />
              <ErrorSummary fields={[fields.name, fields.email, fields.accessLevel, fields.departmentIds]} formErrors={form.errors} />
              <TextField field={fields.name} label="Navn" autoComplete="off" />
              <TextField field={fields.email} label="E-mail" type="email" autoComplete="off" />
              {data.departments ? <InviteAccessFields accessLevel={fields.accessLevel} departmentIds={fields.departmentIds} departments={data.departments} /> : null}
              <button type="submit" className="button button-primary" disabled={busy}>
                Send invitation
              </button>
            </Form>
          </section>

          {data.invitations.length ? (
            <section aria-labelledby="pending-heading">
              <h2 id="pending-heading">Afventende invitationer</h2>
              <ul>
                {data.invitations.map((i) => (
                  <li key={i.id}>
                    {`${i.name} (${i.email}), udløber `}
                    <SubmissionTime at={i.expiresAt} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>

      <section aria-labelledby="mail-heading">
        <h2 id="mail-heading">E-mails der ikke er kommet frem</h2>
        {data.undelivered.length === 0 ? (
          <p>Alle e-mails er sendt.</p>
        ) : (
          <div className="table--responsive-scroll">
            <table className="table table--zebra" data-testid="undelivered">
              <caption className="sr-only">E-mails der ikke er kommet frem</caption>
              <thead>
                <tr>
                  <th scope="col">Til</th>
                  <th scope="col">Slags</th>
                  <th scope="col">Forsøg</th>
                  <th scope="col">Fejl</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="sr-only">Handling</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.undelivered.map((m) => (
                  <tr key={m.id}>
                    <td>{m.toAddress}</td>
                    <td>{MAIL_KIND[m.kind] ?? m.kind}</td>
                    <td>{`${m.attempts} af ${data.maxAttempts}`}</td>
                    <td>{m.lastError ?? ""}</td>
                    <td>
                      {m.failedAt ? (
                        "Opgivet"
                      ) : (
                        <>
                          {"Prøver igen "}
                          <SubmissionTime at={m.nextAttemptAt} />
                        </>
                      )}
                    </td>
                    <td>
                      <Form method="post" action="/brugere">
                        <input type="hidden" name="intent" value="requeue" />
                        <input type="hidden" name="messageId" value={m.id} />
                        <button type="submit" className="function-link" disabled={busy}>
                          {`Send igen til ${m.toAddress}`}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
