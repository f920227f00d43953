/**
 * Where the conversation between employer and jobcenter stands, per submission: the last event
 * that moved it (a reply from the employer is news for the caseworker until they act).
 */
import { and, asc, inArray } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { submissionEvents } from "~db/schema";
import { CONVERSATION_EVENTS, lastConversationEvent, type ConversationEvent } from "~/domain/review-states";

/** The last conversation event of each of the given submissions (the ids of one page of a list). */
export async function lastConversationEvents(input: { submissionIds: readonly number[] }): Promise<Record<number, ConversationEvent | null>> {
  const result: Record<number, ConversationEvent | null> = {};
  if (input.submissionIds.length === 0) return result;
  const kinds = new Map<number, string[]>();
  const rows = await getDb()
    .select({ submissionId: submissionEvents.submissionId, kind: submissionEvents.kind })
    .from(submissionEvents)
    .where(and(inArray(submissionEvents.submissionId, [...input.submissionIds]), inArray(submissionEvents.kind, [...CONVERSATION_EVENTS])))
    .orderBy(asc(submissionEvents.id));
  for (const r of rows) kinds.set(r.submissionId, [...(kinds.get(r.submissionId) ?? []), r.kind]);
  for (const id of input.submissionIds) result[id] = lastConversationEvent(kinds.get(id) ?? []);
  return result;
}
