import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ABSENCE_LABELS, absenceSchema, BACK_WITHIN_26_WEEKS_OPTIONS, EXTENT_OPTIONS, PAY_OPTIONS } from "~/forms/absence";
import { Checkbox, DiagnosisConfirm, ErrorSummary, RadioGroup, TextArea, TextField } from "./form";
import { useFasholdForm } from "~/utils/form";

const LABELS = ABSENCE_LABELS;

/** Register or correct an absence; `today` bounds the dates so none lies in the future. */
export function AbsenceForm(props: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue?: Record<string, string>;
  today: string;
  mode: "create" | "edit";
}) {
  const [form, fields] = useFasholdForm({
    id: `absence-${props.mode}`,
    schema: absenceSchema(props.today),
    lastResult: props.lastResult,
    defaultValue: props.defaultValue,
    revalidate: "onInput",
  });
  const all = [
    fields.firstAbsenceDay,
    fields.extent,
    fields.pay,
    fields.expectedOver8Weeks,
    fields.paragraph56,
    fields.expectedBackWithin26Weeks,
    fields.employmentEndsOn,
    fields.conversationHeldOn,
    fields.conversationNotes,
    fields.fastTrackRequestedOn,
    fields.returnedOn,
  ];
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary fields={all} formErrors={form.errors} labels={LABELS} />
      <TextField field={fields.firstAbsenceDay} label={LABELS.firstAbsenceDay} type="date" hint="Dag 1 i alle frister." />
      <RadioGroup field={fields.extent} legend={LABELS.extent} options={EXTENT_OPTIONS} />
      <RadioGroup field={fields.pay} legend={LABELS.pay} options={PAY_OPTIONS} />
      <Checkbox
        field={fields.expectedOver8Weeks}
        label="Fraværet forventes at vare mere end 8 uger"
        hint="Så kan arbejdsgiveren anmode om fast track inden for de første 5 uger (sygedagpengeloven § 7 c)."
      />
      <Checkbox
        field={fields.paragraph56}
        label="Fraværet er omfattet af en godkendt § 56-aftale"
        hint="Refusion fra første fraværsdag (sygedagpengeloven § 56)."
      />
      <RadioGroup
        field={fields.expectedBackWithin26Weeks}
        legend="Forventer både arbejdsgiver og medarbejder, at medarbejderen er tilbage på arbejde inden 26 uger?"
        hint="For fravær fra 01.07.2026 skal kommunen som udgangspunkt ikke følge op, når begge forventer det, og der ikke anmodes om fast track (lov nr. 1750 af 29.12.2025)."
        options={BACK_WITHIN_26_WEEKS_OPTIONS}
      />
      <TextField
        field={fields.employmentEndsOn}
        label={LABELS.employmentEndsOn}
        type="date"
        optional
        hint="Kun hvis medarbejderen er opsagt eller fratræder af anden grund. Gemmes på medarbejderen; fratræder medarbejderen senest 8 uger efter første fraværsdag, skal der ikke holdes sygefraværssamtale (sygedagpengeloven § 7 a)."
      />
      <TextField field={fields.conversationHeldOn} label={LABELS.conversationHeldOn} type="date" optional />
      <TextArea
        field={fields.conversationNotes}
        label={LABELS.conversationNotes}
        optional
        hint="Skriv om fraværets betydning for arbejdet og mulige tilpasninger – aldrig om diagnosen."
      />
      <DiagnosisConfirm field={fields.confirmNoDiagnosis} />
      <TextField field={fields.fastTrackRequestedOn} label={LABELS.fastTrackRequestedOn} type="date" optional />
      <TextField field={fields.returnedOn} label={LABELS.returnedOn} type="date" optional />
      <button type="submit" className="button button-primary">
        {props.mode === "create" ? "Registrér fravær" : "Gem ændringer"}
      </button>
    </Form>
  );
}
