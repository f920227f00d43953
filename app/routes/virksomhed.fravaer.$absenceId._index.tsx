import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SavedAlert } from "~/components/alerts";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { type z } from "zod";
import { DanishDate, DeadlineTimeline, EmployerPeriodSummary } from "~/components/deadlines";
import { DiagnosisConfirm, ErrorSummary, TextArea, TextField } from "~/components/form";
import { conversationSchema, fastTrackSchema, nemRefusionSchema, PAY_OPTIONS, returnSchema } from "~/forms/absence";
import { ConversationBadge } from "~/components/submission";
import { DOCUMENT_TYPE_LABELS } from "~/domain/documents";
import { getAbsenceCase, recordAbsenceFact } from "~/models/absence-case.server";
import { absenceTimelineFor } from "~/models/absence-timeline.server";
import { AbsenceTimelinePicture } from "~/components/timeline";
import { documentStarts, listAbsenceDocuments } from "~/models/document.server";
import { documentSummary } from "~/documents/summaries";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData, readIntent } from "~/utils/forms.server";
import { idParam, notNow, orRespond, today } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Sygefravær ${data?.reference ?? ""} – Fasthold` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const asOf = today();
  const c = await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId: idParam(params.absenceId), asOf }));
  const documents = await listAbsenceDocuments({ ...user.scope, absenceId: c.absence.id });
  const a = c.absence;
  return json({
    asOf,
    reference: c.reference,
    // The page's facts of the case, not the row: Remix writes what a loader returns into the page's HTML.
    absence: {
      id: a.id,
      firstAbsenceDay: a.firstAbsenceDay,
      extent: a.extent,
      pay: a.pay,
      expectedOver8Weeks: a.expectedOver8Weeks,
      paragraph56: a.paragraph56,
      conversationHeldOn: a.conversationHeldOn,
      conversationNotes: a.conversationNotes,
      fastTrackRequestedOn: a.fastTrackRequestedOn,
      expectedBackWithin26Weeks: a.expectedBackWithin26Weeks,
      absenceReportedOn: a.absenceReportedOn,
      absenceReportReference: a.absenceReportReference,
      refundRequestedOn: a.refundRequestedOn,
      refundRequestReference: a.refundRequestReference,
      returnedOn: a.returnedOn,
    },
    employee: { id: c.employee.id, name: c.employee.name, employmentEndDate: c.employee.employmentEndDate },
    result: c.result,
    documents: documents.map((d) => ({ document: { id: d.document.id, type: d.document.type }, status: d.status, lastEvent: d.lastEvent, latestMessage: d.latestMessage })),
    starts: documentStarts(c.absence, documents, asOf),
    timeline: await absenceTimelineFor({ companyId: user.company.id, absence: c.absence, result: c.result, asOf }),
  });
}


export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const absenceId = idParam(params.absenceId);
  const asOf = today();
  const { absence } = await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId, asOf }));
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["conversation", "return", "fast-track", "absence-report", "refund-request"]);
  if (intent === "return" && absence.returnedOn) throw notNow("Raskmeldingen er allerede registreret.");
  if (intent === "fast-track" && absence.fastTrackRequestedOn) throw notNow("Anmodningen om fast track er allerede registreret.");
  if (intent === "absence-report" && absence.absenceReportedOn) throw notNow("Anmeldelsen i NemRefusion er allerede registreret.");
  if (intent === "refund-request" && absence.refundRequestedOn) throw notNow("Anmodningen om refusion er allerede registreret.");

  const schema =
    intent === "conversation"
      ? conversationSchema(asOf)
      : intent === "return"
        ? returnSchema(asOf)
        : intent === "fast-track"
          ? fastTrackSchema(asOf)
          : nemRefusionSchema(asOf);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return json({ intent: intent, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const fact =
    v.intent === "conversation"
      ? { kind: "conversation" as const, conversationHeldOn: v.conversationHeldOn, conversationNotes: v.conversationNotes }
      : v.intent === "return"
        ? { kind: "return" as const, returnedOn: v.returnedOn }
        : v.intent === "fast-track"
          ? { kind: "fast-track" as const, fastTrackRequestedOn: v.fastTrackRequestedOn }
          : { kind: v.intent, doneOn: v.doneOn, reference: v.reference };
  const done = await runOrReply(submission, async () => await recordAbsenceFact({ user, absenceId, fact, asOf }));
  if (!done.ok) return json({ intent: intent, result: done.reply }, { status: 400 });
  return redirect(`/virksomhed/fravaer/${absenceId}?gemt=${intent}`);
}

const SAVED: Record<string, string> = {
  oprettet: "Fraværet er registreret, og fristerne er beregnet.",
  rettet: "Ændringerne er gemt, og fristerne er beregnet igen.",
  conversation: "Samtalen er registreret. Fristerne er opdateret.",
  return: "Raskmeldingen er registreret. Fristerne er opdateret.",
  "fast-track": "Anmodningen om fast track er registreret. Fristerne er opdateret.",
  "absence-report": "Anmeldelsen i NemRefusion er registreret. Fristen er lukket.",
  "refund-request": "Anmodningen om refusion i NemRefusion er registreret. Fristen er lukket.",
};

function useFactForm<S extends z.ZodType<Record<string, unknown>, Record<string, unknown>>>(id: string, schema: S, lastResult: SubmissionResult<string[]> | undefined) {
  return useFasholdForm({
    id: id,
    schema,
    lastResult,
  });
}

export default function AbsencePage() {
  const { asOf, reference, absence, employee, result, documents, starts, timeline } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const [conversationForm, conversationFields] = useFactForm("fact-conversation", conversationSchema(asOf), resultFor("conversation"));
  const [returnForm, returnFields] = useFactForm("fact-return", returnSchema(asOf), resultFor("return"));
  const [fastTrackForm, fastTrackFields] = useFactForm("fact-fast-track", fastTrackSchema(asOf), resultFor("fast-track"));
  const hasRefundRequest = result.deadlines.some((d) => d.id === "refund-request");
  const open = absence.returnedOn === null;
  const payLabel = PAY_OPTIONS.find((o) => o.value === absence.pay)?.label;

  return (
    <>
      <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
        Tilbage til {employee.name}
      </Link>
      <SavedAlert messages={SAVED} />
      <h1>
        Sygefravær {reference}: {employee.name}
      </h1>
      <div className="row">
        <div className="col-12 col-lg-6">
          <h2>Oplysninger</h2>
          <dl className="summary-list">
            <dt>Første fraværsdag</dt>
            <dd>
              <DanishDate date={absence.firstAbsenceDay} />
            </dd>
            <dt>Omfang</dt>
            <dd>{absence.extent === "full" ? "Fuldt fravær" : "Delvist fravær"}</dd>
            <dt>Arbejdsgiveren betaler</dt>
            <dd>{payLabel}</dd>
            <dt>Forventes at vare mere end 8 uger</dt>
            <dd>{absence.expectedOver8Weeks ? "Ja" : "Nej"}</dd>
            <dt>§ 56-aftale</dt>
            <dd>{absence.paragraph56 ? "Ja" : "Nej"}</dd>
            <dt>Samtale om sygefravær</dt>
            <dd>
              {absence.conversationHeldOn ? (
                <>
                  Holdt <DanishDate date={absence.conversationHeldOn} />
                  {absence.conversationNotes ? <span className="form-hint">{absence.conversationNotes}</span> : null}
                </>
              ) : (
                "Ikke holdt endnu"
              )}
            </dd>
            <dt>Fast track</dt>
            <dd>{absence.fastTrackRequestedOn ? <>Anmodet <DanishDate date={absence.fastTrackRequestedOn} /></> : "Ikke anmodet"}</dd>
            <dt>Tilbage inden 26 uger</dt>
            <dd>{absence.expectedBackWithin26Weeks ? "Ja, begge forventer det" : "Nej, eller det vides ikke"}</dd>
            <dt>Fratræder</dt>
            <dd>{employee.employmentEndDate ? <DanishDate date={employee.employmentEndDate} /> : "Ikke oplyst"}</dd>
            <dt>Anmeldt i NemRefusion</dt>
            <dd>
              {absence.absenceReportedOn ? (
                <>
                  <DanishDate date={absence.absenceReportedOn} />
                  {absence.absenceReportReference ? ` (reference ${absence.absenceReportReference})` : null}
                </>
              ) : (
                "Ikke registreret"
              )}
            </dd>
            {hasRefundRequest ? (
              <>
                <dt>Refusion anmodet i NemRefusion</dt>
                <dd>
                  {absence.refundRequestedOn ? (
                    <>
                      <DanishDate date={absence.refundRequestedOn} />
                      {absence.refundRequestReference ? ` (reference ${absence.refundRequestReference})` : null}
                    </>
                  ) : (
                    "Ikke registreret"
                  )}
                </dd>
              </>
            ) : null}
            <dt>Raskmeldt</dt>
            <dd>{absence.returnedOn ? <>Tilbage på arbejde <DanishDate date={absence.returnedOn} /></> : "Åbent fravær"}</dd>
          </dl>
          <p>
            <Link to="rediger" className="button button-secondary">
              Ret oplysninger
            </Link>
          </p>
        </div>
        <div className="col-12 col-lg-6">
          <h2>Arbejdsgiverperiode og refusion</h2>
          <EmployerPeriodSummary result={result} />
        </div>
      </div>

      <h2>Frister</h2>
      <AbsenceTimelinePicture timeline={timeline} tableId="deadline-table" />
      <div id="deadline-table">
        <DeadlineTimeline result={result} caption={<span className="sr-only">Frister i sagen pr. {asOf.split("-").reverse().join(".")}</span>} />
      </div>

      <h2>Dokumenter til jobcentret</h2>
      {documents.length === 0 ? <p>Der er ingen dokumenter på sagen endnu.</p> : (
        <ul className="nobullet-list" data-testid="absence-documents">
          {documents.map((d) => (
            <li key={d.document.id}>
              <Link to={`/virksomhed/dokumenter/${d.document.id}`}>{DOCUMENT_TYPE_LABELS[d.document.type]}</Link>{" "}
              {d.status ? <ConversationBadge status={d.status} lastEvent={d.lastEvent} side="employer" /> : <span className="badge">Ikke sendt</span>}
              {d.latestMessage ? <span className="form-hint preserve-lines">Jobcentret skriver: {d.latestMessage}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {starts.map((s) => {
        const label = documentSummary(s.type).startOnAbsence?.refusalLabel;
        return s.refusal && label ? (
          <p key={s.type} className="form-hint">
            {label}: {s.refusal}
          </p>
        ) : null;
      })}
      <p>
        {starts.map((s) => {
          const start = documentSummary(s.type).startOnAbsence;
          return s.exists || s.refusal || !start ? null : (
            <Fragment key={s.type}>
              <Link to={start.to({ employeeId: employee.id, absenceId: absence.id })} className="button button-secondary">
                {start.label}
              </Link>{" "}
            </Fragment>
          );
        })}
      </p>

      <h2>Registrér hvad der er sket</h2>
      <div className="fact-forms">
        <section aria-labelledby="fact-conversation-heading">
          <h3 id="fact-conversation-heading">Samtale om sygefravær</h3>
          <Form method="post" {...getFormProps(conversationForm)} noValidate>
            <input type="hidden" name="intent" value="conversation" />
            <ErrorSummary fields={[conversationFields.conversationHeldOn, conversationFields.conversationNotes]} formErrors={conversationForm.errors} />
            <TextField field={conversationFields.conversationHeldOn} label="Samtalen blev holdt den" type="date" />
            <TextArea
              field={conversationFields.conversationNotes}
              label="Korte noter"
              optional
              rows={3}
              hint="Om fraværets betydning for arbejdet og mulige tilpasninger – aldrig om diagnosen."
            />
            <DiagnosisConfirm field={conversationFields.confirmNoDiagnosis} />
            <button type="submit" className="button button-primary">
              Registrér samtale
            </button>
          </Form>
        </section>
        {open ? (
          <section aria-labelledby="fact-return-heading">
            <h3 id="fact-return-heading">Raskmelding</h3>
            <Form method="post" {...getFormProps(returnForm)} noValidate>
              <input type="hidden" name="intent" value="return" />
              <ErrorSummary fields={[returnFields.returnedOn]} formErrors={returnForm.errors} />
              <TextField field={returnFields.returnedOn} label="Første dag tilbage på arbejde" type="date" />
              <button type="submit" className="button button-primary">
                Registrér raskmelding
              </button>
            </Form>
          </section>
        ) : null}
        {absence.fastTrackRequestedOn ? null : (
          <section aria-labelledby="fact-fast-track-heading">
            <h3 id="fact-fast-track-heading">Fast track</h3>
            <p className="form-hint">Anmodning til kommunen om tidlig opfølgning (sygedagpengeloven § 7 c).</p>
            <Form method="post" {...getFormProps(fastTrackForm)} noValidate>
              <input type="hidden" name="intent" value="fast-track" />
              <ErrorSummary fields={[fastTrackFields.fastTrackRequestedOn]} formErrors={fastTrackForm.errors} />
              <TextField field={fastTrackFields.fastTrackRequestedOn} label="Anmodningen blev sendt den" type="date" />
              <button type="submit" className="button button-primary">
                Registrér anmodning
              </button>
            </Form>
          </section>
        )}
        {absence.absenceReportedOn ? null : <NemRefusionForm {...NEM_REFUSION["absence-report"]} asOf={asOf} lastResult={resultFor("absence-report")} />}
        {!hasRefundRequest || absence.refundRequestedOn ? null : (
          <NemRefusionForm {...NEM_REFUSION["refund-request"]} asOf={asOf} lastResult={resultFor("refund-request")} />
        )}
      </div>
    </>
  );
}

type NemRefusionIntent = "absence-report" | "refund-request";

const NEM_REFUSION: Record<NemRefusionIntent, { intent: NemRefusionIntent; heading: string; hint: string; dateLabel: string; buttonLabel: string }> = {
  "absence-report": {
    intent: "absence-report",
    heading: "Anmeldelse i NemRefusion",
    hint: "Fraværet anmeldes i NemRefusion uden for Fasthold (sygedagpengeloven § 40). Registrér her, hvornår det blev gjort.",
    dateLabel: "Anmeldt i NemRefusion den",
    buttonLabel: "Registrér anmeldelse",
  },
  "refund-request": {
    intent: "refund-request",
    heading: "Anmodning om refusion",
    hint: "Refusionen søges i NemRefusion uden for Fasthold (sygedagpengeloven § 59). Registrér her, hvornår det blev gjort.",
    dateLabel: "Refusion anmodet i NemRefusion den",
    buttonLabel: "Registrér anmodning om refusion",
  },
};

/** What was done in NemRefusion, outside Fasthold: the absence report (§ 40) and the refund request (§ 59) are the same form. */
function NemRefusionForm(props: (typeof NEM_REFUSION)[NemRefusionIntent] & {
  asOf: string;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useFactForm(`fact-${props.intent}`, nemRefusionSchema(props.asOf), props.lastResult);
  return (
    <section aria-labelledby={`fact-${props.intent}-heading`}>
      <h3 id={`fact-${props.intent}-heading`}>{props.heading}</h3>
      <p className="form-hint">{props.hint}</p>
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value={props.intent} />
        <ErrorSummary fields={[fields.doneOn, fields.reference]} formErrors={form.errors} />
        <TextField field={fields.doneOn} label={props.dateLabel} type="date" />
        <TextField field={fields.reference} label="Reference fra NemRefusion" optional autoComplete="off" />
        <button type="submit" className="button button-primary">
          {props.buttonLabel}
        </button>
      </Form>
    </section>
  );
}
