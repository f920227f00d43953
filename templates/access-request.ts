import { formatReference } from "~/domain/case-reference";
import { formatDanishDate, formatDanishDateTime, isIsoDate, type IsoDate } from "~/domain/dates";
import { DOCUMENT_TYPE_LABELS, type DocumentType } from "~/domain/documents";
import { SUBMISSION_EVENT_LABELS as EVENT_LABELS, SUBMISSION_STATUS_LABELS, type SubmissionStatus } from "~/domain/review";
import { ABSENCE_LABELS, EXTENT_OPTIONS, PAY_OPTIONS } from "~/forms/absence";
import { CONFIRM_NO_DIAGNOSIS_LABEL } from "~/forms/diagnosis";
import { FAST_TRACK_CONSENT_OPTIONS, FAST_TRACK_LABELS } from "~/forms/fast-track";
import { FASTHOLDELSESPLAN_DECISIONS, FASTHOLDELSESPLAN_LABELS } from "~/forms/fastholdelsesplan";
import { ADJUSTMENT_OPTIONS, DOCTOR_OUTCOME_OPTIONS, MULIGHEDSERKLAERING_LABELS, MULIGHEDSERKLAERING_STATUS_LABELS } from "~/forms/mulighedserklaering";
import { PARAGRAPH56_KIND_OPTIONS, PARAGRAPH56_LABELS } from "~/forms/paragraph56";
import { LOG_KIND_LABELS, SOCIAL_CHAPTER_LABELS } from "~/forms/social-chapter";
import type { EmployeeDataExport } from "~/models/access-request.server";
import { partiesSection, partiesValues } from "./parties";
import { defineTemplate } from "./types";
import { formatDanishNumber, plural } from "~/domain/danish-text";

export interface AccessRequestPdfData {
  export: EmployeeDataExport;
  /** Municipality names for the codes in the export (the template stays free of lookups). */
  municipalityName: (code: number) => string;
}

const date = (d: IsoDate | null | undefined) => (d ? formatDanishDate(d) : "–");
const yesNo = (b: boolean) => (b ? "Ja" : "Nej");
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

const optionLabel = (options: ReadonlyArray<{ value: string; label: string }>, value: unknown) => options.find((o) => o.value === value)?.label ?? String(value);

/** What a stored value reads as in a letter: Ja/Nej, Danish dates and local times, decimal commas. */
function plain(value: unknown): string {
  if (typeof value === "boolean") return yesNo(value);
  if (typeof value === "number") return formatDanishNumber(value);
  if (typeof value === "string") {
    if (isIsoDate(value)) return formatDanishDate(value);
    if (ISO_INSTANT.test(value)) return formatDanishDateTime(value);
    return value;
  }
  if (Array.isArray(value)) return value.map(plain).join(", ");
  return "";
}

type Labels = Readonly<Record<string, string>>;
type Formatters = Readonly<Record<string, (value: never) => string>>;

const EXPECTED_DURATION = (over8: boolean) => (over8 ? "Mere end 8 uger" : "Højst 8 uger");

/** The labels each kind of document is shown with on its page, and how its coded values read. */
const DOCUMENT_FIELDS: Record<DocumentType, { labels: Labels; format?: Formatters }> = {
  "fast-track": {
    labels: FAST_TRACK_LABELS,
    format: { employeeConsent: (v: string) => optionLabel(FAST_TRACK_CONSENT_OPTIONS, v) },
  },
  mulighedserklaering: {
    labels: { ...MULIGHEDSERKLAERING_LABELS, ...Object.fromEntries(ADJUSTMENT_OPTIONS.map((o) => [o.name, o.label])) },
    format: { durationWeeks: (v: number) => plural(v, "uge", "uger") },
  },
  fastholdelsesplan: {
    labels: FASTHOLDELSESPLAN_LABELS,
    format: {
      decision: (v: string) => optionLabel(FASTHOLDELSESPLAN_DECISIONS, v),
      steps: (v: Array<{ dueOn: IsoDate; description: string; responsible: string }>) =>
        v.map((step) => `${date(step.dueOn)}: ${step.description} (ansvarlig: ${step.responsible})`).join("; "),
    },
  },
  paragraph56: {
    labels: PARAGRAPH56_LABELS,
    format: { kind: (v: string) => optionLabel(PARAGRAPH56_KIND_OPTIONS, v) },
  },
  "social-chapter": {
    labels: SOCIAL_CHAPTER_LABELS,
    format: {
      recordId: (v: number) => formatReference("SK", v),
      required: (v: boolean | null) => (v === null ? "Ukendt" : v ? "Gælder" : "Gælder ikke"),
      log: (v: LogLine[]) => v.map(logLine).join("; "),
    },
  },
};

