import { describe, expect, it } from "vitest";
import {
  computeDeadlines,
  fastTrackLastDay,
  FIRST_FOLLOW_UP_RULES,
  RULE_TABLES,
  type AbsenceFacts,
  type Deadline,
  type DeadlineId,
} from "~/domain/deadlines";
import { fastTrackDateRefusal } from "~/domain/fast-track";
import { tableProblems, validityText, versionInForce } from "~/domain/rule-versions";

/*
 * Hand-worked dates.
 * F = Mon 3 Mar 2025: F + 22 = 25.03 (day 23), F + 28 = 31.03, F + 34 = 06.04, F + 35 = 07.04,
 *   F + 55 = 27.04, F + 3 months = 03.06, (F + 30) + 3 months = 02.07.
 * F = Wed 1 Jul 2026: F + 14 = 15.07 (R = 10.07 → R + 14 = 24.07), F + 55 = 25.08.
 */
const F = "2025-03-03";
const BASE: AbsenceFacts = { firstAbsenceDay: F, pay: "salary", expectedOver8Weeks: true };

function get(facts: Partial<AbsenceFacts>, id: DeadlineId, asOf = "2025-03-04"): Deadline {
  const d = computeDeadlines({ ...BASE, ...facts }, asOf).deadlines.find((x) => x.id === id);
  if (!d) throw new Error(`deadline ${id} missing`);
  return d;
}

function find(facts: Partial<AbsenceFacts>, id: DeadlineId): Deadline | undefined {
  return computeDeadlines({ ...BASE, ...facts }, "2025-03-04").deadlines.find((x) => x.id === id);
}

describe("rule tables carry their dates", () => {
  it.each(RULE_TABLES.map((t) => [t.name, t] as const))("%s covers every day once, without gaps or overlaps", (_name, table) => {
    expect(tableProblems(table)).toEqual([]);
  });

  it("finds a gap and an overlap in a broken table", () => {
    const versions = [
      { validFrom: null, validTo: "2026-06-29", source: "a", params: {} },
      { validFrom: "2026-07-01", validTo: null, source: "b", params: {} },
    ];
    expect(tableProblems({ name: "t", selectBy: "first-absence-day", versions })).toEqual(["t: 2026-06-29 is not the day before 2026-07-01"]);
    expect(() => versionInForce({ name: "t", selectBy: "first-absence-day", versions }, "2026-06-30")).toThrow(/No version of t/);
  });

  it.each([
    ["2026-06-29", null, "2026-06-30"],
    ["2026-06-30", null, "2026-06-30"],
    ["2026-07-01", "2026-07-01", null],
    ["2026-07-02", "2026-07-01", null],
  ])("the first follow-up for an absence from %s uses the version valid from %s to %s", (f, validFrom, validTo) => {
    const v = versionInForce(FIRST_FOLLOW_UP_RULES, f);
    expect([v.validFrom, v.validTo]).toEqual([validFrom, validTo]);
    const d = computeDeadlines({ firstAbsenceDay: f, pay: "salary", expectedOver8Weeks: false }, f).deadlines.find((x) => x.id === "first-follow-up")!;
    expect(d.rule).toEqual({ validFrom, validTo, source: v.source });
  });

  it("says in Danish which days a version covers", () => {
    expect(validityText({ validFrom: null, validTo: "2026-06-30", source: "" })).toBe("gælder til og med 30.06.2026");
    expect(validityText({ validFrom: "2026-07-01", validTo: null, source: "" })).toBe("gælder fra 01.07.2026");
    expect(validityText({ validFrom: "2026-07-01", validTo: "2026-12-31", source: "" })).toBe("gælder fra 01.07.2026 til og med 31.12.2026");
    expect(validityText({ validFrom: null, validTo: null, source: "" })).toBe("gælder uændret");
  });

  it("names the reform and its uncertain reading in the 2026 version's source", () => {
    expect(versionInForce(FIRST_FOLLOW_UP_RULES, "2026-07-01").source).toMatch(/lov nr\. 1750 af 29\/12\/2025.*ikke set/);
  });
});

