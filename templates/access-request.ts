import { formatDanishDate, timeInCopenhagen, todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { DOCTOR_OUTCOME_OPTIONS, MULIGHEDSERKLAERING_STATUS_LABELS } from "~/forms/mulighedserklaering";
import type { EmployeeDataExport } from "~/models/access-request.server";
import { partiesSection, partiesValues } from "./parties";
import type { FormTemplate } from "./types";

export interface AccessRequestPdfData {
  export: EmployeeDataExport;
  /** Municipality names for the codes in the export (the template stays free of lookups). */
  municipalityName: (code: number) => string;
}

const date = (d: IsoDate | null | undefined) => (d ? formatDanishDate(d) : "–");
const yesNo = (b: boolean) => (b ? "ja" : "nej");

const PAY: Record<string, string> = { salary: "fuld løn", "sickness-benefit": "sygedagpenge", none: "ingen" };
const EXTENT: Record<string, string> = { full: "fuldt", partial: "delvist" };
const DOCUMENT_TYPE: Record<string, string> = {
  "fast-track": "Anmodning om fast track",
  mulighedserklaering: "Mulighedserklæring",
  fastholdelsesplan: "Fastholdelsesplan",
  paragraph56: "§ 56-aftale",
  "social-chapter": "Sociale kapitler",
};

/** A stored document's content, one "field: value" line per field, in the order it was saved. */
function contentLines(content: unknown): string[] {
  if (content === null || typeof content !== "object") return [String(content)];
  return Object.entries(content as Record<string, unknown>).map(([k, v]) => `  ${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
}

function absencesText(e: EmployeeDataExport): string {
  if (e.absences.length === 0) return "Intet registreret sygefravær.";
  return e.absences
    .map((a) =>
      [
        `${a.reference}: første fraværsdag ${date(a.firstAbsenceDay)}, ${EXTENT[a.extent] ?? a.extent} fravær, ${PAY[a.pay] ?? a.pay}, forventet over 8 uger: ${yesNo(a.expectedOver8Weeks)}, § 56: ${yesNo(a.paragraph56)}`,
        `  Samtale: ${date(a.conversationHeldOn)}${a.conversationNotes ? `, noter: ${a.conversationNotes}` : ""}`,
        `  Fast track anmodet: ${date(a.fastTrackRequestedOn)}${a.fastTrackDeclined ? " (afslået af medarbejderen)" : ""}; første opfølgning: ${date(a.firstFollowUpHeldOn)}`,
        `  Raskmeldt: ${date(a.returnedOn)}`,
      ].join("\n"),
    )
    .join("\n");
}

function documentsText(e: EmployeeDataExport): string {
  if (e.documents.length === 0) return "Ingen dokumenter.";
  return e.documents
    .map((d) => {
      const head = `${DOCUMENT_TYPE[d.type] ?? d.type} nr. ${d.id}${d.absence ? ` (${d.absence})` : ""}${d.submission ? `, sendt til jobcentret ${date(d.submission.receivedOn)}, status ${d.submission.status}` : ""}`;
      const versions = d.versions.flatMap((v) => [` Version ${v.version}${v.submittedAt ? " (sendt)" : ""}:`, ...contentLines(v.content)]);
      const messages = (d.submission?.messages ?? []).filter((m) => m.message).map((m) => ` Besked ${m.at.slice(0, 10)}: ${m.message}`);
      const doctor = d.doctorPart
        ? [
            ` Lægens del: ${MULIGHEDSERKLAERING_STATUS_LABELS[d.doctorPart.status]}${d.doctorPart.doctorDeadline ? `, frist ${date(d.doctorPart.doctorDeadline)}` : ""}${d.doctorPart.answeredOn ? `, svar ${date(d.doctorPart.answeredOn)}` : ""}`,
            ...(d.doctorPart.outcome ? [` Lægens vurdering: ${DOCTOR_OUTCOME_OPTIONS.find((o) => o.value === d.doctorPart!.outcome)?.label ?? d.doctorPart.outcome}; forventet varighed: ${d.doctorPart.expectedAbsenceDuration ?? "–"}`] : []),
            ...(d.doctorPart.doctorRemarks ? [` Lægens bemærkninger: ${d.doctorPart.doctorRemarks}`] : []),
          ]
        : [];
      const files = d.uploadedFiles.map((f) => ` Uploadet fil nr. ${f.id} (${f.sizeBytes} bytes) ${f.uploadedAt.slice(0, 10)}`);
      return [head, ...versions, ...doctor, ...files, ...messages].join("\n");
    })
    .join("\n");
}

function socialChapterText(e: EmployeeDataExport): string {
  const s = e.socialChapter;
  if (!s) return "Ingen aftale.";
  return [
    `Overenskomst: ${s.collectiveAgreement}; start ${date(s.startedOn)}; ${String(s.hoursPerWeek).replace(".", ",")} timer om ugen`,
    `Opgaver: ${s.tasks}`,
    `Skånehensyn: ${s.accommodations}`,
    `Vilkår: ${s.wageTerms}`,
    `Opfølgningsdatoer: ${s.reviewDates.map(date).join(", ") || "–"}`,
    ...s.log.map((l) => `Log nr. ${l.id}, ${date(l.entryDate)} (${l.kind}): ${l.text}`),
  ].join("\n");
}

function agreementsText(e: EmployeeDataExport): string {
  if (e.paragraph56Agreements.length === 0) return "Ingen aftaler.";
  return e.paragraph56Agreements
    .map((a) => `${a.kind} aftale, ansøgt ${date(a.appliedOn)}, godkendt ${date(a.approvedOn)}, gyldig til ${date(a.validUntil)}, ${a.expectedDaysPerYear} forventede fraværsdage om året. Betydning for arbejdet: ${a.effectOnWork}${a.materialChange ? `. Væsentlig ændring: ${a.materialChange}` : ""}`)
    .join("\n");
}

function auditText(e: EmployeeDataExport): string {
  if (e.auditLog.length === 0) return "Ingen registrerede handlinger.";
  return e.auditLog.map((a) => `${a.at.slice(0, 16).replace("T", " ")} ${a.action} (${a.entityType} ${a.entityId ?? ""})`).join("\n");
}

function readersText(e: EmployeeDataExport): string {
  if (e.documentReads.length === 0) return "Ingen har læst medarbejderens dokumenter.";
  return e.documentReads
    .map((r) => {
      const at = new Date(r.at.endsWith("Z") ? r.at : `${r.at}Z`);
      const who = r.userName ? `${r.userName} (${r.role}, ${r.organisation})` : "ukendt bruger";
      return `${formatDanishDate(todayInCopenhagen(at))} ${timeInCopenhagen(at)}: ${who} – ${r.document}, ${r.documentRef}: ${r.action}`;
    })
    .join("\n");
}

/** The readable copy of an access request (GDPR art. 15): every record the company keeps about one employee. */
export const accessRequestTemplate: FormTemplate<AccessRequestPdfData> = {
  id: "access-request",
  title: "Indsigt i registrerede oplysninger",
  legalBasis: "Databeskyttelsesforordningen art. 15 (den registreredes indsigtsret)",
  intro: "Alle oplysninger, virksomheden har registreret om medarbejderen i Fasthold, på udskriftsdagen. De samme oplysninger findes maskinlæsbart i JSON-udtrækket.",
  sections: [
    partiesSection("Medarbejdernummer"),
    {
      heading: "Medarbejderen",
      fields: [
        { name: "birthDate", label: "Fødselsdato", kind: "date", filledBy: "employer" },
        { name: "municipality", label: "Bopælskommune", kind: "text", filledBy: "employer" },
        { name: "moves", label: "Flytninger", kind: "multiline", filledBy: "employer" },
        { name: "employmentStartDate", label: "Ansat siden", kind: "date", filledBy: "employer" },
        { name: "weeklyHours", label: "Timer om ugen", kind: "text", filledBy: "employer" },
      ],
    },
    { heading: "Sygefravær", fields: [{ name: "absences", label: "Fraværssager", kind: "multiline", filledBy: "employer" }] },
    { heading: "Dokumenter og indsendelser", fields: [{ name: "documents", label: "Dokumenter med alle versioner og beskeder", kind: "multiline", filledBy: "employer" }] },
    { heading: "Sociale kapitler", fields: [{ name: "socialChapter", label: "Aftale og log", kind: "multiline", filledBy: "employer" }] },
    { heading: "§ 56-aftaler", fields: [{ name: "paragraph56", label: "Aftaler", kind: "multiline", filledBy: "employer" }] },
    { heading: "Hvem har læst dokumenterne", fields: [{ name: "readers", label: "Visninger og downloads (dansk tid)", kind: "multiline", filledBy: "employer" }] },
    { heading: "Handlinger", fields: [{ name: "audit", label: "Registrerede handlinger (tidspunkt i UTC)", kind: "multiline", filledBy: "employer" }] },
  ],
  footer:
    "Fasthold registrerer en fødselsdato, aldrig et CPR-nummer, og aldrig en diagnose. Sager om sygefravær slettes automatisk et antal år efter, at fraværet er afsluttet. " +
    "Jobcentrets interne noter er jobcentrets egne oplysninger og indgår ikke.",
  resolve: ({ export: e, municipalityName }) => ({
    ...partiesValues({ company: e.controller, employee: e.employee, reference: String(e.employee.id) }),
    birthDate: e.employee.birthDate,
    municipality: municipalityName(e.employee.municipalityCode),
    moves: e.employee.moves.map((m) => `${date(m.movedOn)}: fra ${municipalityName(m.fromMunicipalityCode)} til ${municipalityName(m.toMunicipalityCode)}`).join("\n") || null,
    employmentStartDate: e.employee.employmentStartDate,
    weeklyHours: String(e.employee.weeklyHours).replace(".", ","),
    absences: absencesText(e),
    documents: documentsText(e),
    socialChapter: socialChapterText(e),
    paragraph56: agreementsText(e),
    readers: readersText(e),
    audit: auditText(e),
  }),
};
