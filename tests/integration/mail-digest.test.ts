/**
 * The daily digest and the immediate messages, delivered to a real SMTP
 * server in this process and read back with mailparser: a digest holds
 * exactly the deadlines that became due soon or overdue since the last one,
 * and no e-mail carries a name, a birth date, a CPR number or a health word.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one, runTx } from "~db/client.server";
import { absences, employees, submissions, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { formatDanishDate, type IsoDate } from "~/domain/dates";
import { findDiagnosisTerms } from "~/domain/diagnosis-terms";
import { companyDashboard } from "~/models/dashboard.server";
import { createFastTrackDocument, saveDocumentContent } from "~/models/document.server";
import { sendDigests } from "~/models/mail-notices.server";
import { deliverPendingMail } from "~/models/outbox.server";
import { reviewSubmission } from "~/models/review.server";
import { resubmitDocument, submitDocument } from "~/models/submission.server";
import { findSessionUser, startSession, type EmployerUser, type JobcenterUser, type SessionUser } from "~/models/user.server";
import { smtpSender } from "~/utils/mail.server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";

const SEEDED_ON = "2026-11-24";
const DIGEST_TIME = "07:00";
/** 07:00 in Copenhagen in November (CET, UTC+1). */
const morning = (day: IsoDate) => new Date(`${day}T06:00:00Z`);

let smtp: TestSmtpServer;
let nordbyg: EmployerUser;
let aarhus: JobcenterUser;

async function signIn(email: string): Promise<SessionUser> {
  const id = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!.id;
  return (await findSessionUser({ sessionId: await startSession({ userId: id, previousSessionId: null }) }))!;
}

/** Runs the digest and sends what it queued; returns the e-mails that arrived in this run. */
async function runDigest(now: Date): Promise<ReceivedMail[]> {
  const before = smtp.messages.length;
  await sendDigests({ now, digestTime: DIGEST_TIME });
  await deliverPendingMail({ send: smtpSender(smtp.url, "Fasthold <noreply@fasthold.example>"), now });
  return smtp.messages.slice(before);
}

function mailTo(mails: ReceivedMail[], email: string): ReceivedMail | undefined {
  return mails.find((m) => m.to.includes(email));
}

/** The digest's lines as "reference | title | due date | status", as a reader sees them. */
function digestLines(mail: ReceivedMail): string[] {
  const status: Record<string, string> = { Overskredet: "overdue", Snart: "due-soon", Ny: "new" };
  return [...mail.text.matchAll(/^- (Overskredet|Snart|Ny): (.+?)(?:, frist (\d\d\.\d\d\.\d{4}))?\n {2}Sag (\S+) \(/gm)]
    .map((m) => `${m[4]} | ${m[2]} | ${m[3] ?? "-"} | ${status[m[1]!]}`)
    .sort();
}

/** What the company's dashboard says needs attention now: the digest's source of truth, formulated independently. */
async function attention(companyId: number, asOf: IsoDate): Promise<string[]> {
  return (await companyDashboard({ companyId, asOf, pageSize: 1000 }))
    .items.filter((i) => i.reference.startsWith("FH-") && (i.status === "overdue" || i.status === "due-soon"))
    .map((i) => `${i.reference} | ${i.title} | ${formatDanishDate(i.dueDate)} | ${i.status}`)
    .sort();
}

/** Nothing that identifies the employee or says anything about health. */
async function expectNothingPersonal(mail: ReceivedMail) {
  const text = `${mail.subject}\n${mail.text}`;
  const people = await getDb().select().from(employees);
  for (const person of people) {
    for (const part of person.name.split(/\s+/)) {
      expect(text, `${person.name} in "${mail.subject}"`).not.toMatch(new RegExp(`(?<![\\p{L}])${part}(?![\\p{L}])`, "u"));
    }
    expect(text).not.toContain(person.birthDate);
    expect(text).not.toContain(formatDanishDate(person.birthDate));
  }
  for (const a of await getDb().select().from(absences)) {
    if (a.conversationNotes) expect(text).not.toContain(a.conversationNotes);
  }
  expect(findDiagnosisTerms(text)).toEqual([]);
  expect(text).not.toMatch(/\b\d{6}-?\d{4}\b/);
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(SEEDED_ON);
  smtp = await startSmtpServer();
  nordbyg = await signIn("hr@nordbyg.example") as EmployerUser;
  aarhus = await signIn("aarhus@jobcenter.example") as JobcenterUser;
  // Two colleagues at Nordbyg: one wants no digest, one wants no immediate e-mails.
  const passwordHash = (await one(getDb().select().from(users).where(eq(users.id, nordbyg.id)).limit(1)))!.passwordHash;
  await runTx(async (tx) => await tx
    .insert(users)
    .values([
      { email: "uden.oversigt@nordbyg.example", name: "Uden Oversigt", passwordHash, role: "employer", companyId: nordbyg.company.id, mailDigest: false },
      { email: "uden.straks@nordbyg.example", name: "Uden Straks", passwordHash, role: "employer", companyId: nordbyg.company.id, mailImmediate: false },
    ]));
});

