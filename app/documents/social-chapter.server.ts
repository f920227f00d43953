/** The social-chapter dossier: the agreement, the effort log and the computed dates, frozen when sent. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { formatDanishNumber } from "~/domain/danish-text";
import { SOCIAL_CHAPTER_LABELS as S } from "~/forms/social-chapter";
import { shownDate } from "./content-fields";
import { socialChapterRecords } from "~db/schema";
import { socialChapterReference } from "~/domain/case-reference";
import type { SocialChapterDossier } from "~/forms/social-chapter";
import { socialChapterTemplate } from "../../templates/social-chapter";
import { storedDate } from "./content-fields";
import { defineKind } from "./kind";
import { one } from "~db/client.server";

const content = z.object({
  recordId: z.number().int(),
  collectiveAgreement: z.string(),
  startedOn: storedDate,
  tasks: z.string(),
  accommodations: z.string(),
  hoursPerWeek: z.number(),
  wageTerms: z.string(),
  reviewDates: z.array(storedDate),
  completesOn: storedDate,
  required: z.boolean().nullable(),
  pensionDate: storedDate,
  exemptFrom: storedDate,
  log: z.array(
    z.object({
      id: z.number().int(),
      entryDate: storedDate,
      kind: z.enum(["adjustment", "conversation", "change", "evaluation", "correction"]),
      text: z.string(),
      correctsEntryId: z.number().int().nullable(),
      // Dossiers stored before redaction existed (migration 0020) have neither field: read as not redacted.
      redactedAt: z.string().nullable().default(null),
      redactedByName: z.string().nullable().default(null),
    }),
  ),
}) satisfies z.ZodType<SocialChapterDossier>;

export const socialChapter = defineKind({
  type: "social-chapter",
  content,
  demoContent: {
    recordId: 1,
    collectiveAgreement: "Industriens Overenskomst",
    startedOn: "2025-01-06",
    tasks: "Lagerarbejde og vareopfyldning",
    accommodations: "Ingen tunge løft, pauser efter behov",
    hoursPerWeek: 25,
    wageTerms: "Løn efter overenskomst med tilskud",
    reviewDates: ["2025-04-01", "2025-10-01"],
    completesOn: "2026-01-06",
    required: true,
    pensionDate: "2034-06-30",
    exemptFrom: "2028-06-30",
    log: [{ id: 1, entryDate: "2025-02-03", kind: "conversation", text: "Opfølgning på arbejdstiden", correctsEntryId: null, redactedAt: null, redactedByName: null }],
  },
  describe: (d) => [
    { key: "collectiveAgreement", label: S.collectiveAgreement, value: d.collectiveAgreement },
    { key: "startedOn", label: S.startedOn, value: shownDate(d.startedOn) },
    { key: "completesOn", label: S.completesOn, value: shownDate(d.completesOn) },
    { key: "required", label: S.required, value: d.required === false ? "Gælder ikke" : "Gælder" },
    { key: "tasks", label: S.tasks, value: d.tasks },
    { key: "accommodations", label: S.accommodations, value: d.accommodations },
    { key: "hoursPerWeek", label: S.hoursPerWeek, value: formatDanishNumber(d.hoursPerWeek) },
    { key: "wageTerms", label: S.wageTerms, value: d.wageTerms },
    {
      key: "log",
      label: S.log,
      items: d.log.map((e) => `${shownDate(e.entryDate)}${e.correctsEntryId ? ` (retter nr. ${e.correctsEntryId})` : ""}: ${e.text}${e.redactedAt ? " (teksten er erstattet)" : ""}`),
    },
  ],
  needsAbsence: false,
  template: socialChapterTemplate,
  pdfData: (source, d) => ({
    ...d,
    reference: socialChapterReference(d.recordId),
    company: source.company,
    employee: { name: source.employee.name, jobTitle: source.employee.jobTitle },
  }),
  pdfFilename: (source) => `sociale-kapitler-${source.asOf}.pdf`,
  // The dossier is sent, and sent again with a reply, from the employee's social-chapter page.
  answeredOnOwnPage: true,
  privateInMail: true,
  // Known by the employee's social-chapter record.
  reference: async (db, doc) => {
    const record = await one(db.select({ id: socialChapterRecords.id }).from(socialChapterRecords).where(eq(socialChapterRecords.employeeId, doc.employeeId)).limit(1));
    return record ? socialChapterReference(record.id) : null;
  },
});
