import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Checkbox, ErrorSummary, RadioGroup, TextArea, TextField } from "~/components/form";
import { PARAGRAPH56_KIND_OPTIONS, paragraph56Schema } from "~/forms/paragraph56";
import { applyForAgreement, getEmployeeAgreement } from "~/models/paragraph56.server";
import { runOrReply, readFormData } from "~/utils/forms.server";
import { orRespond, today } from "~/utils/http.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Ansøg om § 56-aftale – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const renewal = Number(new URL(request.url).searchParams.get("fornyelse") ?? "");
  // A renewal is prefilled from the agreement it renews.
  const old = Number.isInteger(renewal) && renewal > 0 ? await orRespond(async () => await getEmployeeAgreement({ companyId: user.company.id, employeeId: employee.id, agreementId: renewal })) : null;
  return json({
    today: today(),
    employee: { id: employee.id, name: employee.name },
    defaultValue: old
      ? { kind: old.kind, effectOnWork: old.effectOnWork, expectedDaysPerYear: String(old.expectedDaysPerYear), appliedOn: today() }
      : { appliedOn: today() },
    renewalOfId: old ? String(old.id) : "",
    renewal: Boolean(old),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const asOf = today();
  const submission = parseWithZod(await readFormData(request), { schema: paragraph56Schema(asOf) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const done = await runOrReply(submission, async () => await applyForAgreement({ user, employeeId: employee.id, data: submission.value, asOf }));
  if (!done.ok) return done.response;
  return redirect(`/virksomhed/medarbejdere/${employee.id}/paragraf-56?gemt=sendt`);
}

const NO_DIAGNOSIS = "Beskriv lidelsens betydning for arbejdet i generelle vendinger – ikke diagnosen.";

export default function NewParagraph56() {
  const { today, employee, defaultValue, renewal, renewalOfId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = paragraph56Schema(today);
  const [form, fields] = useFasholdForm({
    id: "paragraph56",
    schema,
    lastResult,
    defaultValue: defaultValue,
    revalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/medarbejdere/${employee.id}/paragraf-56`} className="back-link">
          Tilbage
        </Link>
        <h1>
          {renewal ? "Fornyelse af § 56-aftale" : "Ansøg om § 56-aftale"}: {employee.name}
        </h1>
        <p>Ansøgningen (blanket DP 211) udfyldes af arbejdsgiver og medarbejder sammen og sendes til jobcentret i medarbejderens bopælskommune.</p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary
            fields={[fields.kind, fields.effectOnWork, fields.expectedDaysPerYear, fields.employmentRequirement, fields.employerConfirms, fields.employeeConfirms, fields.appliedOn, fields.materialChange]}
            formErrors={[...(form.errors ?? []), ...(fields.renewalOfId.errors ?? [])]}
          />
          <input type="hidden" name="renewalOfId" value={renewalOfId} />
          <RadioGroup field={fields.kind} legend="Aftaletype" options={PARAGRAPH56_KIND_OPTIONS} />
          <TextArea field={fields.effectOnWork} label="Lidelsens betydning for arbejdet" hint={NO_DIAGNOSIS} />
          <Checkbox field={fields.confirmNoDiagnosis} label="Teksten oplyser ikke en diagnose" hint="Kryds af, hvis teksten er markeret, men ikke nævner en diagnose." />
          <TextField field={fields.expectedDaysPerYear} label="Forventede fraværsdage om året" inputMode="numeric" className="input-width-xs" />
          <RadioGroup
            field={fields.employmentRequirement}
            legend="Opfylder medarbejderen beskæftigelseskravet?"
            hint="Ansat de seneste 8 uger uden afbrydelse og mindst 74 timers arbejde i dem (sygedagpengeloven § 30)."
            options={[
              { value: "yes", label: "Ja" },
              { value: "no", label: "Nej" },
            ]}
          />
          {renewal ? (
            <TextArea field={fields.materialChange} label="Væsentlig ændring i arbejds- eller helbredsforhold" optional hint="Kun ved fornyelse med færre end 10 fraværsdage det seneste år." />
          ) : null}
          <TextField field={fields.appliedOn} label="Dato" type="date" />
          <Checkbox field={fields.employerConfirms} label="Arbejdsgiveren bekræfter ansøgningen" />
          <Checkbox field={fields.employeeConfirms} label="Medarbejderen bekræfter ansøgningen" />
          <button type="submit" className="button button-primary">
            Send ansøgning til jobcenter
          </button>
        </Form>
      </div>
    </div>
  );
}
