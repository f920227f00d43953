import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SavedAlert } from "~/components/alerts";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DanishDate, StatusBadge } from "~/components/deadlines";
import { municipalityLabel } from "~/domain/municipalities";
import { listEmployeeAbsences } from "~/models/absence-case.server";
import { listEmployeeMulighedserklaeringer } from "~/models/mulighedserklaering.server";
import { MULIGHEDSERKLAERING_STATUS_LABELS } from "~/forms/mulighedserklaering";
import { formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { getEmployee } from "~/models/employee.server";
import { requireEmployer } from "~/models/auth.server";
import { idParam, orRespond, today } from "~/utils/http.server";
import { formatDanishNumber } from "~/domain/danish-text";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.employee.name ?? "Medarbejder"} – Fasthold` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const employeeId = idParam(params.employeeId);
  const asOf = today();
  const employee = await orRespond(async () => await getEmployee({ companyId: user.company.id, employeeId }));
  const absences = await listEmployeeAbsences({ companyId: user.company.id, employeeId, asOf });
  const declarations = await listEmployeeMulighedserklaeringer({ companyId: user.company.id, employeeId });
  // A manager gets the absence work; the record, moves, § 56, social chapters and access requests stay with HR.
  return json({ employee, absences, declarations, hrTools: user.accessLevel === "hr" });
}

const SAVED: Record<string, string> = {
  oprettet: "Medarbejderen er oprettet.",
  rettet: "Oplysningerne er gemt.",
  flyttet: "Flytningen er registreret. Sagen følger den nye kommune fra flyttedatoen.",
};

export default function EmployeePage() {
  const { employee, absences, declarations, hrTools } = useLoaderData<typeof loader>();
  const hasOpen = absences.some((a) => a.open);
  return (
    <>
      <Link to="/virksomhed/medarbejdere" className="back-link">
        Tilbage til medarbejdere
      </Link>
      <SavedAlert messages={SAVED} />
      <h1>{employee.name}</h1>
      <dl className="summary-list">
        {employee.employeeNumber ? (
          <>
            <dt>Medarbejdernummer</dt>
            <dd>{employee.employeeNumber}</dd>
          </>
        ) : null}
        <dt>Stilling</dt>
        <dd>
          {employee.jobTitle || "Stilling ikke oplyst"}, {formatDanishNumber(employee.weeklyHours)} timer om ugen
        </dd>
        <dt>Fødselsdato</dt>
        <dd>
          <DanishDate date={employee.birthDate} />
        </dd>
        <dt>Ansat siden</dt>
        <dd>
          <DanishDate date={employee.employmentStartDate} />
        </dd>
        {employee.employmentEndDate ? (
          <>
            <dt>Fratræder</dt>
            <dd>
              <DanishDate date={employee.employmentEndDate} />
            </dd>
          </>
        ) : null}
        <dt>Bopælskommune</dt>
        <dd>{municipalityLabel(employee.municipalityCode)}</dd>
        <dt>Adresse</dt>
        <dd>
          {employee.addressLine || employee.postalCode || employee.city
            ? [employee.addressLine, [employee.postalCode, employee.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")
            : "Ikke oplyst"}
        </dd>
        <dt>Afdeling</dt>
        <dd>{employee.departmentName ?? "Ikke oplyst"}</dd>
        <dt>E-mail</dt>
        <dd>{employee.email ?? "Ikke oplyst"}</dd>
      </dl>
      {employee.moves.length > 0 ? (
        <>
          <h2>Flytninger</h2>
          <ul>
            {employee.moves.map((m) => (
              <li key={m.movedOn}>
                <DanishDate date={m.movedOn} />: fra {municipalityLabel(m.fromMunicipalityCode)} til {municipalityLabel(m.toMunicipalityCode)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {hrTools ? (
          <>
            <Link to="rediger" className="button button-secondary">
              Ret oplysninger
            </Link>{" "}
            <Link to="flyt" className="button button-secondary">
              Registrér flytning
            </Link>{" "}
            <Link to="sociale-kapitler" className="button button-secondary">
              Sociale kapitler
            </Link>{" "}
            <Link to="paragraf-56" className="button button-secondary">
              § 56-aftaler
            </Link>{" "}
          </>
        ) : null}
        <Link to="mulighedserklaering/ny" className="button button-secondary">
          Start mulighedserklæring
        </Link>
      </p>

      {hrTools ? (
        <>
          <h2>Indsigt</h2>
          <p>
            Ved en anmodning om indsigt (databeskyttelsesforordningen art. 15) kan du hente alt, hvad Fasthold har registreret om
            medarbejderen: <a href={`/virksomhed/medarbejdere/${employee.id}/indsigt.pdf`} download>som PDF</a> eller{" "}
            <a href={`/virksomhed/medarbejdere/${employee.id}/indsigt.json`} download>som JSON</a>. Hentningen registreres i loggen.
          </p>
        </>
      ) : null}

      <h2>Sygefravær</h2>
      {hasOpen ? null : (
        <p>
          <Link to="fravaer/ny" className="button button-primary">
            Registrér sygefravær
          </Link>
        </p>
      )}
      {absences.length === 0 ? (
        <p>Der er ikke registreret sygefravær for medarbejderen.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra">
            <caption className="sr-only">Sygefravær for {employee.name}</caption>
            <thead>
              <tr>
                <th scope="col">Sag</th>
                <th scope="col">Første fraværsdag</th>
                <th scope="col">Raskmeldt</th>
                <th scope="col">Næste frist</th>
              </tr>
            </thead>
            <tbody>
              {absences.map((a) => (
                <tr key={a.absence.id}>
                  <th scope="row">
                    <Link to={`/virksomhed/fravaer/${a.absence.id}`}>{a.reference}</Link>
                  </th>
                  <td>
                    <DanishDate date={a.absence.firstAbsenceDay} />
                  </td>
                  <td>{a.absence.returnedOn ? <DanishDate date={a.absence.returnedOn} /> : "Åbent fravær"}</td>
                  <td>
                    {a.next ? (
                      <>
                        {a.next.title}: <DanishDate date={a.next.dueDate} /> <StatusBadge status={a.next.status} />
                      </>
                    ) : (
                      "Ingen åbne frister"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Mulighedserklæringer</h2>
      {declarations.length === 0 ? (
        <p>Der er ingen mulighedserklæringer for medarbejderen.</p>
      ) : (
        <ul className="nobullet-list" data-testid="employee-declarations">
          {declarations.map((d) => (
            <li key={d.documentId}>
              <Link to={`/virksomhed/dokumenter/${d.documentId}`}>{`Mulighedserklæring oprettet ${formatDanishDate(todayInCopenhagen(new Date(d.createdAt)))}`}</Link>
              {` – ${MULIGHEDSERKLAERING_STATUS_LABELS[d.status]}`}
              {d.doctorDeadline && d.status !== "answered" ? ` (lægens frist ${formatDanishDate(d.doctorDeadline)})` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
