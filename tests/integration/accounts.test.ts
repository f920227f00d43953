/**
 * Accounts against the database with a clock passed in: invitations and
 * reset links work once and expire, only an administrator manages users and
 * only in their own organisation, and deactivation or a new password ends
 * every session at once.
 */
import { and, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one } from "~db/client.server";
import { invitations, outbox, passwordResets, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import {
  acceptInvitation,
  changePassword,
  deactivateUser,
  invitationByToken,
  inviteUser,
  listOrganisationUsers,
  passwordResetByToken,
  reactivateUser,
  requestPasswordReset,
  resetPassword,
} from "~/models/account.server";
import { ForbiddenError, NotFoundError, ValidationError } from "~/utils/errors.server";
import { checkCredentials, findSessionUser, startSession, type SessionUser } from "~/models/user.server";

const HOUR = 3_600_000;
const T0 = new Date("2026-11-24T09:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

async function userId(email: string): Promise<number> {
  return (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!.id;
}

async function signIn(email: string): Promise<SessionUser> {
  const sessionId = await startSession({ userId: await userId(email), previousSessionId: null });
  return (await findSessionUser({ sessionId }))!;
}

async function lastMailTo(email: string) {
  return await one(getDb().select().from(outbox).where(eq(outbox.toAddress, email)).orderBy(desc(outbox.id)).limit(1));
}

function tokenIn(body: string, prefix: string): string {
  return new RegExp(`${prefix}([A-Za-z0-9_-]{43})`).exec(body)![1]!;
}

let nordbyg: SessionUser;
let solskin: SessionUser;
let aarhus: SessionUser;
let koebenhavn: SessionUser;

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData("2026-11-24");
  nordbyg = await signIn("hr@nordbyg.example");
  solskin = await signIn("hr@solskin.example");
  aarhus = await signIn("aarhus@jobcenter.example");
  koebenhavn = await signIn("koebenhavn@jobcenter.example");
});

describe("invitations", () => {
  it("the demo's first users administer their organisations", () => {
    expect([nordbyg, solskin, aarhus, koebenhavn].map((u) => u.isAdmin)).toEqual([true, true, true, true]);
  });

  it("mails a link whose token is stored only as its SHA-256 hash", async () => {
    const { invitationId, token } = await inviteUser({ admin: nordbyg, email: "Ny.Kollega@Nordbyg.example ", name: "Ny Kollega", now: T0 });
    const row = (await one(getDb().select().from(invitations).where(eq(invitations.id, invitationId)).limit(1)))!;
    expect(row.email).toBe("ny.kollega@nordbyg.example");
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await getDb().select().from(invitations))).not.toContain(token);
    const mail = (await lastMailTo("ny.kollega@nordbyg.example"))!;
    expect(mail.kind).toBe("invitation");
    expect(mail.body).toContain(`http://localhost:3000/invitation/${token}`);
    expect(mail.body).toContain("72 timer");
    expect(mail.companyId).toBe(nordbyg.company!.id);
  });

  it("works once, makes a colleague without administrator rights, who can log in", async () => {
    const { token } = await inviteUser({ admin: nordbyg, email: "en.gang@nordbyg.example", name: "En Gang", now: T0 });
    expect(await invitationByToken({ token, now: at(1) })).toEqual({
      status: "valid",
      value: { email: "en.gang@nordbyg.example", name: "En Gang", organisation: "Nordbyg ApS" },
    });
    const accepted = await acceptInvitation({ token, name: "En Gang", password: "et-langt-kodeord", now: at(1) });
    expect(accepted.status).toBe("valid");
    const user = (await one(getDb().select().from(users).where(eq(users.email, "en.gang@nordbyg.example")).limit(1)))!;
    expect(user).toMatchObject({ role: "employer", companyId: nordbyg.company!.id, isAdmin: false, deactivatedAt: null });
    expect(await checkCredentials({ email: "en.gang@nordbyg.example", password: "et-langt-kodeord", clientAddress: "10.1.0.1" })).toMatchObject({ status: "ok" });

    expect(await invitationByToken({ token, now: at(2) })).toEqual({ status: "used" });
    expect((await acceptInvitation({ token, name: "Igen", password: "et-andet-kodeord", now: at(2) })).status).toBe("used");
    expect(await checkCredentials({ email: "en.gang@nordbyg.example", password: "et-andet-kodeord", clientAddress: "10.1.0.1" })).toEqual({ status: "invalid" });
  });

  it("expires 72 hours after it was sent", async () => {
    const { token } = await inviteUser({ admin: solskin, email: "sent@solskin.example", name: "For Sent", now: T0 });
    expect((await invitationByToken({ token, now: new Date(at(72).getTime() - 1000) })).status).toBe("valid");
    expect(await invitationByToken({ token, now: at(72) })).toEqual({ status: "expired" });
    expect((await acceptInvitation({ token, name: "For Sent", password: "et-langt-kodeord", now: at(72) })).status).toBe("expired");
    expect(await one(getDb().select().from(users).where(eq(users.email, "sent@solskin.example")).limit(1))).toBeUndefined();
  });

  it("a new invitation to the same address replaces the earlier link", async () => {
    const first = await inviteUser({ admin: nordbyg, email: "to.gange@nordbyg.example", name: "To Gange", now: T0 });
    const second = await inviteUser({ admin: nordbyg, email: "to.gange@nordbyg.example", name: "To Gange", now: at(1) });
    expect((await invitationByToken({ token: first.token, now: at(2) })).status).toBe("used");
    expect((await invitationByToken({ token: second.token, now: at(2) })).status).toBe("valid");
  });

  it("refuses an address that is already a user of the organisation, and an unknown or malformed token", async () => {
    await expect(inviteUser({ admin: nordbyg, email: "HR@nordbyg.example", name: "X", now: T0 })).rejects.toThrow(ValidationError);
    expect(await invitationByToken({ token: "A".repeat(43) })).toEqual({ status: "unknown" });
    expect(await invitationByToken({ token: "not-a-token" })).toEqual({ status: "unknown" });
  });

  it("inviting an address another organisation has invited leaves that invitation working", async () => {
    const solskins = await inviteUser({ admin: solskin, email: "delt@example.dk", name: "Delt Adresse", now: T0 });
    const nordbygs = await inviteUser({ admin: nordbyg, email: "delt@example.dk", name: "Delt Adresse", now: at(1) });
    expect(await invitationByToken({ token: solskins.token, now: at(2) })).toMatchObject({ status: "valid", value: { organisation: "Solskin Pleje A/S" } });
    expect(await invitationByToken({ token: nordbygs.token, now: at(2) })).toMatchObject({ status: "valid", value: { organisation: "Nordbyg ApS" } });
    expect((await listOrganisationUsers({ admin: solskin, now: at(2) })).invitations.map((i) => i.email)).toContain("delt@example.dk");
  });

  it("an address with a user in another organisation gets the same answer as a new one, and its owner no link", async () => {
    const before = (await one(getDb().select().from(users).where(eq(users.email, "hr@solskin.example")).limit(1)))!;
    const elsewhere = await inviteUser({ admin: nordbyg, email: "hr@solskin.example", name: "Anden Adresse", now: T0 });
    const fresh = await inviteUser({ admin: nordbyg, email: "ny.adresse@example.dk", name: "Ny Adresse", now: T0 });
    // The administrator sees the same pending invitation for both addresses.
    const pending = (await listOrganisationUsers({ admin: nordbyg, now: at(1) })).invitations;
    expect(pending.find((i) => i.email === "hr@solskin.example")).toMatchObject({ id: elsewhere.invitationId, name: "Anden Adresse" });
    expect(pending.find((i) => i.email === "ny.adresse@example.dk")).toMatchObject({ id: fresh.invitationId, name: "Ny Adresse" });
    // The owner is told why; the mail holds no link, and the existing account is untouched.
    const notice = (await lastMailTo("hr@solskin.example"))!;
    expect(notice).toMatchObject({ kind: "invitation", subject: "Invitation til Fasthold fra Nordbyg ApS" });
    expect(notice.body).toContain("Der findes allerede en bruger i Fasthold med denne e-mailadresse");
    expect(notice.body).not.toContain("/invitation/");
    expect(notice.body).not.toContain("Solskin");
    expect(await one(getDb().select().from(users).where(eq(users.email, "hr@solskin.example")).limit(1))).toEqual(before);
    expect((await lastMailTo("ny.adresse@example.dk"))!.body).toContain(`/invitation/${fresh.token}`);
  });

  it("a colleague who is not an administrator cannot invite or manage users", async () => {
    const { token } = await inviteUser({ admin: aarhus, email: "kollega@aarhus.example", name: "Kollega Aarhus", now: T0 });
    await acceptInvitation({ token, name: "Kollega Aarhus", password: "et-langt-kodeord", now: at(1) });
    const colleague = await signIn("kollega@aarhus.example");
    expect(colleague).toMatchObject({ role: "jobcenter", isAdmin: false, municipality: { code: 751 } });
    await expect(inviteUser({ admin: colleague, email: "endnu.en@aarhus.example", name: "X", now: T0 })).rejects.toThrow(ForbiddenError);
    await expect(listOrganisationUsers({ admin: colleague })).rejects.toThrow(ForbiddenError);
    await expect(deactivateUser({ admin: colleague, userId: aarhus.id })).rejects.toThrow(ForbiddenError);
  });
});

