import type { DocumentType } from "~/domain/documents";
import { FAST_TRACK_CONSENT_OPTIONS, type FastTrackContent } from "~/forms/fast-track";
import { DanishDate } from "./deadlines";
import { FAST_TRACK_LABELS } from "./fast-track-form";

/** A document version's content as a read-only summary list. */
export function DocumentContent({ type, content }: { type: DocumentType; content: unknown }) {
  if (type === "fast-track") {
    const c = content as FastTrackContent;
    return (
      <dl className="summary-list document-content">
        <dt>{FAST_TRACK_LABELS.affectedFunctions}</dt>
        <dd className="preserve-lines">{c.affectedFunctions}</dd>
        <dt>{FAST_TRACK_LABELS.affectedDuration}</dt>
        <dd className="preserve-lines">{c.affectedDuration}</dd>
        <dt>{FAST_TRACK_LABELS.adaptations}</dt>
        <dd className="preserve-lines">{c.adaptations}</dd>
        <dt>{FAST_TRACK_LABELS.requestedOn}</dt>
        <dd>
          <DanishDate date={c.requestedOn} />
        </dd>
        <dt>{FAST_TRACK_LABELS.employeeConsent}</dt>
        <dd>{FAST_TRACK_CONSENT_OPTIONS.find((o) => o.value === c.employeeConsent)?.label}</dd>
      </dl>
    );
  }
  return <pre className="document-json">{JSON.stringify(content, null, 2)}</pre>;
}
