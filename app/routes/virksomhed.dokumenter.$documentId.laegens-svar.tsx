import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Checkbox, ErrorSummary, RadioGroup, TextArea, TextField } from "~/components/form";
import { NO_DIAGNOSIS_HINT } from "~/forms/diagnosis";
import { DOCTOR_OUTCOME_OPTIONS, doctorAnswerSchema, MAX_UPLOAD_BODY_BYTES, MAX_UPLOAD_BYTES, UPLOAD_TOO_LARGE } from "~/forms/mulighedserklaering";
import { readUploadedDoctorAnswer } from "~/models/doctor-answer-pdf.server";
import { getMulighedserklaering, recordDoctorAnswer, uploadDoctorAnswer } from "~/models/mulighedserklaering.server";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { idParam, orRespond, orRespondAsync, today } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Lægens svar på mulighedserklæringen – Fasthold" }];

const UploadSchema = z.object({
  intent: z.literal("upload"),
  file: z.instanceof(File, { error: "Vælg den PDF-fil, lægen har returneret." }).refine((f) => f.size > 0, "Vælg den PDF-fil, lægen har returneret."),
});

async function load(request: Request, documentIdParam: string | undefined) {
  const user = await requireEmployer(request);
  const documentId = idParam(documentIdParam);
  const current = await orRespond(async () => await getMulighedserklaering({ companyId: user.company.id, documentId, asOf: today() }));
  if (current.record.status === "draft") throw new Response("Udfyld del 1, før lægens svar registreres.", { status: 403 });
  return { user, documentId, current };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, documentId, current } = await load(request, params.documentId);
  const r = current.record;
  // Right after an upload: the file's part 2, read back for HR to check and confirm.
  const bilag = new URL(request.url).searchParams.get("bilag");
  const attachmentId = bilag === null ? null : idParam(bilag);
  const reading = attachmentId
    ? await orRespondAsync(readUploadedDoctorAnswer({ companyId: user.company.id, documentId, attachmentId, asOf: today() }))
    : null;
  const prefill = reading?.kind === "filled" ? reading.prefill : null;
  return json({
    today: today(),
    documentId,
    employeeName: current.view.employee.name,
    uploaded: reading && attachmentId ? { attachmentId, kind: reading.kind, doctorName: prefill?.doctorName ?? null } : null,
    defaultValue: {
      outcome: prefill?.outcome ?? r.outcome ?? undefined,
      answeredOn: prefill?.answeredOn ?? r.answeredOn ?? today(),
      expectedAbsenceDuration: prefill?.expectedAbsenceDuration ?? r.expectedAbsenceDuration ?? undefined,
      doctorRemarks: prefill?.doctorRemarks ?? r.doctorRemarks ?? undefined,
      confirmNoDiagnosis: false,
    },
  });
}

/** Multipart is read into memory part by part; a part over 10 MB stops the read at once. */
async function readUpload(request: Request): Promise<FormData | "too-large"> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BODY_BYTES) return "too-large";
  try {
    return await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return "too-large";
    // A broken multipart body is a client's fault, not the server's.
    throw new Response("Formularen kunne ikke læses. Send den igen fra siden.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, documentId } = await load(request, params.documentId);
  const asOf = today();
  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const formData = await readUpload(request);
    if (formData === "too-large") {
      const reply = parseWithZod(new FormData(), { schema: UploadSchema }).reply({ fieldErrors: { file: [UPLOAD_TOO_LARGE] } });
      return json({ form: "upload" as const, result: reply }, { status: 400 });
    }
    const submission = parseWithZod(formData, { schema: UploadSchema });
    if (submission.status !== "success") return json({ form: "upload" as const, result: submission.reply() }, { status: 400 });
    const file = submission.value.file;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const done = await runOrReply(submission, async () => await uploadDoctorAnswer({ user, documentId, file: { type: file.type, bytes }, asOf }));
    if (!done.ok) return json({ form: "upload" as const, result: done.reply }, { status: 400 });
    // Back to the answer form: prefilled from the file's fields when it is the portal's own form.
    return redirect(`/virksomhed/dokumenter/${documentId}/laegens-svar?bilag=${done.value.id}#doctor-answer-heading`);
  }
  const submission = parseWithZod(await readFormData(request), { schema: doctorAnswerSchema(asOf) });
  if (submission.status !== "success") return json({ form: "answer" as const, result: submission.reply() }, { status: 400 });
  const done = await runOrReply(submission, async () => await recordDoctorAnswer({ user, documentId, answer: submission.value, asOf }));
  if (!done.ok) return json({ form: "answer" as const, result: done.reply }, { status: 400 });
  return redirect(`/virksomhed/dokumenter/${documentId}?gemt=laegesvar`);
}

export default function DoctorAnswer() {
  const data = useLoaderData<typeof loader>();
  // A new upload lands on this same page: start the forms afresh so they take the values read from it.
  return <DoctorAnswerForms key={data.uploaded?.attachmentId ?? "typed"} {...data} />;
}