describe("deactivation", () => {
  it("lists the organisation's own users with their last login, and nobody else's", async () => {
    const list = await listOrganisationUsers({ admin: aarhus, now: T0 });
    expect(list.users.map((u) => u.email).sort()).toEqual(["aarhus@jobcenter.example", "kollega@aarhus.example"]);
    expect(list.users.find((u) => u.email === "aarhus@jobcenter.example")!.lastLoginAt).not.toBeNull();
    const nordbygList = await listOrganisationUsers({ admin: nordbyg, now: at(2) });
    expect(nordbygList.users.map((u) => u.email)).not.toContain("hr@solskin.example");
    expect(nordbygList.invitations.map((i) => i.email)).toEqual([
      "delt@example.dk",
      "hr@solskin.example",
      "ny.adresse@example.dk",
      "ny.kollega@nordbyg.example",
      "to.gange@nordbyg.example",
    ]);
  });

  it("a company administrator cannot deactivate another company's user, nor a caseworker", async () => {
    await expect(deactivateUser({ admin: nordbyg, userId: solskin.id })).rejects.toThrow(NotFoundError);
    await expect(deactivateUser({ admin: nordbyg, userId: aarhus.id })).rejects.toThrow(NotFoundError);
  });

  it("a jobcenter administrator manages only the caseworkers of the municipality", async () => {
    await expect(deactivateUser({ admin: koebenhavn, userId: await userId("kollega@aarhus.example") })).rejects.toThrow(NotFoundError);
    await expect(deactivateUser({ admin: aarhus, userId: koebenhavn.id })).rejects.toThrow(NotFoundError);
    await expect(deactivateUser({ admin: aarhus, userId: nordbyg.id })).rejects.toThrow(NotFoundError);
    await expect(deactivateUser({ admin: aarhus, userId: aarhus.id })).rejects.toThrow(ValidationError);
  });

  it("ends the user's sessions at once and refuses their login until reactivated", async () => {
    const email = "kollega@aarhus.example";
    const sessions = [await startSession({ userId: await userId(email), previousSessionId: null }), await startSession({ userId: await userId(email), previousSessionId: null })];
    expect(await Promise.all(sessions.map(async (id) => (await findSessionUser({ sessionId: id }))?.email))).toEqual([email, email]);
    await deactivateUser({ admin: aarhus, userId: await userId(email), now: T0 });
    expect(await Promise.all(sessions.map(async (id) => await findSessionUser({ sessionId: id })))).toEqual([null, null]);
    expect(await checkCredentials({ email, password: "et-langt-kodeord", clientAddress: "10.1.0.2" })).toEqual({ status: "invalid" });
    await reactivateUser({ admin: aarhus, userId: await userId(email) });
    expect(await checkCredentials({ email, password: "et-langt-kodeord", clientAddress: "10.1.0.2" })).toMatchObject({ status: "ok" });
  });
});

