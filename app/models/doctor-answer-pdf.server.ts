/**
 * Closing the doctor's loop: the answer read back from the fields of the portal's own
 * mulighedserklæring PDF, as the doctor filled them in a viewer, for HR to confirm (nothing is
 * stored from here: the confirmation goes through doctorAnswerSchema and its diagnosis check).
 * And the notice HR gives the employee about the doctor's deadline, without health information.
 */
import { compareIso, isIsoDate, type IsoDate } from "~/domain/dates";
import type { DoctorAnswerInput } from "~/forms/mulighedserklaering";
import { readFilledFields } from "~/pdf/read-fields.server";
import type { TemplateSection } from "../../templates/types";
import { DOCTOR_CAPACITY_OPTIONS, DOCTOR_SOUNDNESS_OPTIONS, mulighedserklaeringTemplate } from "../../templates/mulighedserklaering";
import { getMulighedserklaering, readAttachment } from "./mulighedserklaering.server";

const DOCTOR_FIELD_NAMES = (mulighedserklaeringTemplate.sections as readonly TemplateSection[])
  .flatMap((s) => s.fields)
  .filter((f) => f.filledBy === "doctor" && f.kind !== "signature")
  .map((f) => f.name);

const OUTCOME_OF_SOUNDNESS: Record<(typeof DOCTOR_SOUNDNESS_OPTIONS)[number]["value"], DoctorAnswerInput["outcome"]> = {
  ja: "sound",
  delvist: "partly",
  nej: "not-sound",
};

export interface DoctorAnswerPrefill {
  outcome?: DoctorAnswerInput["outcome"];
  answeredOn?: IsoDate;
  expectedAbsenceDuration?: string;
  doctorRemarks?: string;
  /** Shown to HR as where the answer came from; not stored. */
  doctorName?: string;
}

/** What an uploaded file gave: the doctor's answer, the portal's form left empty (filled by hand), or another file. */
export type DoctorPdfReading = { kind: "filled"; prefill: DoctorAnswerPrefill } | { kind: "empty" } | { kind: "foreign" };

/** A date as doctors write it (1.12.2026, 01-12-2026, 1/12 2026, or ISO), if it is a real day not after today. */
export function dateFromDoctorText(text: string, asOf: IsoDate): IsoDate | undefined {
  const trimmed = text.trim();
  let iso: string | undefined;
  if (isIsoDate(trimmed)) iso = trimmed;
  const m = /^(\d{1,2})\s*[./\- ]\s*(\d{1,2})\s*[./\- ]\s*(\d{4})$/.exec(trimmed);
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  if (!iso || !isIsoDate(iso) || compareIso(iso, asOf) > 0) return undefined;
  return iso;
}

function text(values: Record<string, string | boolean>, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/** The doctor's answer as the form's fields, from the values read out of part 2. */
export function prefillFromFields(values: Record<string, string | boolean>, asOf: IsoDate): DoctorAnswerPrefill {
  const soundness = DOCTOR_SOUNDNESS_OPTIONS.find((o) => o.value === values.doctorSoundness)?.value;
  const capacity = DOCTOR_CAPACITY_OPTIONS.find((o) => o.value === values.doctorCapacity)?.label;
  const details = text(values, "doctorCapacityDetails");
  // The portal keeps one remarks text; the capacity question and its details lead it, in the PDF's order.
  const capacityLine = capacity ? (details ? `${capacity}: ${details}` : `${capacity}.`) : details;
  const remarks = [capacityLine, text(values, "doctorRemarks")].filter(Boolean).join("\n\n");
  const date = text(values, "doctorDate");
  return {
    outcome: soundness ? OUTCOME_OF_SOUNDNESS[soundness] : undefined,
    answeredOn: date ? dateFromDoctorText(date, asOf) : undefined,
    expectedAbsenceDuration: text(values, "doctorExpectedDuration"),
    doctorRemarks: remarks || undefined,
    doctorName: text(values, "doctorName"),
  };
}

/** Reads part 2 out of a returned PDF. */
export async function readDoctorPdf(bytes: Uint8Array, asOf: IsoDate): Promise<DoctorPdfReading> {
  const values = await readFilledFields(bytes, DOCTOR_FIELD_NAMES);
  // Only the portal's own form has all these fields; a scan or a flattened print has none.
  if (!values) return { kind: "foreign" };
  if (Object.keys(values).length === 0) return { kind: "empty" };
  return { kind: "filled", prefill: prefillFromFields(values, asOf) };
}

/** The doctor's answer in an uploaded file of the company's declaration. */
export async function readUploadedDoctorAnswer(input: { companyId: number; documentId: number; attachmentId: number; asOf: IsoDate }): Promise<DoctorPdfReading> {
  // Scoped like a download: another company's file is "not found".
  await getMulighedserklaering({ companyId: input.companyId, documentId: input.documentId, asOf: input.asOf });
  const bytes = await readAttachment(input);
  return readDoctorPdf(bytes, input.asOf);
}

/**
 * The notice for the employee about the doctor's deadline: who to contact and by when, what
 * the employee is to do. No part of part 1 and nothing the doctor wrote: it may be printed,
 * handed over or forwarded.
 */
export async function doctorDeadlineNotice(input: { companyId: number; companyName: string; documentId: number; asOf: IsoDate }) {
  const m = await getMulighedserklaering(input);
  return {
    reference: m.view.reference,
    status: m.record.status,
    employeeName: m.view.employee.name,
    companyName: input.companyName,
    doctorDeadline: m.record.doctorDeadline,
    sentToDoctorOn: m.record.sentToDoctorOn,
    contactPerson: m.draft.contactPerson ?? null,
    contactPhone: m.draft.contactPhone ?? null,
  };
}
