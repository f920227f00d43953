/** The case reference shown to users and in calendar events instead of the employee's name. */
export function caseReference(absenceId: number): string {
  return `FH-${String(absenceId).padStart(6, "0")}`;
}
