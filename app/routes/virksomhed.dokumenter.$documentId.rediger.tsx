import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FastTrackForm } from "~/components/fast-track-form";
import type { FastTrackContent } from "~/forms/fast-track";
import { fastTrackRequestSchema } from "~/forms/fast-track";
import { getEmployerDocument, saveDocumentContent } from "~/models/document.server";
import { requireEmployer } from "~/utils/auth.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { idParam, orRespond, today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Ret dokument – Fasthold" }];

function editable(status: string | undefined) {
  return status !== "approved" && status !== "rejected";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const view = orRespond(() => getEmployerDocument({ companyId: user.company.id, documentId: idParam(params.documentId) }));
  if (view.document.type !== "fast-track") throw new Response("Siden findes ikke.", { status: 404 });
  if (!editable(view.submission?.status)) throw new Response("Dokumentet er afgjort og kan ikke rettes.", { status: 403 });
  return json({ today: today(), documentId: view.document.id, frozen: view.current.submittedAt !== null, content: view.current.content as FastTrackContent });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  const documentId = idParam(params.documentId);
  const view = orRespond(() => getEmployerDocument({ companyId: user.company.id, documentId }));
  if (!editable(view.submission?.status)) throw new Response("Dokumentet er afgjort og kan ikke rettes.", { status: 403 });
  const submission = parseWithZod(await readFormData(request), { schema: fastTrackRequestSchema(today()) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const saved = runOrReply(submission, () => saveDocumentContent({ user, documentId, type: "fast-track", content: submission.value }));
  if (!saved.ok) return saved.response;
  return redirect(`/virksomhed/dokumenter/${documentId}?gemt=rettet`);
}

export default function EditDocument() {
  const { today, documentId, frozen, content } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/dokumenter/${documentId}`} className="back-link">
          Tilbage til dokumentet
        </Link>
        <h1>Ret anmodning om fast track</h1>
        {frozen ? <p>Den sendte version bevares uændret hos jobcentret. Dine rettelser gemmes som en ny version.</p> : null}
        <FastTrackForm lastResult={lastResult} today={today} defaultValue={content} submitLabel="Gem" />
      </div>
    </div>
  );
}
