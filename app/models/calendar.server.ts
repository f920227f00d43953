import crypto from "node:crypto";
import { and, desc, eq, gte, isNull, or } from "drizzle-orm";
import { getDb, type Tx } from "~db/client.server";
import { absences, calendarEvents, calendarFeeds } from "~db/schema";
import type { Deadline } from "~/domain/deadlines";
import { recordAudit } from "./audit.server";
import type { EmployerUser } from "./user.server";

/** A deadline belongs in the calendar while someone still has to act on it. */
function isOpen(d: Deadline): boolean {
  return d.status !== "done" && d.status !== "not-applicable";
}

/**
 * Brings the company's calendar events for one absence in line with its
 * deadlines, in the caller's transaction: a moved date bumps the sequence, a
 * deadline that no longer applies is cancelled (and revived if it applies again).
 */
export function syncCalendarEvents(
  tx: Tx,
  input: { companyId: number; absenceId: number; deadlines: readonly Deadline[]; now?: Date },
): void {
  const now = (input.now ?? new Date()).toISOString();
  const existing = new Map(
    tx
      .select()
      .from(calendarEvents)
      .where(eq(calendarEvents.absenceId, input.absenceId))
      .all()
      .map((e) => [e.deadlineId, e]),
  );
  for (const d of input.deadlines) {
    const event = existing.get(d.id);
    if (!event) {
      if (!isOpen(d)) continue;
      tx.insert(calendarEvents)
        .values({
          companyId: input.companyId,
          absenceId: input.absenceId,
          deadlineId: d.id,
          uid: `${crypto.randomUUID()}@fasthold`,
          dueDate: d.dueDate,
          sequence: 0,
          cancelled: false,
          updatedAt: now,
        })
        .run();
      continue;
    }
    const cancelled = !isOpen(d);
    if (event.cancelled === cancelled && (cancelled || event.dueDate === d.dueDate)) continue;
    tx.update(calendarEvents)
      .set({ dueDate: d.dueDate, cancelled, sequence: event.sequence + 1, updatedAt: now })
      .where(eq(calendarEvents.id, event.id))
      .run();
  }
}

/** Cancelled events stay in the feed this long, so subscribed calendars learn of the cancellation. */
const CANCELLED_RETENTION_DAYS = 90;

export function listCalendarEvents(input: { companyId: number; now?: Date }) {
  const since = new Date((input.now ?? new Date()).getTime() - CANCELLED_RETENTION_DAYS * 86_400_000).toISOString();
  return getDb()
    .select({ event: calendarEvents, firstAbsenceDay: absences.firstAbsenceDay })
    .from(calendarEvents)
    .innerJoin(absences, eq(absences.id, calendarEvents.absenceId))
    .where(
      and(
        eq(calendarEvents.companyId, input.companyId),
        or(eq(calendarEvents.cancelled, false), gte(calendarEvents.updatedAt, since)),
      ),
    )
    .orderBy(calendarEvents.dueDate)
    .all();
}

export function activeCalendarFeed(input: { companyId: number }) {
  return (
    getDb()
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.companyId, input.companyId), isNull(calendarFeeds.revokedAt)))
      .orderBy(desc(calendarFeeds.id))
      .get() ?? null
  );
}

/** The company whose live feed has this token, or null (unknown or revoked). */
export function companyIdForCalendarToken(token: string): number | null {
  const feed = getDb()
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.token, token), isNull(calendarFeeds.revokedAt)))
    .get();
  return feed?.companyId ?? null;
}

/** Creates or renews the secret address; the previous one stops working at once. */
export function renewCalendarFeed(input: { user: EmployerUser; now?: Date }): string {
  const now = (input.now ?? new Date()).toISOString();
  const token = crypto.randomBytes(24).toString("base64url");
  getDb().transaction((tx) => {
    tx.update(calendarFeeds)
      .set({ revokedAt: now })
      .where(and(eq(calendarFeeds.companyId, input.user.company.id), isNull(calendarFeeds.revokedAt)))
      .run();
    tx.insert(calendarFeeds).values({ companyId: input.user.company.id, token, createdAt: now }).run();
    recordAudit(tx, { userId: input.user.id, action: "calendar.renew", entityType: "company", entityId: input.user.company.id });
  });
  return token;
}

export function revokeCalendarFeed(input: { user: EmployerUser; now?: Date }): void {
  const now = (input.now ?? new Date()).toISOString();
  getDb().transaction((tx) => {
    tx.update(calendarFeeds)
      .set({ revokedAt: now })
      .where(and(eq(calendarFeeds.companyId, input.user.company.id), isNull(calendarFeeds.revokedAt)))
      .run();
    recordAudit(tx, { userId: input.user.id, action: "calendar.revoke", entityType: "company", entityId: input.user.company.id });
  });
}
