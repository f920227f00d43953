import { mulighedserklaeringReference, paragraph56Reference } from "~/domain/case-reference";
import { formatDanishDate, type IsoDate } from "~/domain/dates";
import { PARAGRAPH56_BASIS } from "~/domain/paragraph56";
import { MULIGHEDSERKLAERING_BASIS } from "~/domain/mulighedserklaering";
import { doctorDeadlineReminders } from "./mulighedserklaering.server";
import { paragraph56Reminders } from "./paragraph56.server";
import { socialChapterReminders } from "./social-chapter.server";
import { employeeIdsInScope, type EmployerScope } from "./department-scope.server";

/** A dated reminder that is not a deadline of an absence: shown on the dashboard and in the calendar feed. */
export interface CompanyReminder {
  key: string;
  /** A stable UID for the calendar. */
  uid: string;
  path: string;
  reference: string;
  title: string;
  dueDate: IsoDate;
  basis: string;
  employeeName: string;
  /** The employee a reminder about the employment itself concerns (social chapter, § 56 renewal). */
  employeeId?: number;
  updatedAt: string;
  /**
   * On the dashboard from the day it exists, not only within the horizon: a deadline that
   * someone else (the doctor) must meet needs chasing before it runs out.
   */
  shownFromStart?: boolean;
  /** Whom it is about, for a manager's scope: social-chapter and § 56 reminders are HR's alone. */
  concerns: { employeeId: number; hrOnly: boolean };
}

/** The reminders a user in this scope may see: HR all, a manager those about their departments' employees that are not HR's. */
export async function remindersInScope<T extends Pick<CompanyReminder, "concerns">>(scope: EmployerScope, reminders: T[]): Promise<T[]> {
  if (scope.departmentIds === null) return reminders;
  const reach = await employeeIdsInScope(scope);
  return reminders.filter((r) => !r.concerns.hrOnly && reach.has(r.concerns.employeeId));
}

export async function companyReminders(input: { companyId: number; asOf: IsoDate; fromDaysAgo: number }): Promise<CompanyReminder[]> {
  const social = (await socialChapterReminders(input)).map((r) => ({
    key: `sk-${r.recordId}-${r.kind}-${r.dueDate}`,
    uid: `social-chapter-${r.recordId}-${r.kind}-${r.dueDate}@fasthold`,
    path: `/virksomhed/medarbejdere/${r.employeeId}/sociale-kapitler`,
    reference: r.reference,
    title: r.title,
    dueDate: r.dueDate,
    basis: r.basis,
    employeeName: r.employeeName,
    employeeId: r.employeeId,
    updatedAt: r.updatedAt,
    concerns: { employeeId: r.employeeId, hrOnly: true },
  }));
  const p56 = (await paragraph56Reminders(input)).map((r) => ({
    key: `p56-${r.agreementId}-${r.dueDate}`,
    uid: `paragraph56-${r.agreementId}-renewal@fasthold`,
    path: `/virksomhed/medarbejdere/${r.employeeId}/paragraf-56`,
    reference: paragraph56Reference(r.agreementId),
    title: `§ 56-aftalen udløber ${formatDanishDate(r.validUntil)}: overvej fornyelse`,
    dueDate: r.dueDate,
    basis: PARAGRAPH56_BASIS,
    employeeName: r.employeeName,
    employeeId: r.employeeId,
    updatedAt: r.updatedAt,
    concerns: { employeeId: r.employeeId, hrOnly: true },
  }));
  // Waiting for the doctor stays on the list until the answer is recorded, however late it is.
  const doctor = (await doctorDeadlineReminders(input)).map((r) => ({
    key: `me-${r.documentId}-${r.doctorDeadline}`,
    uid: `mulighedserklaering-${r.documentId}-doctor@fasthold`,
    path: `/virksomhed/dokumenter/${r.documentId}`,
    reference: mulighedserklaeringReference(r.documentId),
    title: "Lægens del af mulighedserklæringen skal være tilbage",
    dueDate: r.doctorDeadline,
    basis: MULIGHEDSERKLAERING_BASIS,
    employeeName: r.employeeName,
    updatedAt: r.updatedAt ?? r.doctorDeadline,
    shownFromStart: true,
    concerns: { employeeId: r.employeeId, hrOnly: false },
  }));
  return [...social, ...p56, ...doctor].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
}
