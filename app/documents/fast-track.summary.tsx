/** The fast-track request on the screen: its answers, its edit form, its start on the absence page. */
import { DanishDate } from "~/components/deadlines";
import { FAST_TRACK_LABELS, FastTrackForm } from "~/components/fast-track-form";
import { FAST_TRACK_CONSENT_OPTIONS, type FastTrackContent } from "~/forms/fast-track";
import { defineSummary } from "./summary";

function FastTrackSummary({ content: c }: { content: FastTrackContent }) {
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

export const fastTrackSummary = defineSummary<FastTrackContent>({
  Content: FastTrackSummary,
  edit: {
    title: "Ret anmodning om fast track",
    Form: (props) => <FastTrackForm lastResult={props.lastResult} today={props.today} defaultValue={props.content} submitLabel="Gem" />,
  },
  // Why no request can be made any more is said beside the absence's documents.
  startOnAbsence: { to: () => "fast-track", label: "Anmod om fast track", refusalLabel: "Fast track" },
});
