/**
 * Keeps the stored calendar events of an absence in step with its deadlines.
 * Every write that changes an absence's facts calls this in its transaction;
 * the feed that reads the events is calendar.server.ts.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "~db/client.server";
import { calendarEvents } from "~db/schema";
import type { Deadline } from "~/domain/deadlines";

/** A deadline belongs in the calendar while someone still has to act on it. */
function isOpen(d: Deadline): boolean {
  return d.status !== "done" && d.status !== "not-applicable";
}

/**
 * Brings the company's calendar events for one absence in line with its
 * deadlines, in the caller's transaction: a moved date bumps the sequence, a
 * deadline that no longer applies is cancelled (and revived if it applies again).
 */
export async function syncCalendarEvents(
  tx: Tx,
  input: { companyId: number; absenceId: number; deadlines: readonly Deadline[]; now?: Date },
): Promise<void> {
  const now = (input.now ?? new Date()).toISOString();
  const existing = new Map(
    (await tx
      .select()
      .from(calendarEvents)
      .where(eq(calendarEvents.absenceId, input.absenceId)))
      .map((e) => [e.deadlineId, e]),
  );
  for (const d of input.deadlines) {
    const event = existing.get(d.id);
    existing.delete(d.id);
    if (!event) {
      if (!isOpen(d)) continue;
      await tx.insert(calendarEvents)
        .values({
          companyId: input.companyId,
          absenceId: input.absenceId,
          deadlineId: d.id,
          uid: `${crypto.randomUUID()}@fasthold`,
          dueDate: d.dueDate,
          sequence: 0,
          cancelled: false,
          updatedAt: now,
        });
      continue;
    }
    const cancelled = !isOpen(d);
    if (event.cancelled === cancelled && (cancelled || event.dueDate === d.dueDate)) continue;
    await tx.update(calendarEvents)
      .set({ dueDate: d.dueDate, cancelled, sequence: event.sequence + 1, updatedAt: now })
      .where(eq(calendarEvents.id, event.id));
  }
  // A deadline can vanish from the result altogether (the refund request once the
  // employer no longer pays salary): the calendar must hear that it is cancelled.
  for (const event of existing.values()) {
    if (event.cancelled) continue;
    await tx.update(calendarEvents)
      .set({ cancelled: true, sequence: event.sequence + 1, updatedAt: now })
      .where(eq(calendarEvents.id, event.id));
  }
}
