import { z } from "zod";
import "./danish-errors";
import { compareIso } from "~/domain/dates";
import { freeText, withDiagnosisCheck, type WithoutConfirmation } from "./diagnosis";
import { isoDate, optionalIsoDate, validDate } from "./fields";

export const FAST_TRACK_LABELS = {
  affectedFunctions: "1. Hvilke arbejdsfunktioner er påvirket af sygdommen?",
  affectedDuration: "2. Hvor længe har sygdommen påvirket arbejdet?",
  adaptations: "3. Er arbejdet blevet tilpasset, og hvordan?",
  requestedOn: "Dato for anmodningen",
  employeeConsent: "Medarbejderens stilling til fast track",
} as const;

export const FAST_TRACK_CONSENT_OPTIONS = [
  { value: "agreed", label: "Medarbejderen er indforstået" },
  { value: "declined", label: "Medarbejderen ønsker ikke fast track" },
  { value: "pending", label: "Medarbejderen har endnu ikke svaret" },
] as const;


/** The request answers the three questions of BEK 1710/2024 § 3; no diagnosis, only consequences for the work. */
export function fastTrackRequestSchema(today: string) {
  return withDiagnosisCheck({
    affectedFunctions: freeText({ required: "Beskriv hvilke arbejdsfunktioner sygdommen påvirker.", max: 4000 }),
    affectedDuration: freeText({ required: "Beskriv hvor længe sygdommen har påvirket arbejdet.", max: 2000 }),
    adaptations: freeText({ required: "Beskriv om arbejdet er tilpasset, og hvordan.", max: 4000 }),
    requestedOn: isoDate({ required: "Indtast datoen for anmodningen." }),
    employeeConsent: z.enum(["agreed", "declined", "pending"], { error: "Vælg medarbejderens stilling til fast track." }),
  })
    .superRefine((v, ctx) => {
      if (validDate(v.requestedOn) && compareIso(v.requestedOn, today) > 0) {
        ctx.addIssue({ code: "custom", path: ["requestedOn"], message: "Datoen for anmodningen kan ikke ligge i fremtiden." });
      }
    });
}

export type FastTrackContent = WithoutConfirmation<z.infer<ReturnType<typeof fastTrackRequestSchema>>>;

/** HR's answer to the caseworker's request for information, sent with the new version. */
export const ReplySchema = withDiagnosisCheck({
  reply: freeText({ required: "Skriv et svar til jobcentret.", max: 4000, tooLong: "Svaret må højst have 4000 tegn." }),
  lock: z.coerce.number().int(),
});

export const ReviewActionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("take"), lock: z.coerce.number().int() }),
    // The caseworker's messages reach the employer and the employer's files: the same rule holds.
    withDiagnosisCheck({
      intent: z.literal("request-information"),
      lock: z.coerce.number().int(),
      message: freeText({ required: "Skriv hvilke oplysninger der mangler.", max: 4000, tooLong: "Beskeden må højst have 4000 tegn." }),
    }),
    z.object({
      intent: z.literal("approve"),
      lock: z.coerce.number().int(),
      approvedOn: optionalIsoDate(),
    }),
    withDiagnosisCheck({
      intent: z.literal("reject"),
      lock: z.coerce.number().int(),
      message: freeText({ required: "Skriv begrundelsen for afvisningen.", max: 4000, tooLong: "Begrundelsen må højst have 4000 tegn." }),
    }),
    withDiagnosisCheck({
      intent: z.literal("note"),
      note: freeText({ required: "Skriv noten.", max: 4000, tooLong: "Noten må højst have 4000 tegn." }),
    }),
    z.object({ intent: z.literal("follow-up"), heldOn: isoDate({ required: "Indtast datoen for opfølgningssamtalen." }) }),
  ],
  { error: "Ukendt handling." },
);

export type ReviewActionInput = z.infer<typeof ReviewActionSchema>;
