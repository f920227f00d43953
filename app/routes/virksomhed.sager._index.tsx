import { DUE_SOON_MAX_DAYS_LEFT } from "~/domain/deadlines";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { RowLink, RowLinkBody } from "~/components/row-links";
import { CaseExportList } from "~/components/case-export";
import { SortHeader, useQueryFor } from "~/components/case-list";
import { DanishDate, StatusBadge } from "~/components/deadlines";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { ConversationBadge } from "~/components/submission";
import { DOCUMENT_TYPE_LABELS } from "~/domain/documents";
import { CASE_REFERENCE_HELP } from "~/domain/case-reference";
import { CaseListQuerySchema, type CaseListQuery } from "~/forms/case-list";
import { exportBackgroundRows, recentCaseExports } from "~/models/case-export-job.server";
import { listCompanyCases } from "~/models/case-list.server";
import { requireEmployer } from "~/models/auth.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Sager – Fasthold" }];

const FIELDS = ["q", "status", "frist", "afdeling", "aar"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const params = new URL(request.url).searchParams;
  const submission = parseWithZod(params, { schema: CaseListQuerySchema });
  // Bad filters are shown at their fields with the input kept; the list is then shown unfiltered.
  const query: Partial<CaseListQuery> = submission.status === "success" ? submission.value : {};
  const { side, ...filters } = query;
  const list = await listCompanyCases({ ...user.scope, asOf: today(), filters, page: side });
  const defaults = Object.fromEntries(FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, 100)]));
  return json(
    {
      // The export is HR's: the whole company's list (a manager would get 403 there).
      hrTools: user.accessLevel === "hr",
      // Above the threshold the file is made in the background (a POST), with its own progress page.
      exportInBackground: list.total > exportBackgroundRows(),
      exports: user.accessLevel === "hr" ? await recentCaseExports({ user }) : [],
      list,
      defaults,
      sort: filters.sorter ?? "foerste",
      descending: filters.retning ? filters.retning === "faldende" : (filters.sorter ?? "foerste") === "foerste",
      filtered: FIELDS.some((f) => query[f] !== undefined),
      result: submission.status === "success" ? null : submission.reply(),
    },
    { status: submission.status === "success" ? 200 : 400 },
  );
}

