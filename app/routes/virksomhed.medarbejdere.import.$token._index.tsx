import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { ErrorAlert } from "~/components/alerts";
import { DanishDate } from "~/components/deadlines";
import { Pagination } from "~/components/pagination";
import { ConflictError } from "~/utils/errors.server";
import { confirmImport, getImportPreview, type ImportOutcome, type ImportStatus } from "~/models/employee-import.server";
import { requireEmployer } from "~/models/auth.server";
import { orRespond, today } from "~/utils/http.server";

/** While the file is planned or the rows stored, the page asks again this often (seconds). */
const REFRESH_SECONDS = 2;

const running = (status: ImportStatus) => status === "reading" || status === "saving";


export const meta: MetaFunction = () => [{ title: "Forhåndsvisning af import – Fasthold" }];

const OUTCOME_PARAM = { ny: "new", opdateret: "updated", uaendret: "unchanged", afvist: "refused" } as const satisfies Record<string, ImportOutcome>;
const PreviewQuery = z.object({
  vis: z.enum(Object.keys(OUTCOME_PARAM) as [keyof typeof OUTCOME_PARAM, ...Array<keyof typeof OUTCOME_PARAM>]).optional().catch(undefined),
  side: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const { vis, side } = PreviewQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const preview = await orRespond(async () => await getImportPreview({ user, token: params.token, outcome: vis ? OUTCOME_PARAM[vis] : undefined, page: side }));
  return json({ token: params.token!, vis: vis ?? null, ...preview });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireEmployer(request);
  let done: boolean;
  try {
    ({ done } = await orRespond(async () => await confirmImport({ user, token: params.token, asOf: today() })));
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof ConflictError) return json({ error: error.message }, { status: 409 });
    throw error;
  }
  // A large import is stored in the background: the page shows it being saved until it is.
  return redirect(`/virksomhed/medarbejdere/import/${params.token}${done ? "?gemt=importeret" : ""}`);
}

function number(n: number): string {
  return n.toLocaleString("da-DK");
}

/**
 * The background work on a large file, as far as it has come. The page asks the server
 * again every few seconds; without JavaScript the user does with the link. No meta
 * refresh: a timed reload of the whole page takes a screen reader back to the top (WCAG 2.2.1).
 */
function ImportProgress({ status, rowsDone, rowsTotal, fileName, href }: { status: ImportStatus; rowsDone: number; rowsTotal: number; fileName: string; href: string }) {
  const revalidator = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [revalidator]);
  const reading = status === "reading";
  // Saving: the rows are staged step by step, then moved into place in one go; the page says which.
  const moving = !reading && rowsDone >= rowsTotal;
  const text = reading
    ? `Behandler række ${number(Math.min(rowsDone + 1, rowsTotal))} af ${number(rowsTotal)}`
    : moving
      ? `Alle ${number(rowsTotal)} rækker er klar og gemmes nu på én gang`
      : `Gemt ${number(rowsDone)} af ${number(rowsTotal)} rækker`;
  return (
    <div data-testid="import-progress" data-import-status={status}>
      <p className="font-lead">
        {fileName}:{" "}
        {reading
          ? "filen behandles. Intet er gemt endnu."
          : "medarbejderne gemmes. Rækkerne lægges først klar og kommer til sidst på plads på én gang: går det galt undervejs, gemmes intet."}
      </p>
      <p className="d-flex align-items-center">
        <span className="spinner spinner-small mr-3" aria-hidden="true" />
        <span role="status">{text} …</span>
      </p>
      <p>
        <label htmlFor="import-progress-bar">
          {number(rowsDone)} af {number(rowsTotal)} rækker {reading ? "behandlet" : "klar"}
        </label>
        <br />
        <progress id="import-progress-bar" className="import-progress" max={rowsTotal} value={rowsDone}>
          {number(rowsDone)} af {number(rowsTotal)}
        </progress>
      </p>
      <p>
        Siden opdaterer sig selv. <a href={href}>Opdatér status</a>
      </p>
      <p>
        Du kan gå fra siden og komme tilbage senere: importen fortsætter, og du finder den igen under «Dine importer» på{" "}
        <Link to="/virksomhed/medarbejdere/import">siden Importér medarbejdere</Link>.
      </p>
    </div>
  );
}

const OUTCOME_LABELS: Record<ImportOutcome, string> = { new: "Ny", updated: "Opdateres", unchanged: "Uændret", refused: "Afvist" };
const OUTCOME_BADGE: Record<ImportOutcome, string> = { new: "badge-success", updated: "badge-info", unchanged: "", refused: "badge-error" };

function rowsWord(n: number): string {
  return n === 1 ? "1 række" : `${n.toLocaleString("da-DK")} rækker`;
}

