/** The case reference shown to users and in calendar events instead of the employee's name. */
export function caseReference(absenceId: number): string {
  return `FH-${String(absenceId).padStart(6, "0")}`;
}

/** The social-chapter record's reference, shown instead of the employee's name in calendars and on the dossier. */
export function socialChapterReference(recordId: number): string {
  return `SK-${String(recordId).padStart(6, "0")}`;
}

/** A § 56 agreement's number, on its reminders and its PDF. */
export function paragraph56Reference(agreementId: number): string {
  return `P56-${String(agreementId).padStart(6, "0")}`;
}

/** A mulighedserklæring started without an absence (repeated absences) is referred to by its document. */
export function mulighedserklaeringReference(documentId: number): string {
  return `ME-${String(documentId).padStart(6, "0")}`;
}
