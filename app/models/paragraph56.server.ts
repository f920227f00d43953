import { and, desc, eq } from "drizzle-orm";
import { getDb, one, only, runTx } from "~db/client.server";
import { absences, documents, documentVersions, employees, paragraph56Agreements, type Paragraph56Agreement } from "~db/schema";
import { addDays, addYears, compareIso, diffDays, type IsoDate } from "~/domain/dates";
import { absenceDaysBetween, isActiveOn, renewalPossible, renewalReminderOn } from "~/domain/paragraph56";
import { RENEWAL_NOT_FOUND, RENEWAL_OTHER_EMPLOYEE, type Paragraph56Input } from "~/forms/paragraph56";
import { recordAudit } from "./audit.server";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import { getEmployee } from "./employee.server";
import { submitDocumentIn } from "./submission.server";
import type { EmployerUser } from "./user.server";

export interface AgreementView extends Paragraph56Agreement {
  active: boolean;
  daysLeft: number | null;
  absenceDaysLastYear: number;
  renewalPossible: boolean;
  reminderOn: IsoDate | null;
}

/** The employee's agreements, newest first, with validity, days left and the day count of the last 12 months. */
export async function listAgreements(input: { companyId: number; employeeId: number; asOf: IsoDate }): Promise<AgreementView[]> {
  const employee = await getEmployee({ companyId: input.companyId, employeeId: input.employeeId });
  const db = getDb();
  const rows = await db
    .select()
    .from(paragraph56Agreements)
    .where(and(eq(paragraph56Agreements.employeeId, employee.id), eq(paragraph56Agreements.companyId, input.companyId)))
    .orderBy(desc(paragraph56Agreements.id));
  const agreements: AgreementView[] = [];
  for (const a of rows) {
    const linked = await db
      .select({ firstAbsenceDay: absences.firstAbsenceDay, returnedOn: absences.returnedOn })
      .from(absences)
      .where(eq(absences.paragraph56AgreementId, a.id));
    // The last 12 months of the agreement, or up to today while it runs.
    const end = a.validUntil && compareIso(a.validUntil, input.asOf) < 0 ? a.validUntil : input.asOf;
    const days = absenceDaysBetween(linked, addDays(addYears(end, -1), 1), end);
    agreements.push({
      ...a,
      active: isActiveOn(a, input.asOf),
      daysLeft: a.validUntil ? Math.max(0, diffDays(input.asOf, a.validUntil)) : null,
      absenceDaysLastYear: days,
      renewalPossible: renewalPossible({ absenceDaysLastYear: days, materialChange: Boolean(a.materialChange) }),
      reminderOn: a.validUntil ? renewalReminderOn(a.validUntil) : null,
    });
  }
  return agreements;
}

export async function getAgreement(input: { companyId: number; agreementId: number }): Promise<Paragraph56Agreement> {
  const a = await one(getDb()
    .select()
    .from(paragraph56Agreements)
    .where(and(eq(paragraph56Agreements.id, input.agreementId), eq(paragraph56Agreements.companyId, input.companyId))).limit(1));
  if (!a) throw new NotFoundError("Aftalen findes ikke.");
  return a;
}

/** One of this employee's agreements: a renewal is prefilled from it (another employee's is not found). */
export async function getEmployeeAgreement(input: { companyId: number; employeeId: number; agreementId: number }): Promise<Paragraph56Agreement> {
  const a = await getAgreement(input);
  if (a.employeeId !== input.employeeId) throw new NotFoundError("Aftalen findes ikke.");
  return a;
}

/**
 * A renewal continues an agreement of the same employee (SDL § 56: the agreement is
 * about that employee's illness). The id comes from a hidden field, so a stale or
 * tampered one is refused with a message above the form, never with an error page.
 */
