import { describe, expect, it } from "vitest";
import type { SubmissionStatus } from "~/domain/review";
import { conversationState, lastConversationEvent, openQuestion, type ConversationEvent } from "~/domain/review-states";

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

describe("the caseworker's open question", () => {
  const asked = { kind: "request-information", message: "Hvor mange timer?", at: "2026-11-30T09:00:00.000Z" };
  const askedAgain = { kind: "request-information", message: "Og fra hvornår?", at: "2026-12-01T09:00:00.000Z" };
  const replied = { kind: "resubmitted", message: "20 timer.", at: "2026-11-30T12:00:00.000Z" };
  it.each([
    ["waiting on the employer: the last question", "needs-information", [asked, replied, askedAgain], askedAgain.message],
    ["answered, back in review: none", "in-review", [asked, replied], null],
    ["decided: none", "approved", [asked, replied], null],
    ["never asked: none", "needs-information", [replied], null],
  ] as const)("%s", (_name, status, events, expected) => {
    expect(openQuestion(status, events)?.message ?? null).toBe(expected);
  });
});
