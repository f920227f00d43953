import { documentSummary } from "~/documents/summaries";
import type { DocumentType } from "~/domain/documents";

/** A document version's content as a read-only summary list: each kind's own (app/documents/<kind>.summary.tsx). */
export function DocumentContent({ type, content }: { type: DocumentType; content: unknown }) {
  const { Content } = documentSummary(type);
  return <Content content={content} />;
}
