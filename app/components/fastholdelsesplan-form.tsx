import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { NO_DIAGNOSIS_HINT } from "~/forms/diagnosis";
import {
  FASTHOLDELSESPLAN_DECISIONS,
  FASTHOLDELSESPLAN_LABELS as L,
  fastholdelsesplanSchema,
  PLAN_STEP_ROWS_EXTRA,
  PLAN_STEPS_MAX,
  type FastholdelsesplanContent,
  FASTHOLDELSESPLAN_NO_TARGET,
} from "~/forms/fastholdelsesplan";
import { DanishDate } from "./deadlines";
import { Checkbox, ErrorSummary, RadioGroup, TextArea, TextField } from "./form";
import { danishDefaults } from "~/utils/form";

/** The form's shape as the browser sends it (the schema turns it into the stored content). */
type PlanForm = {
  requestedOn: string;
  decision: string;
  refusalReason: string;
  goal: string;
  expectedReturnOn: string;
  steps: Array<{ description: string; dueOn: string; responsible: string }>;
  adjustments: string;
  followUpPoints: string;
  confirmNoDiagnosis: boolean;
};

const EMPTY_STEP = { description: "", dueOn: "", responsible: "" };

/** The plan's default form value: its steps followed by empty rows to add more (empty rows are ignored). */
export function planDefaultValue(plan: Partial<FastholdelsesplanContent> | null, today: string) {
  const steps = plan?.steps ?? [];
  const rows = Math.min(PLAN_STEPS_MAX, steps.length + PLAN_STEP_ROWS_EXTRA);
  return {
    ...(plan ?? { requestedOn: today }),
    confirmNoDiagnosis: false,
    steps: [...steps, ...Array.from({ length: rows - steps.length }, () => EMPTY_STEP)],
  };
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
  const [form, fields] = useForm<PlanForm, unknown>({
    id: "fastholdelsesplan",
    lastResult: props.lastResult,
    defaultValue: danishDefaults(props.defaultValue) as Partial<PlanForm>,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const rows = fields.steps.getFieldList();
  const rowFields = rows.flatMap((r) => {
    const f = r.getFieldset();
    return [f.description, f.dueOn, f.responsible];
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary
        fields={[fields.requestedOn, fields.decision, fields.refusalReason, fields.goal, fields.expectedReturnOn, fields.steps, ...rowFields, fields.adjustments, fields.followUpPoints]}
        formErrors={form.errors}
      />
      <TextField field={fields.requestedOn} label={L.requestedOn} type="date" hint="Kun medarbejderen kan bede om en fastholdelsesplan." />
      <RadioGroup field={fields.decision} legend={L.decision} options={FASTHOLDELSESPLAN_DECISIONS} />
      <TextArea field={fields.refusalReason} label={L.refusalReason} optional hint={`Kun ved afslag. ${NO_DIAGNOSIS_HINT}`} />

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
      <fieldset className="form-group" id={fields.steps.id} aria-describedby={fields.steps.errors?.length ? fields.steps.errorId : undefined}>
        <legend className="form-label">{L.steps}</legend>
        <span className="form-hint">{`Hvert trin med dato og hvem der er ansvarlig. Tomme rækker gemmes ikke. ${NO_DIAGNOSIS_HINT}`}</span>
        {fields.steps.errors?.length ? (
          <span className="form-error-message" id={fields.steps.errorId}>
            <span className="sr-only">Fejl: </span>
            {fields.steps.errors[0]}
          </span>
        ) : null}
        {rows.map((row, i) => {
          const f = row.getFieldset();
          return (
            <fieldset key={row.key} className="form-group plan-step">
              <legend className="form-label weight-normal">{`Trin ${i + 1}`}</legend>
              <TextField field={f.description} label="Hvad skal ske" optional />
              <TextField field={f.dueOn} label="Dato" type="date" optional />
              <TextField field={f.responsible} label="Ansvarlig" optional className="input-width-l" />
            </fieldset>
          );
        })}
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
