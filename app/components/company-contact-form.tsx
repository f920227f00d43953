import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ErrorSummary, TextField } from "./form";

/** The HR contact person the jobcenter sees on the company's submissions (/virksomhed/indstillinger). */
export function CompanyContactForm(props: { contact: { name: string; phone: string; email: string } | null; lastResult: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm<{ contactName: string; contactPhone: string; contactEmail: string }>({
    id: "kontaktperson",
    lastResult: props.lastResult ?? undefined,
    defaultValue: { contactName: props.contact?.name ?? "", contactPhone: props.contact?.phone ?? "", contactEmail: props.contact?.email ?? "" },
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <input type="hidden" name="intent" value="contact" />
      <ErrorSummary fields={[fields.contactName, fields.contactPhone, fields.contactEmail]} formErrors={form.errors} />
      <TextField field={fields.contactName} label="Navn" autoComplete="name" />
      <TextField field={fields.contactPhone} label="Telefon" hint="8 cifre, fx 12 34 56 78" inputMode="numeric" autoComplete="tel" />
      <TextField field={fields.contactEmail} label="E-mail" type="email" autoComplete="email" />
      <button type="submit" className="button button-primary">
        Gem kontaktperson
      </button>
    </Form>
  );
}
