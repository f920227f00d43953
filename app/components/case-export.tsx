import { Link } from "@remix-run/react";
import { formatDanishDateTime } from "~/domain/dates";

export interface CaseExportSummary {
  id: number;
  format: "csv" | "xlsx";
  status: "running" | "done" | "failed";
  rowsDone: number;
  rowsTotal: number;
  createdAt: string;
}

const FORMAT_LABELS = { csv: "CSV", xlsx: "Excel" } as const;

function number(n: number): string {
  return n.toLocaleString("da-DK");
}

export function caseExportState(e: Pick<CaseExportSummary, "status" | "rowsDone" | "rowsTotal">): string {
  if (e.status === "running") return `Laves (${number(e.rowsDone)} af ${number(e.rowsTotal)} rækker)`;
  return e.status === "done" ? `Færdig (${number(e.rowsTotal)} rækker)` : "Mislykkedes";
}

/** The user's recent exports, each linking to its page (progress, then the download). */
export function CaseExportList({ exports }: { exports: readonly CaseExportSummary[] }) {
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-label="Dine eksporter">
      <table className="table table--zebra" data-testid="case-exports">
        <caption className="sr-only">Dine eksporter af sager fra det seneste døgn</caption>
        <thead>
          <tr>
            <th scope="col">Eksport</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {exports.map((e) => (
            <tr key={e.id}>
              <th scope="row">
                {/* The time in the link tells one export from the next for a screen reader's list of links. */}
                <Link to={`/virksomhed/sager/eksporter/${e.id}`}>
                  {FORMAT_LABELS[e.format]}-fil, startet {formatDanishDateTime(e.createdAt)}
                </Link>
              </th>
              <td>{caseExportState(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