export default function CompanyCases() {
  const { hrTools, exportInBackground, exports, list, defaults, sort, descending, filtered, result } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<Record<(typeof FIELDS)[number], string>>({
    id: "sager",
    lastResult: result ?? undefined,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
  });
  const csv = useQueryFor("/virksomhed/sager/eksport", { format: "csv" });
  const xlsx = useQueryFor("/virksomhed/sager/eksport", { format: "xlsx" });
  const header = (key: string, label: string) => (
    <SortHeader sort={key} current={sort} descending={descending}>
      {label}
    </SortHeader>
  );
  return (
    <>
      <h1>Sager</h1>
      <p className="font-lead">Alle sygefraværssager, åbne og afsluttede. Søg, filtrér og sortér; adressen gemmer filtrene, så listen kan bogmærkes.</p>
      <details className="case-reference-help d-print-none">
        <summary>Om referencenumre</summary>
        <p data-testid="case-reference-help">{CASE_REFERENCE_HELP}</p>
      </details>
      <Form method="get" {...getFormProps(form)} noValidate aria-label="Søg og filtrér sager" className="inbox-filters case-filters">
        <ErrorSummary fields={[fields.q, fields.status, fields.frist, fields.afdeling, fields.aar]} formErrors={form.errors} />
        <TextField field={fields.q} label="Søg" hint="Navn, medarbejdernummer eller referencenummer (fx FH-000123)" type="search" optional />
        <SelectField
          field={fields.status}
          label="Status"
          emptyOption="Åbne og afsluttede"
          options={[
            { value: "aaben", label: "Åbne" },
            { value: "afsluttet", label: "Afsluttede" },
          ]}
        />
        <SelectField
          field={fields.frist}
          label="Frister"
          hint="Gælder åbne sager"
          emptyOption="Alle"
          options={[
            { value: "overskredet", label: "Overskredet frist" },
            { value: "snart", label: `Frist inden for ${DUE_SOON_MAX_DAYS_LEFT} dage` },
          ]}
        />
        <SelectField field={fields.afdeling} label="Afdeling" emptyOption="Alle afdelinger" options={list.departments.map((d) => ({ value: String(d.id), label: d.name }))} />
        <SelectField field={fields.aar} label="År (første fraværsdag)" emptyOption="Alle år" options={list.years.map((y) => ({ value: String(y), label: String(y) }))} />
        <div className="case-filters__actions">
          <button type="submit" className="button button-secondary">
            Vis
          </button>
          {filtered ? (
            <Link to="/virksomhed/sager" className="function-link">
              Nulstil filtre
            </Link>
          ) : null}
        </div>
      </Form>
      {hrTools && !exportInBackground ? (
        <p className="case-export d-print-none">
          <span>Hent listen ({list.total} sager) uden fritekst og helbredsoplysninger: </span>
          <a href={csv} className="function-link" download>
            CSV
          </a>{" "}
          <a href={xlsx} className="function-link" download>
            Excel
          </a>
        </p>
      ) : null}
      {hrTools && exportInBackground ? <BackgroundExportForm total={list.total} /> : null}
      {hrTools && exports.length ? (
        <details className="case-exports d-print-none" open={exports.some((e) => e.status === "running")}>
          <summary>Dine eksporter ({exports.length})</summary>
          <CaseExportList exports={exports} />
        </details>
      ) : null}
      {list.rows.length === 0 ? (
        <p>{filtered ? "Ingen sager matcher filtrene." : "Der er endnu ingen sager."}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="case-list">
            <caption className="sr-only">Sager, side {list.page} af {list.pageCount}</caption>
            <thead>
              <tr>
                {header("sag", "Sag")}
                {header("navn", "Medarbejder")}
                {header("nummer", "Medarbejdernr.")}
                {header("afdeling", "Afdeling")}
                {header("foerste", "Første fraværsdag")}
                {header("status", "Status")}
                <th scope="col">Næste frist</th>
                <th scope="col">Overskredne frister</th>
              </tr>
            </thead>
            <RowLinkBody>
              {list.rows.map((r) => (
                <tr key={r.absenceId} data-case={r.reference}>
                  <th scope="row" className="case-ref">
                    <RowLink to={`/virksomhed/fravaer/${r.absenceId}`}>{r.reference}</RowLink>
                  </th>
                  <td>
                    <RowLink to={`/virksomhed/medarbejdere/${r.employeeId}`}>{r.employeeName}</RowLink>
                  </td>
                  <td>{r.employeeNumber ?? "–"}</td>
                  <td>{r.department ?? "–"}</td>
                  <td>
                    <DanishDate date={r.firstAbsenceDay} />
                  </td>
                  <td>
                    {r.open ? (
                      "Åben"
                    ) : (
                      <>
                        Afsluttet <DanishDate date={r.returnedOn} />
                      </>
                    )}
                    {r.conversations.map((c) => (
                      <span key={c.submissionId} className="d-block case-conversation">
                        {`${DOCUMENT_TYPE_LABELS[c.type]}: `}
                        <ConversationBadge status={c.status} lastEvent={c.lastEvent} side="employer" />
                      </span>
                    ))}
                  </td>
                  <td>
                    {r.deadlines?.next ? (
                      <>
                        {r.deadlines.next.title}: <DanishDate date={r.deadlines.next.dueDate} /> <StatusBadge status={r.deadlines.next.status} />
                      </>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>{r.open ? (r.deadlines?.overdue ?? 0) : "–"}</td>
                </tr>
              ))}
            </RowLinkBody>
          </table>
        </div>
      )}
      <Pagination page={list.page} pageCount={list.pageCount} total={list.total} noun={["sag", "sager"]} />
    </>
  );
}

/** Many cases: the file is made in the background, so starting it is a POST with the list's filters. */
function BackgroundExportForm({ total }: { total: number }) {
  const params = new URLSearchParams(useLocation().search);
  const filters = ["q", "status", "frist", "afdeling", "aar", "sorter", "retning"].flatMap((k) => {
    const v = params.get(k);
    return v ? [[k, v.slice(0, 100)] as const] : [];
  });
  return (
    <Form method="post" action="/virksomhed/sager/eksporter" className="case-export d-print-none" aria-label="Hent listen som fil">
      {filters.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <span>Hent listen ({total.toLocaleString("da-DK")} sager) uden fritekst og helbredsoplysninger; filen laves i baggrunden: </span>
      <button type="submit" name="format" value="csv" className="button button-secondary button-small">
        CSV
      </button>{" "}
      <button type="submit" name="format" value="xlsx" className="button button-secondary button-small">
        Excel
      </button>
    </Form>
  );
}
