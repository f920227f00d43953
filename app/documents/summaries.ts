/**
 * The document kinds as the screen shows them, found by their type: the browser's half of the
 * registry in index.ts. Adding a kind: its `<kind>.server.ts` (registered in index.ts), its
 * `<kind>.summary.tsx` and one line here; the typecheck asks for the entry.
 */
import type { DocumentType } from "~/domain/documents";
import { fastTrackSummary } from "./fast-track.summary";
import { fastholdelsesplanSummary } from "./fastholdelsesplan.summary";
import { mulighedserklaeringSummary } from "./mulighedserklaering.summary";
import { paragraph56Summary } from "./paragraph56.summary";
import { socialChapterSummary } from "./social-chapter.summary";
import type { RegisteredSummary } from "./summary";

export type { EditFormProps, RegisteredSummary } from "./summary";

export const DOCUMENT_SUMMARIES: Readonly<Record<DocumentType, RegisteredSummary>> = {
  "fast-track": fastTrackSummary,
  mulighedserklaering: mulighedserklaeringSummary,
  fastholdelsesplan: fastholdelsesplanSummary,
  paragraph56: paragraph56Summary,
  "social-chapter": socialChapterSummary,
};

export function documentSummary(type: DocumentType): RegisteredSummary {
  return DOCUMENT_SUMMARIES[type];
}
