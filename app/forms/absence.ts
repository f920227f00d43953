import { z } from "zod";
import { compareIso } from "~/domain/dates";
import { freeText, withDiagnosisCheck, type WithoutConfirmation } from "./diagnosis";
import { checkbox, isoDate, optionalIsoDate, perDay, validDate } from "./fields";

export const PAY_OPTIONS = [
  { value: "salary", label: "Fuld løn under fraværet", hint: "Arbejdsgiveren kan få refusion fra kommunen efter arbejdsgiverperioden." },
  { value: "sickness-benefit", label: "Sygedagpenge i arbejdsgiverperioden", hint: "Arbejdsgiveren betaler sygedagpenge i de første 30 dage." },
  { value: "none", label: "Ingen løn eller sygedagpenge fra arbejdsgiveren", hint: "Fx når betingelserne for arbejdsgiverperioden ikke er opfyldt." },
] as const;

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
} as const;

export const EXTENT_OPTIONS = [
  { value: "full", label: "Fuldt fravær" },
  { value: "partial", label: "Delvist fravær (nedsat tid)" },
] as const;

const notes = freeText({ max: 2000, tooLong: "Noterne må højst have 2000 tegn." });

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
});

type DatedFields = { firstAbsenceDay: string; conversationHeldOn?: string; fastTrackRequestedOn?: string; returnedOn?: string };

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
