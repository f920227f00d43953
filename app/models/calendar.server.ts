import crypto from "node:crypto";
import { and, asc, desc, eq, gte, isNull, or } from "drizzle-orm";
import { getDb, one, only, runTx, type Tx } from "~db/client.server";
import { absences, calendarEvents, calendarFeeds, companies, employees, users } from "~db/schema";
import { caseReference } from "~/domain/case-reference";
import type { IsoDate } from "~/domain/dates";
import { computeDeadlines, type Deadline, type DeadlineId } from "~/domain/deadlines";
import { getEnv } from "~/utils/env.server";
import { calendarPath, type CalendarEntry } from "~/utils/ical.server";
import { hashSecret } from "~/utils/tokens.server";
import { employeeFactColumns, factsOf } from "./absence-facts.server";
import { recordAudit } from "./audit.server";
import { deadlinesFor } from "./deadline-memo.server";
import { employeesInScope, managedDepartmentIds } from "./department-scope.server";
import type { EmployerUser } from "./user.server";

/** Cancelled events stay in the feed this long, so subscribed calendars learn of the cancellation. */
const CANCELLED_RETENTION_DAYS = 90;

// Titles do not depend on the facts; any absence yields all of them. Used for an
// event whose deadline no longer appears in the case's result.
const FALLBACK_DEADLINES = new Map(
  computeDeadlines({ firstAbsenceDay: "2024-01-01", pay: "salary", expectedOver8Weeks: true }, "2024-01-01").deadlines.map((d) => [d.id, d]),
);

/**
 * The company's calendar events with each deadline's title, actor and legal
 * basis. Only the employee's birth date and employment end are read (for the facts); the name never
 * leaves the database here.
 */
export async function listCalendarEvents(input: { companyId: number; departmentIds?: readonly number[] | null; asOf: IsoDate; now?: Date }): Promise<CalendarEntry[]> {
  const since = new Date((input.now ?? new Date()).getTime() - CANCELLED_RETENTION_DAYS * 86_400_000).toISOString();
  const rows = await getDb()
    .select({ event: calendarEvents, absence: absences, employee: employeeFactColumns })
    .from(calendarEvents)
    .innerJoin(absences, eq(absences.id, calendarEvents.absenceId))
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(
      and(
        eq(calendarEvents.companyId, input.companyId),
        eq(absences.companyId, input.companyId),
        employeesInScope({ companyId: input.companyId, departmentIds: input.departmentIds ?? null }),
        or(eq(calendarEvents.cancelled, false), gte(calendarEvents.updatedAt, since)),
      ),
    )
    .orderBy(asc(calendarEvents.dueDate), asc(calendarEvents.uid));
  const deadlinesByAbsence = new Map<number, Map<string, Deadline>>();
  return rows.map(({ event, absence, employee }) => {
    let deadlines = deadlinesByAbsence.get(absence.id);
    if (!deadlines) {
      const result = deadlinesFor(factsOf(absence, employee), input.asOf);
      deadlines = new Map(result.deadlines.map((d) => [d.id, d]));
      deadlinesByAbsence.set(absence.id, deadlines);
    }
    const deadlineId = event.deadlineId as DeadlineId;
    const current = deadlines.get(deadlineId);
    const known = current ?? FALLBACK_DEADLINES.get(deadlineId);
    return {
      uid: event.uid,
      path: `/virksomhed/fravaer/${absence.id}`,
      reference: caseReference(absence.id),
      deadlineId,
      dueDate: event.dueDate,
      sequence: event.sequence,
      cancelled: event.cancelled,
      updatedAt: event.updatedAt,
      title: known?.title ?? "Frist",
      actor: known?.actor ?? "employer",
      basis: known?.basis ?? "Sygedagpengeloven",
    };
  });
}

/**
 * The feed's absolute addresses start at PUBLIC_URL: a request's Host or X-Forwarded-Host is
 * the caller's to write, and a forged one would put its links into every subscribed calendar.
 */
export function calendarAddress(token: string): string {
  return getEnv().publicUrl + calendarPath(token);
}

/** The calendar behind a secret address: the company's open sickness-absence deadlines (with the base of its links), or null when the token is unknown or revoked. */
export async function calendarFeedForToken(input: { token: string; asOf: IsoDate; now?: Date }): Promise<{ companyName: string; entries: CalendarEntry[]; baseUrl: string } | null> {
  const feed = await feedForCalendarToken(input.token);
  if (feed === null) return null;
  const { companyId } = feed;
  // A manager's own feed holds their departments' deadlines as they are today; it dies with the account.
  let departmentIds: number[] | null = null;
  if (feed.userId !== null) {
    const owner = await one(getDb().select({ accessLevel: users.accessLevel, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, feed.userId)).limit(1));
    if (!owner || owner.deactivatedAt) return null;
    departmentIds = owner.accessLevel === "manager" ? await managedDepartmentIds({ userId: feed.userId, companyId }) : null;
  }
  const company = await one(getDb().select({ name: companies.name }).from(companies).where(eq(companies.id, companyId)).limit(1));
  if (!company) return null;
  // Only the sickness-absence deadlines, by case reference, as in the e-mails: a § 56 or social-chapter
  // reminder (or a doctor's deadline of a mulighedserklæring) says by itself that an employee has a
  // health-related arrangement, and a calendar is synced to phones and shared with assistants.
  return { companyName: company.name, entries: await listCalendarEvents({ companyId, departmentIds, asOf: input.asOf, now: input.now }), baseUrl: getEnv().publicUrl };
}

