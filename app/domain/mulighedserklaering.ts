import { diffDays, type IsoDate } from "./dates";
import { pendingStatus, type DeadlineStatus } from "./deadlines";

export const MULIGHEDSERKLAERING_BASIS = "Sygedagpengeloven § 36 a";

/**
 * The state of the deadline the employer set for the doctor's part: done once
 * the answer is recorded, tracked only from the moment part 1 is complete.
 */
export function doctorDeadlineStatus(input: { status: string; doctorDeadline: IsoDate | null }, asOf: IsoDate): DeadlineStatus {
  if (input.status === "answered") return "done";
  if (input.status === "draft" || input.doctorDeadline === null) return "not-applicable";
  // Due soon from the same number of days as the dashboard's deadlines.
  return pendingStatus(diffDays(asOf, input.doctorDeadline));
}

/** The stages of the employer's record of a mulighedserklæring (stored as db/schema's MULIGHEDSERKLAERING_STATUSES). */
export type MulighedserklaeringStatus = "draft" | "part1-complete" | "sent-to-doctor" | "answered";

/** The doctor's assessment of the work options (stored as db/schema's DOCTOR_OUTCOMES). */
export type DoctorOutcome = "sound" | "not-sound" | "partly";

/**
 * What the pages show of the employer's record. The stored row has these
 * columns and more; a page is handed a row, so a status the schema adds and
 * this type lacks fails the typecheck there.
 */
export interface MulighedserklaeringRecord {
  status: MulighedserklaeringStatus;
  doctorDeadline: IsoDate | null;
  sentToDoctorOn: IsoDate | null;
  answeredOn: IsoDate | null;
  outcome: DoctorOutcome | null;
  expectedAbsenceDuration: string | null;
  doctorRemarks: string | null;
}