interface LogLine {
  id: number;
  entryDate: IsoDate;
  kind: string;
  text: string;
  correctsEntryId: number | null;
  redactedAt?: string | null;
  redactedByName?: string | null;
}

function logLine(e: LogLine): string {
  const corrects = e.correctsEntryId ? ` (retter nr. ${e.correctsEntryId})` : "";
  const redacted = e.redactedAt ? ` (teksten er erstattet ${formatDanishDateTime(e.redactedAt)}${e.redactedByName ? ` af ${e.redactedByName}` : ""}, fordi den indeholdt helbredsoplysninger)` : "";
  return `Nr. ${e.id}, ${date(e.entryDate)}, ${LOG_KIND_LABELS[e.kind] ?? "Indførsel"}${corrects}: ${e.text}${redacted}`;
}

/** A stored document's content, one "label: value" line per filled field, in the order it was saved. */
function contentLines(type: DocumentType, content: unknown): string[] {
  if (content === null || typeof content !== "object") return [];
  const fields = DOCUMENT_FIELDS[type];
  return Object.entries(content as Record<string, unknown>).flatMap(([key, value]) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return [];
    const label = key === "confirmNoDiagnosis" ? CONFIRM_NO_DIAGNOSIS_LABEL : (fields.labels[key] ?? "Øvrig oplysning");
    const format = fields.format?.[key] as ((v: unknown) => string) | undefined;
    return [`  ${label}: ${format ? format(value) : plain(value)}`];
  });
}

function nemRefusion(on: IsoDate | null, reference: string | null): string {
  if (!on) return "Ikke registreret";
  return reference ? `${date(on)} (reference ${reference})` : date(on);
}

function addressText(a: { line: string | null; postalCode: string | null; city: string | null }): string | null {
  const town = [a.postalCode, a.city].filter(Boolean).join(" ");
  return [a.line, town].filter(Boolean).join(", ") || null;
}

function absencesText(e: EmployeeDataExport): string {
  if (e.absences.length === 0) return "Intet registreret sygefravær.";
  const L = ABSENCE_LABELS;
  return e.absences
    .map((a) =>
      [
        `Sag ${a.reference}`,
        `  ${L.firstAbsenceDay}: ${date(a.firstAbsenceDay)}`,
        `  ${L.extent}: ${optionLabel(EXTENT_OPTIONS, a.extent)}`,
        `  ${L.pay}: ${optionLabel(PAY_OPTIONS, a.pay)}`,
        `  ${L.expectedOver8Weeks}: ${EXPECTED_DURATION(a.expectedOver8Weeks)}`,
        `  ${L.paragraph56}: ${yesNo(a.paragraph56)}`,
        `  ${L.conversationHeldOn}: ${date(a.conversationHeldOn)}`,
        ...(a.conversationNotes ? [`  ${L.conversationNotes}: ${a.conversationNotes}`] : []),
        `  ${L.fastTrackRequestedOn}: ${date(a.fastTrackRequestedOn)}${a.fastTrackDeclined ? " (medarbejderen har sagt nej til fast track)" : ""}`,
        `  Første opfølgning holdt: ${date(a.firstFollowUpHeldOn)}`,
        `  ${L.returnedOn}: ${date(a.returnedOn)}`,
        `  ${L.expectedBackWithin26Weeks}: ${yesNo(a.expectedBackWithin26Weeks)}`,
        `  Fraværsanmeldelse i NemRefusion: ${nemRefusion(a.absenceReportedOn, a.absenceReportReference)}`,
        `  Anmodning om refusion i NemRefusion: ${nemRefusion(a.refundRequestedOn, a.refundRequestReference)}`,
        `  Registreret: ${formatDanishDateTime(a.createdAt)}${a.updatedAt ? `; senest ændret ${formatDanishDateTime(a.updatedAt)}` : ""}`,
      ].join("\n"),
    )
    .join("\n");
}

