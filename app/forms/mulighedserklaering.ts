/**
 * Part 1 of the mulighedserklæring (SDL § 36 a), filled in by employer and
 * employee together in four steps. Each step has its own schema, so a draft
 * is saved step by step; part 1 is complete when every step's schema accepts
 * the stored draft. Only the consequences for the work, never a diagnosis.
 */
import { z } from "zod";
import "./danish-errors";
import { addDays, compareIso, type IsoDate } from "~/domain/dates";
import type { DoctorOutcome, MulighedserklaeringStatus } from "~/domain/mulighedserklaering";
import { freeText, withDiagnosisCheck } from "./diagnosis";
import { checkbox, isoDate, optionalDecimalNumber, optionalText, requiredText, validDate } from "./fields";

export const DOCTOR_DEADLINE_DAYS = 14;

/** The doctor's returned PDF (a scan of a few pages is well under this). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** The whole upload request: the file plus the multipart framing and the form's intent field. */
export const MAX_UPLOAD_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024;
export const UPLOAD_TOO_LARGE = "Filen må højst fylde 10 MB.";

export const MULIGHEDSERKLAERING_STEPS = [
  { slug: "parter", title: "Parterne" },
  { slug: "begraensninger", title: "Begrænsninger og arbejdsfunktioner" },
  { slug: "tilpasninger", title: "Tilpasninger" },
  { slug: "moede", title: "Mødet og lægens frist" },
] as const;
export type MulighedserklaeringStep = (typeof MULIGHEDSERKLAERING_STEPS)[number]["slug"];

export const ADJUSTMENT_OPTIONS = [
  { name: "changedTasks", label: "Ændrede arbejdsopgaver" },
  { name: "reducedHours", label: "Nedsat arbejdstid" },
  { name: "aids", label: "Hjælpemidler" },
  { name: "gradualReturn", label: "Gradvis tilbagevenden" },
] as const;

export const MULIGHEDSERKLAERING_LABELS = {
  contactPerson: "Kontaktperson hos arbejdsgiveren",
  contactPhone: "Kontaktpersonens telefon",
  functionalLimitations: "1. Medarbejderens funktionsbegrænsninger i forhold til arbejdet",
  affectedFunctions: "2. Arbejdsfunktioner, der er påvirket",
  adjustments: "3. Foreslåede eller aftalte tilpasninger",
  hoursPerWeek: "Timer om ugen under nedsat tid",
  adjustmentsDescription: "Beskriv tilpasningerne",
  durationWeeks: "4. Forventet varighed af tilpasningerne (uger)",
  doctorAssessOnly: "5. Lægen bedes vurdere arbejdssituationen uden et forslag fra os",
  meetingDate: "6. Dato for mødet",
  bothPresent: "Arbejdsgiver og medarbejder har begge deltaget i mødet og udfyldt del 1 sammen",
  doctorDeadline: "Frist for lægens del",
} as const;

function notInFuture(ctx: z.RefinementCtx, path: string, date: unknown, today: IsoDate) {
  if (validDate(date) && compareIso(date, today) > 0) ctx.addIssue({ code: "custom", path: [path], message: "Datoen kan ikke ligge i fremtiden." });
}

export const partiesStepSchema = z.object({
  contactPerson: requiredText("Indtast navnet på kontaktpersonen.", 200),
  contactPhone: optionalText(40).refine((v) => v === undefined || /^[+\d][\d ]{7,19}$/.test(v), "Indtast et telefonnummer med 8 cifre, evt. med landekode."),
});

export const limitationsStepSchema = withDiagnosisCheck({
  functionalLimitations: freeText({ required: "Beskriv medarbejderens funktionsbegrænsninger i forhold til arbejdet.", max: 4000 }),
  affectedFunctions: freeText({ required: "Beskriv hvilke arbejdsfunktioner der er påvirket.", max: 4000 }),
});

export const adjustmentsStepSchema = withDiagnosisCheck({
    doctorAssessOnly: checkbox,
    changedTasks: checkbox,
    reducedHours: checkbox,
    aids: checkbox,
    gradualReturn: checkbox,
    hoursPerWeek: optionalDecimalNumber({
      invalid: "Indtast timer om ugen som et tal, fx 30 eller 30,5.",
      min: 1,
      max: 48,
      tooSmall: "Indtast mellem 1 og 48 timer om ugen.",
      tooBig: "Indtast mellem 1 og 48 timer om ugen.",
    }),
    adjustmentsDescription: freeText({ max: 4000 }),
    durationWeeks: optionalDecimalNumber({
      invalid: "Indtast varigheden i hele uger.",
      integer: true,
      min: 1,
      max: 52,
      tooSmall: "Indtast mellem 1 og 52 hele uger.",
      tooBig: "Indtast mellem 1 og 52 hele uger.",
    }),
  })
  .superRefine((v, ctx) => {
    // Point 5 replaces points 3 and 4: the doctor is asked to assess without a proposal.
    if (v.doctorAssessOnly) return;
    if (!v.changedTasks && !v.reducedHours && !v.aids && !v.gradualReturn) {
      ctx.addIssue({ code: "custom", path: ["changedTasks"], message: "Vælg mindst én tilpasning, eller bed lægen vurdere arbejdssituationen (punkt 5)." });
    }
    if (v.reducedHours && v.hoursPerWeek === undefined) {
      ctx.addIssue({ code: "custom", path: ["hoursPerWeek"], message: "Indtast hvor mange timer om ugen medarbejderen skal arbejde." });
    }
    if (!v.adjustmentsDescription) ctx.addIssue({ code: "custom", path: ["adjustmentsDescription"], message: "Beskriv tilpasningerne." });
    if (v.durationWeeks === undefined) ctx.addIssue({ code: "custom", path: ["durationWeeks"], message: "Indtast den forventede varighed i uger." });
  });

