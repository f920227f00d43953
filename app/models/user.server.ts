import crypto from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, one, preparedQuery, runTx, type Tx } from "~db/client.server";
import { companies, sessions, users } from "~db/schema";
import { municipalityLabel } from "~/domain/municipalities";
import { PasswordHashBusyError, hashPassword, hashSlotAvailable, needsRehash, verifyAgainstDummy, verifyPassword } from "~/utils/password.server";
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from "~/utils/session.server";
import { hashSecret } from "~/utils/tokens.server";
import { recordSuccessfulLogin, takeLoginAttempt } from "~/utils/throttle.server";
import { recordAudit } from "./audit.server";
import { managedDepartmentIds, type EmployerScope } from "./department-scope.server";

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  /** The session's stored id: the SHA-256 of the cookie's secret, never the secret itself. */
  sessionId: string;
  /** Administers the users of the company or the jobcenter. */
  isAdmin: boolean;
} & (
  | {
      role: "employer";
      company: { id: number; name: string; cvr: string };
      municipality: null;
      /** "hr": the whole company; "manager": only the employees of `scope.departmentIds`. */
      accessLevel: "hr" | "manager";
      /** What the user's queries may reach; every list model and the page guard read it. */
      scope: EmployerScope;
    }
  | { role: "jobcenter"; company: null; municipality: { code: number; name: string } }
);

export type EmployerUser = Extract<SessionUser, { role: "employer" }>;
export type JobcenterUser = Extract<SessionUser, { role: "jobcenter" }>;

export type LoginResult =
  | { status: "ok"; userId: number; role: "employer" | "jobcenter" }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number; scope: "address" | "account" };

async function auditLogin(entry: { userId: number | null; action: "login.failed" | "login.account-blocked"; details: Record<string, unknown> }): Promise<void> {
  await runTx(async (tx) => await recordAudit(tx, { userId: entry.userId, action: entry.action, entityType: "user", entityId: entry.userId, details: entry.details }));
}

/**
 * Checks an e-mail and password. An attempt is counted before the password is checked
 * (throttle.server.ts), so a burst of parallel requests gets no more checks than the limit;
 * a refused attempt is not checked at all, even with the right password. Every checked
 * failure is audit-logged with the client address (never the password).
 * Throws PasswordHashBusyError when too many hashes are waiting (the route answers 503).
 */
export async function checkCredentials(input: {
  email: string;
  password: string;
  clientAddress: string;
}): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // In a storm the refusal comes first and costs nothing: no attempt is counted for a check that cannot run.
  if (!hashSlotAvailable()) throw new PasswordHashBusyError();
  const attempt = await takeLoginAttempt(email, input.clientAddress);
  if (!attempt.allowed) {
    if (attempt.accountBlockStarted !== undefined) {
      const userId = (await one(getDb().select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1)))?.id ?? null;
      await auditLogin({ userId, action: "login.account-blocked", details: { email, clientAddress: input.clientAddress, blockSeconds: attempt.accountBlockStarted } });
    }
    return { status: "throttled", retryAfterSeconds: attempt.retryAfterSeconds, scope: attempt.scope };
  }

  const user = await one(getDb().select().from(users).where(eq(users.email, email)).limit(1));
  const ok = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  // A deactivated user gets the same answer as a wrong password: the form does not reveal the account.
  if (!user || !ok || user.deactivatedAt) {
    const reason = !user ? "unknown-email" : !ok ? "wrong-password" : "deactivated";
    await auditLogin({ userId: user?.id ?? null, action: "login.failed", details: { email, clientAddress: input.clientAddress, reason } });
    return { status: "invalid" };
  }
  await recordSuccessfulLogin(email, input.clientAddress);
  if (needsRehash(user.passwordHash)) {
    // Hashes from before the 16 MiB parameters are replaced while the password is at hand;
    // in a storm (no hash slot free) the login still succeeds and the next one replaces it.
    try {
      const passwordHash = await hashPassword(input.password);
      await runTx(async (tx) => {
        await tx.update(users).set({ passwordHash }).where(and(eq(users.id, user.id), eq(users.passwordHash, user.passwordHash)));
      });
    } catch (error) {
      if (!(error instanceof PasswordHashBusyError)) throw error;
    }
  }
  return { status: "ok", userId: user.id, role: user.role };
}

