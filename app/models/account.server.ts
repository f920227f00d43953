/**
 * Accounts of a company or a jobcenter: the administrator invites colleagues
 * and deactivates them; anyone can reset a forgotten password by e-mail.
 * Link tokens are stored as SHA-256 hashes and work once within their time.
 */
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { getDb, one, only, runTx, type Tx } from "~db/client.server";
import { companies, invitations, passwordResets, userDepartments, users, type Invitation } from "~db/schema";
import { municipalityLabel } from "~/domain/municipalities";
import { getEnv } from "~/utils/env.server";
import { hashPassword, verifyPassword } from "~/utils/password.server";
import { passwordWeakness } from "~/utils/password-strength.server";
import { allowResetRequest, liftAccountBlock, recordSuccessfulLogin, takeLoginAttempt } from "~/utils/throttle.server";
import { hashLinkToken, isLinkToken, newLinkToken } from "~/utils/tokens.server";
import { recordAudit } from "./audit.server";
import { companyDepartmentIdsAmong } from "./department-scope.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/utils/errors.server";
import { INVITATION_VALID_HOURS, RESET_VALID_HOURS, invitationMail, invitationToExistingAccountMail, passwordResetMail } from "./mail-content.server";
import { enqueueMail, type MailScope } from "./outbox.server";
import { revokeAllSessions, type SessionUser } from "./user.server";

const HOUR_MS = 60 * 60 * 1000;

export function organisationName(user: SessionUser): string {
  return user.role === "employer" ? user.company.name : `Jobcenter ${user.municipality.name}`;
}

export function mailScopeOf(user: SessionUser): MailScope {
  return user.role === "employer" ? { companyId: user.company.id } : { municipalityCode: user.municipality.code };
}

/** Only an administrator manages users; a colleague without the role gets 403. */
export function assertAdmin(user: SessionUser): void {
  if (!user.isAdmin) throw new ForbiddenError("Kun virksomhedens eller jobcentrets administrator kan administrere brugere.");
}

/** The users the administrator manages: same company, or caseworkers of the same municipality. */
function sameOrganisation(admin: SessionUser) {
  return admin.role === "employer"
    ? and(eq(users.role, "employer"), eq(users.companyId, admin.company.id))
    : and(eq(users.role, "jobcenter"), eq(users.municipalityCode, admin.municipality.code));
}

function invitationScope(admin: SessionUser) {
  return admin.role === "employer"
    ? and(eq(invitations.role, "employer"), eq(invitations.companyId, admin.company.id))
    : and(eq(invitations.role, "jobcenter"), eq(invitations.municipalityCode, admin.municipality.code));
}

