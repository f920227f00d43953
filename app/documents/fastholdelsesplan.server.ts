/** The fastholdelsesplan (SDL § 7 b), or the employer's refusal with its reason. */
import { z } from "zod";
import { FASTHOLDELSESPLAN_DECISIONS, FASTHOLDELSESPLAN_LABELS as L } from "~/forms/fastholdelsesplan";
import { shownDate } from "./content-fields";
import { caseReference } from "~/domain/case-reference";
import { fastholdelsesplanRefusal, fastholdelsesplanTargetDate } from "~/domain/deadlines";
import { fastholdelsesplanSchema, type FastholdelsesplanContent } from "~/forms/fastholdelsesplan";
import { factsOf } from "~/models/absence-facts.server";
import { deadlinesFor } from "~/models/deadline-memo.server";
import { fastholdelsesplanTemplate } from "../../templates/fastholdelsesplan";
import { storedDate } from "./content-fields";
import { defineKind } from "./kind";

const step = z.object({ description: z.string(), dueOn: storedDate, responsible: z.string() });

const content = z.union([
  z.object({
    requestedOn: storedDate,
    decision: z.literal("refused"),
    refusalReason: z.string().optional(),
    steps: z.array(step),
  }),
  z.object({
    requestedOn: storedDate,
    decision: z.literal("plan"),
    refusalReason: z.undefined().optional(),
    goal: z.string().optional(),
    expectedReturnOn: storedDate.optional(),
    steps: z.array(step),
    adjustments: z.string().optional(),
    followUpPoints: z.string().optional(),
  }),
]);

export const fastholdelsesplan = defineKind({
  type: "fastholdelsesplan",
  content,
  demoContent: {
    requestedOn: "2026-03-20",
    decision: "plan",
    goal: "Tilbage på fuld tid i egen funktion",
    expectedReturnOn: "2026-05-04",
    steps: [{ description: "Fire timer om dagen med lette opgaver", dueOn: "2026-04-06", responsible: "Værkfører" }],
    adjustments: "Ingen tunge løft de første fire uger",
    followUpPoints: "Samtale hver fjortende dag",
  },
  describe: (plan) => {
    const isPlan = plan.decision === "plan";
    return [
      { key: "requestedOn", label: L.requestedOn, value: shownDate(plan.requestedOn) },
      { key: "decision", label: L.decision, value: FASTHOLDELSESPLAN_DECISIONS.find((o) => o.value === plan.decision)?.label ?? null },
      { key: "refusalReason", label: L.refusalReason, value: plan.refusalReason ?? null },
      { key: "goal", label: L.goal, value: isPlan ? (plan.goal ?? null) : null },
      { key: "expectedReturnOn", label: L.expectedReturnOn, value: isPlan ? shownDate(plan.expectedReturnOn) : null },
      { key: "steps", label: L.steps, items: plan.steps.map((s) => `${shownDate(s.dueOn)}: ${s.description} (ansvarlig: ${s.responsible})`) },
      { key: "adjustments", label: L.adjustments, value: isPlan ? (plan.adjustments ?? null) : null },
      { key: "followUpPoints", label: L.followUpPoints, value: isPlan ? (plan.followUpPoints ?? null) : null },
    ];
  },
  needsAbsence: true,
  template: fastholdelsesplanTemplate,
  pdfData: (source, plan) => {
    const absence = source.absence!;
    return {
      reference: caseReference(absence.id),
      company: source.company,
      employee: { name: source.employee.name, jobTitle: source.employee.jobTitle },
      firstAbsenceDay: absence.firstAbsenceDay,
      firstFollowUpDue: fastholdelsesplanTargetDate(deadlinesFor(factsOf(absence, source.employee), source.asOf)),
      // The template takes the form's output type, which spells optional keys as `key: T | undefined` and
      // carries the diagnosis confirmation; the parsed content has the same values.
      plan: plan as FastholdelsesplanContent,
    };
  },
  pdfFilename: (source) => `fastholdelsesplan-${source.asOf}.pdf`,
  editSchema: ({ asOf, firstAbsenceDay }) => fastholdelsesplanSchema({ today: asOf, firstAbsenceDay }),
  startOnAbsence: { onePerAbsence: true, refusal: (absence) => fastholdelsesplanRefusal(absence) },
});
