/**
 * The renderer keeps encoded font subsets per sequence of glyphs (app/pdf/render.server.ts).
 * Documents that reuse a subset, and documents that need other glyphs in between, must
 * each print exactly their own text.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderPdf } from "~/pdf/render.server";
import { fastholdelsesplanTemplate, type FastholdelsesplanPdfData } from "../../../templates/fastholdelsesplan";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-pdf-subset-"));

function textOf(bytes: Uint8Array, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

function plan(employeeName: string, goal: string): FastholdelsesplanPdfData {
  return {
    reference: "FH-000007",
    company: { name: "Nordbyg ApS", cvr: "12972997" },
    employee: { name: employeeName, jobTitle: "Murer" },
    firstAbsenceDay: "2026-10-01",
    firstFollowUpDue: "2026-11-26",
    plan: { requestedOn: "2026-10-20", decision: "plan", goal, expectedReturnOn: "2027-01-04", steps: [], adjustments: undefined, followUpPoints: undefined, refusalReason: undefined, confirmNoDiagnosis: false },
  };
}

describe("font subsets kept between documents", () => {
  it("prints each document's own names, whether its glyphs were seen before or not", async () => {
    const meta = { companyName: "Nordbyg ApS", generatedOn: "2026-11-24" };
    const texts: string[] = [];
    const cases = [
      plan("Søren Ærø Åberg", "Tilbage på fuld tid"),
      plan("Łukasz Şahin", "Gradvis tilbagevenden"),
      plan("Søren Ærø Åberg", "Tilbage på fuld tid"),
      plan("Zoë Ćwik", "Andre opgaver i værkstedet"),
    ];
    for (const [i, data] of cases.entries()) texts.push(textOf(await renderPdf(fastholdelsesplanTemplate, data, meta), `plan-${i}`));
    expect(texts[0]).toContain("Søren Ærø Åberg");
    expect(texts[1]).toContain("Łukasz Şahin");
    expect(texts[1]).not.toContain("Søren");
    expect(texts[2]).toBe(texts[0]);
    expect(texts[3]).toContain("Zoë Ćwik");
    expect(texts[3]).toContain("Andre opgaver i værkstedet");
  });
});
