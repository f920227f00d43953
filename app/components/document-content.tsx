import { todayInCopenhagen } from "~/domain/dates";
import type { DocumentType } from "~/domain/documents";
import { FAST_TRACK_CONSENT_OPTIONS, type FastTrackContent } from "~/forms/fast-track";
import type { SocialChapterDossier } from "~/forms/social-chapter";
import { FASTHOLDELSESPLAN_DECISIONS, FASTHOLDELSESPLAN_LABELS, type FastholdelsesplanContent } from "~/forms/fastholdelsesplan";
import { ADJUSTMENT_OPTIONS, MULIGHEDSERKLAERING_LABELS, type MulighedserklaeringDraft } from "~/forms/mulighedserklaering";
import { DanishDate } from "./deadlines";
import { FAST_TRACK_LABELS } from "./fast-track-form";
import { formatDanishNumber, plural } from "~/domain/danish-text";

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
  if (type === "paragraph56") {
    const a = content as { kind: string; effectOnWork: string; expectedDaysPerYear: number; appliedOn: string; materialChange: string | null; renewalOfId: number | null };
    return (
      <dl className="summary-list document-content">
        <dt>Aftaletype</dt>
        <dd>{a.kind === "almindelig" ? "Almindelig aftale (2 år)" : "Midlertidig aftale (1 år)"}</dd>
        <dt>Lidelsens betydning for arbejdet</dt>
        <dd className="preserve-lines">{a.effectOnWork}</dd>
        <dt>Forventede fraværsdage om året</dt>
        <dd>{a.expectedDaysPerYear}</dd>
        <dt>Ansøgt</dt>
        <dd>
          <DanishDate date={a.appliedOn} />
          {a.renewalOfId ? " (fornyelse)" : ""}
        </dd>
        {a.materialChange ? (
          <>
            <dt>Væsentlig ændring</dt>
            <dd className="preserve-lines">{a.materialChange}</dd>
          </>
        ) : null}
      </dl>
    );
  }
  if (type === "mulighedserklaering") return <MulighedserklaeringContent draft={content as MulighedserklaeringDraft} />;
  if (type === "fastholdelsesplan") return <FastholdelsesplanContentView plan={content as FastholdelsesplanContent} />;
  const d = content as SocialChapterDossier;
  return (
    <dl className="summary-list document-content">
      <dt>Overenskomst</dt>
      <dd>{d.collectiveAgreement}</dd>
      <dt>Start på særlige vilkår</dt>
      <dd>
        <DanishDate date={d.startedOn} />
      </dd>
      <dt>12 måneder gennemført</dt>
      <dd>
        <DanishDate date={d.completesOn} />
      </dd>
      <dt>Kravet om 12 måneder</dt>
      <dd>
        {d.required === false ? "Gælder ikke (6 år eller mindre til folkepension" : "Gælder (mere end 6 år til folkepension"}; folkepension{" "}
        <DanishDate date={d.pensionDate} />)
      </dd>
      <dt>Arbejdsopgaver</dt>
      <dd className="preserve-lines">{d.tasks}</dd>
      <dt>Skånehensyn</dt>
      <dd className="preserve-lines">{d.accommodations}</dd>
      <dt>Timer om ugen</dt>
      <dd>{formatDanishNumber(d.hoursPerWeek)}</dd>
      <dt>Løn- og ansættelsesvilkår</dt>
      <dd className="preserve-lines">{d.wageTerms}</dd>
      <dt>Log over indsatsen</dt>
      <dd>
        <ol>
          {d.log.map((e) => (
            <li key={e.id}>
              <DanishDate date={e.entryDate} />
              {e.correctsEntryId ? ` (retter nr. ${e.correctsEntryId})` : ""}: <span className="preserve-lines">{e.text}</span>
              {e.redactedAt ? (
                <>
                  {" "}
                  (teksten er erstattet <DanishDate date={todayInCopenhagen(new Date(e.redactedAt))} />
                  {e.redactedByName ? ` af ${e.redactedByName}` : ""}, fordi den indeholdt helbredsoplysninger)
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </dd>
    </dl>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="preserve-lines">{children ?? "–"}</dd>
    </>
  );
}

/** Part 1 as far as it is filled in; the doctor's deadline and answer are shown by the page. */
export function MulighedserklaeringContent({ draft }: { draft: MulighedserklaeringDraft }) {
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

function FastholdelsesplanContentView({ plan }: { plan: FastholdelsesplanContent }) {
  const L = FASTHOLDELSESPLAN_LABELS;
  return (
    <dl className="summary-list document-content">
      <Row label={L.requestedOn}>
        <DanishDate date={plan.requestedOn} />
      </Row>
      <Row label={L.decision}>{FASTHOLDELSESPLAN_DECISIONS.find((o) => o.value === plan.decision)?.label}</Row>
      {plan.decision === "refused" ? (
        <Row label={L.refusalReason}>{plan.refusalReason}</Row>
      ) : (
        <>
          <Row label={L.goal}>{plan.goal}</Row>
          <Row label={L.expectedReturnOn}>{plan.expectedReturnOn ? <DanishDate date={plan.expectedReturnOn} /> : null}</Row>
          <dt>{L.steps}</dt>
          <dd>
            <ol>
              {plan.steps.map((s, i) => (
                <li key={i}>
                  <DanishDate date={s.dueOn} />
                  {`: ${s.description} (ansvarlig: ${s.responsible})`}
                </li>
              ))}
            </ol>
          </dd>
          <Row label={L.adjustments}>{plan.adjustments}</Row>
          <Row label={L.followUpPoints}>{plan.followUpPoints}</Row>
        </>
      )}
    </dl>
  );
}