/**
 * A fresh session id at every login; an earlier session of the same browser is revoked.
 * Returns the id for the cookie; the table keeps only its SHA-256, so a copy of the database
 * cannot be turned into a signed-in browser (the cookie's signature alone would not stop that
 * once the session secret leaks with it).
 */
export async function startSession(input: { userId: number; previousSessionId: string | null; now?: Date }): Promise<string> {
  const now = (input.now ?? new Date()).toISOString();
  const id = crypto.randomBytes(32).toString("base64url");
  await runTx(async (tx) => {
    if (input.previousSessionId) {
      await tx.update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.id, hashSecret(input.previousSessionId)), isNull(sessions.revokedAt)));
    }
    await tx.insert(sessions).values({ id: hashSecret(id), userId: input.userId, createdAt: now, lastSeenAt: now });
    await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, input.userId));
    await recordAudit(tx, { userId: input.userId, action: "login", entityType: "session", entityId: input.userId });
  });
  return id;
}

export async function endSession(input: { sessionId: string; now?: Date }): Promise<void> {
  const now = (input.now ?? new Date()).toISOString();
  const stored = hashSecret(input.sessionId);
  await runTx(async (tx) => {
    const session = await one(tx.select().from(sessions).where(eq(sessions.id, stored)).limit(1));
    if (!session || session.revokedAt) return;
    await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, stored));
    await recordAudit(tx, { userId: session.userId, action: "logout", entityType: "session", entityId: session.userId });
  });
}

// Asked twice on every page (root and route loader): built and prepared once, only the columns used.
const sessionUserQuery = preparedQuery("session_user", (db) =>
  db
    .select({
      session: { id: sessions.id, revokedAt: sessions.revokedAt, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt },
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        isAdmin: users.isAdmin,
        role: users.role,
        accessLevel: users.accessLevel,
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

/**
 * The signed-in user for the cookie's session id, or null when the session is unknown, revoked,
 * idle for more than 8 hours or older than 12 hours (however busy: a stolen cookie does not live for ever).
 */
export async function findSessionUser(input: { sessionId: string; now?: Date }): Promise<SessionUser | null> {
  const now = input.now ?? new Date();
  const stored = hashSecret(input.sessionId);
  const row = await one(sessionUserQuery().execute({ sessionId: stored }));
  if (!row || row.session.revokedAt || row.user.deactivatedAt) return null;
  if (now.getTime() - Date.parse(row.session.createdAt) > SESSION_ABSOLUTE_MS) return null;
  const idleMs = now.getTime() - Date.parse(row.session.lastSeenAt);
  if (idleMs > SESSION_IDLE_MS) return null;
  // Refresh the idle clock at most once a minute to keep reads cheap.
  if (idleMs > 60_000) {
    await runTx(async (tx) => {
      await tx.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, stored));
    });
  }
  const base = { id: row.user.id, email: row.user.email, name: row.user.name, sessionId: row.session.id, isAdmin: row.user.isAdmin };
  if (row.user.role === "employer" && row.company) {
    const companyId = row.company.id;
    // Only a manager costs the second query; HR's reach is the company.
    const departmentIds = row.user.accessLevel === "manager" ? await managedDepartmentIds({ userId: row.user.id, companyId }) : null;
    return {
      ...base,
      role: "employer",
      company: { id: companyId, name: row.company.name, cvr: row.company.cvr },
      municipality: null,
      accessLevel: row.user.accessLevel,
      scope: { companyId, departmentIds },
    };
  }
  if (row.user.role === "jobcenter" && row.user.municipalityCode != null) {
    const code = row.user.municipalityCode;
    return { ...base, role: "jobcenter", company: null, municipality: { code, name: municipalityLabel(code) ?? String(code) } };
  }
  return null;
}

/** Ends every open session of a user at once: after a password change or a deactivation. */
export async function revokeAllSessions(tx: Tx, userId: number, now: Date): Promise<number> {
  const revoked = await tx
    .update(sessions)
    .set({ revokedAt: now.toISOString() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}
