import type { IsoDate } from "~/domain/dates";
import { computeDeadlines, type AbsenceFacts, type DeadlineResult } from "~/domain/deadlines";

// computeDeadlines is pure, so its result for the same facts and day can be reused:
// a dashboard over hundreds of open absences then costs lookups, not recomputation.
const deadlineMemo = new Map<string, DeadlineResult>();
// Bounded: a few thousand results cover the largest dashboard; 50,000 held hundreds of MB.
const DEADLINE_MEMO_SIZE = 5_000;

export function deadlinesFor(facts: AbsenceFacts, asOf: IsoDate): DeadlineResult {
  const key = `${asOf}|${facts.firstAbsenceDay}|${facts.pay}|${facts.expectedOver8Weeks}|${facts.conversationHeldOn}|${facts.fastTrackRequestedOn}|${facts.fastTrackDeclined}|${facts.firstFollowUpHeldOn}|${facts.returnedOn}|${facts.paragraph56}|${facts.birthDate}|${facts.socialChapterStartedOn}|${facts.employmentEndsOn}|${facts.expectedBackWithin26Weeks}|${facts.absenceReportedOn}|${facts.refundRequestedOn}`;
  const known = deadlineMemo.get(key);
  if (known) return known;
  const result = computeDeadlines(facts, asOf);
  if (deadlineMemo.size >= DEADLINE_MEMO_SIZE) deadlineMemo.clear();
  deadlineMemo.set(key, result);
  return result;
}
