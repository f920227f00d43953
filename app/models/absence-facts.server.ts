/**
 * An absence's facts for the deadline rules, read from its row and its
 * employee's. Every model that computes deadlines reads them here: this module
 * sits below all of them and imports no other model.
 */
import { absences, employees, type Absence, type Employee } from "~db/schema";
import type { AbsenceFacts } from "~/domain/deadlines";

type FactColumns = Pick<
  Absence,
  | "firstAbsenceDay"
  | "pay"
  | "expectedOver8Weeks"
  | "conversationHeldOn"
  | "fastTrackRequestedOn"
  | "fastTrackDeclined"
  | "firstFollowUpHeldOn"
  | "returnedOn"
  | "paragraph56"
  | "expectedBackWithin26Weeks"
  | "absenceReportedOn"
  | "refundRequestedOn"
>;

/** The columns factsOf reads, for queries that select only what they need. */
export const factColumns = {
  firstAbsenceDay: absences.firstAbsenceDay,
  pay: absences.pay,
  expectedOver8Weeks: absences.expectedOver8Weeks,
  conversationHeldOn: absences.conversationHeldOn,
  fastTrackRequestedOn: absences.fastTrackRequestedOn,
  fastTrackDeclined: absences.fastTrackDeclined,
  firstFollowUpHeldOn: absences.firstFollowUpHeldOn,
  returnedOn: absences.returnedOn,
  paragraph56: absences.paragraph56,
  expectedBackWithin26Weeks: absences.expectedBackWithin26Weeks,
  absenceReportedOn: absences.absenceReportedOn,
  refundRequestedOn: absences.refundRequestedOn,
};

/** The employee columns factsOf reads. */
export const employeeFactColumns = {
  birthDate: employees.birthDate,
  employmentEndDate: employees.employmentEndDate,
};

export function factsOf(absence: FactColumns, employee: Pick<Employee, "birthDate" | "employmentEndDate">): AbsenceFacts {
  return {
    firstAbsenceDay: absence.firstAbsenceDay,
    pay: absence.pay,
    expectedOver8Weeks: absence.expectedOver8Weeks,
    conversationHeldOn: absence.conversationHeldOn,
    fastTrackRequestedOn: absence.fastTrackRequestedOn,
    fastTrackDeclined: absence.fastTrackDeclined,
    firstFollowUpHeldOn: absence.firstFollowUpHeldOn,
    returnedOn: absence.returnedOn,
    paragraph56: absence.paragraph56,
    expectedBackWithin26Weeks: absence.expectedBackWithin26Weeks,
    absenceReportedOn: absence.absenceReportedOn,
    refundRequestedOn: absence.refundRequestedOn,
    birthDate: employee.birthDate,
    employmentEndsOn: employee.employmentEndDate,
  };
}