export async function listOrganisationUsers(input: { admin: SessionUser; now?: Date }) {
  assertAdmin(input.admin);
  const now = (input.now ?? new Date()).toISOString();
  const db = getDb();
  const people = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isAdmin: users.isAdmin,
      accessLevel: users.accessLevel,
      lastLoginAt: users.lastLoginAt,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(sameOrganisation(input.admin))
    .orderBy(asc(users.name));
  const pending = await db
    .select({ id: invitations.id, name: invitations.name, email: invitations.email, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(invitationScope(input.admin), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(asc(invitations.email));
  return { users: people, invitations: pending };
}

/**
 * Invites a colleague into the administrator's own company or jobcenter and
 * queues the e-mail with the link. An earlier open invitation from the same
 * organisation to the same address is replaced, so only the newest link works;
 * another organisation's invitation is not this administrator's to cancel.
 *
 * An address that already has a user in another organisation gets the same
 * answer and the same pending invitation as a new one, so the administrator
 * cannot probe which addresses have accounts elsewhere; its owner is told by
 * e-mail instead, and no usable link exists (e-mail addresses are unique).
 */
export async function inviteUser(input: {
  admin: SessionUser;
  email: string;
  name: string;
  /** A company's invitee: HR (the default) or the nearest manager of these departments. */
  access?: { level: "hr" | "manager"; departmentIds: readonly number[] };
  now?: Date;
}): Promise<{ invitationId: number; token: string }> {
  assertAdmin(input.admin);
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const token = newLinkToken();
  const admin = input.admin;
  return await runTx(async (tx) => {
    const existing = await one(tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1));
    // The organisation's own users are on the administrator's list already: saying so reveals nothing.
    if (existing && await one(tx.select({ id: users.id }).from(users).where(and(eq(users.id, existing.id), sameOrganisation(admin))).limit(1))) {
      throw new ValidationError({ email: ["Der findes allerede en bruger med denne e-mailadresse hos jer."] });
    }
    const access = await invitedAccess(tx, admin, input.access);
    await tx.update(invitations)
      .set({ revokedAt: now.toISOString() })
      .where(and(eq(invitations.email, email), invitationScope(admin), isNull(invitations.usedAt), isNull(invitations.revokedAt)));
    const invitation = await only(tx
      .insert(invitations)
      .values({
        email,
        name: input.name.trim(),
        role: admin.role,
        companyId: admin.role === "employer" ? admin.company.id : null,
        municipalityCode: admin.role === "jobcenter" ? admin.municipality.code : null,
        accessLevel: access.level,
        departmentIds: access.level === "manager" ? JSON.stringify(access.departmentIds) : null,
        invitedBy: admin.id,
        tokenHash: hashLinkToken(token),
        expiresAt: new Date(now.getTime() + INVITATION_VALID_HOURS * HOUR_MS).toISOString(),
      })
      .returning());
    await enqueueMail(
      tx,
      {
        kind: "invitation",
        to: email,
        ...mailParts(
          existing
            ? invitationToExistingAccountMail({ inviterName: admin.name, organisation: organisationName(admin) })
            : invitationMail({ publicUrl: getEnv().publicUrl, token, inviterName: admin.name, organisation: organisationName(admin) }),
        ),
        scope: mailScopeOf(admin),
      },
      now,
    );
    await recordAudit(tx, {
      userId: admin.id,
      action: "user.invite",
      entityType: "invitation",
      entityId: invitation.id,
      details: access.level === "manager" ? { email, accessLevel: access.level, departmentIds: access.departmentIds } : { email },
    });
    return { invitationId: invitation.id, token };
  });
}

/**
 * The reach an invitation gives: always HR for a jobcenter (it has no departments); a company's
 * manager needs at least one of the company's own departments, or the field says so.
 */
async function invitedAccess(tx: Tx, admin: SessionUser, access: { level: "hr" | "manager"; departmentIds: readonly number[] } | undefined) {
  if (admin.role !== "employer" || !access || access.level === "hr") return { level: "hr" as const, departmentIds: [] };
  const own = await companyDepartmentIdsAmong(tx, admin.company.id, access.departmentIds);
  if (own.length === 0 || own.length !== new Set(access.departmentIds).size) {
    throw new ValidationError({ departmentIds: ["Vælg mindst én af virksomhedens afdelinger."] });
  }
  return { level: "manager" as const, departmentIds: own };
}

function mailParts(content: { subject: string; body: string }) {
  return { subject: content.subject, body: content.body };
}

export type LinkStatus<T> = { status: "valid"; value: T } | { status: "expired" | "used" | "unknown" };

async function findInvitation(tx: Tx | ReturnType<typeof getDb>, token: string | undefined, now: Date): Promise<LinkStatus<Invitation>> {
  if (!isLinkToken(token)) return { status: "unknown" };
  const invitation = await one(tx.select().from(invitations).where(eq(invitations.tokenHash, hashLinkToken(token))).limit(1));
  if (!invitation) return { status: "unknown" };
  if (invitation.usedAt || invitation.revokedAt) return { status: "used" };
  if (invitation.expiresAt <= now.toISOString()) return { status: "expired" };
  return { status: "valid", value: invitation };
}

/** What the invitation page shows: who is invited to which organisation, or why the link no longer works. */
export async function invitationByToken(input: { token: string | undefined; now?: Date }): Promise<LinkStatus<{ email: string; name: string; organisation: string }>> {
  const found = await findInvitation(getDb(), input.token, input.now ?? new Date());
  if (found.status !== "valid") return found;
  const inv = found.value;
  const organisation =
    inv.role === "employer"
      ? ((await one(getDb().select({ name: companies.name }).from(companies).where(eq(companies.id, inv.companyId!)).limit(1)))?.name ?? "")
      : `Jobcenter ${municipalityLabel(inv.municipalityCode!) ?? inv.municipalityCode}`;
  return { status: "valid", value: { email: inv.email, name: inv.name, organisation } };
}

/**
 * Accepting makes the user with the chosen password; the link is spent in the same transaction.
 * A guessable password (the strength estimator, with the invitee's e-mail, name and organisation
 * as words to avoid) is refused at the field before anything is written.
 */
export async function acceptInvitation(input: { token: string | undefined; name: string; password: string; now?: Date }): Promise<LinkStatus<{ userId: number; email: string }>> {
  const now = input.now ?? new Date();
  const invited = await invitationByToken({ token: input.token, now });
  if (invited.status !== "valid") return invited;
  await refuseWeakPassword(input.password, [invited.value.email, input.name, invited.value.organisation]);
  const passwordHash = await hashPassword(input.password);
  return await runTx(async (tx) => {
    const found = await findInvitation(tx, input.token, now);
    if (found.status !== "valid") return found;
    const inv = found.value;
    if (await one(tx.select({ id: users.id }).from(users).where(eq(users.email, inv.email)).limit(1))) return { status: "used" as const };
    await tx.update(invitations).set({ usedAt: now.toISOString() }).where(eq(invitations.id, inv.id));
    const user = await only(tx
      .insert(users)
      .values({
        email: inv.email,
        name: input.name.trim(),
        passwordHash,
        role: inv.role,
        companyId: inv.companyId,
        municipalityCode: inv.municipalityCode,
        isAdmin: false,
        accessLevel: inv.role === "employer" ? inv.accessLevel : "hr",
      })
      .returning());
    if (user.accessLevel === "manager" && inv.companyId !== null) {
      // Departments renamed since the invitation keep their id; a department that no longer exists is left out.
      const wanted = parseDepartmentIds(inv.departmentIds);
      for (const departmentId of await companyDepartmentIdsAmong(tx, inv.companyId, wanted)) {
        await tx.insert(userDepartments).values({ userId: user.id, departmentId });
      }
    }
    await recordAudit(tx, { userId: user.id, action: "user.accept-invitation", entityType: "user", entityId: user.id, details: { invitationId: inv.id } });
    return { status: "valid" as const, value: { userId: user.id, email: user.email } };
  });
}

function parseDepartmentIds(stored: string | null): number[] {
  if (!stored) return [];
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((v): v is number => Number.isSafeInteger(v)) : [];
}

async function managedUser(tx: Tx, admin: SessionUser, userId: number) {
  assertAdmin(admin);
  // Another organisation's user is not found, rather than forbidden: the id reveals nothing.
  const user = await one(tx.select().from(users).where(and(eq(users.id, userId), sameOrganisation(admin))).limit(1));
  if (!user) throw new NotFoundError("Brugeren findes ikke.");
  return user;
}

/** A deactivated user's sessions end at once, and they cannot log in until reactivated. */
export async function deactivateUser(input: { admin: SessionUser; userId: number; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await runTx(async (tx) => {
    const user = await managedUser(tx, input.admin, input.userId);
    if (user.id === input.admin.id) throw new ValidationError({ form: ["Du kan ikke deaktivere dig selv."] });
    if (user.deactivatedAt) return;
    await tx.update(users).set({ deactivatedAt: now.toISOString() }).where(eq(users.id, user.id));
    const ended = await revokeAllSessions(tx, user.id, now);
    await recordAudit(tx, { userId: input.admin.id, action: "user.deactivate", entityType: "user", entityId: user.id, details: { sessionsEnded: ended } });
  });
}

export async function reactivateUser(input: { admin: SessionUser; userId: number }): Promise<void> {
  await runTx(async (tx) => {
    const user = await managedUser(tx, input.admin, input.userId);
    if (!user.deactivatedAt) return;
    await tx.update(users).set({ deactivatedAt: null }).where(eq(users.id, user.id));
    await recordAudit(tx, { userId: input.admin.id, action: "user.reactivate", entityType: "user", entityId: user.id });
  });
}

/**
 * Queues a reset link when the address belongs to an active user. The caller
 * answers the same either way, so the form does not reveal who has an account.
 */
export async function requestPasswordReset(input: { email: string; clientAddress: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  if (!(await allowResetRequest(email, input.clientAddress))) return;
  await runTx(async (tx) => {
    const user = await one(tx.select().from(users).where(eq(users.email, email)).limit(1));
    if (!user || user.deactivatedAt) return;
    const token = newLinkToken();
    const reset = await only(tx
      .insert(passwordResets)
      .values({ userId: user.id, tokenHash: hashLinkToken(token), expiresAt: new Date(now.getTime() + RESET_VALID_HOURS * HOUR_MS).toISOString() })
      .returning());
    await enqueueMail(
      tx,
      {
        kind: "password-reset",
        to: user.email,
        ...mailParts(passwordResetMail({ publicUrl: getEnv().publicUrl, token })),
        userId: user.id,
        scope: user.role === "employer" ? { companyId: user.companyId! } : { municipalityCode: user.municipalityCode! },
      },
      now,
    );
    await recordAudit(tx, { userId: user.id, action: "user.password-reset-requested", entityType: "password_reset", entityId: reset.id });
  });
}

async function findReset(tx: Tx | ReturnType<typeof getDb>, token: string | undefined, now: Date) {
  if (!isLinkToken(token)) return { status: "unknown" as const };
  const row = await one(tx
    .select({ reset: passwordResets, user: users })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashLinkToken(token))).limit(1));
  if (!row) return { status: "unknown" as const };
  if (row.reset.usedAt || row.user.deactivatedAt) return { status: "used" as const };
  if (row.reset.expiresAt <= now.toISOString()) return { status: "expired" as const };
  return { status: "valid" as const, value: row };
}

export async function passwordResetByToken(input: { token: string | undefined; now?: Date }): Promise<LinkStatus<{ email: string }>> {
  const found = await findReset(getDb(), input.token, input.now ?? new Date());
  return found.status === "valid" ? { status: "valid", value: { email: found.value.user.email } } : found;
}

/**
 * Sets the new password, spends the link and every other open link of the user, and ends all
 * their sessions. It also lifts a login block on the account (the owner proved themselves
 * with the link). A guessable password is refused at the field before anything is written.
 */
export async function resetPassword(input: { token: string | undefined; password: string; now?: Date }): Promise<LinkStatus<{ email: string }>> {
  const now = input.now ?? new Date();
  const link = await findReset(getDb(), input.token, now);
  if (link.status !== "valid") return link;
  await refuseWeakPassword(input.password, [link.value.user.email, link.value.user.name, await organisationOfUser(link.value.user)]);
  const passwordHash = await hashPassword(input.password);
  const result = await runTx(async (tx) => {
    const found = await findReset(tx, input.token, now);
    if (found.status !== "valid") return found;
    const { user } = found.value;
    await tx.update(passwordResets)
      .set({ usedAt: now.toISOString() })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const ended = await revokeAllSessions(tx, user.id, now);
    await recordAudit(tx, { userId: user.id, action: "user.password-reset", entityType: "user", entityId: user.id, details: { sessionsEnded: ended } });
    return { status: "valid" as const, value: { email: user.email } };
  });
  if (result.status === "valid") await liftAccountBlock(result.value.email);
  return result;
}

export async function mailPreferences(input: { userId: number }) {
  const row = await one(getDb().select({ digest: users.mailDigest, immediate: users.mailImmediate }).from(users).where(eq(users.id, input.userId)).limit(1));
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * A user's own choices about e-mail. Only an employer gets immediate e-mails (a caseworker's page
 * does not offer them), so a caseworker's stays as it is whatever is posted.
 */
export async function saveMailPreferences(input: { user: SessionUser; digest: boolean; immediate: boolean }): Promise<void> {
  const immediate = input.user.role === "employer" ? input.immediate : (await mailPreferences({ userId: input.user.id })).immediate;
  await runTx(async (tx) => {
    await tx.update(users).set({ mailDigest: input.digest, mailImmediate: immediate }).where(eq(users.id, input.user.id));
    await recordAudit(tx, { userId: input.user.id, action: "user.mail-preferences", entityType: "user", entityId: input.user.id, details: { digest: input.digest, immediate } });
  });
}

/** A signed-in user changes their password; every session of theirs ends, this one too, and they log in again. */
export async function changePassword(input: { user: SessionUser; currentPassword: string; newPassword: string; clientAddress: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  // The current password is guessed here as at the login (with a stolen session): the same
  // counters are taken before it is checked, and a refused attempt is not checked at all.
  const attempt = await takeLoginAttempt(input.user.email, input.clientAddress);
  if (!attempt.allowed) {
    const minutes = Math.max(1, Math.ceil(attempt.retryAfterSeconds / 60));
    throw new ValidationError({ currentPassword: [`For mange forkerte forsøg. Prøv igen om ${minutes} ${minutes === 1 ? "minut" : "minutter"}.`] });
  }
  const weakness = await passwordWeakness(input.newPassword, [input.user.email, input.user.name, organisationName(input.user), input.currentPassword]);
  const stored = await one(getDb().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.user.id)).limit(1));
  const currentOk = Boolean(stored) && (await verifyPassword(input.currentPassword, stored!.passwordHash));
  if (!currentOk || weakness) {
    throw new ValidationError({
      ...(currentOk ? {} : { currentPassword: ["Den nuværende adgangskode er forkert."] }),
      ...(weakness ? { password: [weakness] } : {}),
    });
  }
  await recordSuccessfulLogin(input.user.email, input.clientAddress);
  const passwordHash = await hashPassword(input.newPassword);
  await runTx(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.user.id));
    const ended = await revokeAllSessions(tx, input.user.id, now);
    await recordAudit(tx, { userId: input.user.id, action: "user.password-change", entityType: "user", entityId: input.user.id, details: { sessionsEnded: ended } });
  });
}

/** The strength estimator's refusal as the field error of the new password. */
async function refuseWeakPassword(password: string, userInputs: ReadonlyArray<string | null | undefined>): Promise<void> {
  const weakness = await passwordWeakness(password, userInputs);
  if (weakness) throw new ValidationError({ password: [weakness] });
}

/** The organisation's name as a reset user's words to avoid in a password. */
async function organisationOfUser(user: { role: "employer" | "jobcenter"; companyId: number | null; municipalityCode: number | null }): Promise<string | null> {
  if (user.role === "employer") {
    return user.companyId == null ? null : ((await one(getDb().select({ name: companies.name }).from(companies).where(eq(companies.id, user.companyId)).limit(1)))?.name ?? null);
  }
  return user.municipalityCode == null ? null : (municipalityLabel(user.municipalityCode) ?? null);
}