async function checkRenewal(input: { companyId: number; employeeId: number; renewalOfId: number }): Promise<void> {
  const renewed = await one(getDb()
    .select({ employeeId: paragraph56Agreements.employeeId })
    .from(paragraph56Agreements)
    .where(and(eq(paragraph56Agreements.id, input.renewalOfId), eq(paragraph56Agreements.companyId, input.companyId))).limit(1));
  if (!renewed) throw new ValidationError({ renewalOfId: [RENEWAL_NOT_FOUND] });
  if (renewed.employeeId !== input.employeeId) throw new ValidationError({ renewalOfId: [RENEWAL_OTHER_EMPLOYEE] });
}

/** The application (DP 211) is saved and sent to the employee's home municipality in one step: one transaction, so nothing is left half-sent. */
export async function applyForAgreement(input: { user: EmployerUser; employeeId: number; data: Paragraph56Input; asOf: IsoDate }): Promise<number> {
  const employee = await getEmployee({ companyId: input.user.company.id, employeeId: input.employeeId });
  if (input.data.renewalOfId) await checkRenewal({ companyId: input.user.company.id, employeeId: employee.id, renewalOfId: input.data.renewalOfId });
  const content = {
    kind: input.data.kind,
    effectOnWork: input.data.effectOnWork,
    expectedDaysPerYear: input.data.expectedDaysPerYear,
    appliedOn: input.data.appliedOn,
    materialChange: input.data.materialChange ?? null,
    renewalOfId: input.data.renewalOfId ?? null,
  };
  return await runTx(async (tx) => {
    const doc = await only(tx
      .insert(documents)
      .values({ companyId: input.user.company.id, employeeId: employee.id, absenceId: null, type: "paragraph56", currentVersion: 1 })
      .returning());
    await tx.insert(documentVersions).values({ documentId: doc.id, version: 1, content: JSON.stringify(content), createdBy: input.user.id });
    const agreement = await only(tx
      .insert(paragraph56Agreements)
      .values({
        companyId: input.user.company.id,
        employeeId: employee.id,
        kind: input.data.kind,
        effectOnWork: input.data.effectOnWork,
        expectedDaysPerYear: input.data.expectedDaysPerYear,
        appliedOn: input.data.appliedOn,
        materialChange: input.data.materialChange ?? null,
        renewalOfId: input.data.renewalOfId ?? null,
        documentId: doc.id,
        createdBy: input.user.id,
      })
      .returning());
    await recordAudit(tx, { userId: input.user.id, action: "paragraph56.apply", entityType: "paragraph56", entityId: agreement.id, details: { documentId: doc.id } });
    await submitDocumentIn(tx, { user: input.user, documentId: doc.id, asOf: input.asOf });
    return doc.id;
  });
}

export interface Paragraph56Reminder {
  agreementId: number;
  employeeId: number;
  employeeName: string;
  dueDate: IsoDate;
  validUntil: IsoDate;
  updatedAt: string;
}

/** Reminders 60 days before an approved agreement ends, from `fromDaysAgo` days back. */
export async function paragraph56Reminders(input: { companyId: number; asOf: IsoDate; fromDaysAgo: number }): Promise<Paragraph56Reminder[]> {
  const from = addDays(input.asOf, -input.fromDaysAgo);
  return (await getDb()
    .select({ agreement: paragraph56Agreements, employee: employees })
    .from(paragraph56Agreements)
    .innerJoin(employees, eq(employees.id, paragraph56Agreements.employeeId))
    .where(eq(paragraph56Agreements.companyId, input.companyId)))
    .filter((r) => r.agreement.validUntil !== null)
    .map((r) => ({
      agreementId: r.agreement.id,
      employeeId: r.employee.id,
      employeeName: r.employee.name,
      dueDate: renewalReminderOn(r.agreement.validUntil!),
      validUntil: r.agreement.validUntil!,
      updatedAt: r.agreement.createdAt,
    }))
    .filter((r) => compareIso(r.dueDate, from) >= 0);
}
