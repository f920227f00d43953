import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DanishDate } from "~/components/deadlines";
import { ErrorSummary, RadioGroup, SelectField } from "~/components/form";
import { BarChart, danishNumber, longMonth, PunctualityChart, PunctualityKey, shortMonth, StatTable } from "~/components/statistics-charts";
import { StatisticsQuerySchema } from "~/forms/statistics";
import { companyDepartments, companyStatistics, frequentAbsenceList } from "~/models/statistics.server";
import { requireEmployer } from "~/models/auth.server";
import { orRespond, today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Statistik over sygefravær – Fasthold" }];

/** A GET form: the chosen period and department are in the address, so a view can be bookmarked and shared within HR. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const asOf = today();
  const params = new URL(request.url).searchParams;
  const departments = await companyDepartments(user.company.id);
  const submission = parseWithZod(params, { schema: StatisticsQuerySchema });
  if (submission.status !== "success") {
    return json({ asOf, departments, lastResult: submission.reply(), query: null, stats: null, frequent: null, exportQuery: "" }, { status: 400 });
  }
  const q = submission.value;
  const stats = await orRespond(async () => await companyStatistics({ companyId: user.company.id, period: q.periode, departmentId: q.afdeling, asOf }));
  const frequent = await orRespond(async () => await frequentAbsenceList({ companyId: user.company.id, asOf, includeParagraph56: q.paragraf56, departmentId: q.afdeling }));
  const exportQuery = new URLSearchParams({ periode: String(q.periode), ...(q.afdeling ? { afdeling: String(q.afdeling) } : {}) }).toString();
  // No lastResult on success: the form then shows the parsed choices (12 months by default), not the raw query.
  return json({ asOf, departments, lastResult: null, query: q, stats, frequent, exportQuery });
}

export default function StatisticsPage() {
  const { asOf, departments, lastResult, query, stats, frequent, exportQuery } = useLoaderData<typeof loader>();
  const [form, fields] = useForm<{ periode: string; afdeling: string; paragraf56: string }, unknown>({
    id: "statistik",
    lastResult,
    defaultValue: { periode: String(query?.periode ?? 12), afdeling: query?.afdeling ? String(query.afdeling) : "" },
    shouldValidate: "onSubmit",
  });
  const scope = stats?.department ? `afdelingen ${stats.department.name}` : "hele virksomheden";
  return (
    <>
      <h1>Statistik over sygefravær</h1>
      <p className="font-lead">
        Tal for {scope} – til at se udviklingen og planlægge støtte, ikke til at vurdere den enkelte medarbejder. Siden giver ingen point eller
        score pr. person.
      </p>
      <Form method="get" {...getFormProps(form)} noValidate className="stat-filters">
        <ErrorSummary fields={[fields.periode, fields.afdeling]} formErrors={form.errors} />
        <RadioGroup
          field={fields.periode}
          legend="Periode"
          options={[
            { value: "12", label: "De seneste 12 måneder" },
            { value: "24", label: "De seneste 24 måneder" },
          ]}
        />
        <SelectField field={fields.afdeling} label="Afdeling" options={departments.map((d) => ({ value: String(d.id), label: d.name }))} emptyOption="Hele virksomheden" />
        {query?.paragraf56 ? <input type="hidden" name="paragraf56" value="ja" /> : null}
        <button type="submit" className="button button-secondary">
          Vis statistik
        </button>
      </Form>

      {stats ? (
        <>
          <p>
            Perioden <DanishDate date={stats.from} /> – <DanishDate date={stats.asOf} />, {stats.employeeCount}{" "}
            {stats.employeeCount === 1 ? "ansat" : "ansatte"} i dag.{" "}
            <a href={`/virksomhed/statistik.csv?${exportQuery}`} download>
              Hent tabellen som CSV
            </a>{" "}
            ·{" "}
            <a href={`/virksomhed/statistik.xlsx?${exportQuery}`} download>
              Hent tabellerne som Excel
            </a>
          </p>

          <section aria-labelledby="monthly-heading">
            <h2 id="monthly-heading">Fravær pr. måned</h2>
            <details className="stat-definition" open>
              <summary>Sådan tælles fraværet</summary>
              <ul>
                <li>
                  <strong>Fraværsprocent</strong> = fraværsdage ÷ aftalte arbejdsdage × 100. Dagene vægtes med medarbejderens ugentlige timetal,
                  så en deltidsansats dag tæller med sine timer.
                </li>
                <li>En arbejdsdag er mandag til fredag, undtagen helligdage. Weekender og helligdage tæller hverken som fravær eller arbejdsdag.</li>
                <li>Delvist fravær tæller som en halv dag, fordi timetallet ikke registreres.</li>
                <li>Fravær, der går over flere måneder, fordeles på månederne. Åbent fravær tælles til og med i dag.</li>
                <li>Kun dage i ansættelsen tæller med.</li>
              </ul>
            </details>
            <div className="stat-layout">
              <BarChart
                title="Fraværsprocent pr. måned"
                bars={stats.months.map((m, i) => ({ key: m.month, label: shortMonth(m.month), sublabel: i === 0 || m.month.endsWith("-01") ? m.month.slice(0, 4) : undefined, value: m.absenceRate ?? 0 }))}
                unit=" %"
                describedBy="monthly-table"
                testId="monthly-chart"
              />
              <StatTable
                id="monthly-table"
                caption="Fraværsdage og fraværsprocent pr. måned"
                regionLabel="Tabel: fravær pr. måned"
                columns={["Måned", "Fraværsdage", "Aftalte arbejdsdage", "Fraværsprocent"]}
                rows={stats.months.map((m) => ({
                  key: m.month,
                  data: { "data-month": m.month },
                  header: (
                    <>
                      {longMonth(m.month)}
                      {m.to === asOf ? <span className="form-hint">til og med i dag</span> : null}
                    </>
                  ),
                  cells: [danishNumber(m.absenceDays), danishNumber(m.contractDays, 0), m.absenceRate === null ? "–" : `${danishNumber(m.absenceRate)} %`],
                }))}
              />
            </div>
          </section>

          <section aria-labelledby="length-heading">
            <h2 id="length-heading">Fravær efter længde</h2>
            <p>
              Fraværsperioder, der begyndte i perioden, efter længde i kalenderdage (åbent fravær efter længden indtil i dag). Åbne fravær på over
              30 dage lige nu: <strong data-testid="open-long">{stats.openLongAbsences}</strong>.
            </p>
            <div className="stat-layout">
              <BarChart
                title="Antal fraværsperioder efter længde"
                bars={stats.lengths.map((l) => ({ key: l.id, label: l.label, value: l.count }))}
                unit=""
                describedBy="length-table"
                testId="length-chart"
              />
              <StatTable
                id="length-table"
                caption="Antal fraværsperioder efter længde"
                columns={["Længde", "Antal"]}
                rows={stats.lengths.map((l) => ({ key: l.id, data: { "data-length": l.id }, header: l.label, cells: [l.count] }))}
              />
            </div>
          </section>

          <section aria-labelledby="punctuality-heading">
            <h2 id="punctuality-heading">Arbejdsgiverens frister</h2>
            <p>
              Frister med forfald i perioden, efter de registrerede datoer: udført til tiden eller for sent. Overskredne frister, der endnu ikke er
              udført, tælles i de åbne sager.
            </p>
            {stats.punctuality.length === 0 ? (
              <p>Ingen af arbejdsgiverens frister forfaldt i perioden.</p>
            ) : (
              <div className="stat-layout">
                <div>
                  <PunctualityChart rows={stats.punctuality} describedBy="punctuality-table" />
                  <PunctualityKey />
                </div>
                <StatTable
                  id="punctuality-table"
                  caption="Frister til tiden, for sent og overskredet"
                  regionLabel="Tabel: arbejdsgiverens frister"
                  columns={["Frist", "Til tiden", "For sent", "Overskredet i åbne sager"]}
                  rows={stats.punctuality.map((p) => ({ key: p.id, data: { "data-deadline": p.id }, header: p.title, cells: [p.onTime, p.late, p.overdue] }))}
                />
              </div>
            )}
          </section>

          {frequent ? (
            <section aria-labelledby="frequent-heading" data-testid="frequent-absence" className="d-print-none">
              <h2 id="frequent-heading">Tilbyd en omsorgssamtale</h2>
              <p>
                Efter virksomhedens fraværspolitik: medarbejdere med mindst {frequent.policy.minPeriods} fraværsperioder siden{" "}
                <DanishDate date={frequent.windowFrom} /> ({frequent.policy.months} måneder). Listen er en påmindelse om at tilbyde en støttende
                samtale – ikke en vurdering. Den vises kun her, for HR.
              </p>
              <p>
                {frequent.includeParagraph56 ? (
                  <Link to={`?${new URLSearchParams({ periode: String(query?.periode ?? 12), ...(query?.afdeling ? { afdeling: String(query.afdeling) } : {}) })}`}>
                    Udelad medarbejdere med en godkendt § 56-aftale
                  </Link>
                ) : (
                  <>
                    Medarbejdere med en godkendt § 56-aftale er ikke med
                    {frequent.leftOutForParagraph56 > 0 ? ` (${frequent.leftOutForParagraph56} udeladt)` : ""}: deres fravær er det, aftalen dækker.{" "}
                    <Link to={`?${new URLSearchParams({ periode: String(query?.periode ?? 12), ...(query?.afdeling ? { afdeling: String(query.afdeling) } : {}), paragraf56: "ja" })}`}>
                      Tag dem med
                    </Link>
                  </>
                )}
              </p>
              {frequent.rows.length === 0 ? (
                <p>Ingen medarbejdere er på listen.</p>
              ) : (
                <div className="table--responsive-scroll">
                  <table className="table table--zebra table--compact" data-testid="frequent-table">
                    <caption className="sr-only">Medarbejdere, der kan tilbydes en omsorgssamtale</caption>
                    <thead>
                      <tr>
                        <th scope="col">Medarbejder</th>
                        <th scope="col">Afdeling</th>
                        <th scope="col" className="text-align-right">Fraværsperioder</th>
                        {frequent.includeParagraph56 ? <th scope="col">§ 56-aftale</th> : null}
                      </tr>
                    </thead>
                    <tbody>
                      {frequent.rows.map((r) => (
                        <tr key={r.employeeId} data-employee={r.employeeId}>
                          <th scope="row">
                            <Link to={`/virksomhed/medarbejdere/${r.employeeId}`}>{r.name}</Link>
                          </th>
                          <td>{r.department ?? "–"}</td>
                          <td className="text-align-right">{r.periods}</td>
                          {frequent.includeParagraph56 ? <td>{r.paragraph56 ? "Ja" : "Nej"}</td> : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ) : null}
        </>
      ) : null}
    </>
  );
}
