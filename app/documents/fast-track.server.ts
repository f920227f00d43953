/** The fast-track request (SDL § 7 c; BEK 1710/2024 § 3): the three questions and the employee's consent. */
import { eq } from "drizzle-orm";
import { FAST_TRACK_CONSENT_OPTIONS, FAST_TRACK_LABELS as FT } from "~/forms/fast-track";
import { shownDate } from "./content-fields";
import { z } from "zod";
import { absences } from "~db/schema";
import { caseReference } from "~/domain/case-reference";
import { fastTrackRefusal } from "~/domain/fast-track";
import { fastTrackRequestSchema, type FastTrackContent } from "~/forms/fast-track";
import { factsOf } from "~/models/absence-facts.server";
import { deadlinesFor } from "~/models/deadline-memo.server";
import { fastTrackTemplate } from "../../templates/fast-track";
import { storedDate } from "./content-fields";
import { defineKind } from "./kind";
import { one } from "~db/client.server";

const content = z.object({
  affectedFunctions: z.string(),
  affectedDuration: z.string(),
  adaptations: z.string(),
  requestedOn: storedDate,
  employeeConsent: z.enum(["agreed", "declined", "pending"]),
}) satisfies z.ZodType<FastTrackContent>;

export const fastTrack = defineKind({
  type: "fast-track",
  content,
  demoContent: {
    affectedFunctions: "Stilladsarbejde og tunge løft",
    affectedDuration: "Tre uger",
    adaptations: "Lettere opgaver på værkstedet",
    requestedOn: "2026-03-11",
    employeeConsent: "agreed",
  },
  describe: (c) => [
    { key: "affectedFunctions", label: FT.affectedFunctions, value: c.affectedFunctions },
    { key: "affectedDuration", label: FT.affectedDuration, value: c.affectedDuration },
    { key: "adaptations", label: FT.adaptations, value: c.adaptations },
    { key: "requestedOn", label: FT.requestedOn, value: shownDate(c.requestedOn) },
    { key: "employeeConsent", label: FT.employeeConsent, value: FAST_TRACK_CONSENT_OPTIONS.find((o) => o.value === c.employeeConsent)?.label ?? null },
  ],
  needsAbsence: true,
  template: fastTrackTemplate,
  pdfData: (source, c) => {
    const absence = source.absence!;
    return {
      reference: caseReference(absence.id),
      company: source.company,
      contactPerson: source.contactPerson,
      employee: { name: source.employee.name, jobTitle: source.employee.jobTitle },
      firstAbsenceDay: absence.firstAbsenceDay,
      requestedOn: c.requestedOn,
      affectedFunctions: c.affectedFunctions,
      affectedDuration: c.affectedDuration,
      adaptations: c.adaptations,
      employeeConsent: c.employeeConsent,
      // The form's promise: the municipality's first follow-up (a request rules out the 2026 exemption).
      firstFollowUpDue: deadlinesFor(factsOf(absence, source.employee), source.asOf).deadlines.find((d) => d.id === "first-follow-up")!.dueDate,
    };
  },
  pdfFilename: (_source, c) => `fast-track-${c.requestedOn}.pdf`,
  editSchema: ({ asOf }) => fastTrackRequestSchema(asOf),
  // One request per absence, within the window of SDL § 7 c.
  startOnAbsence: { onePerAbsence: true, refusal: (absence, asOf) => fastTrackRefusal(absence, asOf) },
  readyToSubmit: async (tx, doc, c) => {
    if (doc.absenceId === null) return null;
    const absence = (await one(tx.select().from(absences).where(eq(absences.id, doc.absenceId)).limit(1)))!;
    return fastTrackRefusal(absence, c.requestedOn);
  },
  // The request moves the first follow-up; a refusal by the employee returns it to F + 55 (SDL § 7 e).
  absenceFacts: (c) => ({ fastTrackRequestedOn: c.requestedOn, fastTrackDeclined: c.employeeConsent === "declined" }),
});
