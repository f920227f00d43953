/** The social-chapter dossier on the screen; the record is kept, and answered, on the employee's page. */
import { Link } from "@remix-run/react";
import { DanishDate } from "~/components/deadlines";
import { todayInCopenhagen } from "~/domain/dates";
import { formatDanishNumber } from "~/domain/danish-text";
import type { SocialChapterDossier } from "~/forms/social-chapter";
import { defineSummary } from "./summary";

/** The agreement's terms as rows of a summary list: the dossier and the employee's social-chapter page show the same. */
export function AgreementTermsRows({ terms }: { terms: Pick<SocialChapterDossier, "tasks" | "accommodations" | "hoursPerWeek" | "wageTerms"> }) {
  return (
    <>
      <dt>Arbejdsopgaver</dt>
      <dd className="preserve-lines">{terms.tasks}</dd>
      <dt>Skånehensyn</dt>
      <dd className="preserve-lines">{terms.accommodations}</dd>
      <dt>Timer om ugen</dt>
      <dd>{formatDanishNumber(terms.hoursPerWeek)}</dd>
      <dt>Løn- og ansættelsesvilkår</dt>
      <dd className="preserve-lines">{terms.wageTerms}</dd>
    </>
  );
}

function SocialChapterSummary({ content: d }: { content: SocialChapterDossier }) {
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
      <AgreementTermsRows terms={d} />
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

const socialChaptersPath = (employeeId: number) => `/virksomhed/medarbejdere/${employeeId}/sociale-kapitler`;

export const socialChapterSummary = defineSummary<SocialChapterDossier>({
  Content: SocialChapterSummary,
  managedOn: {
    path: socialChaptersPath,
    label: "Gå til sociale kapitler",
    replyHint: (employeeId) => (
      <p>
        Svar fra siden om <Link to={socialChaptersPath(employeeId)}>sociale kapitler</Link>; dossieret sendes
        igen med aftalen og loggen, som de er nu.
      </p>
    ),
  },
});
