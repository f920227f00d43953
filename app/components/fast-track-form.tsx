import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { fastTrackWindowTerms } from "~/domain/fast-track";
import { FAST_TRACK_CONSENT_OPTIONS, FAST_TRACK_LABELS, fastTrackRequestSchema } from "~/forms/fast-track";
import { DiagnosisConfirm, ErrorSummary, RadioGroup, TextArea, TextField } from "./form";
import { useFasholdForm } from "~/utils/form";

export { FAST_TRACK_LABELS };

const NO_DIAGNOSIS = "Beskriv betydningen for arbejdet – skriv aldrig diagnosen.";

/** The three questions of BEK 1710/2024 § 3, the request date and the employee's answer. */
export function FastTrackForm(props: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Partial<Record<keyof typeof FAST_TRACK_LABELS, string>>;
  today: string;
  submitLabel: string;
}) {
  const schema = fastTrackRequestSchema(props.today);
  const [form, fields] = useFasholdForm({
    id: "fast-track",
    schema: schema,
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    revalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary
        fields={[fields.affectedFunctions, fields.affectedDuration, fields.adaptations, fields.requestedOn, fields.employeeConsent]}
        formErrors={form.errors}
      />
      <TextArea field={fields.affectedFunctions} label={FAST_TRACK_LABELS.affectedFunctions} hint={NO_DIAGNOSIS} />
      <TextArea field={fields.affectedDuration} label={FAST_TRACK_LABELS.affectedDuration} hint="Fx siden hvornår arbejdsevnen har været nedsat." rows={2} />
      <TextArea field={fields.adaptations} label={FAST_TRACK_LABELS.adaptations} hint={NO_DIAGNOSIS} />
      <TextField field={fields.requestedOn} label={FAST_TRACK_LABELS.requestedOn} type="date" hint={`Senest ${fastTrackWindowTerms(props.today).lastDayOffset} dage efter første fraværsdag.`} />
      <RadioGroup field={fields.employeeConsent} legend={FAST_TRACK_LABELS.employeeConsent} options={FAST_TRACK_CONSENT_OPTIONS} hint="Medarbejderen kan sige nej til fast track; så gælder den almindelige frist for første opfølgning." />
      <DiagnosisConfirm field={fields.confirmNoDiagnosis} />
      <button type="submit" className="button button-primary">
        {props.submitLabel}
      </button>
    </Form>
  );
}