export default function ImportPreview() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { counts } = data;
  const base = `/virksomhed/medarbejdere/import/${data.token}`;
  if (running(data.status)) {
    return (
      <>
        <Link to="/virksomhed/medarbejdere/import" className="back-link">
          Tilbage til import
        </Link>
        <h1>{data.status === "reading" ? "Forhåndsvisning af import" : "Importen gemmes"}</h1>
        <ImportProgress status={data.status} rowsDone={data.rowsDone} rowsTotal={data.rowsTotal} fileName={data.fileName} href={base} />
      </>
    );
  }
  const accepted = counts.new + counts.updated;
  const filters: Array<{ key: keyof typeof OUTCOME_PARAM | null; label: string; n: number }> = [
    { key: null, label: "Alle", n: counts.new + counts.updated + counts.unchanged + counts.refused },
    { key: "ny", label: "Nye", n: counts.new },
    { key: "opdateret", label: "Opdateres", n: counts.updated },
    { key: "uaendret", label: "Uændrede", n: counts.unchanged },
    { key: "afvist", label: "Afviste", n: counts.refused },
  ];
  return (
    <>
      <Link to="/virksomhed/medarbejdere/import" className="back-link">
        Tilbage til import
      </Link>
      <h1>{data.confirmed ? "Importen er gennemført" : data.status === "failed" ? "Importen mislykkedes" : "Forhåndsvisning af import"}</h1>
      <ErrorAlert message={result?.error ?? (data.status === "failed" ? data.error : null)} />
      {data.status === "ready" && data.error ? (
        <div className="alert alert-warning" role="status">
          <div className="alert-body">
            <p className="alert-text">{data.error}</p>
          </div>
        </div>
      ) : null}
      {data.confirmed ? (
        <div className="alert alert-success" role="status">
          <div className="alert-body">
            <p className="alert-text">
              {counts.new} nye og {counts.updated} opdaterede medarbejdere er gemt fra {data.fileName}.
            </p>
          </div>
        </div>
      ) : data.status === "failed" ? null : (
        <p className="font-lead">
          {data.fileName}: intet er gemt endnu. Se rækkerne igennem, og bekræft nederst. Flytninger registreres fra <DanishDate date={data.movedOn} />.
        </p>
      )}
      <ul className="nobullet-list dashboard-counts" data-testid="import-counts">
        <li>
          <strong>{counts.new}</strong> nye
        </li>
        <li>
          <strong>{counts.updated}</strong> opdateres
        </li>
        <li>
          <strong>{counts.unchanged}</strong> uændrede
        </li>
        <li>
          <strong>{counts.refused}</strong> afviste
        </li>
      </ul>
      {counts.refused > 0 ? (
        <p>
          <a href={`${base}/afviste.csv`} download className="button button-secondary">
            Hent de afviste rækker (CSV med fejlkolonne)
          </a>
        </p>
      ) : null}
      <nav aria-label="Vis rækker">
        <ul className="nobullet-list import-filters">
          {filters.map((f) => (
            <li key={f.label}>
              <Link to={f.key ? `${base}?vis=${f.key}` : base} aria-current={data.vis === f.key ? "page" : undefined}>
                {f.label} ({f.n})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {data.rows.length === 0 ? (
        <p>Ingen rækker at vise.</p>
      ) : (
        // Focusable so a keyboard user can scroll the table on a narrow screen.
        <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label="Rækkerne i filen">
          <table className="table table--zebra" data-testid="import-preview">
            <caption className="sr-only">Rækkerne i filen og hvad importen gør med dem</caption>
            <thead>
              <tr>
                <th scope="col">Linje</th>
                <th scope="col">Medarbejdernr.</th>
                <th scope="col">Navn</th>
                <th scope="col">Resultat</th>
                <th scope="col">Ændringer eller fejl</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.employeeNumber}</td>
                  <th scope="row">{r.name}</th>
                  <td>
                    <span className={`badge ${OUTCOME_BADGE[r.outcome]}`}>{OUTCOME_LABELS[r.outcome]}</span>
                  </td>
                  <td>
                    {r.changes.length ? (
                      <ul className="nobullet-list">
                        {r.changes.map((c) => (
                          <li key={c.field}>
                            {c.field}: {c.from} → {c.to}
                          </li>
                        ))}
                      </ul>
                    ) : r.reasons.length ? (
                      <ul className="nobullet-list">
                        {r.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    ) : r.outcome === "new" ? (
                      "Oprettes"
                    ) : (
                      "Ingen ændringer"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageCount={data.pageCount} total={data.total} noun={["række", "rækker"]} />
      {data.confirmed ? (
        <p>
          <Link to="/virksomhed/medarbejdere" className="button button-primary">
            Gå til medarbejdere
          </Link>
        </p>
      ) : data.status === "failed" ? (
        <p>
          <Link to="/virksomhed/medarbejdere/import" className="button button-primary">
            Upload filen igen
          </Link>
        </p>
      ) : accepted > 0 ? (
        <Form method="post">
          <p>
            Importen gemmer {rowsWord(accepted)} på én gang
            {counts.refused === 1 ? "; den afviste række springes over" : counts.refused > 1 ? `; de ${rowsWord(counts.refused).replace("rækker", "afviste rækker")} springes over` : ""}.
          </p>
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? "Gemmer …" : `Bekræft import af ${rowsWord(accepted)}`}
          </button>
        </Form>
      ) : (
        <p>Der er intet at gemme: alle rækker er uændrede eller afvist.</p>
      )}
    </>
  );
}
