/**
 * The screen half of the document-kind registry (app/documents/summaries.ts): one summary per
 * type the database holds, agreeing with the kind's server half, and the rules the pages used to
 * spell out per type, now asked of the kinds.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Absence } from "~db/schema";
import { DOCUMENT_TYPES } from "~db/schema";
import { DocumentContent } from "~/components/document-content";
import { documentKind } from "~/documents";
import { DOCUMENT_SUMMARIES, documentSummary } from "~/documents/summaries";
import type { DocumentType } from "~/domain/documents";
import { documentStarts, replyMode } from "~/models/document.server";
import { mailDocumentLabel } from "~/models/mail-content.server";

const absence = {
  id: 42,
  firstAbsenceDay: "2026-03-02",
  pay: "salary",
  expectedOver8Weeks: true,
  fastTrackRequestedOn: null,
  fastTrackDeclined: false,
  returnedOn: null,
} as Absence;

const text = (html: string) => html.replace(/<[^>]+>/g, " ");

describe("the document summaries", () => {
  it("has one summary for every document type of the database", () => {
    expect(Object.keys(DOCUMENT_SUMMARIES).sort()).toEqual([...DOCUMENT_TYPES].sort());
  });

  it.each(DOCUMENT_TYPES)("shows the demo content of %s with Danish dates and no missing value", (type) => {
    const html = renderToStaticMarkup(<DocumentContent type={type} content={documentKind(type).demoContent} />);
    expect(html).toMatch(/^<dl class="summary-list document-content">/);
    expect(text(html)).toMatch(/\d\d\.\d\d\.\d{4}/);
    expect(html).not.toMatch(/undefined|\[object|NaN/);
    expect(text(html)).not.toMatch(/\d{4}-\d\d-\d\d/);
  });

  it("gives an edit form to exactly the kinds with an edit schema, and a start link to the kinds started on the absence page", () => {
    for (const type of DOCUMENT_TYPES) {
      expect(Boolean(documentSummary(type).edit), type).toBe(documentKind(type).editSchema !== null);
      expect(Boolean(documentSummary(type).startOnAbsence), type).toBe(documentKind(type).startOnAbsence !== null);
      // A kind answered on the employee's page says where, on the document page.
      if (documentKind(type).answeredOnOwnPage) expect(documentSummary(type).managedOn?.replyHint, type).toBeDefined();
    }
    expect(DOCUMENT_TYPES.filter((t) => documentKind(t).editSchema)).toEqual(["fast-track", "fastholdelsesplan"]);
  });
});

describe("the kinds' rules the pages ask for", () => {
  it("starts a fast track, a mulighedserklæring and a fastholdelsesplan from the absence page, in that order", () => {
    expect(documentStarts(absence, [], "2026-03-05")).toEqual([
      { type: "fast-track", exists: false, refusal: null },
      { type: "mulighedserklaering", exists: false, refusal: null },
      { type: "fastholdelsesplan", exists: false, refusal: null },
    ]);
  });

  it("starts no second fast track or fastholdelsesplan, but any number of mulighedserklæringer", () => {
    const docs = (["fast-track", "fastholdelsesplan", "mulighedserklaering"] as DocumentType[]).map((type) => ({ document: { type } }));
    expect(documentStarts(absence, docs, "2026-03-05").map((s) => [s.type, s.exists])).toEqual([
      ["fast-track", true],
      ["mulighedserklaering", false],
      ["fastholdelsesplan", true],
    ]);
  });

  it("says why a fast track or a plan cannot be started, and explains only the fast track on the page", () => {
    const starts = documentStarts({ ...absence, expectedOver8Weeks: false }, [], "2026-05-20");
    expect(starts.find((s) => s.type === "fast-track")?.refusal).toMatch(/.+/);
    expect(starts.find((s) => s.type === "fastholdelsesplan")?.refusal).toMatch(/sygedagpengeloven § 7 b/);
    expect(starts.find((s) => s.type === "mulighedserklaering")?.refusal).toBeNull();
    expect(DOCUMENT_TYPES.filter((t) => documentSummary(t).startOnAbsence?.refusalLabel)).toEqual(["fast-track"]);
  });

  it("answers a request for information by reply, by editing first, or on the employee's page", () => {
    const view = (type: DocumentType, submittedAt: string | null) => ({ document: { type } as never, current: { version: 2, content: null, submittedAt } });
    expect(replyMode(view("fast-track", null))).toBe("reply");
    expect(replyMode(view("fast-track", "2026-03-05T10:00:00Z"))).toBe("edit-first");
    expect(replyMode(view("paragraph56", "2026-03-05T10:00:00Z"))).toBe("reply");
    expect(replyMode(view("social-chapter", null))).toBe("own-page");
  });

  it("names in an e-mail only the documents that reveal no health information", () => {
    expect(DOCUMENT_TYPES.map((t) => [t, mailDocumentLabel(t)])).toEqual([
      ["fast-track", "Anmodning om fast track"],
      ["mulighedserklaering", "Mulighedserklæring"],
      ["fastholdelsesplan", "Fastholdelsesplan"],
      ["paragraph56", "Dokument"],
      ["social-chapter", "Dokument"],
    ]);
  });

  it("asks the caseworker for the approval date only where approval needs one (the § 56 agreement's A)", () => {
    expect(DOCUMENT_TYPES.filter((t) => documentSummary(t).approvalDate)).toEqual(["paragraph56"]);
  });
});