describe("password reset", () => {
  it("answers an unknown address without sending anything", async () => {
    const before = (await getDb().select().from(outbox)).length;
    await requestPasswordReset({ email: "ingen@nowhere.example", clientAddress: "10.2.0.1", now: T0 });
    expect(await getDb().select().from(outbox)).toHaveLength(before);
  });

  it("mails a link that works once within the hour, sets the password and ends every session", async () => {
    const email = "en.gang@nordbyg.example";
    const session = await startSession({ userId: await userId(email), previousSessionId: null });
    await requestPasswordReset({ email: "EN.GANG@nordbyg.example", clientAddress: "10.2.0.2", now: T0 });
    const mail = (await lastMailTo(email))!;
    expect(mail.kind).toBe("password-reset");
    const token = tokenIn(mail.body, "/nulstil/");
    expect(JSON.stringify(await getDb().select().from(passwordResets))).not.toContain(token);
    expect(await passwordResetByToken({ token, now: new Date(at(1).getTime() - 1000) })).toEqual({ status: "valid", value: { email } });

    expect((await resetPassword({ token, password: "nyt-kodeord-1", now: at(0.5) })).status).toBe("valid");
    expect(await findSessionUser({ sessionId: session })).toBeNull();
    expect(await checkCredentials({ email, password: "nyt-kodeord-1", clientAddress: "10.2.0.2" })).toMatchObject({ status: "ok" });
    expect(await checkCredentials({ email, password: "et-langt-kodeord", clientAddress: "10.2.0.3" })).toEqual({ status: "invalid" });

    expect((await resetPassword({ token, password: "nyt-kodeord-2", now: at(0.6) })).status).toBe("used");
    expect(await checkCredentials({ email, password: "nyt-kodeord-2", clientAddress: "10.2.0.2" })).toEqual({ status: "invalid" });
  });

  it("expires after one hour", async () => {
    await requestPasswordReset({ email: "hr@solskin.example", clientAddress: "10.2.0.4", now: T0 });
    const token = tokenIn((await lastMailTo("hr@solskin.example"))!.body, "/nulstil/");
    expect(await passwordResetByToken({ token, now: at(1) })).toEqual({ status: "expired" });
    expect((await resetPassword({ token, password: "nyt-kodeord-3", now: at(1) })).status).toBe("expired");
  });

  it("sends a deactivated user nothing", async () => {
    const email = "kollega@aarhus.example";
    await deactivateUser({ admin: aarhus, userId: await userId(email), now: T0 });
    const before = (await getDb().select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.kind, "password-reset")))).length;
    await requestPasswordReset({ email, clientAddress: "10.2.0.5", now: T0 });
    expect(await getDb().select().from(outbox).where(and(eq(outbox.toAddress, email), eq(outbox.kind, "password-reset")))).toHaveLength(before);
  });

  it("a changed password ends every session of the user", async () => {
    const email = "to.gange@nordbyg.example";
    const { token } = await inviteUser({ admin: nordbyg, email, name: "To Gange", now: T0 });
    await acceptInvitation({ token, name: "To Gange", password: "første-kodeord", now: at(1) });
    const user = await signIn(email);
    const other = await startSession({ userId: user.id, previousSessionId: null });
    await expect(changePassword({ user, currentPassword: "forkert", newPassword: "andet-kodeord", clientAddress: "10.3.0.1" })).rejects.toThrow(ValidationError);
    expect(await findSessionUser({ sessionId: other })).not.toBeNull();
    await changePassword({ user, currentPassword: "første-kodeord", newPassword: "andet-kodeord", clientAddress: "10.3.0.1" });
    expect(await findSessionUser({ sessionId: other })).toBeNull();
    expect(await findSessionUser({ sessionId: user.sessionId })).toBeNull();
  });

  it("counts a wrong current password on Min konto like a wrong login: the 11th attempt is not checked, even when right", async () => {
    const email = "gaetter@nordbyg.example";
    const { token } = await inviteUser({ admin: nordbyg, email, name: "Gætter Guld", now: T0 });
    await acceptInvitation({ token, name: "Gætter Guld", password: "rigtig-grøn-lampe-hus", now: at(1) });
    const user = await signIn(email);
    const messages: string[] = [];
    for (let i = 0; i < 10; i++) {
      const error = await changePassword({ user, currentPassword: `forkert-${i}`, newPassword: "ny-blå-kande-skov", clientAddress: "10.3.0.2" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      messages.push((error as ValidationError).fieldErrors.currentPassword?.[0] ?? "");
    }
    expect(new Set(messages)).toEqual(new Set(["Den nuværende adgangskode er forkert."]));
    const refused = await changePassword({ user, currentPassword: "rigtig-grøn-lampe-hus", newPassword: "ny-blå-kande-skov", clientAddress: "10.3.0.2" }).catch((e: unknown) => e);
    expect((refused as ValidationError).fieldErrors.currentPassword?.[0]).toMatch(/^For mange forkerte forsøg\. Prøv igen om \d+ minut/);
    // The right password was never checked: the password is unchanged.
    expect((await checkCredentials({ email, password: "rigtig-grøn-lampe-hus", clientAddress: "10.3.0.9" })).status).toBe("ok");
  });
});
