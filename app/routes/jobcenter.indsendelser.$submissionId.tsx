import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SavedAlert } from "~/components/alerts";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DanishDate, DeadlineTimeline } from "~/components/deadlines";
import { VersionChanges } from "~/components/version-changes";
import { DocumentContent } from "~/components/document-content";
import { documentSummary } from "~/documents/summaries";
import { DATE_FORMAT_HINT } from "~/components/form";
import { DoctorAnswerSummary } from "~/components/mulighedserklaering";
import { ConversationBadge, SubmissionHistory } from "~/components/submission";
import { formatDanishDate } from "~/domain/dates";
import { formatPhone } from "~/domain/phone";
import { DOCUMENT_TYPE_LABELS } from "~/domain/documents";
import { availableActions, SUBMISSION_STATUS_LABELS } from "~/domain/review";
import { lastConversationEvent } from "~/domain/review-states";
import { CONFIRM_NO_DIAGNOSIS_HINT, CONFIRM_NO_DIAGNOSIS_LABEL } from "~/forms/diagnosis";
import { ReviewActionSchema } from "~/forms/fast-track";
import { recordDocumentRead } from "~/models/audit-log.server";
import { addressText, citizenContactForJobcenter } from "~/models/jobcenter-contact.server";
import { getSubmissionForJobcenter, reviewSubmission } from "~/models/review.server";
import { requireJobcenter } from "~/models/auth.server";
import { runOrReply, readFormData, readIntent } from "~/utils/forms.server";
import { idParam, orRespond, today } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? DOCUMENT_TYPE_LABELS[data.view.submission.type] : "Indsendelse"} – Jobcenter – Fasthold` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireJobcenter(request);
  const asOf = today();
  const submissionId = idParam(params.submissionId);
  const view = await orRespond(async () => await getSubmissionForJobcenter({ municipalityCode: user.municipality.code, submissionId, asOf }));
  const citizen = await citizenContactForJobcenter({ municipalityCode: user.municipality.code, submissionId, asOf });
  await recordDocumentRead({ userId: user.id, action: "submission.view", entity: { type: "submission", id: view.submission.id }, documentType: view.submission.type });
  return json({ view, asOf, citizen: { ...citizen, employee: { name: citizen.employee.name, birthDate: citizen.employee.birthDate, address: addressText(citizen.employee.address) } } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireJobcenter(request);
  const submissionId = idParam(params.submissionId);
  const asOf = today();
  const current = await orRespond(async () => await getSubmissionForJobcenter({ municipalityCode: user.municipality.code, submissionId, asOf }));
  const formData = await readFormData(request);
  readIntent(formData, ["take", "request-information", "approve", "reject", "note", "follow-up"]);
  const submission = parseWithZod(formData, { schema: ReviewActionSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const v = submission.value;
  // A decision cannot be taken back: the first press asks for confirmation and says what the employer will see.
  // (An approval without the date its kind needs, a § 56 agreement's A, goes straight on to the model, which says the date is missing.)
  const incomplete = v.intent === "approve" && documentSummary(current.submission.type).approvalDate !== undefined && !v.approvedOn;
  if ((v.intent === "approve" || v.intent === "reject") && !incomplete && formData.get("confirmed") !== "ja") {
    return json({
      confirm: {
        intent: v.intent,
        lock: v.lock,
        message: v.intent === "reject" ? v.message : null,
        approvedOn: v.intent === "approve" ? (v.approvedOn ?? null) : null,
        confirmNoDiagnosis: formData.get("confirmNoDiagnosis") === "on",
      },
    });
  }
  const done = await runOrReply(submission, async () => {
    if (v.intent === "note") return await reviewSubmission({ user, submissionId, asOf, action: "note", note: v.note });
    if (v.intent === "follow-up") return await reviewSubmission({ user, submissionId, asOf, action: "follow-up", heldOn: v.heldOn });
    if (v.intent === "request-information" || v.intent === "reject") {
      return await reviewSubmission({ user, submissionId, asOf, action: v.intent, lock: v.lock, message: v.message });
    }
    if (v.intent === "approve") return await reviewSubmission({ user, submissionId, asOf, action: "approve", lock: v.lock, approvedOn: v.approvedOn });
    return await reviewSubmission({ user, submissionId, asOf, action: v.intent, lock: v.lock });
  });
  if (!done.ok) return done.response;
  return redirect(`/jobcenter/indsendelser/${submissionId}?gemt=${v.intent}`);
}

const SAVED: Record<string, string> = {
  take: "Du har taget indsendelsen.",
  "request-information": "Anmodningen om flere oplysninger er sendt til arbejdsgiveren.",
  approve: "Indsendelsen er godkendt.",
  reject: "Indsendelsen er afvist, og arbejdsgiveren har fået begrundelsen.",
  note: "Noten er gemt. Den vises ikke for arbejdsgiveren.",
  "follow-up": "Første opfølgning er registreret på sygefraværet.",
};

interface LastResult {
  initialValue?: Record<string, unknown>;
  error?: Record<string, string[] | null>;
}

/** Errors of the last submitted action form, keyed by field ("" holds errors about the whole action). */
function errorsFor(lastResult: unknown, intent: string): Record<string, string[]> {
  const r = lastResult as LastResult | undefined;
  if (!r?.error || r.initialValue?.intent !== intent) return {};
  return Object.fromEntries(Object.entries(r.error).filter((e): e is [string, string[]] => Boolean(e[1]?.length)));
}

/** What the user typed in the last submitted action form, so a refused text comes back as it was written. */
function inputFor(lastResult: unknown, intent: string): Record<string, unknown> {
  const r = lastResult as LastResult | undefined;
  return r?.initialValue?.intent === intent ? r.initialValue : {};
}

/**
 * One small POST form per action, in DKFDS markup; its field shows its own error.
 * A text field carries the diagnosis confirmation: messages reach the employer's files.
 */
function ActionForm(props: {
  intent: string;
  lock?: number;
  buttonLabel: string;
  primary?: boolean;
  field?: { name: string; label: string; kind: "textarea" | "date"; hint?: string };
  errors: Record<string, string[]>;
  input?: Record<string, unknown>;
}) {
  const f = props.field;
  const id = f ? `${props.intent}-${f.name}` : undefined;
  const error = f ? props.errors[f.name]?.[0] : undefined;
  const typed = f ? props.input?.[f.name] : undefined;
  const confirmId = `${props.intent}-confirmNoDiagnosis`;
  // A date field always carries the DKFDS format hint.
  const hint = f?.kind === "date" ? [f.hint, DATE_FORMAT_HINT].filter(Boolean).join(" ") : f?.hint;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={props.intent} />
      {props.lock !== undefined ? <input type="hidden" name="lock" value={props.lock} /> : null}
      {f && id ? (
        <div className={`form-group${error ? " form-error" : ""}`}>
          <label className="form-label" htmlFor={id}>
            {f.label}
          </label>
          {hint ? (
            <span className="form-hint" id={`${id}-hint`}>
              {hint}
            </span>
          ) : null}
          {error ? (
            <span className="form-error-message" id={`${id}-error`}>
              <span className="sr-only">Fejl: </span>
              {error}
            </span>
          ) : null}
          {f.kind === "textarea" ? (
            <textarea
              className="form-input"
              id={id}
              name={f.name}
              rows={3}
              defaultValue={typeof typed === "string" ? typed : undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
          ) : (
            <input
              className="form-input input-char-11"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              maxLength={10}
              data-date-field=""
              id={id}
              name={f.name}
              defaultValue={typeof typed === "string" ? typed : undefined}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy}
            />
          )}
        </div>
      ) : null}
      {f?.kind === "textarea" ? (
        <div className="form-group">
          <div className="form-group-checkbox">
            <input
              className="form-checkbox"
              type="checkbox"
              id={confirmId}
              name="confirmNoDiagnosis"
              value="on"
              defaultChecked={props.input?.confirmNoDiagnosis === "on"}
              aria-describedby={`${confirmId}-hint`}
            />
            <label className="form-label" htmlFor={confirmId}>
              {CONFIRM_NO_DIAGNOSIS_LABEL}
            </label>
            <span className="form-hint" id={`${confirmId}-hint`}>
              {CONFIRM_NO_DIAGNOSIS_HINT}
            </span>
          </div>
        </div>
      ) : null}
      <button type="submit" className={`button ${props.primary ? "button-primary" : "button-secondary"}`}>
        {props.buttonLabel}
      </button>
    </Form>
  );
}

interface PendingDecision {
  intent: "approve" | "reject";
  lock: number;
  message: string | null;
  approvedOn: string | null;
  confirmNoDiagnosis: boolean;
}

/** The second step of "Godkend"/"Afvis": what the employer will see, and the button that decides. */
function ConfirmDecision({ confirm, typeLabel }: { confirm: PendingDecision; typeLabel: string }) {
  const approve = confirm.intent === "approve";
  return (
    <div className="alert alert-warning" role="alert" aria-labelledby={`confirm-${confirm.intent}-heading`}>
      <div className="alert-body">
        <p className="alert-heading" id={`confirm-${confirm.intent}-heading`}>
          {approve ? "Vil du godkende indsendelsen?" : "Vil du afvise indsendelsen?"}
        </p>
        <p className="alert-text">
          {approve
            ? `Arbejdsgiveren ser status "Godkendt" og får besked i portalen og på e-mail: "Godkendt af jobcentret: ${typeLabel}".`
            : `Arbejdsgiveren ser status "Afvist" og får besked i portalen og på e-mail med din begrundelse:`}
          {confirm.approvedOn ? ` Aftalen godkendes fra ${formatDanishDate(confirm.approvedOn)}.` : ""}
        </p>
        {confirm.message ? <p className="alert-text preserve-lines">{confirm.message}</p> : null}
        <p className="alert-text">Beslutningen kan ikke fortrydes.</p>
        <Form method="post">
          <input type="hidden" name="intent" value={confirm.intent} />
          <input type="hidden" name="lock" value={confirm.lock} />
          <input type="hidden" name="confirmed" value="ja" />
          {confirm.message !== null ? <input type="hidden" name="message" value={confirm.message} /> : null}
          {confirm.approvedOn ? <input type="hidden" name="approvedOn" value={confirm.approvedOn} /> : null}
          {confirm.confirmNoDiagnosis ? <input type="hidden" name="confirmNoDiagnosis" value="on" /> : null}
          <button type="submit" className={`button ${approve ? "button-primary" : "button-secondary"}`}>
            {approve ? "Ja, godkend" : "Ja, afvis"}
          </button>{" "}
          <Link to="." className="button button-tertiary">
            Fortryd
          </Link>
        </Form>
      </div>
    </div>
  );
}

export default function ReviewSubmission() {
  const { view, asOf, citizen } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const s = view.submission;
  const actions = availableActions(s.status, "jobcenter");
  const approvalDate = documentSummary(s.type).approvalDate;
  const lastEvent = lastConversationEvent(view.events.map((e) => e.kind));
  const pending = lastResult && "confirm" in lastResult ? lastResult.confirm : null;
  const submitted = view.versions.find((v) => v.version === s.version) ?? view.versions.at(-1);
  const followUp = view.deadlines?.deadlines.find((d) => d.id === "first-follow-up");
  const lastIntent = (lastResult as LastResult | undefined)?.initialValue?.intent;
  const errors = typeof lastIntent === "string" ? errorsFor(lastResult, lastIntent) : {};
  const summary = Object.entries(errors).flatMap(([field, messages]) => messages.map((m) => ({ field, message: m })));
  return (
    <>
      <Link to="/jobcenter" className="back-link">
        Tilbage til indbakken
      </Link>
      <SavedAlert messages={SAVED} />
      <h1>
        {DOCUMENT_TYPE_LABELS[s.type]}: {view.employee.name}
      </h1>
      <p className="font-lead">
        {view.company.name} (CVR {view.company.cvr}) · modtaget <DanishDate date={s.receivedOn} /> · <ConversationBadge status={s.status} lastEvent={lastEvent} side="jobcenter" />
        {view.assignee ? ` · behandles af ${view.assignee.name}` : ""}
      </p>
      <h2>Borger og kontakt</h2>
      <dl className="summary-list" data-testid="citizen-contact">
        <dt>Borger</dt>
        <dd>{citizen.employee.name}</dd>
        <dt>Fødselsdato</dt>
        <dd>
          <DanishDate date={citizen.employee.birthDate} />
        </dd>
        <dt>Bopæl</dt>
        <dd>{citizen.employee.address ?? "Ikke oplyst af arbejdsgiveren"}</dd>
        <dt>Arbejdsgiver</dt>
        <dd>
          {citizen.company.name} (CVR {citizen.company.cvr})
        </dd>
        <dt>Kontaktperson</dt>
        <dd>
          {citizen.contact ? (
            <>
              {citizen.contact.name}
              <br />
              Telefon: <a href={`tel:${citizen.contact.phone}`}>{formatPhone(citizen.contact.phone)}</a>
              <br />
              E-mail: <a href={`mailto:${citizen.contact.email}`}>{citizen.contact.email}</a>
            </>
          ) : (
            "Arbejdsgiveren har ikke angivet en kontaktperson."
          )}
        </dd>
      </dl>
      {s.takenOverFrom ? (
        <p data-taken-over>
          <strong>{`Overtaget fra ${s.takenOverFrom}.`}</strong> Borgeren er flyttet til kommunen, og sagen med hele dens historik hører nu til jer
          (retssikkerhedsloven § 9).
        </p>
      ) : null}
      {summary.length ? (
        <div className="alert alert-error" role="alert" data-module="error-summary">
          <div className="alert-body">
            <h2 className="alert-heading">Der er problemer</h2>
            <ul className="nobullet-list">
              {summary.map((e) => (
                <li key={e.field + e.message}>{e.field ? <a href={`#${String(lastIntent)}-${e.field}`} className="function-link">{e.message}</a> : e.message}</li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}

      <h2>Handlinger</h2>
      {s.status === "needs-information" ? (
        <p>Venter på virksomheden: I har bedt om flere oplysninger. Svaret kommer tilbage til den sagsbehandler, der spurgte, og vises som nyt.</p>
      ) : actions.length === 0 ? (
        <p>{`Indsendelsen er afgjort: ${SUBMISSION_STATUS_LABELS[s.status]}.`}</p>
      ) : null}
      <div className="fact-forms">
        {actions.includes("take") ? (
          <section aria-labelledby="take-heading">
            <h3 id="take-heading">Tag sagen</h3>
            <ActionForm intent="take" lock={s.lock} buttonLabel="Tag sagen" primary errors={errorsFor(lastResult, "take")} />
          </section>
        ) : null}
        {actions.includes("approve") ? (
          <section aria-labelledby="approve-heading">
            <h3 id="approve-heading">Godkend</h3>
            {pending?.intent === "approve" ? (
              <ConfirmDecision confirm={pending} typeLabel={DOCUMENT_TYPE_LABELS[s.type]} />
            ) : (
              <ActionForm
                intent="approve"
                lock={s.lock}
                buttonLabel="Godkend"
                primary
                field={approvalDate ? { name: "approvedOn", label: approvalDate.label, kind: "date", hint: approvalDate.hint } : undefined}
                errors={errorsFor(lastResult, "approve")}
              />
            )}
          </section>
        ) : null}
        {actions.includes("request-information") ? (
          <section aria-labelledby="info-heading">
            <h3 id="info-heading">Bed om flere oplysninger</h3>
            <ActionForm
              intent="request-information"
              lock={s.lock}
              buttonLabel="Send anmodning"
              field={{ name: "message", label: "Besked til arbejdsgiveren", kind: "textarea" }}
              errors={errorsFor(lastResult, "request-information")}
              input={inputFor(lastResult, "request-information")}
            />
          </section>
        ) : null}
        {actions.includes("reject") ? (
          <section aria-labelledby="reject-heading">
            <h3 id="reject-heading">Afvis</h3>
            {pending?.intent === "reject" ? (
              <ConfirmDecision confirm={pending} typeLabel={DOCUMENT_TYPE_LABELS[s.type]} />
            ) : (
              <ActionForm
                intent="reject"
                lock={s.lock}
                buttonLabel="Afvis"
                field={{ name: "message", label: "Begrundelse til arbejdsgiveren", kind: "textarea" }}
                errors={errorsFor(lastResult, "reject")}
                input={inputFor(lastResult, "reject")}
              />
            )}
          </section>
        ) : null}
        {followUp && followUp.status !== "done" ? (
          <section aria-labelledby="follow-up-heading">
            <h3 id="follow-up-heading">Første opfølgningssamtale</h3>
            <ActionForm
              intent="follow-up"
              buttonLabel="Registrér opfølgning"
              field={{ name: "heldOn", label: "Samtalen blev holdt den", kind: "date", hint: `Senest ${formatDanishDate(followUp.dueDate)} (${followUp.basis}).` }}
              errors={errorsFor(lastResult, "follow-up")}
              input={inputFor(lastResult, "follow-up")}
            />
          </section>
        ) : null}
        <section aria-labelledby="note-heading">
          <h3 id="note-heading">Intern note</h3>
          <ActionForm
            intent="note"
            buttonLabel="Gem note"
            field={{ name: "note", label: "Note", kind: "textarea", hint: "Vises aldrig for arbejdsgiveren." }}
            errors={errorsFor(lastResult, "note")}
              input={inputFor(lastResult, "note")}
          />
        </section>
      </div>

      <h2>Dokumentet som indsendt{submitted ? ` (version ${submitted.version})` : ""}</h2>
      {submitted ? <VersionChanges version={submitted.version} changes={submitted.changes} /> : null}
      {submitted ? <DocumentContent type={s.type} content={submitted.content} /> : null}
      {view.doctor ? <DoctorAnswerSummary doctor={view.doctor} /> : null}
      <p>
        <a href={`/jobcenter/indsendelser/${s.id}/pdf`} className="button button-secondary" download>
          Hent PDF af den indsendte version
        </a>
      </p>
      {view.versions
        .filter((v) => v.version !== submitted?.version)
        .reverse()
        .map((v) => (
          <details key={v.version} className="details">
            <summary className="details-summary">Version {v.version}</summary>
            <div className="details-text">
              <DocumentContent type={s.type} content={v.content} />
              <VersionChanges version={v.version} changes={v.changes} />
            </div>
          </details>
        ))}

      {view.deadlines ? (
        <>
          <h2>Sygefraværets frister {view.reference ? `(${view.reference})` : ""}</h2>
          <DeadlineTimeline result={view.deadlines} caption={<span className="sr-only">Frister pr. {formatDanishDate(asOf)}</span>} showExplanation={false} />
        </>
      ) : null}

      <h2>Forløb</h2>
      <SubmissionHistory events={view.events} />
    </>
  );
}
