import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Checkbox, ErrorSummary, TextArea, TextField } from "~/components/form";
import { isFinal } from "~/domain/review";
import { NO_DIAGNOSIS_HINT } from "~/forms/diagnosis";
import {
  ADJUSTMENT_OPTIONS,
  DOCTOR_DEADLINE_DAYS,
  MULIGHEDSERKLAERING_LABELS as L,
  MULIGHEDSERKLAERING_STEPS,
  stepSchema,
  type MulighedserklaeringStep,
} from "~/forms/mulighedserklaering";
import { getMulighedserklaering, saveStepAndAdvance, suggestedDoctorDeadline } from "~/models/mulighedserklaering.server";
import { requireEmployer } from "~/models/auth.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { idParam, orRespond, today } from "~/utils/http.server";
import { useFasholdForm } from "~/utils/form";

const StepParam = z.enum(MULIGHEDSERKLAERING_STEPS.map((s) => s.slug) as [MulighedserklaeringStep, ...MulighedserklaeringStep[]]);

function stepParam(value: string | undefined): MulighedserklaeringStep {
  const parsed = StepParam.safeParse(value);
  if (!parsed.success) throw new Response("Siden findes ikke.", { status: 404 });
  return parsed.data;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Mulighedserklæring, trin ${data.index + 1}: ${MULIGHEDSERKLAERING_STEPS[data.index]!.title} – Fasthold` : "Mulighedserklæring – Fasthold" },
];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireEmployer(request);
  const step = stepParam(params.step);
  const documentId = idParam(params.documentId);
  const current = await orRespond(async () => await getMulighedserklaering({ companyId: user.company.id, documentId, asOf: today() }));
  if (isFinal(current.view.submission?.status)) throw new Response("Jobcentret har afgjort sagen; erklæringen kan ikke rettes.", { status: 403 });
  return { user, step, documentId, current };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { step, documentId, current } = await load(request, params);
  const draft = current.draft;
  return json({
    today: today(),
    step,
    index: MULIGHEDSERKLAERING_STEPS.findIndex((s) => s.slug === step),
    documentId,
    status: current.record.status,
    missing: current.missing,
    frozen: current.view.current.submittedAt !== null,
    employee: current.view.employee,
    reference: current.view.reference,
    // The meeting is usually today; the doctor's deadline follows it by 14 days unless the employer set another.
    defaultValue: { ...draft, meetingDate: draft.meetingDate ?? today(), doctorDeadline: suggestedDoctorDeadline({ meetingDate: today(), ...draft }) },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, step, documentId } = await load(request, params);
  const asOf = today();
  const submission = parseWithZod(await readFormData(request), { schema: stepSchema(step, asOf) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const done = await runOrReply(submission, async () => await saveStepAndAdvance({ user, documentId, step, values: submission.value, asOf }));
  if (!done.ok) return done.response;
  return redirect(done.value ? `/virksomhed/dokumenter/${documentId}/trin/${done.value}` : `/virksomhed/dokumenter/${documentId}?gemt=del1`);
}

export default function MulighedserklaeringStepPage() {
  const data = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = stepSchema(data.step, data.today);
  const [form, fields] = useFasholdForm<typeof schema, Record<string, string | number | boolean | undefined>>({
    id: `mulighedserklaering-${data.step}`,
    schema,
    lastResult,
    defaultValue: data.defaultValue,
    revalidate: "onInput",
  });
  const last = data.index === MULIGHEDSERKLAERING_STEPS.length - 1;
  const previous = MULIGHEDSERKLAERING_STEPS[data.index - 1];
  const f = (name: string) => fields[name]!;
  const stepFields: Record<MulighedserklaeringStep, string[]> = {
    parter: ["contactPerson", "contactPhone"],
    begraensninger: ["functionalLimitations", "affectedFunctions", "confirmNoDiagnosis"],
    tilpasninger: ["doctorAssessOnly", ...ADJUSTMENT_OPTIONS.map((o) => o.name), "hoursPerWeek", "adjustmentsDescription", "durationWeeks", "confirmNoDiagnosis"],
    moede: ["meetingDate", "bothPresent", "doctorDeadline"],
  };
  return (
    <>
      <Link to={`/virksomhed/dokumenter/${data.documentId}`} className="back-link">
        Tilbage til erklæringen
      </Link>
      <h1>{`Mulighedserklæring, del 1: ${data.employee.name}`}</h1>
      <p className="font-lead">{`Sag ${data.reference}. Udfyldes af arbejdsgiver og medarbejder sammen.`}</p>
      {data.frozen ? <p>Den version, jobcentret har fået, bevares uændret. Dine rettelser gemmes som en ny version.</p> : null}
      <div className="row">
        <div className="col-12 col-lg-4">
          <nav aria-label="Trin i del 1">
            <ol className="step-indicator">
              {MULIGHEDSERKLAERING_STEPS.map((s, i) => {
                const current = s.slug === data.step;
                const complete = !data.missing.includes(s.slug);
                return (
                  <li key={s.slug} className={current ? "current" : undefined}>
                    <Link className="step" to={`/virksomhed/dokumenter/${data.documentId}/trin/${s.slug}`} aria-current={current ? "step" : undefined}>
                      <span className="step-number">
                        <span>{i + 1}</span>
                      </span>
                      <div>
                        <span className="step-title">{s.title}</span>
                        <span className="step-information">{complete ? "Udfyldt" : "Mangler"}</span>
                      </div>
                    </Link>
                  </li>
                );
              })}
            </ol>
          </nav>
        </div>
        <div className="col-12 col-lg-8">
          <h2>{`Trin ${data.index + 1} af ${MULIGHEDSERKLAERING_STEPS.length}: ${MULIGHEDSERKLAERING_STEPS[data.index]!.title}`}</h2>
          <Form method="post" {...getFormProps(form)} noValidate>
            <ErrorSummary fields={stepFields[data.step].map(f)} formErrors={form.errors} />
            {data.step === "parter" ? (
              <>
                <dl className="summary-list">
                  <dt>Medarbejder</dt>
                  <dd>{data.employee.name}</dd>
                  <dt>Stilling</dt>
                  <dd>{data.employee.jobTitle}</dd>
                </dl>
                <TextField field={f("contactPerson")} label={L.contactPerson} hint="Den lægen kan kontakte om arbejdspladsen." autoComplete="name" />
                <TextField field={f("contactPhone")} label={L.contactPhone} optional inputMode="numeric" className="input-width-s" autoComplete="tel" />
              </>
            ) : null}
            {data.step === "begraensninger" ? (
              <>
                <TextArea field={f("functionalLimitations")} label={L.functionalLimitations} hint={`Hvad kan medarbejderen ikke, eller kun med besvær? ${NO_DIAGNOSIS_HINT}`} />
                <TextArea field={f("affectedFunctions")} label={L.affectedFunctions} hint={`Hvilke opgaver i jobbet berøres? ${NO_DIAGNOSIS_HINT}`} />
                <Checkbox field={f("confirmNoDiagnosis")} label="Teksten oplyser ikke en diagnose" hint="Kryds af, hvis en tekst er markeret, men ikke nævner en diagnose." />
              </>
            ) : null}
            {data.step === "tilpasninger" ? (
              <>
                <Checkbox field={f("doctorAssessOnly")} label={L.doctorAssessOnly} hint="Vælg dette i stedet for punkt 3 og 4, hvis I ikke har et forslag." />
                <fieldset className="form-group">
                  <legend className="form-label">{L.adjustments}</legend>
                  {ADJUSTMENT_OPTIONS.map((o) => (
                    <Checkbox key={o.name} field={f(o.name)} label={o.label} />
                  ))}
                </fieldset>
                <TextField field={f("hoursPerWeek")} label={L.hoursPerWeek} hint="Kun ved nedsat arbejdstid." inputMode="decimal" className="input-width-xs" />
                <TextArea field={f("adjustmentsDescription")} label={L.adjustmentsDescription} hint={`Fx hvilke opgaver, hvilke hjælpemidler, hvordan optrapningen sker. ${NO_DIAGNOSIS_HINT}`} />
                <TextField field={f("durationWeeks")} label={L.durationWeeks} inputMode="numeric" className="input-width-xs" />
                <Checkbox field={f("confirmNoDiagnosis")} label="Teksten oplyser ikke en diagnose" hint="Kryds af, hvis en tekst er markeret, men ikke nævner en diagnose." />
              </>
            ) : null}
            {data.step === "moede" ? (
              <>
                <TextField field={f("meetingDate")} label={L.meetingDate} type="date" />
                <Checkbox field={f("bothPresent")} label={L.bothPresent} />
                <TextField
                  field={f("doctorDeadline")}
                  label={L.doctorDeadline}
                  type="date"
                  hint={`Arbejdsgiveren fastsætter en rimelig frist; normalt ${DOCTOR_DEADLINE_DAYS} dage efter mødet.`}
                />
              </>
            ) : null}
            <div className="mt-6">
              {previous ? (
                <Link to={`/virksomhed/dokumenter/${data.documentId}/trin/${previous.slug}`} className="button button-secondary">
                  Forrige trin
                </Link>
              ) : null}{" "}
              <button type="submit" className="button button-primary">
                {last ? "Gem og afslut del 1" : "Gem og fortsæt"}
              </button>
            </div>
          </Form>
        </div>
      </div>
    </>
  );
}
