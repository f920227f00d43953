import type { IsoDate } from "~/domain/dates";
import { computeDeadlines, type AbsenceFacts, type DeadlineResult } from "~/domain/deadlines";
import { BoundedMemo } from "../../lib/bounded-memo";

// computeDeadlines is pure, so its result for the same facts and day can be reused:
// a dashboard over hundreds of open absences then costs lookups, not recomputation.
// Bounded: a few thousand results cover the largest dashboard; 50,000 held hundreds of MB.
const DEADLINE_MEMO_SIZE = 5_000;
const deadlineMemo = new BoundedMemo<string, DeadlineResult>(DEADLINE_MEMO_SIZE);

export function deadlinesFor(facts: AbsenceFacts, asOf: IsoDate): DeadlineResult {
  const key = `${asOf}|${facts.firstAbsenceDay}|${facts.pay}|${facts.expectedOver8Weeks}|${facts.conversationHeldOn}|${facts.fastTrackRequestedOn}|${facts.fastTrackDeclined}|${facts.firstFollowUpHeldOn}|${facts.returnedOn}|${facts.paragraph56}|${facts.birthDate}|${facts.socialChapterStartedOn}|${facts.employmentEndsOn}|${facts.expectedBackWithin26Weeks}|${facts.absenceReportedOn}|${facts.refundRequestedOn}`;
  return deadlineMemo.getOrCompute(key, () => computeDeadlines(facts, asOf));
}