function documentsText(e: EmployeeDataExport): string {
  if (e.documents.length === 0) return "Ingen dokumenter.";
  return e.documents
    .map((d) => {
      const type = d.type as DocumentType;
      const sent = d.submission
        ? `, sendt til jobcentret ${date(d.submission.receivedOn)}, status: ${SUBMISSION_STATUS_LABELS[d.submission.status as SubmissionStatus] ?? "ukendt"}`
        : ", ikke sendt til jobcentret";
      const head = `${DOCUMENT_TYPE_LABELS[type] ?? "Dokument"} nr. ${d.id}${d.absence ? ` (sag ${d.absence})` : ""}${sent}`;
      const versions = d.versions.flatMap((v) => [
        ` Version ${v.version}, gemt ${formatDanishDateTime(v.createdAt)}${v.submittedAt ? `, sendt ${formatDanishDateTime(v.submittedAt)}` : ""}:`,
        ...contentLines(type, v.content),
      ]);
      const messages = (d.submission?.messages ?? [])
        .filter((m) => m.message)
        .map((m) => ` Besked ${formatDanishDateTime(m.at)}${EVENT_LABELS[m.kind] ? ` (${EVENT_LABELS[m.kind]})` : ""}: ${m.message}`);
      const doctor = d.doctorPart
        ? [
            ` Lægens del: ${MULIGHEDSERKLAERING_STATUS_LABELS[d.doctorPart.status]}${d.doctorPart.doctorDeadline ? `, frist ${date(d.doctorPart.doctorDeadline)}` : ""}${d.doctorPart.sentToDoctorOn ? `, givet til lægen ${date(d.doctorPart.sentToDoctorOn)}` : ""}${d.doctorPart.answeredOn ? `, svar ${date(d.doctorPart.answeredOn)}` : ""}`,
            ...(d.doctorPart.outcome ? [` Lægens vurdering: ${optionLabel(DOCTOR_OUTCOME_OPTIONS, d.doctorPart.outcome)}; forventet varighed: ${d.doctorPart.expectedAbsenceDuration ?? "–"}`] : []),
            ...(d.doctorPart.doctorRemarks ? [` Lægens bemærkninger: ${d.doctorPart.doctorRemarks}`] : []),
          ]
        : [];
      const files = d.uploadedFiles.map((f) => ` Uploadet fil nr. ${f.id} (PDF, ${Math.max(1, Math.round(f.sizeBytes / 1024))} kB), ${formatDanishDateTime(f.uploadedAt)}`);
      return [head, ...versions, ...doctor, ...files, ...messages].join("\n");
    })
    .join("\n");
}

function socialChapterText(e: EmployeeDataExport): string {
  const s = e.socialChapter;
  if (!s) return "Ingen aftale.";
  const L = SOCIAL_CHAPTER_LABELS;
  return [
    `${L.collectiveAgreement}: ${s.collectiveAgreement}`,
    `${L.startedOn}: ${date(s.startedOn)}`,
    `${L.hoursPerWeek}: ${formatDanishNumber(s.hoursPerWeek)}`,
    `${L.tasks}: ${s.tasks}`,
    `${L.accommodations}: ${s.accommodations}`,
    `${L.wageTerms}: ${s.wageTerms}`,
    `${L.reviewDates}: ${s.reviewDates.map(date).join(", ") || "Ingen"}`,
    `${L.log}:`,
    ...(s.log.length ? s.log.map((l) => `  ${logLine(l)}`) : ["  Loggen er tom."]),
  ].join("\n");
}

