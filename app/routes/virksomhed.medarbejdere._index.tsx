import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DanishDate } from "~/components/deadlines";
import { Pagination } from "~/components/pagination";
import { municipalityLabel } from "~/domain/municipalities";
import { EmployeeSearchSchema } from "~/forms/employee";
import { listEmployees } from "~/models/employee.server";
import { requireEmployer } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Medarbejdere – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const { q, side } = EmployeeSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = listEmployees({ companyId: user.company.id, query: q, page: side });
  return json({ q: q ?? "", employees: list.items, page: list.page, pageCount: list.pageCount, total: list.total });
}

export default function EmployeeList() {
  const { q, employees, page, pageCount, total } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Medarbejdere</h1>
      <p>
        <Link to="/virksomhed/medarbejdere/ny" className="button button-primary">
          Opret medarbejder
        </Link>{" "}
        <Link to="/virksomhed/medarbejdere/import" className="button button-secondary">
          Importér fra fil
        </Link>
      </p>
      <Form method="get" role="search" className="employee-search">
        <div className="form-group">
          <label className="form-label" htmlFor="q">
            Søg efter navn eller stilling
          </label>
          <input className="form-input" type="search" id="q" name="q" defaultValue={q} />
        </div>
        <button type="submit" className="button button-secondary">
          Søg
        </button>
      </Form>
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
            <tbody>
              {employees.map((e) => (
                <tr key={e.id}>
                  <th scope="row">
                    <Link to={`/virksomhed/medarbejdere/${e.id}`}>{e.name}</Link>
                  </th>
                  <td>{e.jobTitle}</td>
                  <td>{municipalityLabel(e.municipalityCode)}</td>
                  <td>
                    <DanishDate date={e.employmentStartDate} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageCount={pageCount} total={total} noun="medarbejdere" />
    </>
  );
}
