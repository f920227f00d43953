/**
 * Each legal number and status rule lives once in app/domain; everything else reads it.
 * The tables pin the rules; the scan fails when a restatement of them creeps back outside
 * app/domain (a literal 34 beside fast track, "7 dage", a retyped "approved or rejected").
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addDays, diffDays } from "~/domain/dates";
import { DUE_SOON_MAX_DAYS_LEFT, fastTrackLastDay, isPending, pendingStatus } from "~/domain/deadlines";
import { fastTrackDateRefusal, fastTrackWindowTerms } from "~/domain/fast-track";
import { doctorDeadlineStatus } from "~/domain/mulighedserklaering";
import { isFinal, SUBMISSION_STATUS_LABELS, type SubmissionStatus } from "~/domain/review";

describe("the due-soon rule", () => {
  it.each([
    [-1, "overdue"],
    [0, "due-soon"],
    [7, "due-soon"],
    [8, "upcoming"],
  ] as const)("with %i days left a pending deadline is %s", (daysLeft, status) => {
    expect(pendingStatus(daysLeft)).toBe(status);
  });

  it.each([
    ["overdue", true],
    ["due-soon", true],
    ["upcoming", true],
    ["done", false],
    ["not-applicable", false],
  ] as const)("counts a %s deadline as pending: %s", (status, pending) => {
    expect(isPending({ status })).toBe(pending);
  });

  it("is the same for the doctor's deadline as for the other deadlines", () => {
    const asOf = "2026-11-20";
    for (const daysLeft of [-1, 0, DUE_SOON_MAX_DAYS_LEFT, DUE_SOON_MAX_DAYS_LEFT + 1]) {
      expect(doctorDeadlineStatus({ status: "sent", doctorDeadline: addDays(asOf, daysLeft) }, asOf)).toBe(pendingStatus(daysLeft));
    }
  });
});

describe("a final submission", () => {
  const final: Record<SubmissionStatus, boolean> = { received: false, "in-review": false, "needs-information": false, approved: true, rejected: true };

  it.each(Object.keys(SUBMISSION_STATUS_LABELS) as SubmissionStatus[])("%s", (status) => {
    expect(isFinal(status)).toBe(final[status]);
  });

  it("is not a missing submission", () => {
    expect(isFinal(undefined)).toBe(false);
    expect(isFinal(null)).toBe(false);
  });
});

describe("the fast-track window", () => {
  it.each(["2026-03-02", "2026-03-08", "2026-12-31", "2028-02-29"])("for an absence from %s is the first 5 weeks, F + 34", (f) => {
    expect(fastTrackWindowTerms(f)).toEqual({ weeks: 5, lastDayOffset: 34 });
    expect(diffDays(f, fastTrackLastDay(f))).toBe(34);
  });

  it("is stated by texts without a case with the newest rule's terms", () => {
    expect(fastTrackWindowTerms()).toEqual({ weeks: 5, lastDayOffset: 34 });
  });

  it("is the one the refusal message states", () => {
    expect(fastTrackDateRefusal("2026-03-02", "2026-04-06")).toContain("første 5 uger");
    expect(fastTrackDateRefusal("2026-03-02", "2026-04-06")).toContain("første fraværsdag + 34 dage");
    expect(fastTrackDateRefusal("2026-03-02", "2026-04-05")).toBeNull();
  });
});

const ROOT = path.resolve(__dirname, "../../..");

/** The source lines of app/ (outside app/domain) and templates/. */
function sourceLines(): Array<{ where: string; line: string }> {
  const files = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return rel === path.join("app", "domain") ? [] : files(rel);
      return /\.tsx?$/.test(e.name) ? [rel] : [];
    });
  return ["app", "templates"].flatMap(files).flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), "utf8")
      .split("\n")
      .map((line, i) => ({ where: `${file}:${i + 1}`, line })),
  );
}

describe("outside app/domain, no line restates", () => {
  const lines = sourceLines();
  const offending = (pattern: RegExp) => lines.filter((l) => pattern.test(l.line)).map((l) => l.where);

  it("the fast-track window's days", () => {
    expect(offending(/(fast[ -]?track|fastTrack).*\b34\b|\b34\b.*(fast[ -]?track|fastTrack)|F \+ 34|fraværsdag \+ 34/i)).toEqual([]);
  });

  it("the days of the due-soon rule", () => {
    expect(offending(/\b7 dage\b|daysLeft <= \d|horizonDays: \d/)).toEqual([]);
  });

  it("which deadline statuses are pending", () => {
    expect(offending(/"overdue"\s*\|\|.*"(due-soon|upcoming)"/)).toEqual([]);
  });

  it("which statuses are final", () => {
    expect(offending(/"approved"\s*\|\|.*"rejected"|"rejected"\s*\|\|.*"approved"/)).toEqual([]);
  });
});