function DoctorAnswerForms({ today, documentId, employeeName, defaultValue, uploaded }: ReturnType<typeof useLoaderData<typeof loader>>) {
  const lastResult = useActionData<typeof action>();
  const schema = doctorAnswerSchema(today);
  const [form, fields] = useFasholdForm({
    id: "doctor-answer",
    schema,
    lastResult: lastResult?.form === "answer" ? lastResult.result : undefined,
    defaultValue: defaultValue,
    revalidate: "onInput",
  });
  const [uploadForm, uploadFields] = useFasholdForm({
    id: "doctor-upload",
    schema: UploadSchema,
    lastResult: lastResult?.form === "upload" ? lastResult.result : undefined,
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/dokumenter/${documentId}`} className="back-link">
          Tilbage til erklæringen
        </Link>
        <h1>{`Lægens svar: ${employeeName}`}</h1>
        <p>Registrér lægens vurdering af ordningen, eller upload den PDF, lægen har udfyldt. Registrér kun betydningen for arbejdet – aldrig en diagnose.</p>

        {uploaded ? <UploadedNotice kind={uploaded.kind} doctorName={uploaded.doctorName} /> : null}

        <h2 id="doctor-answer-heading">{uploaded?.kind === "filled" ? "Kontrollér og gem lægens svar" : "Registrér lægens vurdering"}</h2>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary fields={[fields.outcome, fields.answeredOn, fields.expectedAbsenceDuration, fields.doctorRemarks]} formErrors={form.errors} />
          <RadioGroup field={fields.outcome} legend="Lægens vurdering af ordningen i del 1" options={DOCTOR_OUTCOME_OPTIONS} />
          <TextField field={fields.answeredOn} label="Dato for lægens svar" type="date" />
          <TextField field={fields.expectedAbsenceDuration} label="Forventet varighed af fraværet" hint={`Som lægen har angivet den, fx "2 uger". ${NO_DIAGNOSIS_HINT}`} />
          <TextArea field={fields.doctorRemarks} label="Lægens bemærkninger om arbejdet" optional hint={`Fx om medarbejderen kan mere eller mindre end aftalt. ${NO_DIAGNOSIS_HINT}`} />
          <Checkbox field={fields.confirmNoDiagnosis} label="Teksten oplyser ikke en diagnose" hint="Kryds af, hvis en tekst er markeret, men ikke nævner en diagnose." />
          <button type="submit" className="button button-primary">
            Gem lægens svar
          </button>
        </Form>

        <h2 className="mt-8">Upload lægens udfyldte PDF</h2>
        <Form method="post" encType="multipart/form-data" {...getFormProps(uploadForm)} noValidate>
          <ErrorSummary fields={[uploadFields.file]} formErrors={uploadForm.errors} />
          <input type="hidden" name="intent" value="upload" />
          <div className={`form-group${uploadFields.file.errors?.length ? " form-error" : ""}`}>
            <label className="form-label" htmlFor={uploadFields.file.id}>
              PDF-fil
            </label>
            <span className="form-hint" id={uploadFields.file.descriptionId}>
              Kun PDF, højst 10 MB. Filen gemmes sikkert og kan kun hentes af virksomhedens brugere.
            </span>
            {uploadFields.file.errors?.length ? (
              <span className="form-error-message" id={uploadFields.file.errorId}>
                <span className="sr-only">Fejl: </span>
                {uploadFields.file.errors[0]}
              </span>
            ) : null}
            <input
              className="form-file-input"
              type="file"
              id={uploadFields.file.id}
              name={uploadFields.file.name}
              accept="application/pdf,.pdf"
              aria-invalid={uploadFields.file.errors?.length ? true : undefined}
              aria-describedby={[uploadFields.file.descriptionId, uploadFields.file.errors?.length ? uploadFields.file.errorId : null].filter(Boolean).join(" ")}
            />
          </div>
          <button type="submit" className="button button-secondary">
            Upload PDF
          </button>
        </Form>
      </div>
    </div>
  );
}

/** What the uploaded file gave: the doctor's answer to check, or nothing to read (HR types it). */
function UploadedNotice({ kind, doctorName }: { kind: "filled" | "empty" | "foreign"; doctorName: string | null }) {
  return (
    <div className={`alert ${kind === "filled" ? "alert-success" : "alert-info"}`} role="status">
      <div className="alert-body">
        <p className="alert-heading">{kind === "filled" ? "Lægens svar er læst fra PDF-filen" : "PDF-filen er gemt"}</p>
        <p className="alert-text">
          {kind === "filled"
            ? `Felterne herunder er udfyldt med det, ${doctorName ? `lægen (${doctorName})` : "lægen"} skrev i erklæringens del 2. Kontrollér dem, og gem svaret. Intet er registreret, før du gemmer.`
            : kind === "empty"
              ? "Filen er portalens erklæring, men lægens felter er tomme – den er nok udfyldt i hånden. Læs svaret i filen, og registrér det herunder."
              : "Filen har ingen felter, portalen kan læse (fx en scannet erklæring). Læs lægens svar i filen, og registrér det herunder."}
        </p>
      </div>
    </div>
  );
}
