import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one } from "~db/client.server";
import { absences, auditLog, calendarEvents, companies, employees, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays } from "~/domain/dates";
import type { AbsenceInput } from "~/forms/absence";
import { createAbsence, getAbsenceCase, recordAbsenceFact } from "~/models/absence-case.server";
import { companyDashboard } from "~/models/dashboard.server";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import { pendingDigestItems } from "~/models/mail-notices.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";

const today = "2026-11-24";
let nordbyg: EmployerUser;
let solskin: EmployerUser;

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

function absenceData(patch: Partial<AbsenceInput> & Pick<AbsenceInput, "firstAbsenceDay">): AbsenceInput {
  return {
    extent: "full",
    pay: "salary",
    expectedOver8Weeks: false,
    paragraph56: false,
    conversationHeldOn: undefined,
    conversationNotes: undefined,
    fastTrackRequestedOn: undefined,
    returnedOn: undefined,
    expectedBackWithin26Weeks: false,
    employmentEndsOn: undefined,
    ...patch,
  };
}

async function employeeNamed(name: string) {
  return (await one(getDb().select().from(employees).where(eq(employees.name, name)).limit(1)))!;
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(today);
  nordbyg = await employerUser("hr@nordbyg.example");
  solskin = await employerUser("hr@solskin.example");
});

describe("seeding", () => {
  it("never seeds twice", async () => {
    expect(await seedDemoData(today)).toBe(false);
    expect((await one(getDb().select({ n: count() }).from(companies).limit(1)))!.n).toBe(2);
  });
});

describe("absence writes", () => {
  it("writes the absence, its audit row and its calendar events together", async () => {
    const employee = await employeeNamed("Jonas Bøgh");
    const absence = await createAbsence({
      user: nordbyg,
      employeeId: employee.id,
      asOf: today,
      data: absenceData({ firstAbsenceDay: addDays(today, -3), expectedOver8Weeks: true }),
    });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.entityId, String(absence.id)));
    expect(audit.map((a) => a.action)).toContain("absence.create");
    expect(audit[0]!.userId).toBe(nordbyg.id);
    const events = await getDb().select().from(calendarEvents).where(eq(calendarEvents.absenceId, absence.id));
    expect(events.map((e) => e.deadlineId).sort()).toEqual(
      ["absence-conversation", "absence-report", "duration-limit-reassessment", "fast-track-request", "first-follow-up", "refund-request"].sort(),
    );
  });

  it("rolls back completely when a rule is broken", async () => {
    const employee = await employeeNamed("Jonas Bøgh");
    const before = (await one(getDb().select({ n: count() }).from(absences).limit(1)))!.n;
    const auditBefore = (await one(getDb().select({ n: count() }).from(auditLog).limit(1)))!.n;
    await expect(createAbsence({
        user: nordbyg,
        employeeId: employee.id,
        asOf: today,
        data: absenceData({ firstAbsenceDay: today }),
      }),).rejects.toThrow(ValidationError);
    expect((await one(getDb().select({ n: count() }).from(absences).limit(1)))!.n).toBe(before);
    expect((await one(getDb().select({ n: count() }).from(auditLog).limit(1)))!.n).toBe(auditBefore);
  });

  it("refuses another company's employee as not found", async () => {
    await expect(
      createAbsence({
        user: solskin,
        employeeId: (await employeeNamed("Jonas Bøgh")).id,
        asOf: today,
        data: absenceData({ firstAbsenceDay: today }),
      }),
    ).rejects.toThrow(NotFoundError);
  });

  it("recording the conversation updates the deadlines at once", async () => {
    const absence = (await one(getDb().select().from(absences).where(eq(absences.employeeId, (await employeeNamed("Jonas Bøgh")).id)).limit(1)))!;
    const before = await getAbsenceCase({ companyId: nordbyg.company.id, absenceId: absence.id, asOf: today });
    expect(before.result.deadlines.find((d) => d.id === "absence-conversation")!.status).not.toBe("done");
    await recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "conversation", conversationHeldOn: today } });
    const after = await getAbsenceCase({ companyId: nordbyg.company.id, absenceId: absence.id, asOf: today });
    expect(after.result.deadlines.find((d) => d.id === "absence-conversation")!.status).toBe("done");
  });

  it("a fast-track request moves the first follow-up to two weeks after the request", async () => {
    const absence = (await one(getDb().select().from(absences).where(eq(absences.employeeId, (await employeeNamed("Jonas Bøgh")).id)).limit(1)))!;
    await recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "fast-track", fastTrackRequestedOn: today } });
    const c = await getAbsenceCase({ companyId: nordbyg.company.id, absenceId: absence.id, asOf: today });
    expect(c.result.deadlines.find((d) => d.id === "first-follow-up")!.dueDate).toBe(addDays(today, 14));
    expect(c.result.deadlines.find((d) => d.id === "fast-track-request")!.status).toBe("done");
  });
});

