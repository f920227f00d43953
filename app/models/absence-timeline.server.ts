import { and, desc, eq, sql } from "drizzle-orm";
import { one, preparedQuery } from "~db/client.server";
import { documents, mulighedserklaeringer } from "~db/schema";
import { absenceTimeline, type AbsenceTimeline } from "~/domain/absence-timeline";
import type { IsoDate } from "~/domain/dates";
import type { DeadlineResult } from "~/domain/deadlines";
import { doctorDeadlineStatus } from "~/domain/mulighedserklaering";

// The newest mulighedserklæring on the absence whose doctor's part has a deadline: the one the picture shows.
const doctorDeadlineQuery = preparedQuery("doctor_deadline", (db) =>
  db
    .select({ status: mulighedserklaeringer.status, doctorDeadline: mulighedserklaeringer.doctorDeadline })
    .from(mulighedserklaeringer)
    .innerJoin(documents, eq(documents.id, mulighedserklaeringer.documentId))
    .where(and(eq(documents.absenceId, sql.placeholder("absenceId")), eq(mulighedserklaeringer.companyId, sql.placeholder("companyId"))))
    .orderBy(desc(documents.id))
    .limit(1)
    .prepare(),
);

/** The picture of an absence the caller's company owns; the case itself was loaded (and scoped) by the caller. */
export async function absenceTimelineFor(input: {
  companyId: number;
  absence: { id: number; firstAbsenceDay: IsoDate; returnedOn: IsoDate | null };
  result: Pick<DeadlineResult, "deadlines" | "employerPeriod" | "durationLimitDay">;
  asOf: IsoDate;
}): Promise<AbsenceTimeline> {
  const row = await one(doctorDeadlineQuery().execute({ absenceId: input.absence.id, companyId: input.companyId }));
  const doctorDeadline = row?.doctorDeadline ? { date: row.doctorDeadline, state: doctorDeadlineStatus({ status: row.status, doctorDeadline: row.doctorDeadline }, input.asOf) } : null;
  return absenceTimeline({
    result: input.result,
    firstAbsenceDay: input.absence.firstAbsenceDay,
    returnedOn: input.absence.returnedOn,
    doctorDeadline,
    asOf: input.asOf,
  });
}
