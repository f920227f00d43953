import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, preparedQuery, type Tx } from "~db/client.server";
import { notifications, users } from "~db/schema";

/** Notifies every HR user of a company, or every caseworker of a municipality, in the caller's transaction. */
export function notify(
  tx: Tx,
  input: { to: { companyId: number } | { municipalityCode: number }; exceptUserId: number | null; submissionId: number; text: string; link: string },
): void {
  const recipients = tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        "companyId" in input.to ? eq(users.companyId, input.to.companyId) : eq(users.municipalityCode, input.to.municipalityCode),
        isNull(users.deactivatedAt),
      ),
    )
    .all()
    .filter((u) => u.id !== input.exceptUserId);
  if (recipients.length === 0) return;
  tx.insert(notifications)
    .values(recipients.map((r) => ({ userId: r.id, submissionId: input.submissionId, text: input.text, link: input.link })))
    .run();
}

// Asked on every page (the header's bell): prepared once.
const unreadQuery = preparedQuery((db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .prepare(),
);

export function unreadNotificationCount(input: { userId: number }): number {
  return unreadQuery().get({ userId: input.userId })?.n ?? 0;
}

export function listNotifications(input: { userId: number; limit?: number }) {
  return getDb()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, input.userId))
    .orderBy(desc(notifications.id))
    .limit(input.limit ?? 100)
    .all();
}

/** Marks the user's own notifications read; ids of other users' notifications are ignored. */
export function markNotificationsRead(input: { userId: number; ids?: number[] }): void {
  const scope = and(eq(notifications.userId, input.userId), isNull(notifications.readAt));
  getDb()
    .update(notifications)
    .set({ readAt: new Date().toISOString() })
    .where(input.ids ? and(scope, inArray(notifications.id, input.ids)) : scope)
    .run();
}
