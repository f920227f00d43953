import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { RowLink, RowLinkBody } from "~/components/row-links";
import { DanishDate } from "~/components/deadlines";
import { Pagination } from "~/components/pagination";
import { municipalityLabel } from "~/domain/municipalities";
import { EmployeeSearchSchema } from "~/forms/employee";
import { listCurrentEmployees } from "~/models/leavers.server";
import { requireEmployer } from "~/models/auth.server";
import { today } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Medarbejdere – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const { q, side, fratraadte } = EmployeeSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const includeLeft = fratraadte === "vis";
  const list = await listCurrentEmployees({ ...user.scope, asOf: today(), query: q, page: side, includeLeft });
  const employees = list.items.map((e) => ({
    id: e.id,
    name: e.name,
    jobTitle: e.jobTitle,
    municipalityCode: e.municipalityCode,
    employmentStartDate: e.employmentStartDate,
    left: list.leftIds.includes(e.id),
  }));
  // Creating and importing employees is HR's (a manager would get 403 there).
  return json({ hrTools: user.accessLevel === "hr", q: q ?? "", includeLeft, hidden: list.hidden, employees, page: list.page, pageCount: list.pageCount, total: list.total });
}

export default function EmployeeList() {
  const { hrTools, q, includeLeft, hidden, employees, page, pageCount, total } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Medarbejdere</h1>
      {hrTools ? (
        <p>
          <Link to="/virksomhed/medarbejdere/ny" className="button button-primary">
            Opret medarbejder
          </Link>{" "}
          <Link to="/virksomhed/medarbejdere/import" className="button button-secondary">
            Importér fra fil
          </Link>
        </p>
      ) : null}
      <Form method="get" role="search" className="employee-search">
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            Søg efter navn, stilling eller medarbejdernummer
          </label>
          <input className="form-input" type="search" id="q" name="q" defaultValue={q} />
        </div>
        {includeLeft ? <input type="hidden" name="fratraadte" value="vis" /> : null}
        <button type="submit" className="button button-secondary">
          Søg
        </button>
      </Form>
      {includeLeft ? (
        <p>
          Listen viser også fratrådte medarbejdere. <Link to={q ? `?q=${encodeURIComponent(q)}` : "."}>Vis kun nuværende</Link>
        </p>
      ) : hidden > 0 ? (
        <p>
          {hidden === 1 ? "1 fratrådt medarbejder uden åbne frister vises ikke." : `${hidden} fratrådte medarbejdere uden åbne frister vises ikke.`}{" "}
          <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), fratraadte: "vis" })}`}>Vis også fratrådte</Link>
        </p>
      ) : null}
      {employees.length === 0 ? (
        <p>{q ? `Ingen medarbejdere matcher "${q}".` : "Der er endnu ingen medarbejdere."}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="employee-list">
            <caption className="sr-only">Medarbejdere{q ? ` der matcher "${q}"` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">Stilling</th>
                <th scope="col">Bopælskommune</th>
                <th scope="col">Ansat siden</th>
              </tr>
            </thead>
            <RowLinkBody>
              {employees.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <RowLink to={`/virksomhed/medarbejdere/${e.id}`}>{e.name}</RowLink>
                    {e.left ? <span className="badge badge-small"> Fratrådt</span> : null}
                  </th>
                  <td>{e.jobTitle || "Ikke oplyst"}</td>
                  <td>{municipalityLabel(e.municipalityCode)}</td>
                  <td>
                    <DanishDate date={e.employmentStartDate} />
                  </td>
                </tr>
              ))}
            </RowLinkBody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} total={total} noun={["medarbejder", "medarbejdere"]} />
    </>
  );
}
