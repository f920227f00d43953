import { DUE_SOON_MAX_DAYS_LEFT } from "~/domain/deadlines";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RowLink, RowLinkBody } from "~/components/row-links";
import { SortHeader } from "~/components/case-list";
import { DanishDate, StatusBadge } from "~/components/deadlines";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { CASE_REFERENCE_HELP } from "~/domain/case-reference";
import { JobcenterCaseQuerySchema, type JobcenterCaseQuery } from "~/forms/case-list";
import { searchMunicipalityCases } from "~/models/jobcenter-case-list.server";
import { requireJobcenter } from "~/models/auth.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Åbne sager – Jobcenter – Fasthold" }];

const FIELDS = ["q", "foedt", "frist", "fasttrack", "virksomhed"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJobcenter(request);
  const asOf = today();
  const params = new URL(request.url).searchParams;
  const submission = parseWithZod(params, { schema: JobcenterCaseQuerySchema });
  // Bad filters are shown at their fields with the input kept; the list is then shown unfiltered.
  const query: Partial<JobcenterCaseQuery> = submission.status === "success" ? submission.value : {};
  const { side, ...filters } = query;
  const list = await searchMunicipalityCases({ municipalityCode: user.municipality.code, asOf, filters, page: side });
  return json(
    {
      municipality: user.municipality,
      asOf,
      ...list,
      defaults: Object.fromEntries(FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, 100)])),
      sort: filters.sorter ?? "foerste",
      descending: filters.retning === "faldende",
      filtered: FIELDS.some((f) => query[f] !== undefined),
      result: submission.status === "success" ? null : submission.reply(),
    },
    { status: submission.status === "success" ? 200 : 400 },
  );
}

export default function JobcenterCases() {
  const { municipality, asOf, cases, page, pageCount, total, defaults, sort, descending, filtered, result } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<Record<(typeof FIELDS)[number], string>>({
    id: "jobcenter-sager",
    lastResult: result ?? undefined,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
  });
  const header = (key: string, label: string) => (
    <SortHeader sort={key} current={sort} descending={descending}>
      {label}
    </SortHeader>
  );
  return (
    <>
      <h1>Åbne sager i {municipality.name}</h1>
      <p className="font-lead">
        Åbne sygefravær for borgere med bopæl i kommunen (retssikkerhedsloven § 9) pr. <DanishDate date={asOf} />.
      </p>
      <details className="case-reference-help d-print-none">
        <summary>Om referencenumre</summary>
        <p>{CASE_REFERENCE_HELP}</p>
      </details>
      <Form method="get" {...getFormProps(form)} noValidate aria-label="Søg og filtrér sager" className="inbox-filters case-filters">
        <ErrorSummary fields={[fields.q, fields.foedt, fields.frist, fields.fasttrack, fields.virksomhed]} formErrors={form.errors} />
        <TextField field={fields.q} label="Søg" hint="Borgerens navn eller sagens referencenummer (fx FH-000123)" type="search" optional />
        <TextField field={fields.foedt} label="Fødselsdato" type="date" optional />
        <SelectField
          field={fields.frist}
          label="Første opfølgning"
          emptyOption="Alle"
          options={[
            { value: "overskredet", label: "Overskredet" },
            { value: "snart", label: `Inden for ${DUE_SOON_MAX_DAYS_LEFT} dage` },
          ]}
        />
        <SelectField
          field={fields.fasttrack}
          label="Fast track"
          emptyOption="Alle"
          options={[
            { value: "ja", label: "Fast track anmodet" },
            { value: "nej", label: "Uden fast track" },
          ]}
        />
        <TextField field={fields.virksomhed} label="Arbejdsgiver" hint="Navn eller CVR-nummer" type="search" optional />
        <div className="case-filters__actions">
          <button type="submit" className="button button-secondary">
            Vis
          </button>
          {filtered ? (
            <Link to="/jobcenter/sager" className="function-link">
              Nulstil filtre
            </Link>
          ) : null}
        </div>
      </Form>
      {cases.length === 0 ? (
        <p>{filtered ? "Ingen sager matcher filtrene." : "Der er ingen åbne sager for borgere i kommunen."}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="jobcenter-cases">
            <caption className="sr-only">Åbne sager med første opfølgning</caption>
            <thead>
              <tr>
                {header("sag", "Sag")}
                {header("navn", "Borger")}
                {header("virksomhed", "Arbejdsgiver")}
                {header("foerste", "Første fraværsdag")}
                {header("opfoelgning", "Første opfølgning senest")}
                <th scope="col">Revurdering (22 uger)</th>
              </tr>
            </thead>
            <RowLinkBody>
              {cases.map((c) => (
                <tr key={c.absenceId} data-case={c.reference}>
                  <th scope="row" className="case-ref">
                    {c.submissionId ? <RowLink to={`/jobcenter/indsendelser/${c.submissionId}`}>{c.reference}</RowLink> : c.reference}
                  </th>
                  <td>
                    {c.employeeName}
                    <span className="form-hint">
                      Født <DanishDate date={c.birthDate} />
                    </span>
                  </td>
                  <td>
                    {c.companyName} (CVR {c.companyCvr})
                  </td>
                  <td>
                    <DanishDate date={c.firstAbsenceDay} />
                  </td>
                  <td>
                    <DanishDate date={c.followUp.dueDate} /> <StatusBadge status={c.followUp.status} />
                    {c.fastTrackRequestedOn ? <span className="form-hint">Fast track anmodet</span> : null}
                  </td>
                  <td>
                    <DanishDate date={c.reassessment.dueDate} />
                  </td>
                </tr>
              ))}
            </RowLinkBody>
          </table>
        </div>
      )}
      {cases.some((c) => !c.submissionId) ? (
        <p className="form-hint">En sag uden link har endnu ingen indsendelser fra arbejdsgiveren.</p>
      ) : null}
      <Pagination page={page} pageCount={pageCount} total={total} noun={["sag", "sager"]} />
    </>
  );
}
