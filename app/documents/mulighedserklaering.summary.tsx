/** The mulighedserklæring's part 1 on the screen, as far as it is filled in; the doctor's deadline and answer are shown by the page. */
import { formatDanishNumber, plural } from "~/domain/danish-text";
import { DanishDate } from "~/components/deadlines";
import { ADJUSTMENT_OPTIONS, MULIGHEDSERKLAERING_LABELS, type MulighedserklaeringDraft } from "~/forms/mulighedserklaering";
import { defineSummary, SummaryRow as Row } from "./summary";

function MulighedserklaeringSummary({ content: draft }: { content: MulighedserklaeringDraft }) {
  const L = MULIGHEDSERKLAERING_LABELS;
  const adjustments = ADJUSTMENT_OPTIONS.filter((o) => draft[o.name]).map((o) =>
    o.name === "reducedHours" && draft.hoursPerWeek !== undefined ? `${o.label} (${formatDanishNumber(draft.hoursPerWeek)} timer om ugen)` : o.label,
  );
  return (
    <dl className="summary-list document-content">
      <Row label={L.contactPerson}>{draft.contactPerson}</Row>
      {draft.contactPhone ? <Row label={L.contactPhone}>{draft.contactPhone}</Row> : null}
      <Row label={L.functionalLimitations}>{draft.functionalLimitations}</Row>
      <Row label={L.affectedFunctions}>{draft.affectedFunctions}</Row>
      {draft.doctorAssessOnly ? (
        <Row label={L.doctorAssessOnly}>Ja</Row>
      ) : (
        <>
          <Row label={L.adjustments}>{[adjustments.join(", "), draft.adjustmentsDescription].filter(Boolean).join("\n") || null}</Row>
          <Row label={L.durationWeeks}>{draft.durationWeeks === undefined ? null : plural(draft.durationWeeks, "uge", "uger")}</Row>
        </>
      )}
      <Row label={L.meetingDate}>{draft.meetingDate ? <DanishDate date={draft.meetingDate} /> : null}</Row>
      <Row label="Begge parter deltog">{draft.bothPresent ? "Ja" : null}</Row>
    </dl>
  );
}

export const mulighedserklaeringSummary = defineSummary<MulighedserklaeringDraft>({
  Content: MulighedserklaeringSummary,
  startOnAbsence: {
    to: ({ employeeId, absenceId }) => `/virksomhed/medarbejdere/${employeeId}/mulighedserklaering/ny?fravaer=${absenceId}`,
    label: "Start mulighedserklæring",
  },
});
