import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SavedAlert } from "~/components/alerts";
import { DanishDate } from "~/components/deadlines";
import { ErrorSummary, RadioGroup, TextArea, TextField } from "~/components/form";
import { SubmissionStatusBadge } from "~/components/submission";
import { SOCIAL_CHAPTER_BASIS } from "~/domain/pension-age";
import { LOG_KINDS, logEntrySchema } from "~/forms/social-chapter";
import { addLogEntry, sendSocialChapterDossier, socialChapterView } from "~/models/social-chapter.server";
import { runOrReply, readFormData, readIntent } from "~/utils/forms.server";
import { notNow, today } from "~/utils/http.server";
import { requireCompanyEmployee } from "~/utils/scope.server";

export const meta: MetaFunction = () => [{ title: "Sociale kapitler – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const asOf = today();
  return json({ asOf, view: socialChapterView({ companyId: user.company.id, employeeId: employee.id, asOf }) });
}

const SendSchema = z.object({ intent: z.literal("send") });
const ReplySchema = z.object({
  intent: z.literal("reply"),
  reply: z.string({ error: "Skriv et svar til jobcentret." }).trim().min(1, "Skriv et svar til jobcentret.").max(4000, "Svaret må højst have 4000 tegn."),
  lock: z.coerce.number().int(),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const asOf = today();
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["log", "send", "reply"]);
  const view = socialChapterView({ companyId: user.company.id, employeeId: employee.id, asOf });
  if (!view.record) throw notNow("Registrér aftalen om ansættelse på sociale kapitler først.");
  if (intent === "reply" && view.submission?.status !== "needs-information") throw notNow("Jobcentret venter ikke på et svar på dossieret.");
  const schema = intent === "send" ? SendSchema : intent === "reply" ? ReplySchema : logEntrySchema(asOf);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const v = submission.value;
  const done = runOrReply(submission, () => {
    if (v.intent === "log") return addLogEntry({ user, employeeId: employee.id, entry: v });
    if (v.intent === "reply") return sendSocialChapterDossier({ user, employeeId: employee.id, asOf, reply: v.reply, lock: v.lock });
    return sendSocialChapterDossier({ user, employeeId: employee.id, asOf });
  });
  if (!done.ok) return done.response;
  return redirect(`/virksomhed/medarbejdere/${employee.id}/sociale-kapitler?gemt=${v.intent}`);
}

const SAVED: Record<string, string> = {
  aftale: "Aftalen er gemt.",
  log: "Indførslen er tilføjet loggen.",
  send: "Dossieret er sendt til jobcentret.",
  reply: "Det opdaterede dossier og dit svar er sendt til jobcentret.",
};

const KIND_LABELS: Record<string, string> = { ...Object.fromEntries(LOG_KINDS.map((k) => [k.value, k.label])), correction: "Rettelse" };

export default function SocialChapterPage() {
  const { asOf, view } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = logEntrySchema(asOf);
  const [form, fields] = useForm<z.input<typeof schema>, z.output<typeof schema>>({
    id: "social-chapter-log",
    lastResult,
    defaultValue: { entryDate: asOf },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: formData.get("intent") === "log" ? schema : z.any() }),
  });
  const employee = view.employee;
  const last = lastResult as { initialValue?: { intent?: string }; error?: Record<string, string[] | null> } | undefined;
  const replyError = last?.initialValue?.intent === "reply" ? last.error?.reply?.[0] : undefined;
  if (!view.record) {
    return (
      <>
        <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
          Tilbage til {employee.name}
        </Link>
        <h1>Sociale kapitler: {employee.name}</h1>
        <p>
          Der er ikke registreret en ansættelse på overenskomstens sociale kapitler eller på særlige vilkår. Før et fleksjob på den nuværende
          arbejdsplads skal en person, der har mere end 6 år til folkepensionsalderen, have været ansat sådan i mindst 12 måneder (
          {SOCIAL_CHAPTER_BASIS}).
        </p>
        <Link to="rediger" className="button button-primary">
          Registrér ansættelse på sociale kapitler
        </Link>
      </>
    );
  }
  const r = view.record;
  const s = view.status;
  return (
    <>
      <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
        Tilbage til {employee.name}
      </Link>
      <SavedAlert messages={SAVED} hidden={Boolean(lastResult)} />
      <h1>Sociale kapitler: {employee.name}</h1>
      <ErrorSummary fields={[fields.entryDate, fields.kind, fields.text, fields.correctsEntryId]} formErrors={form.errors} />

      <h2>Status</h2>
      <p className="font-lead" data-testid="social-chapter-status">
        {s.required === false
          ? "Kravet om 12 måneder gælder ikke: medarbejderen er 6 år eller mindre fra folkepensionsalderen."
          : view.complete
            ? "De 12 måneder er gennemført."
            : "De 12 måneder kræves, før et fleksjob på arbejdspladsen."}
      </p>
      <label htmlFor="social-chapter-progress">
        {view.monthsCompleted} af 12 måneder gennemført (fra <DanishDate date={s.startedOn} /> til <DanishDate date={s.completesOn} />)
      </label>
      <br />
      <progress id="social-chapter-progress" max={12} value={view.monthsCompleted}>
        {view.monthsCompleted} af 12 måneder
      </progress>
      <dl className="summary-list">
        <dt>12 måneder gennemført</dt>
        <dd>
          <DanishDate date={s.completesOn} /> (start + 12 måneder)
        </dd>
        <dt>Folkepension</dt>
        <dd>
          <DanishDate date={view.pensionDate} />
        </dd>
        <dt>Kravet om 12 måneder gælder ikke fra</dt>
        <dd>
          <DanishDate date={view.exemptFrom} /> (6 år før folkepensionsalderen)
        </dd>
        <dt>Påmindelse</dt>
        <dd>
          <DanishDate date={view.reminderOn} /> (30 dage før de 12 måneder er gennemført)
        </dd>
      </dl>

      <h2>Aftalen</h2>
      <dl className="summary-list">
        <dt>Overenskomst</dt>
        <dd>{r.collectiveAgreement}</dd>
        <dt>Arbejdsopgaver</dt>
        <dd className="preserve-lines">{r.tasks}</dd>
        <dt>Skånehensyn</dt>
        <dd className="preserve-lines">{r.accommodations}</dd>
        <dt>Timer om ugen</dt>
        <dd>{String(r.hoursPerWeek).replace(".", ",")}</dd>
        <dt>Løn- og ansættelsesvilkår</dt>
        <dd className="preserve-lines">{r.wageTerms}</dd>
        <dt>Opfølgningsdatoer</dt>
        <dd>
          {r.reviewDates.length === 0
            ? "Ingen"
            : r.reviewDates.map((d, i) => (
                <span key={d}>
                  {i > 0 ? ", " : ""}
                  <DanishDate date={d} />
                </span>
              ))}
        </dd>
      </dl>
      <p>
        <Link to="rediger" className="button button-secondary">
          Ret aftalen
        </Link>
      </p>

      <h2>Log over indsatsen</h2>
      <p>Loggen dokumenterer det reelle forsøg på at fastholde medarbejderen på ordinære vilkår. Indførsler kan ikke ændres; ret med en ny indførsel.</p>
      {view.log.length === 0 ? (
        <p>Loggen er tom.</p>
      ) : (
        <ol className="history" data-testid="social-chapter-log">
          {view.log.map((e) => (
            <li key={e.id} id={`log-${e.id}`}>
              <strong>
                <DanishDate date={e.entryDate} />: {KIND_LABELS[e.kind]}
              </strong>
              {e.correctsEntryId ? <span className="history-meta">{`Retter indførsel nr. ${e.correctsEntryId}`}</span> : null}
              <span className="history-meta">{`Nr. ${e.id}`}</span>
              <p className="preserve-lines">{e.text}</p>
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="log-heading">
        <h3 id="log-heading">Tilføj til loggen</h3>
        <Form method="post" {...getFormProps(form)} noValidate>
          <input type="hidden" name="intent" value="log" />
          <TextField field={fields.entryDate} label="Dato" type="date" />
          <RadioGroup field={fields.kind} legend="Hvad handler indførslen om?" options={[...LOG_KINDS, { value: "correction", label: "Rettelse af en tidligere indførsel" }]} />
          <TextField field={fields.correctsEntryId} label="Nummer på den indførsel, der rettes" optional inputMode="numeric" className="input-width-xs" />
          <TextArea field={fields.text} label="Hvad skete der?" hint="Beskriv tiltag og virkning for arbejdet – ikke helbredsoplysninger." />
          <button type="submit" className="button button-primary">
            Tilføj
          </button>
        </Form>
      </section>

      <h2>Dossier til jobcentret</h2>
      {view.submission ? (
        <p>
          Sendt <DanishDate date={view.submission.receivedOn} /> · <SubmissionStatusBadge status={view.submission.status} /> ·{" "}
          <Link to={`/virksomhed/dokumenter/${view.submission.documentId}`}>Se forløbet</Link>
        </p>
      ) : view.canSubmit ? (
        <Form method="post">
          <input type="hidden" name="intent" value="send" />
          <button type="submit" className="button button-primary">
            Send dossier til jobcenter
          </button>
        </Form>
      ) : (
        <p>
          Dossieret kan sendes til jobcentret, når de 12 måneder er gennemført (<DanishDate date={s.completesOn} />).
        </p>
      )}
      {view.submission?.status === "needs-information" ? (
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="reply" />
          <input type="hidden" name="lock" value={view.submission.lock} />
          <div className={`form-group${replyError ? " form-error" : ""}`}>
            <label className="form-label" htmlFor="dossier-reply">
              Svar til jobcentret
            </label>
            <span className="form-hint" id="dossier-reply-hint">
              Sendes sammen med et opdateret dossier med aftalen og loggen, som de er nu.
            </span>
            {replyError ? (
              <span className="form-error-message" id="dossier-reply-error">
                <span className="sr-only">Fejl: </span>
                {replyError}
              </span>
            ) : null}
            <textarea
              className="form-input"
              id="dossier-reply"
              name="reply"
              rows={3}
              aria-invalid={replyError ? true : undefined}
              aria-describedby={replyError ? "dossier-reply-hint dossier-reply-error" : "dossier-reply-hint"}
            />
          </div>
          <button type="submit" className="button button-primary">
            Send opdateret dossier med svar
          </button>
        </Form>
      ) : null}
    </>
  );
}
