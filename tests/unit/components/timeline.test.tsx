import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AbsenceTimelinePicture } from "../../../app/components/timeline";
import { absenceTimeline } from "../../../app/domain/absence-timeline";
import { computeDeadlines, type AbsenceFacts } from "../../../app/domain/deadlines";

const F = "2025-03-03";

function render(facts: Partial<AbsenceFacts>, asOf: string) {
  const all: AbsenceFacts = { firstAbsenceDay: F, pay: "salary", expectedOver8Weeks: true, ...facts };
  const timeline = absenceTimeline({ result: computeDeadlines(all, asOf), firstAbsenceDay: F, returnedOn: all.returnedOn ?? null, asOf });
  return { timeline, html: renderToStaticMarkup(<AbsenceTimelinePicture timeline={timeline} tableId="deadline-table" />) };
}

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe("the timeline drawing", () => {
  it("draws one marker per applicable deadline with its state and number, and lists them in words", () => {
    const { timeline, html } = render({ conversationHeldOn: "2025-04-05" }, "2025-04-10");
    expect(timeline.markers.length).toBeGreaterThan(3);
    expect(count(html, /<g class="timeline-marker-group"/g)).toBe(timeline.markers.length);
    expect(html).toContain('data-marker="absence-conversation" data-state="done-late"');
    expect(html).toContain("Sygefraværssamtale: <time dateTime=\"2025-03-31\">31.03.2025</time> – Udført efter fristen");
    for (const m of timeline.markers) expect(html).toMatch(new RegExp(`<text class="timeline-marker-number"[^>]*>${m.number}</text>`));
    expect(count(html, /<li data-marker=/g)).toBe(timeline.markers.length);
  });

  it("gives each state its own shape, so the picture reads without colour", () => {
    const { html } = render({ conversationHeldOn: "2025-04-05", absenceReportedOn: "2025-03-20" }, "2025-04-10");
    expect(html).toMatch(/<rect class="timeline-marker timeline-marker--done-late"/);
    expect(html).toMatch(/<circle class="timeline-marker timeline-marker--done"/);
    expect(html).toMatch(/<polygon class="timeline-marker timeline-marker--overdue"/);
    expect(html).toContain("Udført efter fristen (firkant)");
    expect(html).toContain("Overskredet (trekant)");
  });

  it("draws today as a line labelled I dag, and the employer period and fast-track window", () => {
    const { html } = render({}, "2025-03-20");
    expect(html).toMatch(/<g class="timeline-line timeline-line--today" data-testid="timeline-today"><line[^>]*><\/line><text[^>]*>I dag<\/text>/);
    expect(html).toContain('data-band="employer-period"');
    expect(html).toContain('data-band="fast-track-window"');
    expect(html).toContain(">Varighedsgrænse</text>");
  });

  it("draws no today line when today lies after the picture", () => {
    const { html } = render({ returnedOn: "2025-03-20", conversationHeldOn: "2025-03-10", absenceReportedOn: "2025-03-12" }, "2026-01-10");
    expect(html).not.toContain("timeline-today");
    expect(html).toContain("I dag ligger efter tidslinjens sidste dag.");
    expect(html).toContain(">Raskmeldt</text>");
  });

  it("carries a title, a description and a pointer to the list and the deadline table", () => {
    const { html } = render({}, "2025-03-20");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="timeline-title timeline-desc"[^>]*aria-describedby="timeline-list deadline-table"/);
    expect(html).toContain('<title id="timeline-title">Tidslinje for fraværet, 03.03.2025 til');
    expect(html).toMatch(/<desc id="timeline-desc">\d+ uger fra første fraværsdag 03\.03\.2025\. Arbejdsgiverperioden 03\.03\.2025–01\.04\.2025\./);
  });
});