function agreementsText(e: EmployeeDataExport): string {
  if (e.paragraph56Agreements.length === 0) return "Ingen aftaler.";
  const L = PARAGRAPH56_LABELS;
  return e.paragraph56Agreements
    .map((a) =>
      [
        `${optionLabel(PARAGRAPH56_KIND_OPTIONS, a.kind)}`,
        `  ${L.appliedOn}: ${date(a.appliedOn)}`,
        `  ${L.approvedOn}: ${a.approvedOn ? date(a.approvedOn) : "Ikke godkendt"}`,
        `  ${L.validUntil}: ${date(a.validUntil)}`,
        `  ${L.expectedDaysPerYear}: ${a.expectedDaysPerYear}`,
        `  ${L.effectOnWork}: ${a.effectOnWork}`,
        ...(a.materialChange ? [`  ${L.materialChange}: ${a.materialChange}`] : []),
      ].join("\n"),
    )
    .join("\n");
}

/** The audit actions about an employee, as a person would say them. */
const AUDIT_ACTIONS: Record<string, string> = {
  "employee.create": "Medarbejderen oprettet",
  "employee.update": "Medarbejderens oplysninger rettet",
  "employee.move": "Flytning registreret",
  "employee.access-export": "Oplysningerne udleveret (indsigt)",
  "absence.create": "Sygefravær registreret",
  "absence.update": "Sygefravær rettet",
  "absence.conversation": "Samtale om sygefravær registreret",
  "absence.return": "Raskmelding registreret",
  "absence.fast-track": "Anmodning om fast track registreret",
  "absence.first-follow-up": "Første opfølgning registreret af jobcentret",
  "document.create": "Dokument oprettet",
  "document.save": "Dokument gemt",
  "submission.submit": "Sendt til jobcentret",
  "submission.resubmit": "Ny version sendt til jobcentret",
  "submission.take": "Jobcentret har taget sagen",
  "submission.request-information": "Jobcentret har bedt om flere oplysninger",
  "submission.approve": "Godkendt af jobcentret",
  "submission.reject": "Afvist af jobcentret",
  "submission.note": "Jobcentret har skrevet en intern note",
  "submission.follow-up": "Første opfølgning registreret af jobcentret",
  "mulighedserklaering.complete": "Mulighedserklæringens del 1 udfyldt",
  "mulighedserklaering.sent-to-doctor": "Mulighedserklæringen givet til lægen",
  "mulighedserklaering.answer": "Lægens svar registreret",
  "mulighedserklaering.upload": "Lægens svar uploadet",
  "paragraph56.apply": "§ 56-aftale ansøgt",
  "social-chapter.create": "Aftale om sociale kapitler registreret",
  "social-chapter.update": "Aftale om sociale kapitler rettet",
  "social-chapter.log": "Indførsel i loggen over indsatsen",
  "social-chapter.log-redact": "Tekst i loggen erstattet (helbredsoplysninger fjernet)",
  "retention.delete": "Slettet efter opbevaringsperioden",
};

const AUDIT_ENTITIES: Record<string, string> = {
  employee: "medarbejder",
  absence: "fraværssag",
  document: "dokument",
  submission: "indsendelse",
  "social-chapter": "sociale kapitler",
  paragraph56: "§ 56-aftale",
};

function auditText(e: EmployeeDataExport): string {
  if (e.auditLog.length === 0) return "Ingen registrerede handlinger.";
  return e.auditLog
    .map((a) => `${formatDanishDateTime(a.at)}: ${AUDIT_ACTIONS[a.action] ?? "Anden handling"} (${AUDIT_ENTITIES[a.entityType] ?? "post"}${a.entityId ? ` nr. ${a.entityId}` : ""})`)
    .join("\n");
}

function readersText(e: EmployeeDataExport): string {
  if (e.documentReads.length === 0) return "Ingen har læst medarbejderens dokumenter.";
  return e.documentReads
    .map((r) => {
      const who = r.userName ? `${r.userName} (${r.role}, ${r.organisation})` : "ukendt bruger";
      return `${formatDanishDateTime(r.at)}: ${who} – ${r.document}, ${r.documentRef}: ${r.action}`;
    })
    .join("\n");
}

