import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SavedAlert } from "~/components/alerts";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DanishDate } from "~/components/deadlines";
import { DocumentContent } from "~/components/document-content";
import { DiagnosisConfirm, ErrorSummary, TextArea } from "~/components/form";
import { ConversationBadge, SubmissionHistory } from "~/components/submission";
import { VersionChanges } from "~/components/version-changes";
import { receiptText } from "~/domain/receipt";
import { lastConversationEvent } from "~/domain/review-states";
import { todayInCopenhagen } from "~/domain/dates";
import { DOCUMENT_TYPE_LABELS } from "~/domain/documents";
import { municipalityLabel } from "~/domain/municipalities";
import { isFinal, type SubmissionStatus } from "~/domain/review";
import { ReplySchema } from "~/forms/fast-track";
import { sentToDoctorSchema } from "~/forms/mulighedserklaering";
import { DoctorPart } from "~/components/mulighedserklaering";
import { findMulighedserklaering, type getMulighedserklaering, markSentToDoctor } from "~/models/mulighedserklaering.server";
import { getEmployerDocument, replyMode } from "~/models/document.server";
import { documentSummary } from "~/documents/summaries";
import { answerInformationRequest, submitDocument } from "~/models/submission.server";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData, readIntent } from "~/utils/forms.server";
import { idParam, notNow, orRespond, today } from "~/utils/http.server";
import { recordDocumentRead } from "~/models/audit-log.server";
import { MANAGER_MAY_NOT_SUBMIT, maySubmitToJobcenter } from "~/models/department-scope.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? DOCUMENT_TYPE_LABELS[data.view.document.type] : "Dokument"} – Fasthold` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const documentId = idParam(params.documentId);
  const view = await orRespond(async () => await getEmployerDocument({ companyId: user.company.id, documentId }));
  await recordDocumentRead({ userId: user.id, action: "document.view", entity: { type: "document", id: documentId }, documentType: view.document.type });
  const m = await findMulighedserklaering({ companyId: user.company.id, document: view.document, asOf: today() });
  // A manager without HR's permission is told who sends; the text comes with the data (a *.server constant is not in the browser).
  return json({ view, declaration: m ? declarationSummary(m) : null, replyMode: replyMode(view), today: today(), hrSubmits: await maySubmitToJobcenter(user) ? null : MANAGER_MAY_NOT_SUBMIT });
}

function declarationSummary(m: Awaited<ReturnType<typeof getMulighedserklaering>>) {
  return {
    record: m.record,
    missing: m.missing,
    attachments: m.attachments.map((a) => ({ id: a.id, sizeBytes: a.sizeBytes, uploadedAt: a.uploadedAt })),
  };
}

