/** The § 56 application on the screen; the agreements themselves live on the employee's § 56 page. */
import { DanishDate } from "~/components/deadlines";
import { defineSummary } from "./summary";

interface Paragraph56Content {
  kind: string;
  effectOnWork: string;
  expectedDaysPerYear: number;
  appliedOn: string;
  materialChange: string | null;
  renewalOfId: number | null;
}

function Paragraph56Summary({ content: a }: { content: Paragraph56Content }) {
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

export const paragraph56Summary = defineSummary<Paragraph56Content>({
  Content: Paragraph56Summary,
  managedOn: { path: (employeeId) => `/virksomhed/medarbejdere/${employeeId}/paragraf-56`, label: "Gå til § 56-aftaler" },
  // The municipality's approval fixes the agreement's start A, and with it its validity (SDL § 56).
  approvalDate: { label: "Aftalen godkendes fra (A)", hint: "Aftalen gælder fra denne dato." },
});
