import { formatDanishDate, todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { partiesSection, partiesValues } from "./parties";
import { defineTemplate } from "./types";
import { formatDanishNumber } from "~/domain/danish-text";

export interface SocialChapterPdfData {
  reference: string;
  company: { name: string; cvr: string };
  employee: { name: string; jobTitle: string };
  collectiveAgreement: string;
  startedOn: IsoDate;
  completesOn: IsoDate;
  required: boolean | null;
  pensionDate: IsoDate;
  exemptFrom: IsoDate;
  tasks: string;
  accommodations: string;
  hoursPerWeek: number;
  wageTerms: string;
  reviewDates: IsoDate[];
  log: Array<{ id: number; entryDate: IsoDate; text: string; correctsEntryId: number | null; redactedAt?: string | null; redactedByName?: string | null }>;
}

function requirementText(required: boolean | null): string {
  if (required === null) return "Ukendt (fødselsdato mangler)";
  return required ? "Gælder: mere end 6 år til folkepension" : "Gælder ikke: 6 år eller mindre til folkepension";
}

function logText(log: SocialChapterPdfData["log"]): string {
  if (log.length === 0) return "Ingen indførsler.";
  return log
    .map((e) => {
      const [y, m, d] = e.entryDate.split("-");
      const redacted = e.redactedAt
        ? ` (teksten er erstattet ${formatDanishDate(todayInCopenhagen(new Date(e.redactedAt)))}${e.redactedByName ? ` af ${e.redactedByName}` : ""}, fordi den indeholdt helbredsoplysninger)`
        : "";
      return `Nr. ${e.id}, ${d}.${m}.${y}${e.correctsEntryId ? ` (retter nr. ${e.correctsEntryId})` : ""}: ${e.text}${redacted}`;
    })
    .join("\n");
}

/** The dossier the municipality looks for before a fleksjob in the current job (LAB §§ 118–119). */
export const socialChapterTemplate = defineTemplate({
  id: "social-chapter",
  title: "Ansættelse på sociale kapitler – dossier",
  legalBasis: "Lov om en aktiv beskæftigelsesindsats §§ 118–119; lov om social pension § 1 a",
  intro: "Aftalen om ansættelse på overenskomstens sociale kapitler eller særlige vilkår, loggen over indsatsen og de beregnede datoer.",
  sections: [
    partiesSection("Sagsnummer"),
    {
      heading: "Datoer",
      fields: [
        { name: "startedOn", label: "Start på særlige vilkår", kind: "date", filledBy: "employer" },
        { name: "completesOn", label: "12 måneder gennemført", kind: "date", filledBy: "employer" },
        { name: "requirement", label: "Kravet om 12 måneder", kind: "text", filledBy: "employer" },
        { name: "pensionDate", label: "Folkepensionsalder nås", kind: "date", filledBy: "employer" },
        { name: "exemptFrom", label: "Kravet gælder ikke fra", kind: "date", filledBy: "employer" },
      ],
    },
    {
      heading: "Aftalen",
      fields: [
        { name: "collectiveAgreement", label: "Overenskomst", kind: "text", filledBy: "employer" },
        { name: "tasks", label: "Arbejdsopgaver", kind: "multiline", filledBy: "employer" },
        { name: "accommodations", label: "Skånehensyn", kind: "multiline", filledBy: "employer" },
        { name: "hoursPerWeek", label: "Timer om ugen", kind: "text", filledBy: "employer" },
        { name: "wageTerms", label: "Løn- og ansættelsesvilkår", kind: "multiline", filledBy: "employer" },
        { name: "reviewDates", label: "Opfølgningsdatoer", kind: "text", filledBy: "employer" },
      ],
    },
    {
      heading: "Log over indsatsen",
      fields: [{ name: "log", label: "Indførsler (rettelser er nye indførsler)", kind: "multiline", filledBy: "employer" }],
    },
  ],
  footer:
    "En person med mere end 6 år til folkepensionsalderen kan først få et fleksjob på den nuværende arbejdsplads efter mindst 12 måneders ansættelse " +
    "efter overenskomstens sociale kapitler eller på særlige vilkår.",
  noHealthInformationClaim: "Dossieret indeholder ingen helbredsoplysninger.",
  resolve: (d: SocialChapterPdfData) => ({
    ...partiesValues(d),
    startedOn: d.startedOn,
    completesOn: d.completesOn,
    requirement: requirementText(d.required),
    pensionDate: d.pensionDate,
    exemptFrom: d.exemptFrom,
    collectiveAgreement: d.collectiveAgreement,
    tasks: d.tasks,
    accommodations: d.accommodations,
    hoursPerWeek: formatDanishNumber(d.hoursPerWeek),
    wageTerms: d.wageTerms,
    reviewDates: d.reviewDates.map((x) => x.split("-").reverse().join(".")).join(", ") || null,
    log: logText(d.log),
  }),
});