describe("first-follow-up and the 26-week exemption (lov nr. 1750/2025)", () => {
  const facts = (f: string, extra: Partial<AbsenceFacts> = {}): AbsenceFacts => ({ firstAbsenceDay: f, pay: "salary", expectedOver8Weeks: true, ...extra });
  const followUp = (f: AbsenceFacts) => computeDeadlines(f, f.firstAbsenceDay).deadlines.find((d) => d.id === "first-follow-up")!;

  it.each([
    // first absence day, both expect back within 26 weeks, status
    ["2026-06-30", true, "upcoming"], // the day before the reform: the old rule
    ["2026-07-01", true, "not-applicable"], // on the day
    ["2026-07-02", true, "not-applicable"], // after
    ["2026-07-01", false, "upcoming"], // the question answered no
  ] as const)("an absence from %s, back within 26 weeks expected = %s → %s", (f, back, status) => {
    expect(followUp(facts(f, { expectedBackWithin26Weeks: back })).status).toBe(status);
  });

  it("explains the exemption and gives its source", () => {
    const d = followUp(facts("2026-07-01", { expectedBackWithin26Weeks: true }));
    expect(d.explanation).toBe(
      "Kommunen skal som udgangspunkt ikke følge op, fordi arbejdsgiver og medarbejder begge forventer raskmelding inden 26 uger, og der ikke er anmodet om fast track (reformen af beskæftigelsesindsatsen)",
    );
    expect(d.basis).toBe("Sygedagpengeloven, jf. lov nr. 1750 af 29/12/2025");
    expect(d.rule.validFrom).toBe("2026-07-01");
  });

  it("says that an absence from before 1 Jul 2026 keeps the old rule", () => {
    const d = followUp(facts("2026-06-30", { expectedBackWithin26Weeks: true }));
    expect(d.dueDate).toBe("2026-08-24");
    expect(d.explanation).toBe(
      "Senest ved udgangen af 8. uge efter første fraværsdag; undtagelsen ved forventet raskmelding inden 26 uger gælder først for fravær fra 01.07.2026",
    );
  });

  it("does not exempt when fast track is requested: 2 weeks after the request", () => {
    const d = followUp(facts("2026-07-01", { expectedBackWithin26Weeks: true, fastTrackRequestedOn: "2026-07-10" }));
    expect(d.status).toBe("upcoming");
    expect(d.dueDate).toBe("2026-07-24");
    expect(d.explanation).toContain("gælder ikke, fordi der er anmodet om fast track");
  });

  it("keeps F + 55 without the exemption after the reform", () => {
    expect(followUp(facts("2026-07-01")).dueDate).toBe("2026-08-25");
  });

  it("calls the municipality kommunen, not jobcentret", () => {
    const d = followUp(facts("2026-07-01"));
    expect(d.title).toBe("Første opfølgningssamtale i kommunen");
    expect(d.title).not.toMatch(/jobcent/i);
  });
});

describe("absence-conversation and notice (SDL § 7 a)", () => {
  it.each([
    ["2025-04-26", "not-applicable"], // F + 54
    ["2025-04-27", "not-applicable"], // F + 55: leaves within 8 weeks
    ["2025-04-28", "upcoming"], // F + 56: leaves later, the conversation is due
  ])("employment ending %s → %s", (employmentEndsOn, status) => {
    expect(get({ employmentEndsOn }, "absence-conversation").status).toBe(status);
  });

  it("says why no conversation is due", () => {
    expect(get({ employmentEndsOn: "2025-04-15" }, "absence-conversation").explanation).toBe(
      "Ingen samtale, fordi medarbejderen er opsagt og fratræder 15.04.2025, inden 8 uger efter første fraværsdag (senest 27.04.2025)",
    );
  });

  it("a held conversation is still done when the employee leaves", () => {
    expect(get({ employmentEndsOn: "2025-04-15", conversationHeldOn: "2025-03-20" }, "absence-conversation").status).toBe("done");
  });
});

describe("duration-limit-reassessment under a § 56 agreement (SDL § 24, stk. 3)", () => {
  it.each([false, true])("counts from day 31 whether or not there is an agreement (§ 56 = %s)", (paragraph56) => {
    const r = computeDeadlines({ ...BASE, paragraph56 }, "2025-03-04");
    expect(r.durationLimitDay).toBe("2025-09-08");
    expect(r.deadlines.find((d) => d.id === "duration-limit-reassessment")!.dueDate).toBe("2025-09-30");
  });
});