afterAll(async () => {
  await smtp?.stop();
});

describe("the daily digest", () => {
  it("is not sent before the digest time", async () => {
    expect(await sendDigests({ now: new Date(`${SEEDED_ON}T05:59:00Z`), digestTime: DIGEST_TIME })).toEqual({ users: 0, mails: 0 });
  });

  it("holds exactly the deadlines overdue or due within 7 days, by case reference and initials", async () => {
    const mails = await runDigest(morning(SEEDED_ON));
    const mail = mailTo(mails, "hr@nordbyg.example")!;
    expect(mail.subject).toBe("Daglig oversigt fra Fasthold 24.11.2026: 5 nye punkter");
    expect(digestLines(mail)).toEqual([
      "FH-000001 | Sygefraværssamtale | 28.11.2026 | due-soon",
      "FH-000002 | Anmeldelse af sygefravær | 28.11.2026 | due-soon",
      "FH-000003 | Anmeldelse af sygefravær | 27.11.2026 | due-soon",
      "FH-000003 | Anmodning om fast track | 25.11.2026 | due-soon",
      "FH-000003 | Sygefraværssamtale | 19.11.2026 | overdue",
    ]);
    expect(digestLines(mail)).toEqual(await attention(nordbyg.company.id, SEEDED_ON));
    expect(mail.text).toContain("Sag FH-000001 (S.Æ.Å.)");
    expect(mail.text).toContain("http://localhost:3000/virksomhed/fravaer/1");
    // The colleague who wants it gets the same; the one who turned it off gets nothing.
    expect(digestLines(mailTo(mails, "uden.straks@nordbyg.example")!)).toEqual(digestLines(mail));
    expect(mailTo(mails, "uden.oversigt@nordbyg.example")).toBeUndefined();
    // The caseworker in Aarhus: the overdue fast-track follow-up of a citizen of Aarhus.
    expect(digestLines(mailTo(mails, "aarhus@jobcenter.example")!)).toEqual([
      "FH-000005 | Fast track: Første opfølgningssamtale i kommunen | 08.11.2026 | overdue",
    ]);
    // København has nothing to report, so no e-mail.
    expect(mailTo(mails, "koebenhavn@jobcenter.example")).toBeUndefined();
    for (const m of mails) await expectNothingPersonal(m);
  });

  it("comes once a day", async () => {
    expect(await runDigest(new Date(`${SEEDED_ON}T15:00:00Z`))).toEqual([]);
  });

  it("next time holds only what became due soon or overdue since, and new submissions for the jobcenter", async () => {
    const day = "2026-11-29";
    const document = await createFastTrackDocument({
      user: nordbyg,
      absenceId: 1,
      content: { affectedFunctions: "Tunge løft.", affectedDuration: "Siden første fraværsdag.", adaptations: "Lettere opgaver.", requestedOn: day, employeeConsent: "agreed" },
      asOf: day,
    });
    await submitDocument({ user: nordbyg, documentId: document.id, asOf: day });
    const mails = await runDigest(morning(day));

    const before = new Set(await attention(nordbyg.company.id, SEEDED_ON));
    const expected = (await attention(nordbyg.company.id, day)).filter((l) => !before.has(l));
    const mail = mailTo(mails, "hr@nordbyg.example")!;
    expect(digestLines(mail)).toEqual(expected);
    expect(digestLines(mail)).toEqual([
      "FH-000001 | Anmeldelse af sygefravær | 05.12.2026 | due-soon",
      "FH-000001 | Sygefraværssamtale | 28.11.2026 | overdue",
      "FH-000002 | Anmeldelse af sygefravær | 28.11.2026 | overdue",
      "FH-000003 | Anmeldelse af sygefravær | 27.11.2026 | overdue",
      "FH-000003 | Anmodning om fast track | 25.11.2026 | overdue",
    ]);
    // Solskin's two overdue deadlines were reported on the 24th and are unchanged.
    expect(mailTo(mails, "hr@solskin.example")).toBeUndefined();
    expect(digestLines(mailTo(mails, "aarhus@jobcenter.example")!)).toEqual(["FH-000001 | Ny indsendelse: Anmodning om fast track | - | new"]);
    for (const m of mails) await expectNothingPersonal(m);
  });
});

