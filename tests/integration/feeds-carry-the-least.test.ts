/**
 * What leaves the portal carries the least (README, "What a feed or an e-mail may contain"):
 * on a company with every kind of record — sickness absences, a fast-track request, an
 * approved § 56 agreement about to need renewal, a social-chapter arrangement with a review
 * date, a mulighedserklæring waiting for the doctor — the calendar feed and the daily digest
 * hold only sickness-absence deadlines by case reference, link to no employee page and name
 * no arrangement that itself says something about health.
 */
import { and, eq, isNull } from "drizzle-orm";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, runTx } from "~db/client.server";
import { absences, employees, mulighedserklaeringer, outbox, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays, addMonths } from "~/domain/dates";
import { findDiagnosisTerms } from "~/domain/diagnosis-terms";
import { caseReference } from "~/domain/case-reference";
import { updateAbsence } from "~/models/absence-case.server";
import { calendarFeedForToken, createCalendarFeed } from "~/models/calendar.server";
import { sendDigests } from "~/models/mail-notices.server";
import { startMulighedserklaering } from "~/models/mulighedserklaering.server";
import { applyForAgreement } from "~/models/paragraph56.server";
import { approveAgreement } from "~/models/paragraph56-agreement.server";
import { companyReminders } from "~/models/reminders.server";
import { saveSocialChapterRecord } from "~/models/social-chapter.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";
import { renderCalendar } from "~/utils/ical.server";

const SEEDED_ON = "2026-11-24";
/** 07:30 in Copenhagen in November: after the digest time. */
const MORNING = new Date(`${SEEDED_ON}T06:30:00Z`);
const BASE_URL = "https://fasthold.example";

let hr: EmployerUser;
let feed: string;
let digest: string;

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

async function employeesOf(companyId: number) {
  return await getDb().select().from(employees).where(eq(employees.companyId, companyId));
}

/** The words that would reveal a health-related arrangement, and the references such items carry. */
const ARRANGEMENT = [/§\s*56/, /sociale kapitler/i, /mulighedserklæring/i, /lægen/i, /\bSK-\d+/, /\bP56-\d+/, /\bME-\d+/, /fleksjob/i];

