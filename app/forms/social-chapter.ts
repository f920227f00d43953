import { z } from "zod";
import { compareIso, isIsoDate } from "~/domain/dates";
import { isoDate, validDate } from "./fields";

function text(required: string, max: number) {
  return z
    .string({ error: required })
    .trim()
    .min(1, required)
    .max(max, `Teksten må højst have ${max} tegn.`);
}

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
  return z
    .object({
      collectiveAgreement: text("Angiv overenskomsten, fx Industriens Overenskomst.", 200),
      startedOn: isoDate({ required: "Indtast startdatoen for ansættelsen på særlige vilkår." }),
      tasks: text("Beskriv arbejdsopgaverne.", 4000),
      accommodations: text("Beskriv skånehensynene.", 4000),
      hoursPerWeek: z.coerce
        .number({ error: "Indtast timer om ugen som et tal, fx 25." })
        .min(1, "Timer om ugen skal være mindst 1.")
        .max(80, "Timer om ugen kan højst være 80."),
      wageTerms: text("Beskriv løn- og ansættelsesvilkårene.", 2000),
      reviewDates,
    })
    .superRefine((v, ctx) => {
      if (validDate(v.startedOn) && compareIso(v.startedOn, today) > 0) {
        ctx.addIssue({ code: "custom", path: ["startedOn"], message: "Startdatoen kan ikke ligge i fremtiden." });
      }
    });
}

export type SocialChapterInput = z.infer<ReturnType<typeof socialChapterSchema>>;

export const LOG_KINDS = [
  { value: "adjustment", label: "Tilpasning afprøvet" },
  { value: "conversation", label: "Samtale" },
  { value: "change", label: "Ændring af timer eller opgaver" },
  { value: "evaluation", label: "Evaluering: hvad virkede, og hvad gjorde ikke" },
] as const;

export function logEntrySchema(today: string) {
  return z
    .object({
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

export type LogEntryInput = z.infer<ReturnType<typeof logEntrySchema>>;
