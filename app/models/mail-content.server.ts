/**
 * The text of every e-mail the portal sends. An e-mail leaves the portal, so
 * it carries what the reader needs to act (what, when, the case reference and
 * a link) and nothing more: no diagnosis, no health information, no CPR
 * number, no caseworker's free text, and an employee only by initials.
 */
import { formatDanishDate, type IsoDate } from "~/domain/dates";
import { DUE_SOON_MAX_DAYS_LEFT } from "~/domain/deadlines";
import { receiptText } from "~/domain/receipt";
import { DOCUMENT_TYPE_LABELS, type DocumentType } from "~/domain/documents";
import { documentKind } from "~/documents";

/**
 * The document's name as an e-mail may carry it. That an employee has a § 56
 * agreement (a chronic illness) or works on the social chapters' terms is
 * itself health information, so those documents are only "a document".
 */
export function mailDocumentLabel(type: DocumentType): string {
  return documentKind(type).privateInMail ? "Dokument" : DOCUMENT_TYPE_LABELS[type];
}

export interface MailContent {
  subject: string;
  body: string;
}

const SIGNATURE = "\n\nMed venlig hilsen\nFasthold\n\nDenne e-mail er sendt automatisk. Du kan ikke svare på den.";

export const INVITATION_VALID_HOURS = 72;
export const RESET_VALID_HOURS = 1;

export function invitationMail(input: { publicUrl: string; token: string; inviterName: string; organisation: string }): MailContent {
  return {
    subject: `Invitation til Fasthold fra ${input.organisation}`,
    body:
      `${input.inviterName} har inviteret dig til at bruge Fasthold for ${input.organisation}.\n\n` +
      `Vælg din adgangskode her:\n${input.publicUrl}/invitation/${input.token}\n\n` +
      `Linket virker én gang og udløber om ${INVITATION_VALID_HOURS} timer. Har du ikke ventet invitationen, kan du se bort fra den.` +
      SIGNATURE,
  };
}

/**
 * To an address that already has a user elsewhere: an e-mail address belongs to
 * one organisation, so there is no link, only what to do instead.
 */
export function invitationToExistingAccountMail(input: { inviterName: string; organisation: string }): MailContent {
  return {
    subject: `Invitation til Fasthold fra ${input.organisation}`,
    body:
      `${input.inviterName} har forsøgt at invitere dig til at bruge Fasthold for ${input.organisation}.\n\n` +
      `Der findes allerede en bruger i Fasthold med denne e-mailadresse, og en e-mailadresse kan kun høre til én virksomhed eller ét jobcenter. ` +
      `Skal du også bruge Fasthold for ${input.organisation}, så bed om en invitation til en anden e-mailadresse. Har du ikke ventet invitationen, kan du se bort fra den.` +
      SIGNATURE,
  };
}

export function passwordResetMail(input: { publicUrl: string; token: string }): MailContent {
  return {
    subject: "Nulstil din adgangskode til Fasthold",
    body:
      `Nogen har bedt om at nulstille adgangskoden til din bruger i Fasthold.\n\n` +
      `Vælg en ny adgangskode her:\n${input.publicUrl}/nulstil/${input.token}\n\n` +
      `Linket virker én gang og udløber om ${RESET_VALID_HOURS} time. Har du ikke bedt om det, kan du se bort fra denne e-mail; din adgangskode er uændret.` +
      SIGNATURE,
  };
}

export type SubmissionUpdate = "request-information" | "approve" | "reject";

const UPDATE_TEXT: Record<SubmissionUpdate, { subject: string; lead: string }> = {
  "request-information": { subject: "Jobcentret beder om flere oplysninger", lead: "Jobcentret beder om flere oplysninger til" },
  approve: { subject: "Jobcentret har godkendt", lead: "Jobcentret har godkendt" },
  reject: { subject: "Jobcentret har afvist", lead: "Jobcentret har afvist" },
};

