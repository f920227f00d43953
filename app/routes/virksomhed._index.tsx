import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RowLink, RowLinkBody } from "~/components/row-links";
import { DanishDate, StatusBadge } from "~/components/deadlines";
import { Pagination } from "~/components/pagination";
import { danishWeekdayName } from "~/domain/dates";
import { ACTOR_LABELS } from "~/domain/deadlines";
import { companyDashboard, DASHBOARD_HORIZON_DAYS } from "~/models/dashboard.server";
import { requireEmployer } from "~/models/auth.server";
import { today } from "~/utils/http.server";
import { pluralWord } from "~/domain/danish-text";

export const meta: MetaFunction = () => [{ title: "Overblik – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const asOf = today();
  const page = Number(new URL(request.url).searchParams.get("side") ?? "1");
  const dashboard = await companyDashboard({ ...user.scope, asOf, page: Number.isInteger(page) ? page : 1 });
  return json({ company: user.company, asOf, dashboard, horizonDays: DASHBOARD_HORIZON_DAYS });
}

export default function EmployerDashboard() {
  // The horizon comes with the data: constants of *.server modules do not exist in the browser.
  const { company, asOf, dashboard, horizonDays } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Overblik</h1>
      <p className="font-lead">
        {company.name} (CVR {company.cvr}) – frister pr. <DanishDate date={asOf} />
      </p>
      <ul className="nobullet-list dashboard-counts">
        <li>
          <strong data-testid="open-absences">{dashboard.openAbsences}</strong> {pluralWord(dashboard.openAbsences, "åbent fravær", "åbne fravær")}
        </li>
        <li>
          <strong data-testid="overdue-deadlines">{dashboard.overdueDeadlines}</strong>{" "}
          {pluralWord(dashboard.overdueDeadlines, "overskredet frist", "overskredne frister")}
        </li>
      </ul>
      <p>
        <Link to="/virksomhed/medarbejdere" className="button button-secondary">
          Medarbejdere og fravær
        </Link>
      </p>
      <h2>Frister, der er overskredet eller falder inden for {horizonDays} dage</h2>
      {dashboard.items.length === 0 ? (
        <p>Der er ingen frister, der kræver handling de næste {horizonDays} dage.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="dashboard-deadlines">
            <caption className="sr-only">Frister, mest presserende først</caption>
            <thead>
              <tr>
                <th scope="col">Frist</th>
                <th scope="col">Dato</th>
                <th scope="col">Sag</th>
                <th scope="col">Hvem skal handle</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <RowLinkBody>
              {dashboard.items.map((item) => (
                <tr key={item.key} data-item={item.key}>
                  <th scope="row">
                    <RowLink to={item.path}>{item.title}</RowLink>
                  </th>
                  <td>
                    <DanishDate date={item.dueDate} /> ({danishWeekdayName(item.dueDate)})
                  </td>
                  <td>
                    {item.employeeName} ({item.reference})
                  </td>
                  <td>{ACTOR_LABELS[item.actor]}</td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                </tr>
              ))}
            </RowLinkBody>
          </table>
        </div>
      )}
      <Pagination page={dashboard.page} pageCount={dashboard.pageCount} total={dashboard.totalItems} noun={["frist", "frister"]} />
    </>
  );
}
