import type { DocumentType } from "~/domain/documents";
import { FAST_TRACK_CONSENT_OPTIONS, type FastTrackContent } from "~/forms/fast-track";
import type { SocialChapterDossier } from "~/models/social-chapter.server";
import { DanishDate } from "./deadlines";
import { FAST_TRACK_LABELS } from "./fast-track-form";

/** A document version's content as a read-only summary list. */
/** Only fast-track requests and social-chapter dossiers are documents so far; the other types come with their issues. */
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
      <dd>{String(d.hoursPerWeek).replace(".", ",")}</dd>
      <dt>Løn- og ansættelsesvilkår</dt>
      <dd className="preserve-lines">{d.wageTerms}</dd>
      <dt>Log over indsatsen</dt>
      <dd>
        <ol>
          {d.log.map((e) => (
            <li key={e.id}>
              <DanishDate date={e.entryDate} />
              {e.correctsEntryId ? ` (retter nr. ${e.correctsEntryId})` : ""}: <span className="preserve-lines">{e.text}</span>
            </li>
          ))}
        </ol>
      </dd>
    </dl>
  );
}