export function submissionUpdateMail(input: {
  publicUrl: string;
  update: SubmissionUpdate;
  documentLabel: string;
  reference: string;
  employeeInitials: string;
  documentId: number;
}): MailContent {
  const t = UPDATE_TEXT[input.update];
  return {
    subject: `${t.subject}: ${input.documentLabel} (${input.reference})`,
    body:
      `${t.lead} ${input.documentLabel.toLocaleLowerCase("da")} i sag ${input.reference} (medarbejder ${input.employeeInitials}).\n\n` +
      `Log ind for at læse jobcentrets besked:\n${input.publicUrl}/virksomhed/dokumenter/${input.documentId}` +
      SIGNATURE,
  };
}

/**
 * The receipt to the HR user who sent a document: what, when and the case reference, never the
 * content or the employee's name (an e-mail may be forwarded; the content stays in the portal).
 */
export function submissionReceiptMail(input: {
  publicUrl: string;
  documentLabel: string;
  version: number;
  resubmitted: boolean;
  reference: string;
  receivedAt: string;
  documentId: number;
}): MailContent {
  const what = input.resubmitted ? `Den nye version (version ${input.version}) af ${input.documentLabel.toLocaleLowerCase("da")} med jeres svar` : `${input.documentLabel} (version ${input.version})`;
  return {
    subject: `Kvittering: ${input.documentLabel} (${input.reference}) er modtaget af jobcentret`,
    body: `${what} er sendt til jobcentret.\n\n${receiptText({ receivedAt: input.receivedAt, reference: input.reference })}.\n\nSe dokumentet og forløbet her:\n${input.publicUrl}/virksomhed/dokumenter/${input.documentId}` + SIGNATURE,
  };
}

export interface DigestLine {
  reference: string;
  initials: string;
  title: string;
  dueDate: IsoDate | null;
  status: "due-soon" | "overdue" | "new";
  path: string;
}

const STATUS_TEXT: Record<DigestLine["status"], string> = {
  overdue: "Overskredet",
  "due-soon": "Snart",
  new: "Ny",
};

function line(publicUrl: string, l: DigestLine): string {
  const due = l.dueDate ? `, frist ${formatDanishDate(l.dueDate)}` : "";
  return `- ${STATUS_TEXT[l.status]}: ${l.title}${due}\n  Sag ${l.reference} (${l.initials})\n  ${publicUrl}${l.path}`;
}

export function digestMail(input: { publicUrl: string; asOf: IsoDate; role: "employer" | "jobcenter"; lines: DigestLine[] }): MailContent {
  const overdue = input.lines.filter((l) => l.status === "overdue");
  const soon = input.lines.filter((l) => l.status === "due-soon");
  const fresh = input.lines.filter((l) => l.status === "new");
  const sections: string[] = [];
  if (fresh.length) sections.push(`Nye indsendelser:\n${fresh.map((l) => line(input.publicUrl, l)).join("\n")}`);
  if (overdue.length) sections.push(`Overskredne frister:\n${overdue.map((l) => line(input.publicUrl, l)).join("\n")}`);
  if (soon.length) sections.push(`Frister inden for ${DUE_SOON_MAX_DAYS_LEFT} dage:\n${soon.map((l) => line(input.publicUrl, l)).join("\n")}`);
  const home = input.role === "employer" ? "/virksomhed" : "/jobcenter";
  return {
    subject: `Daglig oversigt fra Fasthold ${formatDanishDate(input.asOf)}: ${input.lines.length} ${input.lines.length === 1 ? "nyt punkt" : "nye punkter"}`,
    body:
      `Siden sidste oversigt er dette kommet til:\n\n${sections.join("\n\n")}\n\n` +
      `Se alle frister i Fasthold:\n${input.publicUrl}${home}\n\n` +
      `Du kan slå den daglige oversigt fra under Min konto:\n${input.publicUrl}/konto` +
      SIGNATURE,
  };
}
