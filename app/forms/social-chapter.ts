import { z } from "zod";
import "./danish-errors";
import { compareIso, isIsoDate, type IsoDate } from "~/domain/dates";
import { freeText, withDiagnosisCheck, type WithoutConfirmation } from "./diagnosis";
import { decimalNumber, isoDate, validDate } from "./fields";

const text = (required: string, max: number) => freeText({ required, max });

/** Review dates typed as dd.mm.åååå or åååå-mm-dd, one per line or comma-separated. */
const reviewDates = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const parts = (v ?? "").split(/[\s,;]+/).filter(Boolean);
    const dates: string[] = [];
    for (const p of parts) {
      const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(p);
      const iso = m ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : p;
      if (!isIsoDate(iso)) {
        ctx.addIssue({ code: "custom", message: `"${p}" er ikke en gyldig dato. Skriv datoer som dd.mm.åååå.` });
        return z.NEVER;
      }
      dates.push(iso);
    }
    if (dates.length > 24) {
      ctx.addIssue({ code: "custom", message: "Angiv højst 24 opfølgningsdatoer." });
      return z.NEVER;
    }
    return [...new Set(dates)].sort();
  });

export function socialChapterSchema(today: string) {
  return withDiagnosisCheck({
      collectiveAgreement: text("Angiv overenskomsten, fx Industriens Overenskomst.", 200),
      startedOn: isoDate({ required: "Indtast startdatoen for ansættelsen på særlige vilkår." }),
      tasks: text("Beskriv arbejdsopgaverne.", 4000),
      accommodations: text("Beskriv skånehensynene.", 4000),
      hoursPerWeek: decimalNumber({
        required: "Indtast timer om ugen som et tal, fx 25.",
        invalid: "Indtast timer om ugen som et tal, fx 25 eller 25,5.",
        min: 1,
        max: 80,
        tooSmall: "Timer om ugen skal være mindst 1.",
        tooBig: "Timer om ugen kan højst være 80.",
      }),
      wageTerms: text("Beskriv løn- og ansættelsesvilkårene.", 2000),
      reviewDates,
    })
    .superRefine((v, ctx) => {
      if (validDate(v.startedOn) && compareIso(v.startedOn, today) > 0) {
        ctx.addIssue({ code: "custom", path: ["startedOn"], message: "Startdatoen kan ikke ligge i fremtiden." });
      }
    });
}

export type SocialChapterInput = WithoutConfirmation<z.infer<ReturnType<typeof socialChapterSchema>>>;

/** The agreement's and the dossier's fields as the pages and the PDFs name them. */
export const SOCIAL_CHAPTER_LABELS = {
  recordId: "Sagsnummer",
  collectiveAgreement: "Overenskomst",
  startedOn: "Start på særlige vilkår",
  tasks: "Arbejdsopgaver",
  accommodations: "Skånehensyn",
  hoursPerWeek: "Timer om ugen",
  wageTerms: "Løn- og ansættelsesvilkår",
  reviewDates: "Opfølgningsdatoer",
  completesOn: "12 måneder gennemført",
  required: "Kravet om 12 måneder",
  pensionDate: "Folkepension",
  exemptFrom: "Kravet om 12 måneder gælder ikke fra",
  log: "Log over indsatsen",
} as const;

export const LOG_KINDS = [
  { value: "adjustment", label: "Tilpasning afprøvet" },
  { value: "conversation", label: "Samtale" },
  { value: "change", label: "Ændring af timer eller opgaver" },
  { value: "evaluation", label: "Evaluering: hvad virkede, og hvad gjorde ikke" },
] as const;

export function logEntrySchema(today: string) {
  return withDiagnosisCheck({
      intent: z.literal("log"),
      entryDate: isoDate({ required: "Indtast datoen." }),
      kind: z.enum(["adjustment", "conversation", "change", "evaluation", "correction"], { error: "Vælg hvad indførslen handler om." }),
      text: text("Beskriv hvad der skete.", 4000),
      correctsEntryId: z.coerce.number().int().positive().optional(),
    })
    .superRefine((v, ctx) => {
      if (validDate(v.entryDate) && compareIso(v.entryDate, today) > 0) {
        ctx.addIssue({ code: "custom", path: ["entryDate"], message: "Datoen kan ikke ligge i fremtiden." });
      }
    });
}

export const LOG_KIND_LABELS: Record<string, string> = { ...Object.fromEntries(LOG_KINDS.map((k) => [k.value, k.label])), correction: "Rettelse" };

export type LogEntryInput = WithoutConfirmation<z.infer<ReturnType<typeof logEntrySchema>>>;

/** HR's answer when the jobcenter asks for more about the dossier; it goes out with a fresh snapshot. */
export const SocialChapterReplySchema = withDiagnosisCheck({
  intent: z.literal("reply"),
  reply: freeText({ required: "Skriv et svar til jobcentret.", max: 4000, tooLong: "Svaret må højst have 4000 tegn." }),
  lock: z.coerce.number().int(),
});

/**
 * Redacting a log entry that turned out to hold health information: its text
 * is replaced, not appended to, so the original is gone (the log is otherwise
 * append-only). The replacement is free text like any other.
 */
export const REDACTED_TEXT_DEFAULT = "Teksten er fjernet, fordi den indeholdt helbredsoplysninger.";
export const RedactLogEntrySchema = withDiagnosisCheck({
  intent: z.literal("redact"),
  entryId: z.coerce.number({ error: "Vælg den indførsel, der skal rettes." }).int("Vælg den indførsel, der skal rettes.").positive("Vælg den indførsel, der skal rettes."),
  replacement: freeText({ required: "Skriv den tekst, der skal stå i stedet.", max: 4000 }),
});

export type RedactLogEntryInput = WithoutConfirmation<z.infer<typeof RedactLogEntrySchema>>;

/** A log entry as the dossier carries it; a redaction names who made it. */
export interface SocialChapterLogEntry {
  id: number;
  entryDate: IsoDate;
  kind: "adjustment" | "conversation" | "change" | "evaluation" | "correction";
  text: string;
  correctsEntryId: number | null;
  redactedAt: string | null;
  redactedByName: string | null;
}

/** The dossier as sent: the agreement, the log and the computed dates, frozen in a document version. */
export interface SocialChapterDossier {
  recordId: number;
  collectiveAgreement: string;
  startedOn: IsoDate;
  tasks: string;
  accommodations: string;
  hoursPerWeek: number;
  wageTerms: string;
  reviewDates: IsoDate[];
  completesOn: IsoDate;
  required: boolean | null;
  pensionDate: IsoDate;
  exemptFrom: IsoDate;
  log: SocialChapterLogEntry[];
}
