import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DanishDate, StatusBadge } from "~/components/deadlines";
import { Pagination } from "~/components/pagination";
import { listMunicipalityCases } from "~/models/jobcenter.server";
import { requireJobcenter } from "~/models/auth.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Åbne sager – Jobcenter – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireJobcenter(request);
  const asOf = today();
  const page = Number(new URL(request.url).searchParams.get("side") ?? "1");
  const list = listMunicipalityCases({ municipalityCode: user.municipality.code, asOf, page: Number.isInteger(page) ? page : 1 });
  return json({ municipality: user.municipality, asOf, ...list });
}

export default function JobcenterCases() {
  const { municipality, asOf, cases, page, pageCount, total } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Åbne sager i {municipality.name}</h1>
      <p className="font-lead">
        Åbne sygefravær for borgere med bopæl i kommunen (retssikkerhedsloven § 9) pr. <DanishDate date={asOf} />.
      </p>
      {cases.length === 0 ? (
        <p>Der er ingen åbne sager for borgere i kommunen.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="jobcenter-cases">
            <caption className="sr-only">Åbne sager med første opfølgning</caption>
            <thead>
              <tr>
                <th scope="col">Sag</th>
                <th scope="col">Borger</th>
                <th scope="col">Arbejdsgiver</th>
                <th scope="col">Første fraværsdag</th>
                <th scope="col">Første opfølgning senest</th>
                <th scope="col">Revurdering (22 uger)</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.absenceId}>
                  <th scope="row">{c.reference}</th>
                  <td>{c.employeeName}</td>
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
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} total={total} noun="sager" />
    </>
  );
}
