import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { documentKind } from "~/documents";
import { documentSummary } from "~/documents/summaries";
import { getAbsenceCase } from "~/models/absence-case.server";
import { getEmployerDocument, saveDocumentContent } from "~/models/document.server";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { idParam, orRespond, today } from "~/utils/http.server";
import { fastholdelsesplanTargetDate } from "~/domain/deadlines";
import { isFinal } from "~/domain/review";
import { openQuestion } from "~/domain/review-states";
import { formatDanishDateTime } from "~/domain/dates";

export const meta: MetaFunction = () => [{ title: "Ret dokument – Fasthold" }];

async function load(request: Request, documentIdParam: string | undefined) {
  const user = await requireEmployer(request);
  const documentId = idParam(documentIdParam);
  const view = await orRespond(async () => await getEmployerDocument({ companyId: user.company.id, documentId }));
  // The kinds edited here have an edit schema; the others have their own pages (§ 56, social chapter, mulighedserklæring steps).
  const type = view.document.type;
  const editSchema = documentKind(type).editSchema;
  if (!editSchema || !view.absence) throw new Response("Siden findes ikke.", { status: 404 });
  if (isFinal(view.submission?.status)) throw new Response("Dokumentet er afgjort og kan ikke rettes.", { status: 403 });
  const c = await orRespond(async () => await getAbsenceCase({ companyId: user.company.id, absenceId: view.absence!.id, asOf: today() }));
  return { user, documentId, view, type, editSchema, c };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { documentId, view, type, c } = await load(request, params.documentId);
  const asOf = today();
  return json({
    today: asOf,
    type,
    documentId,
    frozen: view.current.submittedAt !== null,
    content: view.current.content,
    firstAbsenceDay: c.absence.firstAbsenceDay,
    firstFollowUpDue: fastholdelsesplanTargetDate(c.result),
    // Only the question itself: what the employer already sees on the document page.
    question: openQuestion(view.submission?.status, view.submission?.events ?? []),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, documentId, type, editSchema, c } = await load(request, params.documentId);
  const submission = parseWithZod(await readFormData(request), { schema: editSchema({ asOf: today(), firstAbsenceDay: c.absence.firstAbsenceDay }) });
  // A list intent ("Tilføj trin" without JavaScript) is no error: the form comes back with the row added.
  if (submission.status !== "success") return json(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const saved = await runOrReply(submission, async () => await saveDocumentContent({ user, documentId, type, content: submission.value }));
  if (!saved.ok) return saved.response;
  return redirect(`/virksomhed/dokumenter/${documentId}?gemt=rettet`);
}

export default function EditDocument() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // The loader answers only for the kinds edited here.
  const edit = documentSummary(data.type).edit!;
  return (
    <>
      <Link to={`/virksomhed/dokumenter/${data.documentId}`} className="back-link">
        Tilbage til dokumentet
      </Link>
      <h1>{edit.title}</h1>
      <div className="row">
        {/* Before the form in reading order, so a phone shows the question first; beside it on a desktop. */}
        {data.question ? (
          <aside className="col-12 col-lg-4 order-lg-2" aria-labelledby="question-heading">
            <div className="alert alert-warning">
              <div className="alert-body">
                <h2 className="alert-heading h4" id="question-heading">
                  Jobcentrets spørgsmål
                </h2>
                <p className="alert-text">Stillet {formatDanishDateTime(data.question.at)}</p>
                <p className="alert-text">{data.question.message}</p>
                <p className="alert-text">Ret dokumentet, og send svaret fra dokumentets side.</p>
              </div>
            </div>
          </aside>
        ) : null}
        <div className="col-12 col-lg-8 order-lg-1">
          {data.frozen ? <p>Den sendte version bevares uændret hos jobcentret. Dine rettelser gemmes som en ny version.</p> : null}
          <edit.Form
            content={data.content}
            lastResult={lastResult}
            today={data.today}
            firstAbsenceDay={data.firstAbsenceDay}
            firstFollowUpDue={data.firstFollowUpDue}
          />
        </div>
      </div>
    </>
  );
}
