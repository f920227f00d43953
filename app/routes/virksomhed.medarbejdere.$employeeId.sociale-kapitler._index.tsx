import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SavedAlert } from "~/components/alerts";
import { DanishDate } from "~/components/deadlines";
import { DiagnosisConfirm, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from "~/components/form";
import { ConversationBadge } from "~/components/submission";
import { todayInCopenhagen } from "~/domain/dates";
import { SOCIAL_CHAPTER_BASIS } from "~/domain/pension-age";
import { LOG_KIND_LABELS, LOG_KINDS, logEntrySchema, REDACTED_TEXT_DEFAULT, RedactLogEntrySchema, SocialChapterReplySchema } from "~/forms/social-chapter";
import { addLogEntry, redactLogEntry, sendSocialChapterDossier, socialChapterView } from "~/models/social-chapter.server";
import { runOrReply, readFormData, readIntent } from "~/utils/forms.server";
import { notNow, today } from "~/utils/http.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { AgreementTermsRows } from "~/documents/social-chapter.summary";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Sociale kapitler – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const asOf = today();
  return json({ asOf, view: await socialChapterView({ companyId: user.company.id, employeeId: employee.id, asOf }) });
}

const SendSchema = z.object({ intent: z.literal("send") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const asOf = today();
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["log", "send", "reply", "redact"]);
  const view = await socialChapterView({ companyId: user.company.id, employeeId: employee.id, asOf });
  if (!view.record) throw notNow("Registrér aftalen om ansættelse på sociale kapitler først.");
  if (intent === "reply" && view.submission?.status !== "needs-information") throw notNow("Jobcentret venter ikke på et svar på dossieret.");
  const schema = intent === "send" ? SendSchema : intent === "reply" ? SocialChapterReplySchema : intent === "redact" ? RedactLogEntrySchema : logEntrySchema(asOf);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const v = submission.value;
  const done = await runOrReply(submission, async () => {
    if (v.intent === "log") return await addLogEntry({ user, employeeId: employee.id, entry: v });
    if (v.intent === "redact") return await redactLogEntry({ user, employeeId: employee.id, redaction: v });
    if (v.intent === "reply") return await sendSocialChapterDossier({ user, employeeId: employee.id, asOf, reply: v.reply, lock: v.lock });
    return await sendSocialChapterDossier({ user, employeeId: employee.id, asOf });
  });
  if (!done.ok) return done.response;
  return redirect(`/virksomhed/medarbejdere/${employee.id}/sociale-kapitler?gemt=${v.intent}`);
}

const SAVED: Record<string, string> = {
  aftale: "Aftalen er gemt.",
  log: "Indførslen er tilføjet loggen.",
  send: "Dossieret er sendt til jobcentret.",
  reply: "Det opdaterede dossier og dit svar er sendt til jobcentret.",
  redact: "Teksten er erstattet. Den oprindelige tekst er slettet, også i dossieret.",
};

const KIND_LABELS = LOG_KIND_LABELS;

/** The action's answer belongs to the form whose intent it carries; the other forms start fresh. */
function resultFor(lastResult: unknown, intent: string): SubmissionResult<string[]> | undefined {
  const result = lastResult as SubmissionResult<string[]> | undefined;
  return result?.initialValue?.intent === intent ? result : undefined;
}

function redactedNote(e: { redactedAt: string | null; redactedByName: string | null }) {
  if (!e.redactedAt) return null;
  return (
    <p className="form-hint" data-testid="redacted-note">
      Teksten er erstattet <DanishDate date={todayInCopenhagen(new Date(e.redactedAt))} /> af {e.redactedByName ?? "en tidligere bruger"}, fordi den indeholdt helbredsoplysninger.
    </p>
  );
}

