/**
 * How a submission's state reads for each side of the conversation. The status alone is not
 * enough: "in review" right after the employer answered is news for the caseworker, and a
 * request for information is waiting on the employer, which each side must read as such.
 */
import type { SubmissionStatus } from "./review";

export type ConversationSide = "employer" | "jobcenter";
export type ConversationTone = "info" | "warning" | "success" | "error" | "new";

export interface ConversationState {
  label: string;
  tone: ConversationTone;
  /** Waiting on this side: something for the reader to do. */
  yourTurn: boolean;
}

/** The events that move the conversation; notes and follow-ups do not. */
export const CONVERSATION_EVENTS = ["submitted", "resubmitted", "take", "request-information", "approve", "reject"] as const;
export type ConversationEvent = (typeof CONVERSATION_EVENTS)[number];

export function conversationState(input: { status: SubmissionStatus; lastEvent: ConversationEvent | null; side: ConversationSide }): ConversationState {
  const { status, lastEvent, side } = input;
  const employer = side === "employer";
  switch (status) {
    case "received":
      return employer
        ? { label: "Sendt – venter på jobcentret", tone: "info", yourTurn: false }
        : { label: lastEvent === "resubmitted" ? "Nyt svar fra virksomheden" : "Ny indsendelse", tone: "new", yourTurn: true };
    case "in-review":
      if (lastEvent === "resubmitted") {
        return employer ? { label: "Svar sendt – jobcentret behandler sagen", tone: "info", yourTurn: false } : { label: "Nyt svar fra virksomheden", tone: "new", yourTurn: true };
      }
      return employer ? { label: "Under behandling hos jobcentret", tone: "info", yourTurn: false } : { label: "Under behandling", tone: "info", yourTurn: true };
    case "needs-information":
      return employer ? { label: "Jobcentret venter på jeres svar", tone: "warning", yourTurn: true } : { label: "Venter på virksomheden", tone: "warning", yourTurn: false };
    case "approved":
      return { label: "Godkendt", tone: "success", yourTurn: false };
    case "rejected":
      return { label: "Afvist", tone: "error", yourTurn: false };
  }
}

/** The last event of the conversation among a submission's events, oldest first. */
export function lastConversationEvent(kinds: readonly string[]): ConversationEvent | null {
  for (let i = kinds.length - 1; i >= 0; i--) {
    const kind = kinds[i]!;
    if ((CONVERSATION_EVENTS as readonly string[]).includes(kind)) return kind as ConversationEvent;
  }
  return null;
}

/**
 * The caseworker's question the employer has still to answer: the message of the last request
 * for information while the submission waits on the employer; null once it is answered or decided.
 */
export function openQuestion(
  status: string | null | undefined,
  events: ReadonlyArray<{ kind: string; message: string | null; at: string }>,
): { message: string; at: string } | null {
  if (status !== "needs-information") return null;
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.kind === "request-information") return e.message ? { message: e.message, at: e.at } : null;
  }
  return null;
}
