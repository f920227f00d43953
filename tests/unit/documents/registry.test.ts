/**
 * The document-kind registry: every type the database can hold has exactly
 * one entry, and each entry reads, checks and prints its own content.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Absence, Employee } from "~db/schema";
import { DOCUMENT_TYPES } from "~db/schema";
import { DOCUMENT_KINDS, documentKind, readContent, type PdfSource } from "~/documents";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-registry-"));

const employee = {
  id: 7,
  name: "Søren Ærø Åberg",
  jobTitle: "Tømrer",
  birthDate: "1968-03-14",
  employmentEndDate: null,
} as Employee;

const absence = {
  id: 42,
  firstAbsenceDay: "2026-03-02",
  pay: "salary",
  expectedOver8Weeks: true,
  conversationHeldOn: null,
  fastTrackRequestedOn: "2026-03-11",
  fastTrackDeclined: false,
  firstFollowUpHeldOn: null,
  returnedOn: null,
  paragraph56: false,
  expectedBackWithin26Weeks: true,
  absenceReportedOn: null,
  refundRequestedOn: null,
} as Absence;

function sourceFor(type: keyof typeof DOCUMENT_KINDS): PdfSource {
  return {
    // No document id: the kinds that read their own rows (§ 56, mulighedserklæring) print without them.
    db: undefined as unknown as PdfSource["db"],
    employee,
    absence: documentKind(type).needsAbsence ? absence : null,
    company: { name: "Nordbyg ApS", cvr: "12972997" },
    contactPerson: "Hanne Holm",
    asOf: "2026-03-20",
  };
}

describe("the document-kind registry", () => {
  it("has one entry for every document type of the database, under its own type", () => {
    expect(Object.keys(DOCUMENT_KINDS).sort()).toEqual([...DOCUMENT_TYPES].sort());
    for (const type of DOCUMENT_TYPES) expect(documentKind(type).type).toBe(type);
  });

  it.each(DOCUMENT_TYPES)("parses the demo content of %s as it was stored", (type) => {
    const kind = documentKind(type);
    expect(readContent(type, JSON.stringify(kind.demoContent))).toEqual(kind.demoContent);
  });

  it.each(DOCUMENT_TYPES)("refuses a stored %s whose fields have the wrong type, instead of casting it", (type) => {
    const demo = documentKind(type).demoContent as Record<string, unknown>;
    const broken = Object.fromEntries(Object.entries(demo).map(([key, value]) => [key, typeof value === "number" ? "not a number" : 12345]));
    expect(() => readContent(type, JSON.stringify(broken))).toThrow();
  });

  it.each(DOCUMENT_TYPES)("prints the demo content of %s into its PDF template", async (type) => {
    const { bytes, filename } = await documentKind(type).renderPdf(sourceFor(type), documentKind(type).demoContent);
    expect(filename).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = path.join(tmp, filename);
    fs.writeFileSync(file, bytes);
    const flat = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(flat).toContain("Søren Ærø Åberg");
    expect(flat).toContain("Nordbyg ApS");
    // One free text of the content itself reaches the page.
    const prose = Object.values(documentKind(type).demoContent as Record<string, unknown>).find((v): v is string => typeof v === "string" && v.includes(" "))!;
    expect(flat).toContain(prose.split(" ").slice(0, 3).join(" "));
  });

  it("lets the fast-track request set the absence's facts, and the other kinds none", () => {
    expect(documentKind("fast-track").absenceFacts({ ...(documentKind("fast-track").demoContent as object), employeeConsent: "declined" })).toEqual({
      fastTrackRequestedOn: "2026-03-11",
      fastTrackDeclined: true,
    });
    for (const type of DOCUMENT_TYPES.filter((t) => t !== "fast-track")) expect(documentKind(type).absenceFacts(documentKind(type).demoContent)).toBeNull();
  });

  it("gives only the § 56 agreement something to do on approval, and answers only it by a reply alone", () => {
    expect(DOCUMENT_TYPES.filter((t) => documentKind(t).approve !== null)).toEqual(["paragraph56"]);
    expect(DOCUMENT_TYPES.filter((t) => documentKind(t).answeredByReplyAlone)).toEqual(["paragraph56"]);
  });
});
