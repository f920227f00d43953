/**
 * Departments and the nearest manager, against the models: the scope helper that every
 * list and the page guard use, the invitation of a manager, the administrator's changes,
 * the setting that lets managers send to the jobcenter, and the digest and notices that
 * reach a manager only about their own departments.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one } from "~db/client.server";
import { absences, departments, employees, notifications, submissions, userDepartments, users } from "~db/schema";
import { InviteSchema } from "~/forms/account";
import { acceptInvitation, inviteUser } from "~/models/account.server";
import { caseReference } from "~/domain/case-reference";
import { activeCalendarFeed, calendarFeedForToken, createCalendarFeed } from "~/models/calendar.server";
import { companyDashboard } from "~/models/dashboard.server";
import { employeesInScope, managerAccess, MANAGER_MAY_NOT_SUBMIT, type EmployerScope } from "~/models/department-scope.server";
import { createDepartment, renameDepartment, setManagersMaySubmit, setUserAccess } from "~/models/departments.server";
import { seedDemoData } from "~/models/demo-seed.server";
import { createFastTrackDocument } from "~/models/document.server";
import { pendingDigestItems } from "~/models/mail-notices.server";
import { reviewSubmission } from "~/models/review.server";
import { submitDocument } from "~/models/submission.server";
import { findSessionUser, startSession, type EmployerUser, type JobcenterUser, type SessionUser } from "~/models/user.server";
import { ValidationError } from "~/utils/errors.server";

const SEEDED_ON = "2026-11-24";

async function signIn(email: string): Promise<SessionUser> {
  const id = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!.id;
  return (await findSessionUser({ sessionId: await startSession({ userId: id, previousSessionId: null }) }))!;
}

async function row(email: string) {
  return (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
}

async function departmentId(companyId: number, name: string): Promise<number> {
  return (await one(getDb().select().from(departments).where(and(eq(departments.companyId, companyId), eq(departments.name, name))).limit(1)))!.id;
}

async function employeeId(name: string): Promise<number> {
  return (await one(getDb().select().from(employees).where(eq(employees.name, name)).limit(1)))!.id;
}

async function absenceOf(name: string): Promise<number> {
  return (await one(getDb().select().from(absences).where(eq(absences.employeeId, await employeeId(name))).limit(1)))!.id;
}

async function fieldErrors(fn: () => unknown): Promise<Record<string, string[]>> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

let hr: EmployerUser;
let solskin: EmployerUser;
let leder: EmployerUser;
let aarhus: JobcenterUser;
let building: number;
let office: number;

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(SEEDED_ON);
  hr = await signIn("hr@nordbyg.example") as EmployerUser;
  solskin = await signIn("hr@solskin.example") as EmployerUser;
  leder = await signIn("leder@nordbyg.example") as EmployerUser;
  aarhus = await signIn("aarhus@jobcenter.example") as JobcenterUser;
  building = await departmentId(hr.company.id, "Byggeplads");
  office = await departmentId(hr.company.id, "Administration");
});

describe("the scope a session carries", () => {
  it("HR reaches the whole company; the demo manager only the building site", () => {
    expect([hr.accessLevel, hr.scope]).toEqual(["hr", { companyId: hr.company.id, departmentIds: null }]);
    expect([leder.accessLevel, leder.scope]).toEqual(["manager", { companyId: hr.company.id, departmentIds: [building] }]);
  });

  it("employeesInScope: a manager's departments' employees, none without a department, none for a manager without departments", async () => {
    const names = async (scope: EmployerScope) =>
      (await getDb()
        .select({ name: employees.name })
        .from(employees)
        .where(employeesInScope(scope)))
        .map((r) => r.name)
        .sort();
    expect(await names(leder.scope)).toEqual(["Per Østergaard", "Søren Ærø Åberg", "Łukasz Nowak"].sort());
    expect(await names({ companyId: hr.company.id, departmentIds: [] })).toEqual([]);
    expect(await names(hr.scope)).toHaveLength(6);
    // Another company's department id reaches nothing of Nordbyg.
    expect(await names({ companyId: hr.company.id, departmentIds: [await departmentId(solskin.company.id, "Køkken")] })).toEqual([]);
  });

  it("managerAccess: own department allowed, another department not found, HR's pages and unknown pages HR-only", async () => {
    const soeren = await employeeId("Søren Ærø Åberg");
    const mette = await employeeId("Mette Kjær");
    expect(await managerAccess(leder.scope, `/virksomhed/medarbejdere/${soeren}`)).toBe("allowed");
    expect(await managerAccess(leder.scope, `/virksomhed/fravaer/${await absenceOf("Søren Ærø Åberg")}/fastholdelsesplan`)).toBe("allowed");
    expect(await managerAccess(leder.scope, `/virksomhed/medarbejdere/${mette}`)).toBe("not-found");
    expect(await managerAccess(leder.scope, `/virksomhed/fravaer/${await absenceOf("Mette Kjær")}`)).toBe("not-found");
    expect(await managerAccess(leder.scope, "/virksomhed/fravaer/999999")).toBe("not-found");
    expect(await managerAccess(leder.scope, `/virksomhed/medarbejdere/${soeren}/paragraf-56`)).toBe("hr-only");
    expect(await managerAccess(leder.scope, "/virksomhed/statistik")).toBe("hr-only");
    // A page nobody has listed for managers is HR's: a new route cannot leak by forgetting a check.
    expect(await managerAccess(leder.scope, "/virksomhed/en-ny-side")).toBe("hr-only");
    expect(await managerAccess(leder.scope, "/virksomhed/sager")).toBe("allowed");
  });

  it("the dashboard of a manager lists their departments' cases only, and is cached apart from HR's", async () => {
    const hrList = await companyDashboard({ ...hr.scope, asOf: SEEDED_ON, pageSize: 100 });
    const managerList = await companyDashboard({ ...leder.scope, asOf: SEEDED_ON, pageSize: 100 });
    const soerenRef = caseReference(await absenceOf("Søren Ærø Åberg"));
    const metteRef = caseReference(await absenceOf("Mette Kjær"));
    expect(hrList.items.some((i) => i.reference === metteRef)).toBe(true);
    expect(managerList.items.some((i) => i.reference === soerenRef)).toBe(true);
    expect(managerList.items.some((i) => i.reference === metteRef)).toBe(false);
    expect(managerList.openAbsences).toBe(2);
    expect((await companyDashboard({ ...hr.scope, asOf: SEEDED_ON, pageSize: 100 })).openAbsences).toBe(hrList.openAbsences);
  });
});

describe("inviting a manager", () => {
  it("the form refuses a manager without departments at the checkboxes", () => {
    const parsed = InviteSchema.safeParse({ email: "ny@nordbyg.example", name: "Ny Leder", accessLevel: "manager" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["departmentIds", "Vælg mindst én afdeling, som lederen er nærmeste leder for."]]);
    expect(InviteSchema.parse({ email: "ny@nordbyg.example", name: "Ny HR" }).accessLevel).toBe("hr");
  });

  it("another company's department is refused and nothing is written", async () => {
    const foreign = await departmentId(solskin.company.id, "Køkken");
    expect(await fieldErrors(async () => await inviteUser({ admin: hr, email: "forkert@nordbyg.example", name: "Forkert", access: { level: "manager", departmentIds: [foreign] } }))).toEqual({
      departmentIds: ["Vælg mindst én af virksomhedens afdelinger."],
    });
  });

  it("an accepted invitation makes the nearest manager of the chosen departments", async () => {
    const { token } = await inviteUser({ admin: hr, email: "kontorleder@nordbyg.example", name: "Kontor Leder", access: { level: "manager", departmentIds: [office] } });
    const accepted = await acceptInvitation({ token, name: "Kontor Leder", password: "blå hest spiser gulerødder" });
    expect(accepted.status).toBe("valid");
    const made = await signIn("kontorleder@nordbyg.example") as EmployerUser;
    expect([made.accessLevel, made.scope.departmentIds, made.isAdmin]).toEqual(["manager", [office], false]);
  });

  it("a jobcenter's invitation is always a caseworker's, whatever was posted", async () => {
    const { token } = await inviteUser({ admin: aarhus, email: "ny@aarhus.example", name: "Ny Sagsbehandler", access: { level: "manager", departmentIds: [building] } });
    await acceptInvitation({ token, name: "Ny Sagsbehandler", password: "blå hest spiser gulerødder" });
    expect((await row("ny@aarhus.example")).accessLevel).toBe("hr");
  });
});

describe("the administrator's changes", () => {
  it("changes a manager's departments, and the next request has the new reach", async () => {
    await setUserAccess({ admin: hr, userId: leder.id, accessLevel: "manager", departmentIds: [building, office] });
    expect((await signIn("leder@nordbyg.example") as EmployerUser).scope.departmentIds).toEqual([building, office].sort((a, b) => a - b));
    await setUserAccess({ admin: hr, userId: leder.id, accessLevel: "manager", departmentIds: [building] });
    expect((await signIn("leder@nordbyg.example") as EmployerUser).scope.departmentIds).toEqual([building]);
  });

  it("keeps an administrator HR, refuses another company's user, and makes HR of a manager with no departments left", async () => {
    expect(await fieldErrors(async () => await setUserAccess({ admin: hr, userId: hr.id, accessLevel: "manager", departmentIds: [building] }))).toEqual({
      accessLevel: ["En administrator har altid adgang som HR til hele virksomheden."],
    });
    await expect(setUserAccess({ admin: hr, userId: solskin.id, accessLevel: "hr", departmentIds: [] })).rejects.toThrow("Brugeren findes ikke.");
    const colleague = await row("kontorleder@nordbyg.example");
    await setUserAccess({ admin: hr, userId: colleague.id, accessLevel: "hr", departmentIds: [] });
    expect((await row("kontorleder@nordbyg.example")).accessLevel).toBe("hr");
    expect(await getDb().select().from(userDepartments).where(eq(userDepartments.userId, colleague.id))).toEqual([]);
  });

  it("only an administrator manages departments, and names stay unique within the company", async () => {
    await expect(createDepartment({ admin: leder, name: "Lager" })).rejects.toThrow("Kun virksomhedens eller jobcentrets administrator");
    const id = await createDepartment({ admin: hr, name: "Lager" });
    expect(await fieldErrors(async () => await createDepartment({ admin: hr, name: "lager" }))).toEqual({ name: ["Virksomheden har allerede en afdeling med det navn."] });
    await renameDepartment({ admin: hr, departmentId: id, name: "Lager og logistik" });
    await expect(renameDepartment({ admin: solskin, departmentId: id, name: "Overtaget" })).rejects.toThrow("Afdelingen findes ikke.");
  });
});

describe("managers and the jobcenter", () => {
  let documentId: number;

  it("a manager cannot send to the jobcenter until HR allows it; then they can", async () => {
    const day = "2026-11-25";
    documentId = (await createFastTrackDocument({
      user: leder,
      absenceId: await absenceOf("Søren Ærø Åberg"),
      content: { affectedFunctions: "Tunge løft.", affectedDuration: "Siden første fraværsdag.", adaptations: "Lettere opgaver.", requestedOn: day, employeeConsent: "agreed" },
      asOf: day,
    })).id;
    expect(await fieldErrors(async () => await submitDocument({ user: leder, documentId, asOf: day }))).toEqual({ form: [MANAGER_MAY_NOT_SUBMIT] });
    await setManagersMaySubmit({ admin: hr, allowed: true });
    expect((await submitDocument({ user: leder, documentId, asOf: day })).status).toBe("received");
    await setManagersMaySubmit({ admin: hr, allowed: false });
  });

  it("the jobcenter's answer is a notice for HR and the employee's manager, not for another department's", async () => {
    const other = await row("kontorleder@nordbyg.example");
    await setUserAccess({ admin: hr, userId: other.id, accessLevel: "manager", departmentIds: [office] });
    const sent = (await one(getDb().select().from(submissions).where(eq(submissions.documentId, documentId)).limit(1)))!;
    await reviewSubmission({ user: aarhus, submissionId: sent.id, action: "take", lock: sent.lock, asOf: "2026-11-25" });
    const told = async (userId: number) => (await getDb().select().from(notifications).where(eq(notifications.userId, userId))).length;
    expect([await told(hr.id) > 0, await told(leder.id) > 0, await told(other.id)]).toEqual([true, true, 0]);
  });
});

describe("a manager's own calendar feed", () => {
  it("holds their departments' deadlines with the company feed's minimal content, and is not the company's address", async () => {
    const asOf = "2026-11-26";
    const token = (await createCalendarFeed({ user: leder }))!;
    const feed = (await calendarFeedForToken({ token, asOf }))!;
    const refs = new Set(feed.entries.map((e) => e.reference));
    expect([refs.has(caseReference(await absenceOf("Søren Ærø Åberg"))), refs.has(caseReference(await absenceOf("Mette Kjær")))]).toEqual([true, false]);
    // The same fields as the company's feed: reference, deadline and law, never a name.
    expect(JSON.stringify(feed.entries)).not.toContain("Søren");
    expect(await activeCalendarFeed({ companyId: hr.company.id })).toBeNull();
    const company = (await calendarFeedForToken({ token: (await createCalendarFeed({ user: hr }))!, asOf }))!;
    expect(new Set(company.entries.map((e) => e.reference)).has(caseReference(await absenceOf("Mette Kjær")))).toBe(true);
    expect(Object.keys(company.entries[0]!).sort()).toEqual(Object.keys(feed.entries[0]!).sort());
  });
});

describe("a manager's digest", () => {
  it("holds their departments' deadlines only; HR's holds the whole company's", async () => {
    const asOf = "2026-11-26";
    const refs = async (email: string) => new Set((await pendingDigestItems({ user: await row(email), asOf })).map((i) => i.reference));
    const managerRefs = await refs("leder@nordbyg.example");
    const hrRefs = await refs("hr@nordbyg.example");
    const soerenRef = caseReference(await absenceOf("Søren Ærø Åberg"));
    const metteRef = caseReference(await absenceOf("Mette Kjær"));
    expect([hrRefs.has(soerenRef), hrRefs.has(metteRef)]).toEqual([true, true]);
    expect([managerRefs.has(soerenRef), managerRefs.has(metteRef)]).toEqual([true, false]);
    expect((await refs("kontorleder@nordbyg.example")).has(metteRef)).toBe(true);
  });
});