describe("dashboard", () => {
  it("counts only the company's own open absences", async () => {
    const own = await companyDashboard({ companyId: nordbyg.company.id, asOf: today });
    const openInDb = (await getDb()
      .select()
      .from(absences)
      .where(eq(absences.companyId, nordbyg.company.id)))
      .filter((a) => a.returnedOn === null).length;
    expect(own.openAbsences).toBe(openInDb);
    const solskinNames = (await getDb().select().from(employees).where(eq(employees.companyId, solskin.company.id))).map((e) => e.name);
    for (const item of own.items) expect(solskinNames).not.toContain(item.employeeName);
  });

  it("sorts the most urgent deadline first", async () => {
    const { items } = await companyDashboard({ companyId: nordbyg.company.id, asOf: today });
    const days = items.map((i) => i.daysLeft);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(days.every((d) => d <= 14)).toBe(true);
  });
});

describe("a deadline done in NemRefusion closes everywhere that reads deadlines", () => {
  it("leaves the dashboard, the daily digest and the calendar once the report is recorded", async () => {
    const absence = (await one(getDb().select().from(absences).where(eq(absences.employeeId, (await employeeNamed("Łukasz Nowak")).id)).limit(1)))!;
    const key = `${absence.id}-absence-report`;
    const hr = (await one(getDb().select().from(users).where(eq(users.email, "hr@nordbyg.example")).limit(1)))!;
    // F + 35 is 4 days away: due soon, so on the dashboard and in the digest.
    expect((await companyDashboard({ companyId: nordbyg.company.id, asOf: today, pageSize: 1000 })).items.some((i) => i.key === key)).toBe(true);
    expect((await pendingDigestItems({ user: hr, asOf: today })).some((i) => i.key.startsWith(`deadline:${key}:`))).toBe(true);

    await recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "absence-report", doneOn: today, reference: "NR-7" } });

    expect((await companyDashboard({ companyId: nordbyg.company.id, asOf: today, pageSize: 1000 })).items.some((i) => i.key === key)).toBe(false);
    expect((await pendingDigestItems({ user: hr, asOf: today })).some((i) => i.key.startsWith(`deadline:${key}:`))).toBe(false);
    const event = (await getDb().select().from(calendarEvents).where(eq(calendarEvents.absenceId, absence.id))).find((e) => e.deadlineId === "absence-report")!;
    expect(event.cancelled).toBe(true);
    const d = (await getAbsenceCase({ companyId: nordbyg.company.id, absenceId: absence.id, asOf: today })).result.deadlines.find((x) => x.id === "absence-report")!;
    expect([d.status, d.doneOn, d.doneDaysLate]).toEqual(["done", today, 0]);
  });

  it("refuses a refund request for an absence whose employer is not reimbursed", async () => {
    const absence = (await one(getDb().select().from(absences).where(eq(absences.employeeId, (await employeeNamed("Mette Kjær")).id)).limit(1)))!;
    await expect(recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "refund-request", doneOn: today } })).rejects.toThrow(ValidationError);
  });
});
