import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { ErrorSummary, RadioGroup, TextField } from "~/components/form";
import { AbsencePromptPolicySchema } from "~/forms/statistics";

type PolicyFields = { intent: string; policy: string; minPeriods: string; months: string };

/**
 * The company's own policy for the statistics page's list of frequent absence. Off by
 * default; only the administrator changes it, and everyone else reads what is set.
 */
export function AbsencePromptSettings(props: {
  policy: { minPeriods: number; months: number } | null;
  canEdit: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const [form, fields] = useForm<PolicyFields, unknown>({
    id: "absence-prompt",
    lastResult: props.lastResult,
    defaultValue: props.policy
      ? { policy: "on", minPeriods: String(props.policy.minPeriods), months: String(props.policy.months) }
      : { policy: "off", minPeriods: "3", months: "12" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AbsencePromptPolicySchema }),
  });
  return (
    <section aria-labelledby="absence-prompt-heading">
      <h2 id="absence-prompt-heading">Liste over hyppigt fravær</h2>
      <p>
        Efter virksomhedens egen fraværspolitik kan statistiksiden vise de medarbejdere, der har haft mindst et antal fraværsperioder inden
        for et antal måneder – som en påmindelse om at tilbyde en omsorgssamtale. Listen er slået fra, indtil administratoren slår den til.
        Den giver ingen point eller score, vises kun for HR på statistiksiden og kommer aldrig i e-mails eller kalendere. Medarbejdere med en
        godkendt § 56-aftale er som udgangspunkt ikke med.
      </p>
      {props.canEdit ? (
        <Form method="post" action="/virksomhed/indstillinger" {...getFormProps(form)} noValidate>
          <input type="hidden" name="intent" value="absence-prompt" />
          <ErrorSummary fields={[fields.policy, fields.minPeriods, fields.months]} formErrors={form.errors} />
          <RadioGroup
            field={fields.policy}
            legend="Vis listen på statistiksiden"
            options={[
              { value: "off", label: "Nej, listen er slået fra" },
              { value: "on", label: "Ja, efter tallene herunder" },
            ]}
          />
          <TextField field={fields.minPeriods} label="Mindst antal fraværsperioder" inputMode="numeric" hint="Et helt tal mellem 2 og 20." />
          <TextField field={fields.months} label="Inden for de seneste antal måneder" inputMode="numeric" hint="Et helt tal mellem 1 og 36." />
          <button type="submit" className="button button-primary">
            Gem fraværspolitik
          </button>
        </Form>
      ) : (
        <p data-testid="absence-prompt-readonly">
          {props.policy
            ? `Listen er slået til: mindst ${props.policy.minPeriods} fraværsperioder inden for ${props.policy.months} måneder.`
            : "Listen er slået fra."}{" "}
          Kun virksomhedens administrator kan ændre det.
        </p>
      )}
    </section>
  );
}
