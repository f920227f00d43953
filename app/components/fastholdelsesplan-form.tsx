import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { NO_DIAGNOSIS_HINT } from "~/forms/diagnosis";
import {
  FASTHOLDELSESPLAN_DECISIONS,
  FASTHOLDELSESPLAN_LABELS as L,
  fastholdelsesplanSchema,
  PLAN_STEPS_MAX,
  PLAN_STEPS_MAX_MESSAGE,
  type FastholdelsesplanContent,
  FASTHOLDELSESPLAN_NO_TARGET,
} from "~/forms/fastholdelsesplan";
import { DanishDate } from "./deadlines";
import { Checkbox, ErrorSummary, RadioGroup, TextArea, TextField } from "./form";
import { useFasholdForm } from "~/utils/form";

/** A step row as the browser sends it. */
type StepRow = { description: string; dueOn: string; responsible: string };
const EMPTY_STEP: StepRow = { description: "", dueOn: "", responsible: "" };

/** The plan's default form value: its steps, or one empty row to start from (an empty row is not a step). */
export function planDefaultValue(plan: Partial<FastholdelsesplanContent> | null, today: string) {
  const steps = plan?.steps?.length ? plan.steps : [EMPTY_STEP];
  return { ...(plan ?? { requestedOn: today }), confirmNoDiagnosis: false, steps };
}

export function FastholdelsesplanForm(props: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: ReturnType<typeof planDefaultValue>;
  today: string;
  firstAbsenceDay: string;
  /** null: no first follow-up is due, so the plan has no statutory date. */
  firstFollowUpDue: string | null;
  submitLabel: string;
}) {
  const schema = fastholdelsesplanSchema({ today: props.today, firstAbsenceDay: props.firstAbsenceDay });
  const [form, fields] = useFasholdForm({ id: "fastholdelsesplan", schema, lastResult: props.lastResult, defaultValue: props.defaultValue, revalidate: "onInput" });
  // The schema reads each row through a preprocess (an empty row is no step), so its input type
  // is unknown; the rows the form renders are the step rows.
  const steps = fields.steps as unknown as FieldMetadata<StepRow[], Record<string, unknown>, string[]>;
  const rows = steps.getFieldList();
  const rowFields = rows.flatMap((r) => {
    const f = r.getFieldset();
    return [f.description, f.dueOn, f.responsible];
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      {/* Enter in a field presses the form's first submit button: this one saves, not "Fjern trin 1". */}
      <button type="submit" className="default-submit" tabIndex={-1} aria-hidden="true">
        {props.submitLabel}
      </button>
      <ErrorSummary
        fields={[fields.requestedOn, fields.decision, fields.refusalReason, fields.goal, fields.expectedReturnOn, fields.steps, ...rowFields, fields.adjustments, fields.followUpPoints]}
        formErrors={form.errors}
      />
      <TextField field={fields.requestedOn} label={L.requestedOn} type="date" hint="Kun medarbejderen kan bede om en fastholdelsesplan." />
      <RadioGroup field={fields.decision} legend={L.decision} options={FASTHOLDELSESPLAN_DECISIONS} />
      <TextArea field={fields.refusalReason} label={L.refusalReason} hint={`Skal udfyldes, når arbejdsgiveren afslår. ${NO_DIAGNOSIS_HINT}`} />

      <h2>Planen</h2>
      {props.firstFollowUpDue ? (
        <p>
          {"Planen tages med til kommunens første opfølgning, senest "}
          <DanishDate date={props.firstFollowUpDue} />.
        </p>
      ) : (
        <p data-testid="plan-no-target">{`${FASTHOLDELSESPLAN_NO_TARGET}.`}</p>
      )}
      <TextArea field={fields.goal} label={L.goal} hint={`Fx fuld tilbagevenden til de hidtidige opgaver. ${NO_DIAGNOSIS_HINT}`} />
      <TextField field={fields.expectedReturnOn} label={L.expectedReturnOn} type="date" optional />
      <fieldset className="form-group" id={steps.id} aria-describedby={steps.errors?.length ? steps.errorId : undefined}>
        <legend className="form-label">{L.steps}</legend>
        <span className="form-hint">{`Så mange trin, som planen skal have (højst ${PLAN_STEPS_MAX}), hvert med dato, hvad der skal ske og hvem der er ansvarlig. Et helt tomt trin gemmes ikke. ${NO_DIAGNOSIS_HINT}`}</span>
        {steps.errors?.length ? (
          <span className="form-error-message" id={steps.errorId}>
            <span className="sr-only">Fejl: </span>
            {steps.errors[0]}
          </span>
        ) : null}
        {rows.map((row, i) => {
          const f = row.getFieldset();
          return (
            <fieldset key={row.key} className="form-group plan-step" aria-label={`Trin ${i + 1}`}>
              <legend className="form-label weight-normal">{`Trin ${i + 1}`}</legend>
              <TextField field={f.dueOn} label="Dato" type="date" />
              <TextField field={f.description} label="Hvad skal ske" className="input-width-xl" />
              <TextField field={f.responsible} label="Ansvarlig" className="input-width-l" />
              {rows.length > 1 ? (
                // A submit button: without JavaScript the server applies the intent and sends the form back.
                <button {...form.remove.getButtonProps<StepRow[]>({ name: steps.name, index: i })} className="button button-tertiary">
                  {`Fjern trin ${i + 1}`}
                </button>
              ) : null}
            </fieldset>
          );
        })}
        {rows.length < PLAN_STEPS_MAX ? (
          <button {...form.insert.getButtonProps<StepRow[]>({ name: steps.name, defaultValue: EMPTY_STEP })} className="button button-secondary">
            Tilføj trin
          </button>
        ) : (
          <p className="form-hint" data-testid="plan-steps-max">{`${PLAN_STEPS_MAX_MESSAGE} Fjern et trin for at tilføje et nyt.`}</p>
        )}
      </fieldset>
      <TextArea field={fields.adjustments} label={L.adjustments} optional hint={NO_DIAGNOSIS_HINT} />
      <TextArea field={fields.followUpPoints} label={L.followUpPoints} optional hint={`Hvornår og hvordan I følger op på planen. ${NO_DIAGNOSIS_HINT}`} />
      <Checkbox field={fields.confirmNoDiagnosis} label="Teksten oplyser ikke en diagnose" hint="Kryds af, hvis en tekst er markeret, men ikke nævner en diagnose." />
      <button type="submit" className="button button-primary">
        {props.submitLabel}
      </button>
    </Form>
  );
}