/**
 * Whose feed a user makes and renews: HR the company's, a manager their own (with their
 * departments' deadlines only), so a manager never holds the address of the whole company.
 */
function feedOwner(user: Pick<EmployerUser, "id" | "accessLevel" | "company">) {
  const companyId = user.company.id;
  const userId = user.accessLevel === "manager" ? user.id : null;
  return { companyId, userId, where: and(eq(calendarFeeds.companyId, companyId), userId === null ? isNull(calendarFeeds.userId) : eq(calendarFeeds.userId, userId)) };
}

/** The company's live address (or, with the user of a manager, the manager's own): when it was made. The address itself is not stored, only its token's hash. */
export async function activeCalendarFeed(input: { companyId: number; user?: Pick<EmployerUser, "id" | "accessLevel" | "company"> }): Promise<{ id: number; createdAt: string } | null> {
  const owner = input.user ? feedOwner(input.user).where : and(eq(calendarFeeds.companyId, input.companyId), isNull(calendarFeeds.userId));
  return (
    await one(getDb()
      .select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(and(owner, isNull(calendarFeeds.revokedAt)))
      .orderBy(desc(calendarFeeds.id)).limit(1)) ?? null
  );
}

/** The company whose live feed has this token, or null (unknown or revoked). The table holds the token's SHA-256. */
export async function companyIdForCalendarToken(token: string): Promise<number | null> {
  return (await feedForCalendarToken(token))?.companyId ?? null;
}

async function feedForCalendarToken(token: string): Promise<{ companyId: number; userId: number | null } | null> {
  return (
    await one(getDb()
      .select({ companyId: calendarFeeds.companyId, userId: calendarFeeds.userId })
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.token, hashSecret(token)), isNull(calendarFeeds.revokedAt))).limit(1)) ?? null
  );
}

function newToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

/** Revokes the owner's live address(es); returns the ids revoked. */
async function revokeLive(tx: Tx, owner: ReturnType<typeof feedOwner>, now: string): Promise<number[]> {
  return (await tx
    .update(calendarFeeds)
    .set({ revokedAt: now })
    .where(and(owner.where, isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id }))
    .map((r) => r.id);
}

/**
 * Creates the company's secret address and returns its token, to be shown this once: only
 * its SHA-256 is stored, so a copy of the database opens no feed. A second "create" (a double
 * click, two tabs) keeps the live address instead of silently replacing one already copied,
 * and returns null (the address cannot be shown again; renewing gives a new one).
 * The audit log gets the feed id, never the token: the token is the secret.
 */
export async function createCalendarFeed(input: { user: EmployerUser; now?: Date }): Promise<string | null> {
  const now = (input.now ?? new Date()).toISOString();
  const owner = feedOwner(input.user);
  const { companyId, userId } = owner;
  return await runTx(async (tx) => {
    const live = await one(tx
      .select()
      .from(calendarFeeds)
      .where(and(owner.where, isNull(calendarFeeds.revokedAt)))
      .orderBy(desc(calendarFeeds.id)).limit(1));
    if (live) return null;
    const token = newToken();
    const feed = await only(tx.insert(calendarFeeds).values({ companyId, userId, token: hashSecret(token), createdAt: now }).returning());
    await recordAudit(tx, { userId: input.user.id, action: "calendar.create", entityType: "company", entityId: companyId, details: { feedId: feed.id } });
    return token;
  });
}

/** Renews the secret address and returns the new token (shown once); the previous one stops working at once. */
export async function renewCalendarFeed(input: { user: EmployerUser; now?: Date }): Promise<string> {
  const now = (input.now ?? new Date()).toISOString();
  const owner = feedOwner(input.user);
  const { companyId, userId } = owner;
  const token = newToken();
  await runTx(async (tx) => {
    const revoked = await revokeLive(tx, owner, now);
    const feed = await only(tx.insert(calendarFeeds).values({ companyId, userId, token: hashSecret(token), createdAt: now }).returning());
    await recordAudit(tx, {
      userId: input.user.id,
      action: "calendar.renew",
      entityType: "company",
      entityId: companyId,
      details: { feedId: feed.id, revokedFeedIds: revoked },
    });
  });
  return token;
}

/** Revokes the secret address; returns false when there was none to revoke. */
export async function revokeCalendarFeed(input: { user: EmployerUser; now?: Date }): Promise<boolean> {
  const now = (input.now ?? new Date()).toISOString();
  const owner = feedOwner(input.user);
  const { companyId } = owner;
  return await runTx(async (tx) => {
    const revoked = await revokeLive(tx, owner, now);
    if (revoked.length === 0) return false;
    await recordAudit(tx, { userId: input.user.id, action: "calendar.revoke", entityType: "company", entityId: companyId, details: { revokedFeedIds: revoked } });
    return true;
  });
}
