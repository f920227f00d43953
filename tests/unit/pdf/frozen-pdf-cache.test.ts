/**
 * A sent version's PDF is a function of what it is drawn from, not of the time it is drawn
 * (app/pdf/render.server.ts, RenderMeta.frozen), so it can be kept and handed to every reader
 * (app/pdf/frozen-pdf-cache.server.ts).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { frozenPdfRenderCount, renderFrozenPdf } from "~/pdf/frozen-pdf-cache.server";
import { renderPdf } from "~/pdf/render.server";
import { mulighedserklaeringTemplate, type MulighedserklaeringPdfData } from "../../../templates/mulighedserklaering";

const declaration: MulighedserklaeringPdfData = {
  reference: "ME-000042",
  company: { name: "Nordbyg ApS", cvr: "12972997" },
  employee: { name: "Łukasz Şahin", jobTitle: "Tømrer" },
  part1: { contactPerson: "Lise Holm", functionalLimitations: "Kan ikke løfte over 5 kg.", doctorAssessOnly: true, meetingDate: "2026-11-20", bothPresent: true },
  doctorDeadline: "2026-12-04",
};
const sent = { companyName: "Nordbyg ApS", generatedOn: "2026-11-20" as const, frozen: { id: "employer:42:1", sentAt: "2026-11-20T09:30:00.000Z" } };

afterEach(() => {
  vi.useRealTimers();
});

describe("the PDF of a sent version", () => {
  it("is the same bytes whenever it is drawn", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-21T08:00:00Z") });
    const monday = Buffer.from(await renderPdf(mulighedserklaeringTemplate, declaration, sent));
    vi.setSystemTime(new Date("2027-03-02T14:17:45Z"));
    const later = Buffer.from(await renderPdf(mulighedserklaeringTemplate, declaration, sent));
    expect(later.equals(monday)).toBe(true);
  });

  it("is drawn once for any number of readers, and again for each change of what it is drawn from", async () => {
    const before = frozenPdfRenderCount();
    const first = await renderFrozenPdf("employer:42:1", mulighedserklaeringTemplate, declaration, sent);
    const second = await renderFrozenPdf("employer:42:1", mulighedserklaeringTemplate, declaration, sent);
    expect(second).toBe(first);
    expect(frozenPdfRenderCount() - before).toBe(1);

    const renamed = { ...declaration, employee: { name: "Zoë Ćwik", jobTitle: "Tømrer" } };
    const third = await renderFrozenPdf("employer:42:1", mulighedserklaeringTemplate, renamed, sent);
    expect(Buffer.from(third).equals(Buffer.from(first))).toBe(false);
    const redacted = { ...renamed, part1: { ...renamed.part1, functionalLimitations: "Teksten er erstattet." } };
    await renderFrozenPdf("employer:42:1", mulighedserklaeringTemplate, redacted, sent);
    await renderFrozenPdf("employer:42:1", mulighedserklaeringTemplate, redacted, { ...sent, companyName: "Nordbyg Byg ApS" });
    expect(frozenPdfRenderCount() - before).toBe(4);
  });

  it("draws the readers who ask at the same time one PDF between them", async () => {
    const before = frozenPdfRenderCount();
    const key = "jobcenter:43:2";
    const all = await Promise.all(Array.from({ length: 8 }, () => renderFrozenPdf(key, mulighedserklaeringTemplate, declaration, { ...sent, frozen: { ...sent.frozen, id: key } })));
    expect(frozenPdfRenderCount() - before).toBe(1);
    expect(all.every((bytes) => bytes === all[0])).toBe(true);
  });
});