describe("immediate e-mail to HR", () => {
  it("tells HR at once that the jobcenter asks for information, without the caseworker's words", async () => {
    const submissionId = 1;
    const before = smtp.messages.length;
    await reviewSubmission({ user: aarhus, submissionId, asOf: "2026-11-29", action: "take", lock: 0 });
    await reviewSubmission({
      user: aarhus,
      submissionId,
      asOf: "2026-11-29",
      action: "request-information",
      lock: 1,
      message: "Søren oplyser diskusprolaps; beskriv løfteopgaverne.",
    });
    await deliverPendingMail({ send: smtpSender(smtp.url, "Fasthold <noreply@fasthold.example>") });
    // The receipt for the submission of the digest test above goes out with these (receipts: review-http.test.ts).
    const mails = smtp.messages.slice(before).filter((m) => !m.subject.startsWith("Kvittering:"));
    // Søren works on the building site: its nearest manager is told too.
    expect(mails.map((m) => m.to[0]).sort()).toEqual(["hr@nordbyg.example", "leder@nordbyg.example", "uden.oversigt@nordbyg.example"]);
    const mail = mailTo(mails, "hr@nordbyg.example")!;
    expect(mail.subject).toBe("Jobcentret beder om flere oplysninger: Anmodning om fast track (FH-000001)");
    expect(mail.text).toContain("http://localhost:3000/virksomhed/dokumenter/");
    expect(mail.text).toContain("(medarbejder S.Æ.Å.)");
    expect(mail.text).not.toContain("løfteopgaverne");
    for (const m of mails) await expectNothingPersonal(m);
  });

  it("tells HR at once about a decision, and nothing for merely taking the case", async () => {
    const before = smtp.messages.length;
    await runTx(async (tx) => await tx.update(users).set({ mailImmediate: false }).where(eq(users.email, "uden.oversigt@nordbyg.example")));
    const documentId = (await one(getDb().select().from(submissions).where(eq(submissions.id, 1)).limit(1)))!.documentId;
    await saveDocumentContent({
      user: nordbyg,
      documentId,
      type: "fast-track",
      content: { affectedFunctions: "Tunge løft og stiger.", affectedDuration: "Siden første fraværsdag.", adaptations: "Lettere opgaver.", requestedOn: "2026-11-29", employeeConsent: "agreed" },
    });
    // The reply goes back in review to the caseworker who asked: no second take. (The test above took the case and got mail only for the request.)
    await resubmitDocument({ user: nordbyg, documentId, reply: "Beskrevet.", lock: 2, asOf: "2026-11-29" });
    await reviewSubmission({ user: aarhus, submissionId: 1, asOf: "2026-11-29", action: "reject", lock: 3, message: "Afvist." });
    await deliverPendingMail({ send: smtpSender(smtp.url, "Fasthold <noreply@fasthold.example>") });
    const mails = smtp.messages.slice(before);
    expect(mails.map((m) => [m.to[0], m.subject]).sort()).toEqual([
      ["hr@nordbyg.example", "Jobcentret har afvist: Anmodning om fast track (FH-000001)"],
      // The receipt for the new version goes to the HR user who sent it, whatever their preference for immediate mail.
      ["hr@nordbyg.example", "Kvittering: Anmodning om fast track (FH-000001) er modtaget af jobcentret"],
      ["leder@nordbyg.example", "Jobcentret har afvist: Anmodning om fast track (FH-000001)"],
    ]);
    for (const m of mails) await expectNothingPersonal(m);
  });
});
