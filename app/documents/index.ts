/**
 * The document kinds, found by their type. Adding a kind: its file in this
 * folder, its type in DOCUMENT_TYPES (db/schema.ts) and in DocumentType
 * (app/domain/documents.ts), and one line here; the typecheck then asks for
 * nothing else, and tests/unit/documents/registry.test.ts checks the entry.
 */
import type { DocumentType } from "~/domain/documents";
import { diffVersions, type VersionChange } from "~/domain/version-diff";
import { fastTrack } from "./fast-track.server";
import { fastholdelsesplan } from "./fastholdelsesplan.server";
import type { RegisteredKind } from "./kind";
import { mulighedserklaering } from "./mulighedserklaering.server";
import { paragraph56 } from "./paragraph56.server";
import { socialChapter } from "./social-chapter.server";

export type { AbsenceFactChanges, PdfSource, RegisteredKind } from "./kind";

export const DOCUMENT_KINDS: Readonly<Record<DocumentType, RegisteredKind>> = {
  "fast-track": fastTrack,
  mulighedserklaering,
  fastholdelsesplan,
  paragraph56,
  "social-chapter": socialChapter,
};

export function documentKind(type: DocumentType): RegisteredKind {
  return DOCUMENT_KINDS[type];
}

/** A stored version's content, parsed by its kind's schema: a row that does not fit is an error, never a cast. */
export function readContent(type: DocumentType, stored: string): unknown {
  return documentKind(type).parse(JSON.parse(stored) as unknown);
}

/** What changed from one stored version to the next, field by field as the document's pages show it. */
export function versionChanges(type: DocumentType, before: unknown, after: unknown): VersionChange[] {
  const kind = documentKind(type);
  return diffVersions(kind.describe(before), kind.describe(after));
}
