import { z } from "zod";
import "./danish-errors";
import { compareIso } from "~/domain/dates";
import { fastTrackDateRefusal } from "~/domain/fast-track";
import { freeText, withDiagnosisCheck, type WithoutConfirmation } from "./diagnosis";
import { checkbox, isoDate, optionalIsoDate, optionalText, perDay, validDate } from "./fields";

/** The absence's fields as the pages and the access-request PDF name them. */
export const ABSENCE_LABELS = {
  firstAbsenceDay: "Første fraværsdag",
  extent: "Omfang",
  pay: "Hvad betaler arbejdsgiveren",
  expectedOver8Weeks: "Forventet varighed",
  paragraph56: "§ 56-aftale",
  conversationHeldOn: "Samtale holdt den",
  conversationNotes: "Noter fra samtalen",
  fastTrackRequestedOn: "Fast track anmodet den",
  returnedOn: "Raskmeldt (første dag tilbage på arbejde)",
  expectedBackWithin26Weeks: "Tilbage inden 26 uger",
  employmentEndsOn: "Fratræder den",
} as const;

export const PAY_OPTIONS = [
  { value: "salary", label: "Fuld løn under fraværet", hint: "Arbejdsgiveren kan få refusion fra kommunen efter arbejdsgiverperioden." },
  { value: "sickness-benefit", label: "Sygedagpenge i arbejdsgiverperioden", hint: "Arbejdsgiveren betaler sygedagpenge i de første 30 dage." },
  { value: "none", label: "Ingen løn eller sygedagpenge fra arbejdsgiveren", hint: "Fx når betingelserne for arbejdsgiverperioden ikke er opfyldt." },
] as const;

export const EXTENT_OPTIONS = [
  { value: "full", label: "Fuldt fravær" },
  { value: "partial", label: "Delvist fravær (nedsat tid)" },
] as const;

const notes = freeText({ max: 2000, tooLong: "Noterne må højst have 2000 tegn." });

export const BACK_WITHIN_26_WEEKS_OPTIONS = [
  { value: "yes", label: "Ja, begge forventer, at medarbejderen er tilbage inden 26 uger" },
  { value: "no", label: "Nej, eller det vides ikke" },
] as const;

/** Lov nr. 1750/2025: the answer decides whether the municipality follows up (absences from 1 Jul 2026). */
const backWithin26Weeks = z
  .enum(["yes", "no"], { error: "Vælg ja eller nej." })
  .optional()
  .transform((v) => v === "yes");

const baseAbsence = withDiagnosisCheck({
  firstAbsenceDay: isoDate({ required: "Indtast første fraværsdag." }),
  extent: z.enum(["full", "partial"], { error: "Vælg om fraværet er fuldt eller delvist." }),
  pay: z.enum(["salary", "sickness-benefit", "none"], { error: "Vælg hvad arbejdsgiveren betaler." }),
  expectedOver8Weeks: checkbox,
  paragraph56: checkbox,
  conversationHeldOn: optionalIsoDate(),
  conversationNotes: notes,
  fastTrackRequestedOn: optionalIsoDate(),
  returnedOn: optionalIsoDate(),
  expectedBackWithin26Weeks: backWithin26Weeks,
  /** Written to the employee: the last day of employment when notice is given. */
  employmentEndsOn: optionalIsoDate(),
});

type DatedFields = { firstAbsenceDay: string; conversationHeldOn?: string; fastTrackRequestedOn?: string; returnedOn?: string; employmentEndsOn?: string };

