import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { ErrorAlert } from "~/components/alerts";
import { formatDanishDateTime } from "~/domain/dates";
import { getCaseExport } from "~/models/case-export-job.server";
import { requireEmployer } from "~/models/auth.server";
import { idParam, orRespond } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Eksport af sager – Fasthold" }];

/** While the file is being made, the page asks again this often (seconds). */
const REFRESH_SECONDS = 2;

const FORMAT_LABELS = { csv: "CSV", xlsx: "Excel" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireEmployer(request);
  const found = await orRespond(async () => await getCaseExport({ user, id: idParam(params.exportId) }));
  return json(found);
}

function number(n: number): string {
  return n.toLocaleString("da-DK");
}

/**
 * Asks the server again every few seconds while the file is made; without JavaScript the
 * user does with the link. No meta refresh: a timed reload of the whole page takes a screen
 * reader back to the top (WCAG 2.2.1).
 */
function useRefreshWhile(running: boolean): void {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [revalidator, running]);
}

export default function CaseExportPage() {
  const data = useLoaderData<typeof loader>();
  const running = data.status === "running";
  useRefreshWhile(running);
  const href = `/virksomhed/sager/eksporter/${data.id}`;
  return (
    <>
      <Link to="/virksomhed/sager/eksporter" className="back-link">
        Dine eksporter
      </Link>
      <h1>{running ? "Eksporten laves" : data.status === "done" ? "Eksporten er klar" : "Eksporten mislykkedes"}</h1>
      <ErrorAlert message={data.status === "failed" ? data.error : null} />
      <dl className="case-export-facts">
        <dt>Fil</dt>
        <dd>
          {FORMAT_LABELS[data.format]} ({data.fileName})
        </dd>
        <dt>Startet</dt>
        <dd>{formatDanishDateTime(data.createdAt)}</dd>
        <dt>Filtre</dt>
        <dd>{data.filters.length ? data.filters.join("; ") : "Ingen: alle sager"}</dd>
      </dl>
      <div data-testid="export-progress" data-export-status={data.status}>
        {running ? (
          <p className="d-flex align-items-center">
            <span className="spinner spinner-small mr-3" aria-hidden="true" />
            <span role="status">
              Skrevet {number(data.rowsDone)} af {number(data.rowsTotal)} rækker …
            </span>
          </p>
        ) : null}
        {data.status !== "failed" ? (
          <p>
            <label htmlFor="export-progress-bar">
              {number(data.rowsDone)} af {number(data.rowsTotal)} rækker skrevet
            </label>
            <br />
            <progress id="export-progress-bar" className="import-progress" max={data.rowsTotal} value={data.rowsDone}>
              {number(data.rowsDone)} af {number(data.rowsTotal)}
            </progress>
          </p>
        ) : null}
        {running ? (
          <>
            <p>
              Siden opdaterer sig selv. <a href={href}>Opdatér status</a>
            </p>
            <p>
              Du kan gå fra siden og komme tilbage senere: filen laves færdig, og du finder den under «Dine eksporter» på{" "}
              <Link to="/virksomhed/sager">sagslisten</Link>.
            </p>
          </>
        ) : null}
      </div>
      {data.status === "done" ? (
        <>
          <p>
            <a href={`${href}/fil`} download className="button button-primary">
              Hent filen
            </a>
          </p>
          <p>Filen gemmes til {formatDanishDateTime(data.expiresAt)} og slettes derefter.</p>
        </>
      ) : data.status === "failed" ? (
        <p>
          <Link to="/virksomhed/sager" className="button button-primary">
            Til sagslisten
          </Link>
        </p>
      ) : null}
    </>
  );
}
