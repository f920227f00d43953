import { and, count, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { getDb, one, preparedQuery, runTx, type Tx } from "~db/client.server";
import { notifications, submissions, users } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { submissionsBelongingTo } from "./residence.server";
import { usersReaching } from "./department-scope.server";

/**
 * Notifies the company users the event is about (HR, and the managers of the employee's
 * department: usersReaching), every caseworker of a municipality, or one user, in the caller's transaction.
 */
export async function notify(
  tx: Tx,
  input: {
    to: { companyId: number; employeeId: number; documentType: string | null } | { municipalityCode: number } | { userId: number };
    exceptUserId: number | null;
    submissionId: number;
    text: string;
    link: string;
  },
): Promise<void> {
  const to = input.to;
  const recipients = (await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        "companyId" in to ? usersReaching(to) : "userId" in to ? eq(users.id, to.userId) : eq(users.municipalityCode, to.municipalityCode),
        isNull(users.deactivatedAt),
      ),
    ))
    .filter((u) => u.id !== input.exceptUserId);
  if (recipients.length === 0) return;
  await tx.insert(notifications)
    .values(recipients.map((r) => ({ userId: r.id, submissionId: input.submissionId, text: input.text, link: input.link })));
}

// Asked on every page (the header's bell): prepared once.
const unreadQuery = preparedQuery("unread", (db) =>
  db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
    .prepare(),
);

export async function unreadNotificationCount(input: { userId: number }): Promise<number> {
  return (await one(unreadQuery().execute({ userId: input.userId })))?.n ?? 0;
}

/**
 * The user's notifications, newest first, with what the page shows. A caseworker's
 * notifications about a case that moved to another municipality are left out: from
 * the moving date the case is no longer theirs (Retssikkerhedsloven § 9).
 */
export async function listNotifications(input: { userId: number; limit?: number; jobcenter?: { municipalityCode: number; asOf: IsoDate } }) {
  const db = getDb();
  const own = eq(notifications.userId, input.userId);
  // Joined row by row (the user's newest notifications), not a list of every submission of the municipality.
  const where = input.jobcenter
    ? and(own, or(isNull(notifications.submissionId), await submissionsBelongingTo(input.jobcenter.municipalityCode, input.jobcenter.asOf, db)))
    : own;
  return await db
    .select({ id: notifications.id, text: notifications.text, link: notifications.link, readAt: notifications.readAt, createdAt: notifications.createdAt })
    .from(notifications)
    .leftJoin(submissions, eq(submissions.id, notifications.submissionId))
    .where(where)
    .orderBy(desc(notifications.id))
    .limit(input.limit ?? 100);
}

/** Marks the user's own notifications read; ids of other users' notifications are ignored. */
export async function markNotificationsRead(input: { userId: number; ids?: number[] }): Promise<void> {
  const scope = and(eq(notifications.userId, input.userId), isNull(notifications.readAt));
  await runTx(async (tx) => {
    await tx
      .update(notifications)
      .set({ readAt: new Date().toISOString() })
      .where(input.ids ? and(scope, inArray(notifications.id, input.ids)) : scope);
  });
}