/** The readable copy of an access request (GDPR art. 15): every record the company keeps about one employee. */
export const accessRequestTemplate = defineTemplate({
  id: "access-request",
  title: "Indsigt i registrerede oplysninger",
  legalBasis: "Databeskyttelsesforordningen art. 15 (den registreredes indsigtsret)",
  intro: "Alle oplysninger, virksomheden har registreret om medarbejderen i Fasthold, på udskriftsdagen. De samme oplysninger findes maskinlæsbart i JSON-udtrækket.",
  sections: [
    partiesSection("Medarbejdernummer"),
    {
      heading: "Medarbejderen",
      fields: [
        { name: "employeeNumber", label: "Virksomhedens medarbejdernummer", kind: "text", filledBy: "employer" },
        { name: "birthDate", label: "Fødselsdato", kind: "date", filledBy: "employer" },
        { name: "email", label: "E-mail", kind: "text", filledBy: "employer" },
        { name: "department", label: "Afdeling", kind: "text", filledBy: "employer" },
        { name: "address", label: "Bopælsadresse", kind: "text", filledBy: "employer" },
        { name: "municipality", label: "Bopælskommune", kind: "text", filledBy: "employer" },
        { name: "moves", label: "Flytninger", kind: "multiline", filledBy: "employer" },
        { name: "employmentStartDate", label: "Ansat siden", kind: "date", filledBy: "employer" },
        { name: "employmentEndDate", label: "Fratræder den", kind: "date", filledBy: "employer" },
        { name: "weeklyHours", label: "Timer om ugen", kind: "text", filledBy: "employer" },
      ],
    },
    { heading: "Sygefravær", fields: [{ name: "absences", label: "Fraværssager", kind: "multiline", filledBy: "employer" }] },
    { heading: "Dokumenter og indsendelser", fields: [{ name: "documents", label: "Dokumenter med alle versioner og beskeder", kind: "multiline", filledBy: "employer" }] },
    { heading: "Sociale kapitler", fields: [{ name: "socialChapter", label: "Aftale og log", kind: "multiline", filledBy: "employer" }] },
    { heading: "§ 56-aftaler", fields: [{ name: "paragraph56", label: "Aftaler", kind: "multiline", filledBy: "employer" }] },
    { heading: "Hvem har læst dokumenterne", fields: [{ name: "readers", label: "Visninger og downloads (dansk tid)", kind: "multiline", filledBy: "employer" }] },
    { heading: "Handlinger", fields: [{ name: "audit", label: "Registrerede handlinger (dansk tid)", kind: "multiline", filledBy: "employer" }] },
  ],
  footer:
    "Fasthold registrerer en fødselsdato, aldrig et CPR-nummer, og beder aldrig om en diagnose. Sager om sygefravær slettes automatisk et antal år efter, at fraværet er afsluttet. " +
    "Jobcentrets interne noter er jobcentrets egne oplysninger og indgår ikke.",
  noHealthInformationClaim: "Ingen af teksterne i udskriften nævner en diagnose.",
  resolve: ({ export: e, municipalityName }: AccessRequestPdfData) => ({
    ...partiesValues({ company: e.controller, employee: e.employee, reference: String(e.employee.id) }),
    employeeNumber: e.employee.employeeNumber,
    birthDate: e.employee.birthDate,
    email: e.employee.email,
    department: e.employee.department,
    address: addressText(e.employee.address),
    employmentEndDate: e.employee.employmentEndDate,
    municipality: municipalityName(e.employee.municipalityCode),
    moves: e.employee.moves.map((m) => `${date(m.movedOn)}: fra ${municipalityName(m.fromMunicipalityCode)} til ${municipalityName(m.toMunicipalityCode)}`).join("\n") || null,
    employmentStartDate: e.employee.employmentStartDate,
    weeklyHours: formatDanishNumber(e.employee.weeklyHours),
    absences: absencesText(e),
    documents: documentsText(e),
    socialChapter: socialChapterText(e),
    paragraph56: agreementsText(e),
    readers: readersText(e),
    audit: auditText(e),
  }),
});
