import { getFormProps } from "@conform-to/react";
import { readFormData } from "~/utils/forms.server";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DiagnosisConfirm, ErrorSummary, TextArea, TextField } from "~/components/form";
import { formatDanishDate } from "~/domain/dates";
import { SOCIAL_CHAPTER_BASIS } from "~/domain/pension-age";
import { socialChapterSchema } from "~/forms/social-chapter";
import { saveSocialChapterRecord, socialChapterView } from "~/models/social-chapter.server";
import { today } from "~/utils/http.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { useFasholdForm } from "~/utils/form";

export const meta: MetaFunction = () => [{ title: "Sociale kapitler – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const view = await socialChapterView({ companyId: user.company.id, employeeId: employee.id, asOf: today() });
  const r = view.record;
  return json({
    today: today(),
    employee: { id: employee.id, name: employee.name },
    defaultValue: r
      ? {
          collectiveAgreement: r.collectiveAgreement,
          startedOn: r.startedOn,
          tasks: r.tasks,
          accommodations: r.accommodations,
          hoursPerWeek: String(r.hoursPerWeek),
          wageTerms: r.wageTerms,
          reviewDates: r.reviewDates.map(formatDanishDate).join(", "),
        }
      : undefined,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const submission = parseWithZod(await readFormData(request), { schema: socialChapterSchema(today()) });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await saveSocialChapterRecord({ user, employeeId: employee.id, data: submission.value });
  return redirect(`/virksomhed/medarbejdere/${employee.id}/sociale-kapitler?gemt=aftale`);
}

export default function EditSocialChapter() {
  const { today, employee, defaultValue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = socialChapterSchema(today);
  const [form, fields] = useFasholdForm({
    id: "social-chapter",
    schema,
    lastResult,
    defaultValue: defaultValue,
    revalidate: "onInput",
  });
  return (
    <div className="row">
      <div className="col-12 col-lg-8">
        <Link to={`/virksomhed/medarbejdere/${employee.id}/sociale-kapitler`} className="back-link">
          Tilbage
        </Link>
        <h1>Ansættelse på sociale kapitler: {employee.name}</h1>
        <p>
          Aftalen om opgaver, skånehensyn og timer er det, kommunen ser efter, når den vurderer et fleksjob på den nuværende arbejdsplads (
          {SOCIAL_CHAPTER_BASIS}).
        </p>
        <Form method="post" {...getFormProps(form)} noValidate>
          <ErrorSummary
            fields={[fields.collectiveAgreement, fields.startedOn, fields.tasks, fields.accommodations, fields.hoursPerWeek, fields.wageTerms, fields.reviewDates]}
            formErrors={form.errors}
          />
          <TextField field={fields.collectiveAgreement} label="Overenskomst" hint="Fx Industriens Overenskomst, kapitel om socialt ansvar." />
          <TextField field={fields.startedOn} label="Start på særlige vilkår (S)" type="date" />
          <TextArea field={fields.tasks} label="Arbejdsopgaver" />
          <TextArea field={fields.accommodations} label="Skånehensyn" hint="Beskriv hensynene i arbejdet – ikke diagnosen." />
          <TextField field={fields.hoursPerWeek} label="Timer om ugen" inputMode="decimal" className="input-width-xs" />
          <TextArea field={fields.wageTerms} label="Løn- og ansættelsesvilkår" rows={3} />
          <TextField field={fields.reviewDates} label="Opfølgningsdatoer" optional hint="Datoer som dd.mm.åååå, adskilt af komma." />
          <DiagnosisConfirm field={fields.confirmNoDiagnosis} />
          <button type="submit" className="button button-primary">
            Gem aftalen
          </button>
        </Form>
      </div>
    </div>
  );
}
