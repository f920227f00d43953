/**
 * The e-mails that remind: the daily digest per user and the immediate
 * message to HR when the jobcenter asks for information or decides a
 * submission. Both go through the outbox in the transaction that decides them.
 */
import { and, eq, inArray, isNull, or, lt } from "drizzle-orm";
import { getDb, type Tx } from "~db/client.server";
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
function employerItems(companyId: number, departmentIds: readonly number[] | null, asOf: IsoDate): DigestItem[] {
  return openAbsenceDeadlines({ companyId, departmentIds, asOf, horizonDays: DUE_SOON_MAX_DAYS_LEFT })
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
function jobcenterItems(municipalityCode: number, asOf: IsoDate): DigestItem[] {
  const items: DigestItem[] = [];
  const received = getDb()
    .select({ submission: submissions, employeeName: employees.name })
    .from(submissions)
    .innerJoin(employees, eq(employees.id, submissions.employeeId))
    // The case follows the citizen: a moved employee's submissions belong to the new municipality.
    .where(and(submissionsBelongingTo(municipalityCode, asOf), eq(submissions.status, "received")))
    .all();
  for (const { submission, employeeName } of received) {
    items.push({
      key: `submission:${submission.id}`,
      reference: documentReference(getDb(), { id: submission.documentId, type: submission.type, absenceId: submission.absenceId, employeeId: submission.employeeId }),
      initials: initials(employeeName),
      title: `Ny indsendelse: ${mailDocumentLabel(submission.type)}`,
      dueDate: null,
      status: "new",
      path: `/jobcenter/indsendelser/${submission.id}`,
    });
  }
  // Only the cases with a fast-track request, read at once: paging through all of København's
  // open cases held the server's process for many seconds each morning.
  for (const c of municipalityFastTrackCases({ municipalityCode, asOf })) {
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
export function pendingDigestItems(input: { user: Pick<User, "id" | "role" | "companyId" | "municipalityCode" | "accessLevel">; asOf: IsoDate }): DigestItem[] {
  const { user } = input;
  // A manager's digest covers their departments' employees only.
  const departmentIds = user.accessLevel === "manager" ? managedDepartmentIds({ userId: user.id, companyId: user.companyId! }) : null;
  const candidates = user.role === "employer" ? employerItems(user.companyId!, departmentIds, input.asOf) : jobcenterItems(user.municipalityCode!, input.asOf);
  if (candidates.length === 0) return [];
  const reported = new Set(
    getDb()
      .select({ key: digestReported.itemKey })
      .from(digestReported)
      .where(and(eq(digestReported.userId, user.id), inArray(digestReported.itemKey, candidates.map((c) => c.key))))
      .all()
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
export function sendDigests(input: { now: Date; digestTime: string }): { users: number; mails: number } {
  const asOf = todayInCopenhagen(input.now);
  if (timeInCopenhagen(input.now) < input.digestTime) return { users: 0, mails: 0 };
  const db = getDb();
  const due = db
    .select()
    .from(users)
    .where(and(isNull(users.deactivatedAt), or(isNull(users.lastDigestOn), lt(users.lastDigestOn, asOf))))
    .all();
  let mails = 0;
  const publicUrl = getEnv().publicUrl;
  for (const user of due) {
    const items = user.mailDigest ? pendingDigestItems({ user, asOf }) : [];
    db.transaction((tx) => {
      // Claimed in the transaction: a second worker finds the day already done.
      const claimed = tx
        .update(users)
        .set({ lastDigestOn: asOf })
        .where(and(eq(users.id, user.id), user.lastDigestOn === null ? isNull(users.lastDigestOn) : eq(users.lastDigestOn, user.lastDigestOn)))
        .run();
      if (claimed.changes !== 1 || items.length === 0) return;
      const at = input.now.toISOString();
      tx.insert(digestReported)
        .values(items.map((i) => ({ userId: user.id, itemKey: i.key, reportedAt: at })))
        .onConflictDoNothing()
        .run();
      const content = digestMail({ publicUrl, asOf, role: user.role, lines: items });
      enqueueMail(
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
export function enqueueSubmissionUpdateMails(
  tx: Tx,
  input: { companyId: number; update: SubmissionUpdate; documentType: DocumentType; documentId: number; absenceId: number | null; submissionId: number; employeeId: number },
): void {
  const recipients = tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(usersReaching({ companyId: input.companyId, employeeId: input.employeeId, documentType: input.documentType }), isNull(users.deactivatedAt), eq(users.mailImmediate, true)))
    .all();
  if (recipients.length === 0) return;
  const employee = tx.select({ name: employees.name }).from(employees).where(eq(employees.id, input.employeeId)).get();
  const content = submissionUpdateMail({
    publicUrl: getEnv().publicUrl,
    update: input.update,
    documentLabel: mailDocumentLabel(input.documentType),
    reference: documentReference(tx, { id: input.documentId, type: input.documentType, absenceId: input.absenceId, employeeId: input.employeeId }),
    employeeInitials: initials(employee?.name ?? ""),
    documentId: input.documentId,
  });
  for (const r of recipients) {
    enqueueMail(tx, { kind: "submission-update", to: r.email, subject: content.subject, body: content.body, userId: r.id, scope: { companyId: input.companyId } });
  }
}