export function meetingStepSchema(today: IsoDate) {
  return z
    .object({
      meetingDate: isoDate({ required: "Indtast datoen for mødet." }),
      bothPresent: checkbox.refine((v) => v, "Del 1 skal udfyldes af arbejdsgiver og medarbejder sammen; bekræft at I begge deltog."),
      doctorDeadline: isoDate({ required: "Indtast fristen for lægens del." }),
    })
    .superRefine((v, ctx) => {
      notInFuture(ctx, "meetingDate", v.meetingDate, today);
      if (validDate(v.meetingDate) && validDate(v.doctorDeadline) && compareIso(v.doctorDeadline, v.meetingDate) <= 0) {
        ctx.addIssue({ code: "custom", path: ["doctorDeadline"], message: "Fristen skal ligge efter mødet." });
      }
      if (validDate(v.meetingDate) && validDate(v.doctorDeadline) && compareIso(v.doctorDeadline, addDays(v.meetingDate, 60)) > 0) {
        ctx.addIssue({ code: "custom", path: ["doctorDeadline"], message: "Fristen må højst ligge 60 dage efter mødet." });
      }
    });
}

export function stepSchema(step: MulighedserklaeringStep, today: IsoDate) {
  switch (step) {
    case "parter":
      return partiesStepSchema;
    case "begraensninger":
      return limitationsStepSchema;
    case "tilpasninger":
      return adjustmentsStepSchema;
    case "moede":
      return meetingStepSchema(today);
  }
}

export type MulighedserklaeringPart1 = z.output<typeof partiesStepSchema> &
  z.output<typeof limitationsStepSchema> &
  z.output<typeof adjustmentsStepSchema> &
  z.output<ReturnType<typeof meetingStepSchema>>;

/** The draft as stored: whatever steps have been saved so far. */
export type MulighedserklaeringDraft = Partial<MulighedserklaeringPart1>;

/**
 * The steps the stored draft does not yet satisfy; part 1 is complete when this is empty.
 * Each step's texts passed the diagnosis check (or were confirmed) when the step was saved; the
 * steps share one confirmation field in the draft, so a later step saved without a flagged text
 * must not turn an earlier confirmed false hit back into a missing step.
 */
export function missingSteps(draft: MulighedserklaeringDraft, today: IsoDate): MulighedserklaeringStep[] {
  const checked = { ...draft, confirmNoDiagnosis: true };
  return MULIGHEDSERKLAERING_STEPS.filter((s) => !stepSchema(s.slug, today).safeParse(checked).success).map((s) => s.slug);
}

export function defaultDoctorDeadline(meetingDate: IsoDate): IsoDate {
  return addDays(meetingDate, DOCTOR_DEADLINE_DAYS);
}

export const DOCTOR_OUTCOME_OPTIONS = [
  { value: "sound", label: "Lægen finder ordningen helbredsmæssigt forsvarlig" },
  { value: "partly", label: "Lægen finder ordningen delvist forsvarlig" },
  { value: "not-sound", label: "Lægen finder ikke ordningen forsvarlig" },
] as const satisfies ReadonlyArray<{ value: DoctorOutcome; label: string }>;
const DOCTOR_OUTCOMES = ["sound", "partly", "not-sound"] as const satisfies ReadonlyArray<DoctorOutcome>;

export function sentToDoctorSchema(today: IsoDate) {
  return z
    .object({
      intent: z.literal("sent-to-doctor"),
      sentToDoctorOn: isoDate({ required: "Indtast datoen, hvor erklæringen blev givet til medarbejderen eller sendt til lægen." }),
    })
    .superRefine((v, ctx) => notInFuture(ctx, "sentToDoctorOn", v.sentToDoctorOn, today));
}

/** The doctor's answer as the employer records it: the outcome for the work, nothing about the illness. */
export function doctorAnswerSchema(today: IsoDate) {
  return withDiagnosisCheck({
    outcome: z.enum(DOCTOR_OUTCOMES, { error: "Vælg lægens vurdering." }),
    answeredOn: isoDate({ required: "Indtast datoen for lægens svar." }),
    expectedAbsenceDuration: freeText({ required: "Angiv lægens forventede varighed af fraværet, fx \"2 uger\" eller \"intet fravær\".", max: 200 }),
    doctorRemarks: freeText({ max: 4000 }),
  }).superRefine((v, ctx) => notInFuture(ctx, "answeredOn", v.answeredOn, today));
}
export type DoctorAnswerInput = z.output<ReturnType<typeof doctorAnswerSchema>>;

/** Starting a declaration: from one of the employee's absences, or from a pattern of repeated absences. */
export const REPEATED_ABSENCES = "gentagne";
export const StartMulighedserklaeringSchema = z.object({
  absenceId: z.union([z.literal(REPEATED_ABSENCES), z.coerce.number().int().positive()], { error: "Vælg fraværet, erklæringen gælder." }),
});

export const MULIGHEDSERKLAERING_STATUS_LABELS: Record<MulighedserklaeringStatus, string> = {
  draft: "Kladde",
  "part1-complete": "Del 1 udfyldt",
  "sent-to-doctor": "Sendt til lægen",
  answered: "Lægen har svaret",
};
