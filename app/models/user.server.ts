import crypto from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, preparedQuery, type Tx } from "~db/client.server";
import { companies, sessions, users } from "~db/schema";
import { municipalityLabel } from "~/domain/municipalities";
import { verifyAgainstDummy, verifyPassword } from "~/utils/password.server";
import { SESSION_IDLE_MS } from "~/utils/session.server";
import { clearFailedLogins, loginBlockedFor, recordFailedLogin } from "~/utils/throttle.server";
import { recordAudit } from "./audit.server";

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  sessionId: string;
  /** Administers the users of the company or the jobcenter. */
  isAdmin: boolean;
} & (
  | { role: "employer"; company: { id: number; name: string; cvr: string }; municipality: null }
  | { role: "jobcenter"; company: null; municipality: { code: number; name: string } }
);

export type EmployerUser = Extract<SessionUser, { role: "employer" }>;
export type JobcenterUser = Extract<SessionUser, { role: "jobcenter" }>;

export type LoginResult =
  | { status: "ok"; userId: number; role: "employer" | "jobcenter" }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

export async function checkCredentials(input: {
  email: string;
  password: string;
  clientAddress: string;
}): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const blockedFor = await loginBlockedFor(email, input.clientAddress);
  if (blockedFor !== null) return { status: "throttled", retryAfterSeconds: blockedFor };

  const user = getDb().select().from(users).where(eq(users.email, email)).get();
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  // A deactivated user gets the same answer as a wrong password: the form does not reveal the account.
  if (!user || !ok || user.deactivatedAt) {
    await recordFailedLogin(email, input.clientAddress);
    return { status: "invalid" };
  }
  await clearFailedLogins(email, input.clientAddress);
  return { status: "ok", userId: user.id, role: user.role };
}

/** A fresh session id at every login; an earlier session of the same browser is revoked. */
export function startSession(input: { userId: number; previousSessionId: string | null; now?: Date }): string {
  const now = (input.now ?? new Date()).toISOString();
  const id = crypto.randomBytes(32).toString("base64url");
  getDb().transaction((tx) => {
    if (input.previousSessionId) {
      tx.update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.id, input.previousSessionId), isNull(sessions.revokedAt)))
        .run();
    }
    tx.insert(sessions).values({ id, userId: input.userId, createdAt: now, lastSeenAt: now }).run();
    tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, input.userId)).run();
    recordAudit(tx, { userId: input.userId, action: "login", entityType: "session", entityId: input.userId });
  });
  return id;
}

export function endSession(input: { sessionId: string; now?: Date }): void {
  const now = (input.now ?? new Date()).toISOString();
  getDb().transaction((tx) => {
    const session = tx.select().from(sessions).where(eq(sessions.id, input.sessionId)).get();
    if (!session || session.revokedAt) return;
    tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, input.sessionId)).run();
    recordAudit(tx, { userId: session.userId, action: "logout", entityType: "session", entityId: session.userId });
  });
}

// Asked twice on every page (root and route loader): built and prepared once, only the columns used.
const sessionUserQuery = preparedQuery((db) =>
  db
    .select({
      session: { id: sessions.id, revokedAt: sessions.revokedAt, lastSeenAt: sessions.lastSeenAt },
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        isAdmin: users.isAdmin,
        role: users.role,
        municipalityCode: users.municipalityCode,
        deactivatedAt: users.deactivatedAt,
      },
      company: { id: companies.id, name: companies.name, cvr: companies.cvr },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare(),
);

/** The signed-in user, or null when the session is unknown, revoked or idle for more than 8 hours. */
export function findSessionUser(input: { sessionId: string; now?: Date }): SessionUser | null {
  const now = input.now ?? new Date();
  const db = getDb();
  const row = sessionUserQuery().get({ sessionId: input.sessionId });
  if (!row || row.session.revokedAt || row.user.deactivatedAt) return null;
  const idleMs = now.getTime() - Date.parse(row.session.lastSeenAt);
  if (idleMs > SESSION_IDLE_MS) return null;
  // Refresh the idle clock at most once a minute to keep reads cheap.
  if (idleMs > 60_000) {
    db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, input.sessionId)).run();
  }
  const base = { id: row.user.id, email: row.user.email, name: row.user.name, sessionId: row.session.id, isAdmin: row.user.isAdmin };
  if (row.user.role === "employer" && row.company) {
    return {
      ...base,
      role: "employer",
      company: { id: row.company.id, name: row.company.name, cvr: row.company.cvr },
      municipality: null,
    };
  }
  if (row.user.role === "jobcenter" && row.user.municipalityCode != null) {
    const code = row.user.municipalityCode;
    return { ...base, role: "jobcenter", company: null, municipality: { code, name: municipalityLabel(code) ?? String(code) } };
  }
  return null;
}

/** Ends every open session of a user at once: after a password change or a deactivation. */
export function revokeAllSessions(tx: Tx, userId: number, now: Date): number {
  return tx
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .run().changes;
}
