import { formatDanishDate, type IsoDate } from "~/domain/dates";
import { FASTHOLDELSESPLAN_DECISIONS, FASTHOLDELSESPLAN_LABELS as L, FASTHOLDELSESPLAN_NO_TARGET, type FastholdelsesplanContent } from "~/forms/fastholdelsesplan";
import { partiesSection, partiesValues } from "./parties";
import { defineTemplate } from "./types";

export interface FastholdelsesplanPdfData {
  reference: string;
  company: { name: string; cvr: string };
  employee: { name: string; jobTitle: string };
  firstAbsenceDay: IsoDate;
  /** null: no first follow-up is due, so the plan has no statutory date. */
  firstFollowUpDue: IsoDate | null;
  plan: FastholdelsesplanContent;
}

/** The fastholdelsesplan (SDL § 7 b), or the employer's refusal with its reason. */
export const fastholdelsesplanTemplate = defineTemplate({
  id: "fastholdelsesplan",
  title: "Fastholdelsesplan",
  legalBasis: "Sygedagpengeloven § 7 b",
  intro:
    "Planen laves af arbejdsgiver og medarbejder sammen, når medarbejderen ikke forventes tilbage i arbejde inden for 8 uger og beder om den. " +
    "Den tages med til kommunens første opfølgning.",
  sections: [
    partiesSection("Sagsnummer"),
    {
      heading: "Anmodning og beslutning",
      fields: [
        { name: "firstAbsenceDay", label: "Første fraværsdag", kind: "date", filledBy: "employer" },
        { name: "requestedOn", label: L.requestedOn, kind: "date", filledBy: "employer" },
        { name: "decision", label: L.decision, kind: "choice", filledBy: "employer", options: FASTHOLDELSESPLAN_DECISIONS },
        { name: "refusalReason", label: L.refusalReason, kind: "multiline", filledBy: "employer" },
      ],
    },
    {
      heading: "Planen",
      fields: [
        { name: "goal", label: L.goal, kind: "multiline", filledBy: "employer" },
        { name: "expectedReturnOn", label: L.expectedReturnOn, kind: "date", filledBy: "employer" },
        { name: "firstFollowUpDue", label: "Tages med til kommunens første opfølgning senest", kind: "date", filledBy: "employer" },
        { name: "steps", label: L.steps, kind: "multiline", filledBy: "employer" },
        { name: "adjustments", label: L.adjustments, kind: "multiline", filledBy: "employer" },
        { name: "followUpPoints", label: L.followUpPoints, kind: "multiline", filledBy: "employer" },
      ],
    },
    {
      heading: "Underskrifter",
      fields: [
        { name: "employerSignature", label: "Arbejdsgiverens underskrift og dato", kind: "signature", filledBy: "employer" },
        { name: "employeeSignature", label: "Medarbejderens underskrift og dato", kind: "signature", filledBy: "employee" },
      ],
    },
  ],
  footer:
    "Kun medarbejderen kan bede om en fastholdelsesplan; arbejdsgiveren kan afslå.",
  noHealthInformationClaim: "Planen beskriver ikke sygdommen eller diagnosen, kun hvordan medarbejderen kan vende tilbage til arbejdet.",
  resolve: (d: FastholdelsesplanPdfData) => ({
    ...partiesValues(d),
    firstAbsenceDay: d.firstAbsenceDay,
    requestedOn: d.plan.requestedOn,
    decision: d.plan.decision,
    refusalReason: d.plan.refusalReason ?? null,
    goal: d.plan.decision === "plan" ? (d.plan.goal ?? null) : null,
    expectedReturnOn: d.plan.decision === "plan" ? (d.plan.expectedReturnOn ?? null) : null,
    firstFollowUpDue: d.firstFollowUpDue ?? FASTHOLDELSESPLAN_NO_TARGET,
    steps: d.plan.steps.length
      ? d.plan.steps.map((s, i) => `${i + 1}. ${formatDanishDate(s.dueOn)}: ${s.description} (ansvarlig: ${s.responsible})`).join("\n")
      : null,
    adjustments: d.plan.decision === "plan" ? (d.plan.adjustments ?? null) : null,
    followUpPoints: d.plan.decision === "plan" ? (d.plan.followUpPoints ?? null) : null,
  }),
});
