/**
 * The fastholdelsesplan (SDL § 7 b): the employee asks for it when not
 * expected back within 8 weeks; the employer makes it with the employee or
 * refuses with a reason. The plan goes to the first follow-up.
 */
import { z } from "zod";
import "./danish-errors";
import { compareIso, type IsoDate } from "~/domain/dates";
import { freeText, withDiagnosisCheck } from "./diagnosis";
import { isoDate, optionalIsoDate, validDate } from "./fields";

/** A plan takes as many dated steps as it needs, up to this many (a plan longer than that is several plans). */
export const PLAN_STEPS_MAX = 20;
export const PLAN_STEPS_MAX_MESSAGE = `Planen kan højst have ${PLAN_STEPS_MAX} trin.`;

export const FASTHOLDELSESPLAN_DECISIONS = [
  { value: "plan", label: "Vi laver en fastholdelsesplan" },
  { value: "refused", label: "Arbejdsgiveren afslår at lave en plan" },
] as const;

export const FASTHOLDELSESPLAN_LABELS = {
  requestedOn: "Dato for medarbejderens anmodning",
  decision: "Arbejdsgiverens beslutning",
  refusalReason: "Begrundelse for afslaget",
  goal: "Mål for planen",
  expectedReturnOn: "Forventet dato for tilbagevenden",
  steps: "Trin",
  adjustments: "Tilpasninger af arbejdet",
  followUpPoints: "Opfølgningspunkter",
} as const;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

const planStep = z.object({
  description: freeText({ required: "Beskriv trinnet.", max: 1000 }),
  dueOn: isoDate({ required: "Indtast en dato for trinnet." }),
  responsible: freeText({ required: "Angiv hvem der er ansvarlig.", max: 200 }),
});
export type PlanStep = z.output<typeof planStep>;

export function fastholdelsesplanSchema(input: { today: IsoDate; firstAbsenceDay: IsoDate }) {
  return withDiagnosisCheck({
    requestedOn: isoDate({ required: "Indtast datoen for medarbejderens anmodning." }),
    decision: z.enum(["plan", "refused"], { error: "Vælg om I laver en plan, eller om arbejdsgiveren afslår." }),
    refusalReason: freeText({ max: 2000 }),
    goal: freeText({ max: 2000 }),
    expectedReturnOn: optionalIsoDate(),
    // A row left wholly empty is not a step (a refusal leaves the form's one row empty). It is
    // dropped by the last transform, so an error or diagnosis warning in a later row keeps
    // that row's index in the form.
    steps: z
      .array(z.preprocess((row) => (row && typeof row === "object" && Object.values(row).every(blank) ? null : row), planStep.nullable()), {
        error: "Trinnene kunne ikke læses.",
      })
      .max(PLAN_STEPS_MAX, PLAN_STEPS_MAX_MESSAGE)
      .default([]),
    adjustments: freeText({ max: 4000 }),
    followUpPoints: freeText({ max: 4000 }),
  })
    .superRefine((v, ctx) => {
      if (validDate(v.requestedOn)) {
        if (compareIso(v.requestedOn, input.today) > 0) ctx.addIssue({ code: "custom", path: ["requestedOn"], message: "Datoen kan ikke ligge i fremtiden." });
        if (compareIso(v.requestedOn, input.firstAbsenceDay) < 0) {
          ctx.addIssue({ code: "custom", path: ["requestedOn"], message: "Anmodningen kan tidligst være fra første fraværsdag." });
        }
      }
      if (v.decision === "refused") {
        if (!v.refusalReason) ctx.addIssue({ code: "custom", path: ["refusalReason"], message: "Skriv begrundelsen for afslaget." });
      } else if (v.decision === "plan") {
        if (!v.goal) ctx.addIssue({ code: "custom", path: ["goal"], message: "Beskriv målet for planen." });
        if (Array.isArray(v.steps) && !v.steps.some((row) => row !== null)) ctx.addIssue({ code: "custom", path: ["steps"], message: "Planen skal have mindst ét trin med dato og ansvarlig." });
        if (validDate(v.expectedReturnOn) && compareIso(v.expectedReturnOn, input.firstAbsenceDay) <= 0) {
          ctx.addIssue({ code: "custom", path: ["expectedReturnOn"], message: "Datoen skal ligge efter første fraværsdag." });
        }
      }
    })
    .transform((v) =>
      // A refusal keeps no plan content, so nothing stale is sent along with it.
      v.decision === "refused"
        ? { requestedOn: v.requestedOn, decision: v.decision, refusalReason: v.refusalReason, steps: [] as PlanStep[], confirmNoDiagnosis: v.confirmNoDiagnosis }
        : { ...v, refusalReason: undefined, steps: v.steps.filter((row): row is PlanStep => row !== null) },
    );
}

export type FastholdelsesplanContent = z.output<ReturnType<typeof fastholdelsesplanSchema>>;

/** Shown instead of a target date when no first follow-up is due (the 2026 exemption). */
export const FASTHOLDELSESPLAN_NO_TARGET = "Ingen lovbestemt frist – planen tages med til kommunens første opfølgning, hvis den finder sted";
