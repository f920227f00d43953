/**
 * Creating and sending a document is one write: a send that fails leaves no
 * document behind, and the § 56 application's reply (its kind is answered by
 * a reply alone) sends the new version with the answer or nothing at all.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateDatabase } from "~db/client.server";
import { documents, documentVersions, employees, paragraph56Agreements, submissions, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { applyForAgreement } from "~/models/paragraph56.server";
import { reviewSubmission } from "~/models/review.server";
import { answerInformationRequest } from "~/models/submission.server";
import { findSessionUser, startSession, type EmployerUser, type JobcenterUser } from "~/models/user.server";
import { ConflictError } from "~/utils/errors.server";

const TODAY = "2026-11-24";

let hr: EmployerUser;
let aarhus: JobcenterUser;
let employeeId: number;

function signIn(email: string) {
  const u = getDb().select().from(users).where(eq(users.email, email)).get()!;
  return findSessionUser({ sessionId: startSession({ userId: u.id, previousSessionId: null }) })!;
}

function apply(asOf = TODAY) {
  return applyForAgreement({
    user: hr,
    employeeId,
    asOf,
    data: {
      kind: "almindelig",
      effectOnWork: "Perioder hvor tunge løft ikke er mulige.",
      confirmNoDiagnosis: false,
      expectedDaysPerYear: 12,
      employmentRequirement: "yes",
      employerConfirms: true,
      employeeConfirms: true,
      appliedOn: asOf,
      materialChange: undefined,
    },
  });
}

function countOf(table: typeof documents | typeof paragraph56Agreements) {
  return getDb().select().from(table).all().length;
}

beforeAll(async () => {
  migrateDatabase();
  await seedDemoData(getDb(), TODAY);
  hr = signIn("hr@nordbyg.example") as EmployerUser;
  aarhus = signIn("aarhus@jobcenter.example") as JobcenterUser;
  employeeId = getDb()
    .select()
    .from(employees)
    .where(and(eq(employees.companyId, hr.company.id), eq(employees.municipalityCode, 751)))
    .get()!.id;
});

describe("create, then submit", () => {
  it("leaves neither the § 56 application nor its agreement behind when the send fails", () => {
    const before = { documents: countOf(documents), agreements: countOf(paragraph56Agreements) };
    getDb().run(sql.raw("CREATE TEMP TRIGGER refuse_submission BEFORE INSERT ON submissions BEGIN SELECT RAISE(ABORT, 'send refused'); END"));
    try {
      expect(() => apply()).toThrow("send refused");
    } finally {
      getDb().run(sql.raw("DROP TRIGGER refuse_submission"));
    }
    expect({ documents: countOf(documents), agreements: countOf(paragraph56Agreements) }).toEqual(before);
  });

  it("stores and sends the application together when nothing fails", () => {
    const documentId = apply();
    const sent = getDb().select().from(submissions).where(eq(submissions.documentId, documentId)).get()!;
    expect(sent).toMatchObject({ type: "paragraph56", status: "received", version: 1, municipalityCode: 751 });
  });
});

describe("the answer to a request for information on a § 56 application", () => {
  it("sends the same content as a new version with the reply, and writes nothing when the answer is refused", () => {
    const documentId = apply();
    const submission = getDb().select().from(submissions).where(eq(submissions.documentId, documentId)).get()!;
    reviewSubmission({ user: aarhus, submissionId: submission.id, asOf: TODAY, action: "take", lock: 0 });
    reviewSubmission({ user: aarhus, submissionId: submission.id, asOf: TODAY, action: "request-information", lock: 1, message: "Hvor mange dage om året?" });
    const versions = () => getDb().select().from(documentVersions).where(eq(documentVersions.documentId, documentId)).all();

    // A stale form (an old lock) is a conflict: no new version is left without its reply.
    expect(() => answerInformationRequest({ user: hr, documentId, reply: "Omkring 12 dage.", lock: 1, asOf: TODAY })).toThrow(ConflictError);
    expect(versions()).toHaveLength(1);

    answerInformationRequest({ user: hr, documentId, reply: "Omkring 12 dage.", lock: 2, asOf: TODAY });
    const [first, second] = versions();
    expect(second).toMatchObject({ version: 2, content: first!.content });
    expect(second!.submittedAt).not.toBeNull();
    // The reply goes back into review with the caseworker who asked (app/domain/review.ts).
    expect(getDb().select().from(submissions).where(eq(submissions.id, submission.id)).get()).toMatchObject({ version: 2, status: "in-review" });
  });
});
