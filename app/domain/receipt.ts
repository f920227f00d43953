/**
 * The employer's receipt for a submission: when the jobcenter received it, in Danish time, and
 * the case reference to quote. One wording for the page, the e-mail and the document's history.
 */
import { formatDanishDateTime } from "./dates";

export function receiptText(input: { receivedAt: string; reference: string }): string {
  return `Modtaget af jobcentret ${formatDanishDateTime(input.receivedAt)}, sagsreference ${input.reference}`;
}
