/**
 * The review of a submission by the jobcenter as a state machine:
 * received → in-review → needs-information ↔ in-review (new version, back with the caseworker
 * who asked: no taking the case again) → approved | rejected.
 * Pure: the model applies a transition only when this table allows it.
 */
export type SubmissionStatus = "received" | "in-review" | "needs-information" | "approved" | "rejected";
export type ReviewAction = "take" | "request-information" | "resubmit" | "approve" | "reject";
export type ReviewActor = "employer" | "jobcenter";

interface Transition {
  from: SubmissionStatus;
  action: ReviewAction;
  to: SubmissionStatus;
  actor: ReviewActor;
}

export const REVIEW_TRANSITIONS: readonly Transition[] = [
  { from: "received", action: "take", to: "in-review", actor: "jobcenter" },
  { from: "in-review", action: "request-information", to: "needs-information", actor: "jobcenter" },
  { from: "needs-information", action: "resubmit", to: "in-review", actor: "employer" },
  { from: "in-review", action: "approve", to: "approved", actor: "jobcenter" },
  { from: "in-review", action: "reject", to: "rejected", actor: "jobcenter" },
];

export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = {
  received: "Modtaget",
  "in-review": "Under behandling",
  "needs-information": "Mangler oplysninger",
  approved: "Godkendt",
  rejected: "Afvist",
};

/** The events of a submission's history as the pages and the access-request PDF name them. */
export const SUBMISSION_EVENT_LABELS: Record<string, string> = {
  submitted: "Sendt til jobcentret",
  resubmitted: "Ny version sendt med svar",
  take: "Jobcentret har taget sagen",
  "request-information": "Jobcentret beder om flere oplysninger",
  approve: "Godkendt",
  reject: "Afvist",
  "follow-up": "Første opfølgning holdt",
  note: "Intern note (vises ikke for arbejdsgiveren)",
};

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  take: "tage sagen",
  "request-information": "bede om flere oplysninger",
  resubmit: "sende en ny version",
  approve: "godkende",
  reject: "afvise",
};

export type TransitionResult = { ok: true; to: SubmissionStatus } | { ok: false; reason: string };

export function transition(from: SubmissionStatus, action: ReviewAction, actor: ReviewActor): TransitionResult {
  const t = REVIEW_TRANSITIONS.find((x) => x.from === from && x.action === action);
  if (!t) {
    return {
      ok: false,
      reason: `Du kan ikke ${REVIEW_ACTION_LABELS[action]}, når indsendelsen har status "${SUBMISSION_STATUS_LABELS[from]}".`,
    };
  }
  if (t.actor !== actor) {
    return { ok: false, reason: actor === "employer" ? "Kun jobcentret kan gøre det." : "Kun arbejdsgiveren kan gøre det." };
  }
  return { ok: true, to: t.to };
}

/** Decided by the jobcenter: a document approved or rejected can no longer be changed. No submission is not final. */
export function isFinal(status: string | null | undefined): boolean {
  return status === "approved" || status === "rejected";
}

/** The actions a side may take now, for showing only the buttons that can succeed. */
export function availableActions(status: SubmissionStatus, actor: ReviewActor): ReviewAction[] {
  return REVIEW_TRANSITIONS.filter((t) => t.from === status && t.actor === actor).map((t) => t.action);
}
