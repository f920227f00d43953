/**
 * The e-mails that remind: the daily digest per user and the immediate
 * message to HR when the jobcenter asks for information or decides a
 * submission. Both go through the outbox in the transaction that decides them.
 */
import { and, eq, inArray, isNull, or, lt } from "drizzle-orm";
import { getDb, one, runTx, type Tx } from "~db/client.server";
import { digestReported, employees, submissions, users, type User } from "~db/schema";
import { timeInCopenhagen, todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { DUE_SOON_MAX_DAYS_LEFT } from "~/domain/deadlines";
import type { DocumentType } from "~/domain/documents";
import { initials } from "~/domain/privacy";
import { getEnv } from "~/utils/env.server";
import { openAbsenceDeadlines } from "./dashboard.server";
import { documentReference } from "./reference.server";
import { municipalityFastTrackCases } from "./jobcenter.server";
import { digestMail, mailDocumentLabel, submissionUpdateMail, type DigestLine, type SubmissionUpdate } from "./mail-content.server";
import { enqueueMail } from "./outbox.server";
import { submissionsBelongingTo } from "./residence.server";
import { managedDepartmentIds, usersReaching } from "./department-scope.server";

export interface DigestItem extends DigestLine {
  /** What has been reported: a deadline once per due date and status, a submission once. */
  key: string;
}

/**
 * The HR user's candidates: deadlines of the company's open absences that are
 * overdue or due soon (DUE_SOON_MAX_DAYS_LEFT). Social-chapter and § 56 reminders stay out of
 * e-mail: that an employee has such an arrangement is itself health information.
 */
async function employerItems(companyId: number, departmentIds: readonly number[] | null, asOf: IsoDate): Promise<DigestItem[]> {
  return (await openAbsenceDeadlines({ companyId, departmentIds, asOf, horizonDays: DUE_SOON_MAX_DAYS_LEFT }))
    .items.filter((d): d is typeof d & { status: "due-soon" | "overdue" } => d.status === "due-soon" || d.status === "overdue")
    .map((d) => ({
      key: `deadline:${d.key}:${d.dueDate}:${d.status}`,
      reference: d.reference,
      initials: initials(d.employeeName),
      title: d.title,
      dueDate: d.dueDate,
      status: d.status,
      path: d.path.split("#")[0]!,
    }));
}

/** The caseworker's candidates: unhandled submissions, and fast-track follow-ups overdue or due soon. */
async function jobcenterItems(municipalityCode: number, asOf: IsoDate): Promise<DigestItem[]> {
  const items: DigestItem[] = [];
  const received = await getDb()
    .select({ submission: submissions, employeeName: employees.name })
    .from(submissions)
    .innerJoin(employees, eq(employees.id, submissions.employeeId))
    // The case follows the citizen: a moved employee's submissions belong to the new municipality.
    .where(and(await submissionsBelongingTo(municipalityCode, asOf), eq(submissions.status, "received")));
  for (const { submission, employeeName } of received) {
    items.push({
      key: `submission:${submission.id}`,
      reference: await documentReference(getDb(), { id: submission.documentId, type: submission.type, absenceId: submission.absenceId, employeeId: submission.employeeId }),
      initials: initials(employeeName),
      title: `Ny indsendelse: ${mailDocumentLabel(submission.type)}`,
      dueDate: null,
      status: "new",
      path: `/jobcenter/indsendelser/${submission.id}`,
    });
  }
  // Only the cases with a fast-track request, read at once: paging through all of København's
  // open cases held the server's process for many seconds each morning.
  for (const c of await municipalityFastTrackCases({ municipalityCode, asOf })) {
    const f = c.followUp;
    if (f.status !== "due-soon" && f.status !== "overdue") continue;
    items.push({
      key: `fast-track:${c.absenceId}:${f.dueDate}:${f.status}`,
      reference: c.reference,
      initials: initials(c.employeeName),
      title: `Fast track: ${f.title}`,
      dueDate: f.dueDate,
      status: f.status,
      path: `/jobcenter/sager`,
    });
  }
  return items;
}

/** What the user's next digest would hold: the candidates not reported to this user before. */
export async function pendingDigestItems(input: { user: Pick<User, "id" | "role" | "companyId" | "municipalityCode" | "accessLevel">; asOf: IsoDate }): Promise<DigestItem[]> {
  const { user } = input;
  // A manager's digest covers their departments' employees only.
  const departmentIds = user.accessLevel === "manager" ? await managedDepartmentIds({ userId: user.id, companyId: user.companyId! }) : null;
  const candidates = user.role === "employer" ? await employerItems(user.companyId!, departmentIds, input.asOf) : await jobcenterItems(user.municipalityCode!, input.asOf);
  if (candidates.length === 0) return [];
  const reported = new Set(
    (await getDb()
      .select({ key: digestReported.itemKey })
      .from(digestReported)
      .where(and(eq(digestReported.userId, user.id), inArray(digestReported.itemKey, candidates.map((c) => c.key)))))
      .map((r) => r.key),
  );
  const order = { new: 0, overdue: 1, "due-soon": 2 } as const;
  return candidates
    .filter((c) => !reported.has(c.key))
    .sort((a, b) => order[a.status] - order[b.status] || (a.dueDate ?? "").localeCompare(b.dueDate ?? "") || a.reference.localeCompare(b.reference));
}

/**
 * Runs the daily digest: from digestTime (Danish time) on, each active user
 * who has not had today's run gets one e-mail with what became due soon,
 * overdue or new since their last digest (nothing when nothing did). Called by
 * the mail worker on every tick; a user is handled once a day.
 */
export async function sendDigests(input: { now: Date; digestTime: string }): Promise<{ users: number; mails: number }> {
  const asOf = todayInCopenhagen(input.now);
  if (timeInCopenhagen(input.now) < input.digestTime) return { users: 0, mails: 0 };
  const db = getDb();
  const due = await db
    .select()
    .from(users)
    .where(and(isNull(users.deactivatedAt), or(isNull(users.lastDigestOn), lt(users.lastDigestOn, asOf))));
  let mails = 0;
  const publicUrl = getEnv().publicUrl;
  for (const user of due) {
    const items = user.mailDigest ? await pendingDigestItems({ user, asOf }) : [];
    await runTx(async (tx) => {
      // Claimed in the transaction: a second worker finds the day already done.
      const claimed = await tx
        .update(users)
        .set({ lastDigestOn: asOf })
        .where(and(eq(users.id, user.id), user.lastDigestOn === null ? isNull(users.lastDigestOn) : eq(users.lastDigestOn, user.lastDigestOn)))
        .returning({ id: users.id });
      if (claimed.length !== 1 || items.length === 0) return;
      const at = input.now.toISOString();
      await tx.insert(digestReported)
        .values(items.map((i) => ({ userId: user.id, itemKey: i.key, reportedAt: at })))
        .onConflictDoNothing();
      const content = digestMail({ publicUrl, asOf, role: user.role, lines: items });
      await enqueueMail(
        tx,
        {
          kind: "digest",
          to: user.email,
          subject: content.subject,
          body: content.body,
          userId: user.id,
          scope: user.role === "employer" ? { companyId: user.companyId! } : { municipalityCode: user.municipalityCode! },
        },
        input.now,
      );
      mails++;
    });
  }
  return { users: due.length, mails };
}

/** The jobcenter asked for information or decided: every active user of the company it concerns (usersReaching) who wants it gets an e-mail now. */
export async function enqueueSubmissionUpdateMails(
  tx: Tx,
  input: { companyId: number; update: SubmissionUpdate; documentType: DocumentType; documentId: number; absenceId: number | null; submissionId: number; employeeId: number },
): Promise<void> {
  const recipients = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(usersReaching({ companyId: input.companyId, employeeId: input.employeeId, documentType: input.documentType }), isNull(users.deactivatedAt), eq(users.mailImmediate, true)));
  if (recipients.length === 0) return;
  const employee = await one(tx.select({ name: employees.name }).from(employees).where(eq(employees.id, input.employeeId)).limit(1));
  const content = submissionUpdateMail({
    publicUrl: getEnv().publicUrl,
    update: input.update,
    documentLabel: mailDocumentLabel(input.documentType),
    reference: await documentReference(tx, { id: input.documentId, type: input.documentType, absenceId: input.absenceId, employeeId: input.employeeId }),
    employeeInitials: initials(employee?.name ?? ""),
    documentId: input.documentId,
  });
  for (const r of recipients) {
    await enqueueMail(tx, { kind: "submission-update", to: r.email, subject: content.subject, body: content.body, userId: r.id, scope: { companyId: input.companyId } });
  }
}
