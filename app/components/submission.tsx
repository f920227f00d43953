import { formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { receiptText } from "~/domain/receipt";
import { SUBMISSION_EVENT_LABELS, type SubmissionStatus } from "~/domain/review";
import { conversationState, type ConversationEvent, type ConversationSide, type ConversationTone } from "~/domain/review-states";

const TONE: Record<ConversationTone, string> = {
  info: "badge badge-info",
  warning: "badge badge-warning",
  success: "badge badge-success",
  error: "badge badge-error",
  new: "badge badge-success",
};

/** The submission's state as the reader's side reads it ("Venter på virksomheden", "Nyt svar fra virksomheden"). */
export function ConversationBadge(props: { status: SubmissionStatus; lastEvent: ConversationEvent | null; side: ConversationSide }) {
  const state = conversationState(props);
  return (
    <span className={TONE[state.tone]} data-conversation={state.tone}>
      {state.label}
    </span>
  );
}

const EVENT_LABELS = SUBMISSION_EVENT_LABELS;

function danishTimestamp(iso: string): string {
  const d = new Date(iso.endsWith("Z") ? iso : `${iso}Z`);
  const time = new Intl.DateTimeFormat("da-DK", { timeZone: "Europe/Copenhagen", hour: "2-digit", minute: "2-digit" }).format(d);
  return `${formatDanishDate(todayInCopenhagen(d))} kl. ${time}`;
}

export function SubmissionTime({ at }: { at: string }) {
  return <time dateTime={at}>{danishTimestamp(at)}</time>;
}

/** The history of a submission, oldest first; the caller decides which events the viewer may see. */
export function SubmissionHistory({
  events,
  receiptReference,
}: {
  events: Array<{ id: number; kind: string; message: string | null; version: number | null; at: string; userName?: string | null }>;
  /** The employer's history: each sending carries its receipt line with this reference. */
  receiptReference?: string;
}) {
  return (
    <ol className="history">
      {events.map((e) => (
        <li key={e.id} data-event={e.kind}>
          <strong>{EVENT_LABELS[e.kind] ?? e.kind}</strong>
          {e.version ? ` (version ${e.version})` : ""}
          <span className="history-meta">
            <SubmissionTime at={e.at} />
            {e.userName ? ` · ${e.userName}` : ""}
          </span>
          {receiptReference && (e.kind === "submitted" || e.kind === "resubmitted") ? (
            <p className="history-receipt" data-testid="history-receipt">{`Kvittering: ${receiptText({ receivedAt: e.at, reference: receiptReference })}.`}</p>
          ) : null}
          {e.message ? <p className="preserve-lines">{e.message}</p> : null}
        </li>
      ))}
    </ol>
  );
}