describe("the § 24 explanation follows the law on the reassessment day, not the first absence day", () => {
  it.each([
    // F, X, due, text, version from
    ["2026-06-29", "2026-12-31", "2026-12-31", "jobafklaringsforløb", null],
    ["2026-06-30", "2027-01-02", "2027-01-31", "nedsat sats", "2027-01-01"], // 25 Dec 2026 and 1 Jan 2027 are weekdays
  ] as const)("F = %s: X = %s, due %s, says %s", (f, x, due, text, validFrom) => {
    const r = computeDeadlines({ firstAbsenceDay: f, pay: "salary", expectedOver8Weeks: true }, f);
    const d = r.deadlines.find((x) => x.id === "duration-limit-reassessment")!;
    expect(r.durationLimitDay).toBe(x);
    expect(d.dueDate).toBe(due);
    expect(d.explanation).toContain(text);
    expect(d.rule.validFrom).toBe(validFrom);
  });
});

describe("refund-request (SDL § 59) under a § 56 agreement", () => {
  it.each([
    ["salary", false, "2025-07-02"],
    ["salary", true, "2025-06-03"],
    ["sickness-benefit", true, "2025-06-03"], // the employer paying sickness benefit is reimbursed from day 1
    ["sickness-benefit", false, null],
    ["none", true, null],
    ["none", false, null],
  ] as const)("pay = %s, § 56 = %s → due %s", (pay, paragraph56, due) => {
    expect(find({ pay, paragraph56 }, "refund-request")?.dueDate ?? null).toBe(due);
  });

  it("is never not-applicable for a short absence under the agreement", () => {
    expect(get({ pay: "sickness-benefit", paragraph56: true, returnedOn: "2025-03-10" }, "refund-request").status).toBe("upcoming");
  });
});

describe("NemRefusion closes the § 40 report and the § 59 request", () => {
  it.each([
    // reported on, status, days late
    [null, "overdue", null],
    ["2025-04-06", "done", 0], // the day before the deadline (F + 35 = 07.04)
    ["2025-04-07", "done", 0], // on the deadline
    ["2025-04-08", "done", 1], // the day after
    ["2025-04-18", "done", 11],
  ] as const)("absence report made %s → %s, %s days late", (absenceReportedOn, status, late) => {
    const d = get({ absenceReportedOn }, "absence-report", "2025-05-01");
    expect(d.status).toBe(status);
    expect(d.doneOn).toBe(absenceReportedOn);
    expect(d.doneDaysLate).toBe(late);
  });

  it.each([
    ["2025-07-01", 0],
    ["2025-07-02", 0],
    ["2025-07-03", 1],
  ] as const)("refund request made %s is done %s days late", (refundRequestedOn, late) => {
    const d = get({ refundRequestedOn }, "refund-request", "2025-08-01");
    expect(d.status).toBe("done");
    expect(d.doneDaysLate).toBe(late);
  });

  it("says from which day NemRefusion accepts the report (about day 23, practice)", () => {
    expect(get({}, "absence-report").explanation).toContain("NemRefusion tager imod anmeldelsen fra ca. 23. fraværsdag (25.03.2025, praksis)");
  });

  it("marks other acts done late too", () => {
    expect(get({ conversationHeldOn: "2025-04-03" }, "absence-conversation", "2025-05-01").doneDaysLate).toBe(3);
    expect(get({}, "absence-conversation").doneDaysLate).toBeNull();
  });
});

describe("the fast-track window lives once (SDL § 7 c)", () => {
  it.each([
    ["2025-04-05", null], // F + 33
    ["2025-04-06", null], // F + 34, the last day
    ["2025-04-07", "Fast track skal anmodes inden for de første 5 uger af fraværet. Fristen udløb 06.04.2025 (første fraværsdag + 34 dage)."],
    ["2025-03-02", "Anmodningen kan ikke ligge før første fraværsdag."],
  ])("a request dated %s → %j", (date, refusal) => {
    expect(fastTrackDateRefusal(F, date)).toBe(refusal);
  });

  it("is the fast-track deadline's due date", () => {
    expect(fastTrackLastDay(F)).toBe(get({}, "fast-track-request").dueDate);
  });
});
