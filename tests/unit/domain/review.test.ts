import { describe, expect, it } from "vitest";
import { availableActions, transition, type ReviewAction, type ReviewActor, type SubmissionStatus } from "~/domain/review";

const STATUSES: SubmissionStatus[] = ["received", "in-review", "needs-information", "approved", "rejected"];
const ACTIONS: ReviewAction[] = ["take", "request-information", "resubmit", "approve", "reject"];

const LEGAL: Array<[SubmissionStatus, ReviewAction, ReviewActor, SubmissionStatus]> = [
  ["received", "take", "jobcenter", "in-review"],
  ["in-review", "request-information", "jobcenter", "needs-information"],
  // The answer goes back to the caseworker who asked, still in review: nobody takes the case again.
  ["needs-information", "resubmit", "employer", "in-review"],
  ["in-review", "approve", "jobcenter", "approved"],
  ["in-review", "reject", "jobcenter", "rejected"],
];

describe("review state machine", () => {
  it.each(LEGAL)("%s --%s by %s--> %s", (from, action, actor, to) => {
    expect(transition(from, action, actor)).toEqual({ ok: true, to });
  });

  const illegal = STATUSES.flatMap((from) =>
    ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it.each(illegal)("refuses %s --%s--> with a Danish reason", (from, action) => {
    for (const actor of ["employer", "jobcenter"] as const) {
      const r = transition(from, action, actor);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^Du kan ikke .+ når indsendelsen har status/);
    }
  });

  it.each(LEGAL)("refuses %s --%s-- by the other side", (from, action, actor) => {
    const other = actor === "employer" ? "jobcenter" : "employer";
    expect(transition(from, action, other).ok).toBe(false);
  });

  it("offers no actions on a decided submission", () => {
    expect(availableActions("approved", "jobcenter")).toEqual([]);
    expect(availableActions("rejected", "employer")).toEqual([]);
  });

  it("offers approve, reject and request-information while in review", () => {
    expect(availableActions("in-review", "jobcenter").sort()).toEqual(["approve", "reject", "request-information"]);
  });
});
