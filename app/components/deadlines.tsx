import type { ReactNode } from "react";
import { danishWeekdayName, formatDanishDate } from "~/domain/dates";
import { ACTOR_LABELS, type Deadline, type DeadlineResult, type DeadlineStatus } from "~/domain/deadlines";
import { validityText } from "~/domain/rule-versions";
import { formatDanishNumber, plural } from "~/domain/danish-text";

export const STATUS_LABELS: Record<DeadlineStatus, string> = {
  done: "Udført",
  "not-applicable": "Ikke relevant",
  overdue: "Overskredet",
  "due-soon": "Snart",
  upcoming: "Kommende",
};

const STATUS_BADGE: Record<DeadlineStatus, string> = {
  done: "badge badge-success",
  "not-applicable": "badge",
  overdue: "badge badge-error",
  "due-soon": "badge badge-warning",
  upcoming: "badge badge-info",
};

export function StatusBadge({ status }: { status: DeadlineStatus }) {
  return <span className={STATUS_BADGE[status]}>{STATUS_LABELS[status]}</span>;
}

/** "Udført 11 dage efter fristen": an act recorded after its due date is not plain green. */
export function doneLateText(daysLate: number): string {
  return `Udført ${plural(daysLate, "dag", "dage")} efter fristen`;
}

function DeadlineBadge({ deadline }: { deadline: Pick<Deadline, "status" | "doneDaysLate"> }) {
  const late = deadline.status === "done" && (deadline.doneDaysLate ?? 0) > 0;
  if (late) return <span className="badge badge-warning">{doneLateText(deadline.doneDaysLate!)}</span>;
  return <StatusBadge status={deadline.status} />;
}

export function DanishDate({ date }: { date: string | null | undefined }) {
  if (!date) return <>–</>;
  return <time dateTime={date}>{formatDanishDate(date)}</time>;
}

/** A row of the timeline; a caseworker's rows come without the employer-side explanation. */
type TimelineRow = Pick<Deadline, "id" | "title" | "dueDate" | "actor" | "basis" | "status" | "daysLeft" | "dueDateNote" | "rule" | "doneOn" | "doneDaysLate"> & {
  explanation?: string;
};

function daysLeftText(d: TimelineRow): string | null {
  if (d.status === "done" || d.status === "not-applicable") return null;
  if (d.daysLeft === 0) return "i dag";
  if (d.daysLeft === 1) return "i morgen";
  if (d.daysLeft > 0) return `om ${plural(d.daysLeft, "dag", "dage")}`;
  return `${plural(-d.daysLeft, "dag", "dage")} over fristen`;
}

/** The timeline of a case: one row per deadline, in due-date order, with its legal basis and status. */
export function DeadlineTimeline({ result, caption, showExplanation = true }: { result: { deadlines: TimelineRow[] }; caption: ReactNode; showExplanation?: boolean }) {
  const rows = [...result.deadlines].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return (
    <div className="table--responsive-scroll">
      <table className="table table--zebra deadline-timeline">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Frist</th>
            <th scope="col">Dato</th>
            <th scope="col">Hvem skal handle</th>
            <th scope="col">Lovgrundlag</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id} id={`frist-${d.id}`} data-deadline={d.id} data-status={d.status}>
              <th scope="row">
                {d.title}
                {showExplanation && d.explanation ? <span className="form-hint deadline-explanation">{d.explanation}</span> : null}
              </th>
              <td>
                <DanishDate date={d.dueDate} />
                <br />
                <span className="weekday">{danishWeekdayName(d.dueDate)}</span>
                {d.dueDateNote ? <span className="form-hint deadline-note">{d.dueDateNote}</span> : null}
              </td>
              <td>{ACTOR_LABELS[d.actor]}</td>
              <td>
                {d.basis}
                <span className="form-hint deadline-rule" data-rule-from={d.rule.validFrom ?? ""}>
                  {`Reglen ${validityText(d.rule)}`}
                </span>
                <details className="deadline-source">
                  <summary>Kilde</summary>
                  <span className="form-hint">{d.rule.source}</span>
                </details>
              </td>
              <td>
                <DeadlineBadge deadline={d} />
                {d.doneOn ? (
                  <span className="form-hint">
                    Udført <DanishDate date={d.doneOn} />
                  </span>
                ) : null}
                {daysLeftText(d) ? <span className="form-hint">{daysLeftText(d)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The employer period and when reimbursement (refusion) starts. */
export function EmployerPeriodSummary({ result }: { result: DeadlineResult }) {
  const p = result.employerPeriod;
  return (
    <dl className="summary-list">
      <dt>Arbejdsgiverperiode</dt>
      <dd>
        {p.end ? (
          <>
            <DanishDate date={p.start} /> – <DanishDate date={p.end} /> (sygedagpengeloven § 30)
          </>
        ) : (
          "Ingen – § 56-aftale giver refusion fra første fraværsdag"
        )}
      </dd>
      <dt>Refusion fra</dt>
      <dd>
        <DanishDate date={p.refundFrom} />
      </dd>
      <dt>Varighedsbegrænsning (22 uger) nås</dt>
      <dd>
        <DanishDate date={result.durationLimitDay} /> (sygedagpengeloven § 24)
      </dd>
      {result.pension ? (
        <>
          <dt>Folkepensionsalder</dt>
          <dd>
            {formatDanishNumber(result.pension.age)} år – nås <DanishDate date={result.pension.date} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}