function LogForm(props: { asOf: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const schema = logEntrySchema(props.asOf);
  const [form, fields] = useFasholdForm({
    id: "social-chapter-log",
    schema: schema,
    lastResult: props.lastResult,
    defaultValue: { entryDate: props.asOf },
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary fields={[fields.entryDate, fields.kind, fields.text, fields.correctsEntryId]} formErrors={form.errors} />
      <input type="hidden" name="intent" value="log" />
      <TextField field={fields.entryDate} label="Dato" type="date" />
      <RadioGroup field={fields.kind} legend="Hvad handler indførslen om?" options={[...LOG_KINDS, { value: "correction", label: "Rettelse af en tidligere indførsel" }]} />
      <TextField field={fields.correctsEntryId} label="Nummer på den indførsel, der rettes" optional inputMode="numeric" className="input-width-xs" />
      <TextArea field={fields.text} label="Hvad skete der?" hint="Beskriv tiltag og virkning for arbejdet – ikke helbredsoplysninger." />
      <DiagnosisConfirm field={fields.confirmNoDiagnosis} />
      <button type="submit" className="button button-primary">
        Tilføj
      </button>
    </Form>
  );
}

function ReplyForm(props: { lock: number; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useFasholdForm({
    id: "social-chapter-reply",
    schema: SocialChapterReplySchema,
    lastResult: props.lastResult,
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary fields={[fields.reply]} formErrors={form.errors} />
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="lock" value={props.lock} />
      <TextArea field={fields.reply} label="Svar til jobcentret" hint="Sendes sammen med et opdateret dossier med aftalen og loggen, som de er nu." rows={3} />
      <DiagnosisConfirm field={fields.confirmNoDiagnosis} />
      <button type="submit" className="button button-primary">
        Send opdateret dossier med svar
      </button>
    </Form>
  );
}

function RedactForm(props: { lastResult: SubmissionResult<string[]> | undefined; entryId: string; entries: Array<{ id: number; entryDate: string }> }) {
  const [form, fields] = useFasholdForm({
    id: "social-chapter-redact",
    schema: RedactLogEntrySchema,
    lastResult: props.lastResult,
    defaultValue: { entryId: props.entryId, replacement: REDACTED_TEXT_DEFAULT },
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary fields={[fields.entryId, fields.replacement]} formErrors={form.errors} />
      <input type="hidden" name="intent" value="redact" />
      <SelectField
        field={fields.entryId}
        label="Indførsel"
        emptyOption="Vælg indførsel"
        options={props.entries.map((e) => ({ value: String(e.id), label: `Nr. ${e.id}, ${e.entryDate.split("-").reverse().join(".")}` }))}
      />
      <TextArea field={fields.replacement} label="Ny tekst" hint="Skriv hvad der skete for arbejdet uden helbredsoplysninger, eller behold standardteksten." rows={3} />
      <DiagnosisConfirm field={fields.confirmNoDiagnosis} />
      <button type="submit" className="button button-secondary">
        Erstat teksten
      </button>
    </Form>
  );
}

export default function SocialChapterPage() {
  const { asOf, view } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const location = useLocation();
  const employee = view.employee;
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
        <AgreementTermsRows terms={r} />
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
      <p>
        Loggen dokumenterer det reelle forsøg på at fastholde medarbejderen på ordinære vilkår. Indførsler kan ikke ændres; ret med en ny
        indførsel. Står der helbredsoplysninger i en indførsel, kan teksten erstattes, så den oprindelige tekst slettes.
      </p>
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
              {redactedNote(e)}
              <p className="preserve-lines">{e.text}</p>
              {e.redactedAt ? null : (
                <Link to={`?erstat=${e.id}#redact-heading`} className="function-link" preventScrollReset>
                  Erstat teksten i nr. {e.id} (helbredsoplysninger)
                </Link>
              )}
            </li>
          ))}
        </ol>
      )}
      <section aria-labelledby="log-heading">
        <h3 id="log-heading">Tilføj til loggen</h3>
        {/* Keyed by the navigation: after an entry is added the form starts empty, not with the text just stored. */}
        <LogForm key={location.key} asOf={asOf} lastResult={resultFor(lastResult, "log")} />
      </section>
      {view.log.some((e) => !e.redactedAt) ? (
        <section aria-labelledby="redact-heading">
          <h3 id="redact-heading">Erstat tekst med helbredsoplysninger</h3>
          <p>
            Den oprindelige tekst slettes fra loggen og fra dossieret, også en version der er sendt til jobcentret. Indførslen viser, at teksten er
            erstattet, af hvem og hvornår. Det kan kun gøres én gang pr. indførsel.
          </p>
          {/* Keyed by the entry picked from the log, so following another entry's link starts the form afresh. */}
          <RedactForm
            key={params.get("erstat") ?? ""}
            lastResult={resultFor(lastResult, "redact")}
            entryId={params.get("erstat") ?? ""}
            entries={view.log.filter((e) => !e.redactedAt).map((e) => ({ id: e.id, entryDate: e.entryDate }))}
          />
        </section>
      ) : null}

      <h2>Dossier til jobcentret</h2>
      {view.submission ? (
        <p>
          Sendt <DanishDate date={view.submission.receivedOn} /> · <ConversationBadge status={view.submission.status} lastEvent={view.submissionLastEvent} side="employer" /> ·{" "}
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
        <ReplyForm key={location.key} lock={view.submission.lock} lastResult={resultFor(lastResult, "reply")} />
      ) : null}
    </>
  );
}
