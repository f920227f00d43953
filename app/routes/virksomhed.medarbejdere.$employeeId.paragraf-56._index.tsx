import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SavedAlert } from "~/components/alerts";
import { DanishDate } from "~/components/deadlines";
import { PARAGRAPH56_BASIS } from "~/domain/paragraph56";
import { PARAGRAPH56_KIND_OPTIONS } from "~/forms/paragraph56";
import { listAgreements } from "~/models/paragraph56.server";
import { today } from "~/utils/http.server";
import { requireCompanyEmployee } from "~/models/scope.server";
import { plural } from "~/domain/danish-text";

export const meta: MetaFunction = () => [{ title: "§ 56-aftaler – Fasthold" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, employee } = await requireCompanyEmployee(request, params.employeeId);
  const asOf = today();
  return json({ employee: { id: employee.id, name: employee.name }, agreements: await listAgreements({ companyId: user.company.id, employeeId: employee.id, asOf }) });
}

const SAVED = { sendt: "Ansøgningen er sendt til jobcentret i medarbejderens bopælskommune." };

export default function Paragraph56Page() {
  const { employee, agreements } = useLoaderData<typeof loader>();
  return (
    <>
      <Link to={`/virksomhed/medarbejdere/${employee.id}`} className="back-link">
        Tilbage til {employee.name}
      </Link>
      <SavedAlert messages={SAVED} />
      <h1>§ 56-aftaler: {employee.name}</h1>
      <p>
        Med en § 56-aftale får arbejdsgiveren refusion fra første fraværsdag for fravær, der skyldes en langvarig eller kronisk lidelse.
        Aftalen godkendes af kommunen ({PARAGRAPH56_BASIS}).
      </p>
      <p>
        <Link to="ny" className="button button-primary">
          Ansøg om § 56-aftale
        </Link>
      </p>
      {agreements.length === 0 ? (
        <p>Der er ingen aftaler.</p>
      ) : (
        agreements.map((a) => (
          <section key={a.id} aria-labelledby={`agreement-${a.id}`} className="agreement" data-testid="agreement">
            <h2 id={`agreement-${a.id}`}>
              {PARAGRAPH56_KIND_OPTIONS.find((k) => k.value === a.kind)?.label} – ansøgt <DanishDate date={a.appliedOn} />
            </h2>
            <dl className="summary-list">
              <dt>Status</dt>
              <dd>
                {a.approvedOn ? (
                  <>
                    Godkendt fra <DanishDate date={a.approvedOn} />, gyldig til og med <DanishDate date={a.validUntil} />
                    {a.active ? ` (${plural(a.daysLeft ?? 0, "dag", "dage")} tilbage)` : " (udløbet)"}
                  </>
                ) : (
                  "Afventer kommunens godkendelse"
                )}
              </dd>
              <dt>Fraværsdage under aftalen de seneste 12 måneder</dt>
              <dd data-testid="agreement-days">{a.absenceDaysLastYear}</dd>
              {a.reminderOn ? (
                <>
                  <dt>Påmindelse om fornyelse</dt>
                  <dd>
                    <DanishDate date={a.reminderOn} /> (60 dage før udløb)
                  </dd>
                  <dt>Fornyelse</dt>
                  <dd>
                    {a.renewalPossible
                      ? "Mulig: mindst 10 fraværsdage det seneste år eller en væsentlig ændring."
                      : "Ikke mulig endnu: færre end 10 fraværsdage det seneste år og ingen registreret væsentlig ændring."}
                  </dd>
                </>
              ) : null}
              <dt>Betydning for arbejdet</dt>
              <dd className="preserve-lines">{a.effectOnWork}</dd>
            </dl>
            <p>
              {a.documentId ? <Link to={`/virksomhed/dokumenter/${a.documentId}`}>Se ansøgningen og forløbet</Link> : null}
              {a.approvedOn ? (
                <>
                  {" "}
                  ·{" "}
                  <Link to={`ny?fornyelse=${a.id}`} className="function-link">
                    Ansøg om fornyelse
                  </Link>
                </>
              ) : null}
            </p>
          </section>
        ))
      )}
    </>
  );
}
