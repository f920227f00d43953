/** The mulighedserklæring (SDL § 36 a): part 1 filled in by employer and employee, the doctor's part on paper. */
import { eq, sql } from "drizzle-orm";
import { formatDanishNumber, plural } from "~/domain/danish-text";
import { ADJUSTMENT_OPTIONS, MULIGHEDSERKLAERING_LABELS as M } from "~/forms/mulighedserklaering";
import { shownDate } from "./content-fields";
import { z } from "zod";
import { mulighedserklaeringer } from "~db/schema";
import { caseReference, mulighedserklaeringReference } from "~/domain/case-reference";
import type { IsoDate } from "~/domain/dates";
import type { MulighedserklaeringDraft } from "~/forms/mulighedserklaering";
import { mulighedserklaeringTemplate } from "../../templates/mulighedserklaering";
import { storedDate } from "./content-fields";
import { defineKind } from "./kind";
import { one, preparedQuery } from "~db/client.server";

/** The draft as stored: whatever steps have been saved so far. */
const content = z
  .object({
    contactPerson: z.string(),
    contactPhone: z.string(),
    functionalLimitations: z.string(),
    affectedFunctions: z.string(),
    doctorAssessOnly: z.boolean(),
    changedTasks: z.boolean(),
    reducedHours: z.boolean(),
    aids: z.boolean(),
    gradualReturn: z.boolean(),
    hoursPerWeek: z.number(),
    adjustmentsDescription: z.string(),
    durationWeeks: z.number(),
    meetingDate: storedDate,
    bothPresent: z.boolean(),
    doctorDeadline: storedDate,
  })
  .partial() satisfies z.ZodType<MulighedserklaeringDraft>;

/** The stored draft with the doctor's deadline as the record has it now (it can be moved after part 1). */
export function mulighedserklaeringDraft(stored: unknown, doctorDeadline: IsoDate | null): MulighedserklaeringDraft {
  return { ...content.parse(stored), ...(doctorDeadline ? { doctorDeadline } : {}) };
}

// Read on every PDF of a mulighedserklæring: built and prepared once per handle (preparedQuery), on
// the connection's handle, which is also the one source.db is (renderDocumentPdf's getDb()).
const doctorDeadlineQuery = preparedQuery("pdf_doctor_deadline", (db) =>
  db
    .select({ doctorDeadline: mulighedserklaeringer.doctorDeadline })
    .from(mulighedserklaeringer)
    .where(eq(mulighedserklaeringer.documentId, sql.placeholder("documentId")))
    .limit(1)
    .prepare(),
);

export const mulighedserklaering = defineKind({
  type: "mulighedserklaering",
  content,
  demoContent: {
    contactPerson: "Hanne Holm",
    functionalLimitations: "Kan ikke løfte over 5 kg",
    affectedFunctions: "Montage og stilladsarbejde",
    reducedHours: true,
    hoursPerWeek: 20,
    adjustmentsDescription: "Kontorarbejde og planlægning",
    durationWeeks: 6,
    meetingDate: "2026-03-12",
    bothPresent: true,
    doctorDeadline: "2026-03-26",
  },
  describe: (d) => {
    const adjustments = ADJUSTMENT_OPTIONS.filter((o) => d[o.name]).map((o) =>
      o.name === "reducedHours" && d.hoursPerWeek !== undefined ? `${o.label} (${formatDanishNumber(d.hoursPerWeek)} timer om ugen)` : o.label,
    );
    return [
      { key: "contactPerson", label: M.contactPerson, value: d.contactPerson ?? null },
      { key: "contactPhone", label: M.contactPhone, value: d.contactPhone ?? null },
      { key: "functionalLimitations", label: M.functionalLimitations, value: d.functionalLimitations ?? null },
      { key: "affectedFunctions", label: M.affectedFunctions, value: d.affectedFunctions ?? null },
      { key: "doctorAssessOnly", label: M.doctorAssessOnly, value: d.doctorAssessOnly ? "Ja" : null },
      { key: "adjustments", label: M.adjustments, value: d.doctorAssessOnly ? null : [adjustments.join(", "), d.adjustmentsDescription].filter(Boolean).join("\n") || null },
      { key: "durationWeeks", label: M.durationWeeks, value: d.doctorAssessOnly || d.durationWeeks === undefined ? null : plural(d.durationWeeks, "uge", "uger") },
      { key: "meetingDate", label: M.meetingDate, value: shownDate(d.meetingDate) },
      { key: "bothPresent", label: "Begge parter deltog", value: d.bothPresent ? "Ja" : null },
    ];
  },
  needsAbsence: false,
  template: mulighedserklaeringTemplate,
  pdfData: async (source, draft) => {
    const record = source.documentId ? await one(doctorDeadlineQuery().execute({ documentId: source.documentId })) : undefined;
    const doctorDeadline = record?.doctorDeadline ?? null;
    return {
      reference: source.absence ? caseReference(source.absence.id) : source.documentId ? mulighedserklaeringReference(source.documentId) : "–",
      company: source.company,
      employee: { name: source.employee.name, jobTitle: source.employee.jobTitle },
      part1: { ...draft, ...(doctorDeadline ? { doctorDeadline } : {}) },
      doctorDeadline,
    };
  },
  pdfFilename: (source) => `mulighedserklaering-${source.asOf}.pdf`,
  // Several over an absence: each round with the doctor is a declaration of its own.
  startOnAbsence: { onePerAbsence: false },
  reference: (_db, doc) => mulighedserklaeringReference(doc.id),
  readyToSubmit: async (tx, doc) => {
    const record = await one(tx.select().from(mulighedserklaeringer).where(eq(mulighedserklaeringer.documentId, doc.id)).limit(1));
    return !record || record.status === "draft" ? "Udfyld del 1 af mulighedserklæringen, før den sendes til jobcentret." : null;
  },
});
