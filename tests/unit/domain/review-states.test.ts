import { describe, expect, it } from "vitest";
import type { SubmissionStatus } from "~/domain/review";
import { conversationState, lastConversationEvent, type ConversationEvent } from "~/domain/review-states";

// status, last event, what the employer reads, what the caseworker reads
const TABLE: Array<[SubmissionStatus, ConversationEvent | null, string, string]> = [
  ["received", "submitted", "Sendt – venter på jobcentret", "Ny indsendelse"],
  ["in-review", "take", "Under behandling hos jobcentret", "Under behandling"],
  ["needs-information", "request-information", "Jobcentret venter på jeres svar", "Venter på virksomheden"],
  ["in-review", "resubmitted", "Svar sendt – jobcentret behandler sagen", "Nyt svar fra virksomheden"],
  ["received", "resubmitted", "Sendt – venter på jobcentret", "Nyt svar fra virksomheden"],
  ["approved", "approve", "Godkendt", "Godkendt"],
  ["rejected", "reject", "Afvist", "Afvist"],
];

describe("the conversation's state as each side reads it", () => {
  it.each(TABLE)("%s after %s reads %j for the employer and %j for the caseworker", (status, lastEvent, employer, jobcenter) => {
    expect(conversationState({ status, lastEvent, side: "employer" }).label).toBe(employer);
    expect(conversationState({ status, lastEvent, side: "jobcenter" }).label).toBe(jobcenter);
  });

  it("never says decided while waiting for the employer", () => {
    for (const side of ["employer", "jobcenter"] as const) {
      expect(conversationState({ status: "needs-information", lastEvent: "request-information", side }).label).not.toMatch(/afgjort|Godkendt|Afvist/);
    }
  });

  it("marks a reply from the employer as new and the caseworker's turn", () => {
    const s = conversationState({ status: "in-review", lastEvent: "resubmitted", side: "jobcenter" });
    expect(s).toEqual({ label: "Nyt svar fra virksomheden", tone: "new", yourTurn: true });
    expect(conversationState({ status: "needs-information", lastEvent: "request-information", side: "employer" }).yourTurn).toBe(true);
  });

  it("takes the last event that moved the conversation, not an internal note or a follow-up", () => {
    expect(lastConversationEvent(["submitted", "take", "request-information", "resubmitted", "note", "follow-up"])).toBe("resubmitted");
    expect(lastConversationEvent(["note"])).toBeNull();
  });
});
