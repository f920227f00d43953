/**
 * Creating and sending a document is one write: a send that fails leaves no
 * document behind, and the § 56 application's reply (its kind is answered by
 * a reply alone) sends the new version with the answer or nothing at all.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getSqlite, migrateEngine, one } from "~db/client.server";
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

async function signIn(email: string) {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  return (await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) }))!;
}

async function apply(asOf = TODAY) {
  return await applyForAgreement({
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

async function countOf(table: typeof documents | typeof paragraph56Agreements) {
  return (await getDb().select().from(table)).length;
}

beforeAll(async () => {
  await migrateEngine();
  await seedDemoData(TODAY);
  hr = await signIn("hr@nordbyg.example") as EmployerUser;
  aarhus = await signIn("aarhus@jobcenter.example") as JobcenterUser;
  employeeId = (await one(getDb()
    .select()
    .from(employees)
    .where(and(eq(employees.companyId, hr.company.id), eq(employees.municipalityCode, 751))).limit(1)))!.id;
});

describe("create, then submit", () => {
  it("leaves neither the § 56 application nor its agreement behind when the send fails", async () => {
    const before = { documents: await countOf(documents), agreements: await countOf(paragraph56Agreements) };
    // A temporary trigger lives on one connection: the one that writes (runTx).
    getSqlite().exec("CREATE TEMP TRIGGER refuse_submission BEFORE INSERT ON submissions BEGIN SELECT RAISE(ABORT, 'send refused'); END");
    try {
      await expect(apply()).rejects.toThrow("send refused");
    } finally {
      getSqlite().exec("DROP TRIGGER refuse_submission");
    }
    expect({ documents: await countOf(documents), agreements: await countOf(paragraph56Agreements) }).toEqual(before);
  });

  it("stores and sends the application together when nothing fails", async () => {
    const documentId = await apply();
    const sent = (await one(getDb().select().from(submissions).where(eq(submissions.documentId, documentId)).limit(1)))!;
    expect(sent).toMatchObject({ type: "paragraph56", status: "received", version: 1, municipalityCode: 751 });
  });
});

describe("the answer to a request for information on a § 56 application", () => {
  it("sends the same content as a new version with the reply, and writes nothing when the answer is refused", async () => {
    const documentId = await apply();
    const submission = (await one(getDb().select().from(submissions).where(eq(submissions.documentId, documentId)).limit(1)))!;
    await reviewSubmission({ user: aarhus, submissionId: submission.id, asOf: TODAY, action: "take", lock: 0 });
    await reviewSubmission({ user: aarhus, submissionId: submission.id, asOf: TODAY, action: "request-information", lock: 1, message: "Hvor mange dage om året?" });
    const versions = async () => await getDb().select().from(documentVersions).where(eq(documentVersions.documentId, documentId));

    // A stale form (an old lock) is a conflict: no new version is left without its reply.
    await expect(answerInformationRequest({ user: hr, documentId, reply: "Omkring 12 dage.", lock: 1, asOf: TODAY })).rejects.toThrow(ConflictError);
    expect(await versions()).toHaveLength(1);

    await answerInformationRequest({ user: hr, documentId, reply: "Omkring 12 dage.", lock: 2, asOf: TODAY });
    const [first, second] = await versions();
    expect(second).toMatchObject({ version: 2, content: first!.content });
    expect(second!.submittedAt).not.toBeNull();
    // The reply goes back into review with the caseworker who asked (app/domain/review.ts).
    expect(await one(getDb().select().from(submissions).where(eq(submissions.id, submission.id)).limit(1))).toMatchObject({ version: 2, status: "in-review" });
  });
});