/** Facts cannot precede the first absence day nor lie in the future (`today` is the Copenhagen date). */
export function checkAbsenceDates(v: DatedFields, today: string, ctx: z.RefinementCtx): void {
  if (!validDate(v.firstAbsenceDay)) return;
  const after = (field: keyof DatedFields, label: string) => {
    const value = v[field];
    if (!validDate(value)) return;
    if (field !== "firstAbsenceDay" && compareIso(value, v.firstAbsenceDay) < 0) {
      ctx.addIssue({ code: "custom", path: [field], message: `${label} kan ikke ligge før første fraværsdag.` });
    } else if (compareIso(value, today) > 0) {
      ctx.addIssue({ code: "custom", path: [field], message: `${label} kan ikke ligge i fremtiden.` });
    }
  };
  after("firstAbsenceDay", "Første fraværsdag");
  after("conversationHeldOn", "Datoen for samtalen");
  after("fastTrackRequestedOn", "Datoen for anmodningen om fast track");
  // SDL § 7 c: a request after the first 5 weeks is refused here too, not only on the absence page.
  if (validDate(v.fastTrackRequestedOn) && compareIso(v.fastTrackRequestedOn, v.firstAbsenceDay) >= 0) {
    const refusal = fastTrackDateRefusal(v.firstAbsenceDay, v.fastTrackRequestedOn);
    if (refusal) ctx.addIssue({ code: "custom", path: ["fastTrackRequestedOn"], message: refusal });
  }
  // The employment can end in the future (notice), but not before the absence began.
  if (validDate(v.employmentEndsOn) && compareIso(v.employmentEndsOn, v.firstAbsenceDay) < 0) {
    ctx.addIssue({ code: "custom", path: ["employmentEndsOn"], message: "Fratrædelsesdatoen kan ikke ligge før første fraværsdag." });
  }
  if (!validDate(v.returnedOn)) return;
  if (compareIso(v.returnedOn, v.firstAbsenceDay) <= 0) {
    ctx.addIssue({ code: "custom", path: ["returnedOn"], message: "Raskmeldingsdatoen skal ligge efter første fraværsdag." });
  } else if (compareIso(v.returnedOn, today) > 0) {
    ctx.addIssue({ code: "custom", path: ["returnedOn"], message: "Raskmeldingsdatoen kan ikke ligge i fremtiden." });
  }
}

export const absenceSchema = perDay((today) =>
  baseAbsence.superRefine((v, ctx) => checkAbsenceDates(v, today, ctx)),
);

export type AbsenceInput = WithoutConfirmation<z.infer<ReturnType<typeof absenceSchema>>>;

/** The facts recorded on the absence page, one small form each; built once per day (perDay). */
export const conversationSchema = perDay((today) =>
  withDiagnosisCheck({
    intent: z.literal("conversation"),
    conversationHeldOn: isoDate({ required: "Indtast datoen for samtalen." }),
    conversationNotes: notes,
  }).superRefine((v, ctx) => {
    if (validDate(v.conversationHeldOn) && compareIso(v.conversationHeldOn, today) > 0) {
      ctx.addIssue({ code: "custom", path: ["conversationHeldOn"], message: "Datoen for samtalen kan ikke ligge i fremtiden." });
    }
  }),
);

export const returnSchema = perDay((today) =>
  z.object({
    intent: z.literal("return"),
    returnedOn: isoDate({ required: "Indtast datoen for raskmeldingen." }),
  }).superRefine((v, ctx) => {
    if (validDate(v.returnedOn) && compareIso(v.returnedOn, today) > 0) {
      ctx.addIssue({ code: "custom", path: ["returnedOn"], message: "Raskmeldingsdatoen kan ikke ligge i fremtiden." });
    }
  }),
);

/** A NemRefusion reference is an identifier, never free text: letters, digits and dashes. */
const nemRefusionReference = optionalText(40).refine(
  (v) => v === undefined || /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(v),
  "Referencen kan kun indeholde bogstaver (a–z), tal og bindestreger.",
);

/** The § 40 report or the § 59 refund request, made in NemRefusion outside the portal. */
export const nemRefusionSchema = perDay((today) =>
  z
    .object({
      intent: z.enum(["absence-report", "refund-request"]),
      doneOn: isoDate({ required: "Indtast datoen, hvor det blev gjort i NemRefusion." }),
      reference: nemRefusionReference,
    })
    .superRefine((v, ctx) => {
      if (validDate(v.doneOn) && compareIso(v.doneOn, today) > 0) {
        ctx.addIssue({ code: "custom", path: ["doneOn"], message: "Datoen kan ikke ligge i fremtiden." });
      }
    }),
);

export const fastTrackSchema = perDay((today) =>
  z.object({
    intent: z.literal("fast-track"),
    fastTrackRequestedOn: isoDate({ required: "Indtast datoen for anmodningen." }),
  }).superRefine((v, ctx) => {
    if (validDate(v.fastTrackRequestedOn) && compareIso(v.fastTrackRequestedOn, today) > 0) {
      ctx.addIssue({ code: "custom", path: ["fastTrackRequestedOn"], message: "Datoen for anmodningen kan ikke ligge i fremtiden." });
    }
  }),
);