const SubmitSchema = z.object({ intent: z.literal("submit") });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const documentId = idParam(params.documentId);
  const current = await orRespond(async () => await getEmployerDocument({ companyId: user.company.id, documentId }));
  const formData = await readFormData(request);
  const intent = readIntent(formData, ["submit", "resubmit", "sent-to-doctor"]);
  if (intent === "resubmit" && current.submission?.status !== "needs-information") throw notNow("Jobcentret venter ikke på et svar på dette dokument.");
  const asOf = today();
  if (intent === "sent-to-doctor") {
    const submission = parseWithZod(formData, { schema: sentToDoctorSchema(asOf) });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    const done = await runOrReply(submission, async () => await markSentToDoctor({ user, documentId, sentToDoctorOn: submission.value.sentToDoctorOn, asOf }));
    if (!done.ok) return done.response;
    return redirect(`/virksomhed/dokumenter/${documentId}?gemt=laege`);
  }
  if (intent === "submit") {
    const submission = parseWithZod(formData, { schema: SubmitSchema });
    if (submission.status !== "success") return json(submission.reply(), { status: 400 });
    const done = await runOrReply(submission, async () => await submitDocument({ user, documentId, asOf }));
    if (!done.ok) return done.response;
    return redirect(`/virksomhed/dokumenter/${documentId}?gemt=sendt`);
  }
  const submission = parseWithZod(formData, { schema: ReplySchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const done = await runOrReply(submission, async () => await answerInformationRequest({ user, documentId, reply: submission.value.reply, lock: submission.value.lock, asOf }));
  if (!done.ok) return done.response;
  return redirect(`/virksomhed/dokumenter/${documentId}?gemt=svar`);
}

const SAVED: Record<string, string> = {
  oprettet: "Dokumentet er gemt. Send det til jobcentret, når det er klar.",
  rettet: "Ændringerne er gemt.",
  sendt: "Dokumentet er sendt til jobcentret.",
  svar: "Den nye version og dit svar er sendt til jobcentret.",
  del1: "Del 1 er udfyldt. Hent PDF'en, som medarbejderen tager med til lægen.",
  laege: "Det er registreret, at erklæringen er sendt til lægen.",
  laegesvar: "Lægens svar er registreret.",
};

export default function EmployerDocument() {
  const { view, declaration, replyMode, today, hrSubmits } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "document-action",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema: formData.get("intent") === "submit" ? SubmitSchema : formData.get("intent") === "sent-to-doctor" ? sentToDoctorSchema(today) : ReplySchema,
      }),
  });
  const s = view.submission;
  const status = s?.status as SubmissionStatus | undefined;
  const typeLabel = DOCUMENT_TYPE_LABELS[view.document.type];
  const managedOn = documentSummary(view.document.type).managedOn;
  return (
    <>
      {view.absence ? (
        <Link to={`/virksomhed/fravaer/${view.absence.id}`} className="back-link">
          Tilbage til sagen
        </Link>
      ) : null}
      <SavedAlert messages={SAVED} />
      <h1>
        {typeLabel}: {view.employee.name}
      </h1>
      <p className="font-lead">
        Sag {view.reference}
        {s ? (
          <>
            {" "}
            · Sendt til {municipalityLabel(s.municipalityCode)} <DanishDate date={s.receivedOn} /> · <ConversationBadge status={status!} lastEvent={lastConversationEvent(s.events.map((e) => e.kind))} side="employer" />
          </>
        ) : (
          " · Ikke sendt til jobcentret"
        )}
      </p>
      {s ? <SubmissionReceipt events={s.events} municipality={municipalityLabel(s.municipalityCode) ?? "jobcentret"} reference={view.reference} /> : null}
      <ErrorSummary fields={[fields.reply, fields.sentToDoctorOn]} formErrors={form.errors} />
      {declaration ? <DoctorPart documentId={view.document.id} declaration={declaration} today={today} form={form} fields={fields} /> : null}

      <h2>Indhold (version {view.current.version})</h2>
      <DocumentContent type={view.document.type} content={view.current.content} />
      <p>
        {managedOn ? (
          <Link to={managedOn.path(view.employee.id)} className="button button-secondary">
            {managedOn.label}
          </Link>
        ) : isFinal(status) ? null : declaration ? (
          <Link to="trin/parter" className="button button-secondary">
            {declaration.record.status === "draft" ? "Fortsæt del 1" : "Ret del 1"}
          </Link>
        ) : (
          <Link to="rediger" className="button button-secondary">
            {view.current.submittedAt ? "Ret (giver en ny version)" : "Ret"}
          </Link>
        )}{" "}
        <a href={`/virksomhed/dokumenter/${view.document.id}/pdf`} className="button button-secondary" download>
          Hent PDF
        </a>
      </p>

      {hrSubmits && (!s || status === "needs-information") ? (
        <p data-testid="hr-submits">{hrSubmits}</p>
      ) : !s && declaration?.record.status === "draft" ? (
        <p>Erklæringen kan sendes til jobcentret, når del 1 er udfyldt.</p>
      ) : !s ? (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="submit" />
          <button type="submit" className="button button-primary">
            Send til jobcenter
          </button>
        </Form>
      ) : null}

      {!hrSubmits && s && status === "needs-information" ? (
        <section aria-labelledby="reply-heading">
          <h2 id="reply-heading">Svar jobcentret</h2>
          {replyMode === "own-page" ? (
            managedOn?.replyHint?.(view.employee.id)
          ) : replyMode === "reply" ? (
            <Form method="post" {...getFormProps(form)} noValidate>
              <input type="hidden" name="intent" value="resubmit" />
              <input type="hidden" name="lock" value={s.lock} />
              <TextArea field={fields.reply} label="Dit svar til jobcentret" hint={`Sendes sammen med version ${view.current.version}.`} />
              <DiagnosisConfirm field={fields.confirmNoDiagnosis} />
              <button type="submit" className="button button-primary">
                Send ny version med svar
              </button>
            </Form>
          ) : (
            <p>
              Jobcentret har bedt om flere oplysninger. <Link to="rediger">Ret dokumentet</Link> først; så kan du sende den nye version med dit
              svar.
            </p>
          )}
        </section>
      ) : null}

      {s ? (
        <>
          <h2>Forløb</h2>
          <SubmissionHistory events={s.events} receiptReference={view.reference} />
        </>
      ) : null}
      {view.versions.length > 1 ? (
        <>
          <h2>Versioner</h2>
          <ul>
            {view.versions.map((v) => (
              <li key={v.version}>
                Version {v.version}: {v.submittedAt ? <>sendt <DanishDate date={todayInCopenhagen(new Date(v.submittedAt))} /></> : "ikke sendt"}
                <VersionChanges version={v.version} changes={v.changes} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

/** The employer's receipt: when the last version reached the jobcenter (Danish time) and the reference to quote. */
function SubmissionReceipt(props: { events: Array<{ id: number; kind: string; version: number | null; at: string }>; municipality: string; reference: string }) {
  const sent = props.events.filter((e) => e.kind === "submitted" || e.kind === "resubmitted");
  const last = sent.at(-1);
  if (!last) return null;
  return (
    <div className="alert alert-info" data-testid="submission-receipt">
      <div className="alert-body">
        <p className="alert-heading">Kvittering</p>
        <p className="alert-text">
          {`${receiptText({ receivedAt: last.at, reference: props.reference })}.`}
          <br />
          {last.kind === "resubmitted" ? "Ny version med svar" : "Indsendelsen"}
          {last.version ? ` (version ${last.version})` : ""}
          {` til ${props.municipality}. Kvitteringen er også sendt til dig på e-mail.`}
        </p>
      </div>
    </div>
  );
}
