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
