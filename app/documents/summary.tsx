/**
 * What the screen shows of a document kind: one `<kind>.summary.tsx` per kind fills this in and
 * summaries.ts registers it. The browser bundle imports these files, so they hold no server code
 * (npm run depcheck refuses a .server import); the kind's server side is `<kind>.server.ts`.
 */
import type { SubmissionResult } from "@conform-to/react";
import type { ReactNode } from "react";

/** What the edit page (virksomhed.dokumenter.$documentId.rediger) gives a kind's edit form. */
export interface EditFormProps<Content> {
  content: Content;
  lastResult: SubmissionResult<string[]> | undefined;
  today: string;
  firstAbsenceDay: string;
  firstFollowUpDue: string | null;
}

export interface KindSummary<Content> {
  /** A version's content as a read-only summary list. */
  Content: (props: { content: Content }) => ReactNode;
  /** The kinds edited on the shared edit page: its heading and the form. */
  edit?: { title: string; Form: (props: EditFormProps<Content>) => ReactNode };
  /** The kinds kept on a page of the employee's (not the document's): where the document page sends the employer. */
  managedOn?: {
    path: (employeeId: number) => string;
    label: string;
    /** Where a request for information is answered, when that is the employee's page too. */
    replyHint?: (employeeId: number) => ReactNode;
  };
  /**
   * The kinds started from the absence page (the server kind's startOnAbsence says when): the link,
   * and the word that introduces why one cannot be started, for the kinds that say so there.
   */
  startOnAbsence?: { to: (ids: { employeeId: number; absenceId: number }) => string; label: string; refusalLabel?: string };
  /** The date the caseworker's approval sets (the § 56 agreement's start A). */
  approvalDate?: { label: string; hint: string };
}

/** A kind's summary with its content type erased: the registry hands it a parsed version's content. */
export type RegisteredSummary = KindSummary<unknown>;

/** The content reaches the summary as the server parsed it with the kind's schema (app/documents/index.ts readContent). */
export function defineSummary<Content>(summary: KindSummary<Content>): RegisteredSummary {
  return summary as unknown as RegisteredSummary;
}

/** One row of a summary list; an empty answer shows as a dash. */
export function SummaryRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="preserve-lines">{children ?? "–"}</dd>
    </>
  );
}
