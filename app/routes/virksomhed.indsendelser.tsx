import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DanishDate } from "~/components/deadlines";
import { ConversationBadge } from "~/components/submission";
import { DOCUMENT_TYPE_LABELS } from "~/domain/documents";
import { municipalityLabel } from "~/domain/municipalities";
import { listEmployerSubmissions } from "~/models/submission.server";
import { requireEmployer } from "~/models/auth.server";

export const meta: MetaFunction = () => [{ title: "Indsendelser – Fasthold" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  return json({ submissions: await listEmployerSubmissions(user.scope) });
}

export default function EmployerSubmissions() {
  const { submissions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Indsendelser til jobcentre</h1>
      {submissions.length === 0 ? (
        <p>Virksomheden har ikke sendt dokumenter til et jobcenter endnu.</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra" data-testid="employer-submissions">
            <caption className="sr-only">Indsendelser, senest ændrede først</caption>
            <thead>
              <tr>
                <th scope="col">Dokument</th>
                <th scope="col">Medarbejder</th>
                <th scope="col">Jobcenter</th>
                <th scope="col">Sendt</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/virksomhed/dokumenter/${s.documentId}`}>{DOCUMENT_TYPE_LABELS[s.type]}</Link>
                  </th>
                  <td>{s.employeeName}</td>
                  <td>{municipalityLabel(s.municipalityCode)}</td>
                  <td>
                    <DanishDate date={s.receivedOn} />
                  </td>
                  <td>
                    <ConversationBadge status={s.status} lastEvent={s.lastEvent} side="employer" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