async function expectNothingBeyondAbsenceDeadlines(text: string) {
  for (const pattern of ARRANGEMENT) expect(text).not.toMatch(pattern);
  expect(text).not.toContain("/medarbejdere/");
  for (const e of await employeesOf(hr.company.id)) {
    expect(text).not.toContain(e.name);
    expect(text).not.toContain(e.birthDate);
  }
  expect(findDiagnosisTerms(text)).toEqual([]);
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(SEEDED_ON);
  hr = await employerUser("hr@nordbyg.example");
  // An open absence whose employee gets a § 56 agreement, so one sickness-absence case runs under it.
  const underAgreement = (await one(getDb()
    .select()
    .from(absences)
    .where(and(eq(absences.companyId, hr.company.id), isNull(absences.returnedOn))).limit(1)))!;
  const [first, second, third] = [
    (await employeesOf(hr.company.id)).find((e) => e.id === underAgreement.employeeId)!,
    ...(await employeesOf(hr.company.id)).filter((e) => e.id !== underAgreement.employeeId),
  ];

  // § 56: approved 22 months ago, so the renewal reminder (60 days before it runs out) is due about now.
  const p56Document = await applyForAgreement({
    user: hr,
    employeeId: first!.id,
    asOf: SEEDED_ON,
    data: {
      kind: "almindelig",
      effectOnWork: "Perioder hvor tunge løft ikke er mulige.",
      confirmNoDiagnosis: false,
      expectedDaysPerYear: 12,
      employmentRequirement: "yes",
      employerConfirms: true,
      employeeConfirms: true,
      appliedOn: SEEDED_ON,
      materialChange: undefined,
    },
  });
  await runTx(async (tx) => await approveAgreement(tx, { documentId: p56Document, approvedOn: addMonths(SEEDED_ON, -22) }));
  await updateAbsence({
    user: hr,
    absenceId: underAgreement.id,
    asOf: SEEDED_ON,
    data: {
      firstAbsenceDay: underAgreement.firstAbsenceDay,
      extent: underAgreement.extent,
      pay: underAgreement.pay,
      expectedOver8Weeks: underAgreement.expectedOver8Weeks,
      paragraph56: true,
      conversationHeldOn: underAgreement.conversationHeldOn ?? undefined,
      conversationNotes: underAgreement.conversationNotes ?? undefined,
      fastTrackRequestedOn: underAgreement.fastTrackRequestedOn ?? undefined,
      returnedOn: undefined,
      expectedBackWithin26Weeks: underAgreement.expectedBackWithin26Weeks,
      employmentEndsOn: undefined,
    },
  });

  // Social chapters: a review date in five days.
  await saveSocialChapterRecord({
    user: hr,
    employeeId: second!.id,
    data: {
      collectiveAgreement: "Industriens Overenskomst",
      startedOn: addMonths(SEEDED_ON, -3),
      tasks: "Lettere montageopgaver.",
      accommodations: "Pauser efter behov.",
      hoursPerWeek: 25,
      wageTerms: "Løn for 25 timer.",
      reviewDates: [addDays(SEEDED_ON, 5)],
    },
  });

  // A mulighedserklæring given to the doctor, with the doctor's deadline in a week.
  const absence = await one(getDb().select().from(absences).where(eq(absences.employeeId, third!.id)).limit(1)) ?? null;
  const declaration = await startMulighedserklaering({ user: hr, employeeId: third!.id, absenceId: absence?.id ?? null });
  await runTx(async (tx) => await tx
    .update(mulighedserklaeringer)
    .set({ status: "sent-to-doctor", doctorDeadline: addDays(SEEDED_ON, 7), sentToDoctorOn: SEEDED_ON })
    .where(eq(mulighedserklaeringer.documentId, declaration.id)));

  const token = (await createCalendarFeed({ user: hr }))!;
  feed = renderCalendar({ ...(await calendarFeedForToken({ token, asOf: SEEDED_ON }))!, baseUrl: BASE_URL });

  await sendDigests({ now: MORNING, digestTime: "07:00" });
  digest = (await getDb()
    .select()
    .from(outbox)
    .where(and(eq(outbox.kind, "digest"), eq(outbox.toAddress, "hr@nordbyg.example"))))
    .map((m) => `${m.subject}\n${m.body}`)
    .join("\n");
});

describe("a company with every kind of record", () => {
  it("has reminders of every arrangement on its dashboard and an absence under a § 56 agreement, so there is something to leave out", async () => {
    expect(await getDb().select().from(absences).where(and(eq(absences.companyId, hr.company.id), eq(absences.paragraph56, true)))).toHaveLength(1);
    const references = (await companyReminders({ companyId: hr.company.id, asOf: SEEDED_ON, fromDaysAgo: 30 })).map((r) => r.reference.slice(0, 3));
    expect(new Set(references)).toEqual(new Set(["SK-", "P56", "ME-"]));
  });

  it("gets a calendar feed of sickness-absence deadlines only, each by case reference and linked to the absence", async () => {
    const events = new ICAL.Component(ICAL.parse(feed)).getAllSubcomponents("vevent");
    expect(events.length).toBeGreaterThan(0);
    const openCases = new Set(
      (await getDb()
        .select({ id: absences.id })
        .from(absences)
        .where(eq(absences.companyId, hr.company.id)))
        .map((a) => caseReference(a.id)),
    );
    for (const e of events) {
      const summary = String(e.getFirstPropertyValue("summary"));
      const reference = /^Frist: .+ \(sag (FH-\d{6})\)$/.exec(summary)?.[1];
      expect(reference, summary).toBeDefined();
      expect(openCases).toContain(reference);
      expect(String(e.getFirstPropertyValue("url"))).toMatch(new RegExp(`^${BASE_URL}/virksomhed/fravaer/\\d+$`));
      expect(String(e.getFirstPropertyValue("description"))).toContain(`Sag: ${reference}`);
    }
    await expectNothingBeyondAbsenceDeadlines(feed.replace(/\r\n[ \t]/g, ""));
  });

  it("gets a daily digest that names the same kind of deadlines and nothing about the arrangements", async () => {
    expect(digest).toMatch(/Sag FH-\d{6}/);
    await expectNothingBeyondAbsenceDeadlines(digest);
  });
});

