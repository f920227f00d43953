import { diffDays, type IsoDate } from "./dates";
import type { DeadlineStatus } from "./deadlines";

export const MULIGHEDSERKLAERING_BASIS = "Sygedagpengeloven § 36 a";

/** Days before the doctor's deadline from which it shows as due soon, as the dashboard's deadlines do. */
const DUE_SOON_DAYS = 7;

/**
 * The state of the deadline the employer set for the doctor's part: done once
 * the answer is recorded, tracked only from the moment part 1 is complete.
 */
export function doctorDeadlineStatus(input: { status: string; doctorDeadline: IsoDate | null }, asOf: IsoDate): DeadlineStatus {
  if (input.status === "answered") return "done";
  if (input.status === "draft" || input.doctorDeadline === null) return "not-applicable";
  const daysLeft = diffDays(asOf, input.doctorDeadline);
  return daysLeft < 0 ? "overdue" : daysLeft <= DUE_SOON_DAYS ? "due-soon" : "upcoming";
}
