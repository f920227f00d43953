import { z } from "zod";
import { compareIso, isIsoDate } from "~/domain/dates";
import { isoDate, requiredText, validDate } from "./fields";

export const FAST_TRACK_CONSENT_OPTIONS = [
  { value: "agreed", label: "Medarbejderen er indforstået" },
  { value: "declined", label: "Medarbejderen ønsker ikke fast track" },
  { value: "pending", label: "Medarbejderen har endnu ikke svaret" },
] as const;


/** The request answers the three questions of BEK 1710/2024 § 3; no diagnosis, only consequences for the work. */
export function fastTrackRequestSchema(today: string) {
  return z
    .object({
      affectedFunctions: requiredText("Beskriv hvilke arbejdsfunktioner sygdommen påvirker.", 4000),
      affectedDuration: requiredText("Beskriv hvor længe sygdommen har påvirket arbejdet.", 2000),
      adaptations: requiredText("Beskriv om arbejdet er tilpasset, og hvordan.", 4000),
      requestedOn: isoDate({ required: "Indtast datoen for anmodningen." }),
      employeeConsent: z.enum(["agreed", "declined", "pending"], { error: "Vælg medarbejderens stilling til fast track." }),
    })
    .superRefine((v, ctx) => {
      if (validDate(v.requestedOn) && compareIso(v.requestedOn, today) > 0) {
        ctx.addIssue({ code: "custom", path: ["requestedOn"], message: "Datoen for anmodningen kan ikke ligge i fremtiden." });
      }
    });
}

export type FastTrackContent = z.infer<ReturnType<typeof fastTrackRequestSchema>>;

export const ReplySchema = z.object({
  reply: z.string({ error: "Skriv et svar til jobcentret." }).trim().min(1, "Skriv et svar til jobcentret.").max(4000, "Svaret må højst have 4000 tegn."),
  lock: z.coerce.number().int(),
});

export const ReviewActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("take"), lock: z.coerce.number().int() }),
    z.object({
      intent: z.literal("request-information"),
      lock: z.coerce.number().int(),
      message: z
        .string({ error: "Skriv hvilke oplysninger der mangler." })
        .trim()
        .min(1, "Skriv hvilke oplysninger der mangler.")
        .max(4000, "Beskeden må højst have 4000 tegn."),
    }),
    z.object({
      intent: z.literal("approve"),
      lock: z.coerce.number().int(),
      approvedOn: z
        .string()
        .trim()
        .optional()
        .transform((v) => (v ? v : undefined))
        .refine((v) => v === undefined || isIsoDate(v), "Indtast en gyldig dato (dd.mm.åååå)."),
    }),
    z.object({
      intent: z.literal("reject"),
      lock: z.coerce.number().int(),
      message: z
        .string({ error: "Skriv begrundelsen for afvisningen." })
        .trim()
        .min(1, "Skriv begrundelsen for afvisningen.")
        .max(4000, "Begrundelsen må højst have 4000 tegn."),
    }),
    z.object({
      intent: z.literal("note"),
      note: z.string({ error: "Skriv noten." }).trim().min(1, "Skriv noten.").max(4000, "Noten må højst have 4000 tegn."),
    }),
    z.object({ intent: z.literal("follow-up"), heldOn: isoDate({ required: "Indtast datoen for opfølgningssamtalen." }) }),
  ],
  { error: "Ukendt handling." },
);

export type ReviewActionInput = z.infer<typeof ReviewActionSchema>;
