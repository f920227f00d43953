import { describe, expect, it } from "vitest";
import {
  computeDeadlines,
  durationLimitDay,
  type AbsenceFacts,
  type Deadline,
  type DeadlineId,
  type DeadlineResult,
} from "../../../app/domain/deadlines";

/*
 * Reference absence: F = Monday 3 March 2025. Dates worked out by hand:
 *   F + 14 = 2025-03-17   F + 28 = 2025-03-31   F + 29 = 2025-04-01
 *   F + 30 = 2025-04-02   F + 31 = 2025-04-03   F + 34 = 2025-04-06 (Sun)
 *   F + 35 = 2025-04-07   F + 36 = 2025-04-08   F + 55 = 2025-04-27 (Sun)
 *   F + 3 months = 2025-06-03         (F + 30) + 3 months = 2025-07-02
 *   22 weeks counted from F + 30 (5 weekday holidays: 17, 18, 21 Apr, 29 May, 9 Jun) → X = 2025-09-08
 */
const F = "2025-03-03";
const BASE: AbsenceFacts = { firstAbsenceDay: F, pay: "salary", expectedOver8Weeks: true };
const EARLY = "2025-03-04"; // asOf before every deadline

function compute(overrides: Partial<AbsenceFacts> = {}, asOf: string = EARLY): DeadlineResult {
  return computeDeadlines({ ...BASE, ...overrides }, asOf);
}

function find(result: DeadlineResult, id: DeadlineId): Deadline | undefined {
  return result.deadlines.find((d) => d.id === id);
}

function get(result: DeadlineResult, id: DeadlineId): Deadline {
  const deadline = find(result, id);
  if (!deadline) throw new Error(`deadline ${id} missing`);
  return deadline;
}

describe("the deadline list", () => {
  it("lists the deadlines in a stable order", () => {
    expect(compute().deadlines.map((d) => d.id)).toEqual([
      "absence-conversation",
      "absence-report",
      "fast-track-request",
      "first-follow-up",
      "duration-limit-reassessment",
      "refund-request",
    ]);
  });

  it("gives each deadline its Danish title, actor and legal basis", () => {
    expect(compute().deadlines.map((d) => [d.id, d.title, d.actor, d.basis])).toEqual([
      ["absence-conversation", "Sygefraværssamtale", "employer", "Sygedagpengeloven § 7 a"],
      ["absence-report", "Anmeldelse af sygefravær", "employer", "Sygedagpengeloven § 40, stk. 1–3"],
      ["fast-track-request", "Anmodning om fast track", "employer", "Sygedagpengeloven § 7 c"],
      ["first-follow-up", "Første opfølgningssamtale i kommunen", "municipality", "Sygedagpengeloven § 13 b, stk. 1"],
      ["duration-limit-reassessment", "Revurdering før varighedsbegrænsningen", "municipality", "Sygedagpengeloven § 24"],
      ["refund-request", "Anmodning om refusion", "employer", "Sygedagpengeloven § 59, stk. 2 og 5"],
    ]);
  });

  it("computes every due date of an open salary-paid absence", () => {
    expect(compute().deadlines.map((d) => [d.id, d.dueDate])).toEqual([
      ["absence-conversation", "2025-03-31"],
      ["absence-report", "2025-04-07"],
      ["fast-track-request", "2025-04-06"],
      ["first-follow-up", "2025-04-27"],
      ["duration-limit-reassessment", "2025-09-30"],
      ["refund-request", "2025-07-02"],
    ]);
  });

  it("explains each due date in one Danish sentence", () => {
    const result = compute();
    expect(get(result, "absence-conversation").explanation).toBe("Senest 4 uger efter første fraværsdag");
    for (const d of result.deadlines) {
      expect(d.explanation.length).toBeGreaterThan(10);
      expect(d.explanation).not.toMatch(/\.\s+[A-ZÆØÅ]/); // one sentence
    }
  });

  it("refuses facts with an invalid date", () => {
    expect(() => compute({ firstAbsenceDay: "2025-02-30" })).toThrow(RangeError);
    expect(() => compute({ returnedOn: "2025-13-01" })).toThrow(RangeError);
    expect(() => computeDeadlines(BASE, "03.03.2025")).toThrow(RangeError);
  });
});

describe("status precedence: done, not-applicable, then days left", () => {
  // absence-conversation is due 2025-03-31
  it.each([
    ["2025-03-23", 8, "upcoming"],
    ["2025-03-24", 7, "due-soon"],
    ["2025-03-31", 0, "due-soon"],
    ["2025-04-01", -1, "overdue"],
    ["2025-03-04", 27, "upcoming"],
  ])("on %s with %i days left the status is %s", (asOf, daysLeft, status) => {
    const d = get(compute({}, asOf), "absence-conversation");
    expect(d.daysLeft).toBe(daysLeft);
    expect(d.status).toBe(status);
  });

  it("a recorded act is done even when it is overdue", () => {
    const d = get(compute({ conversationHeldOn: "2025-04-03" }, "2025-05-01"), "absence-conversation");
    expect(d.status).toBe("done");
    expect(d.daysLeft).toBe(-31);
  });

  it("done wins over not-applicable", () => {
    const d = get(compute({ conversationHeldOn: "2025-03-20", returnedOn: "2025-03-25" }), "absence-conversation");
    expect(d.status).toBe("done");
  });

  it("not-applicable wins over overdue", () => {
    const d = get(compute({ returnedOn: "2025-03-20" }, "2025-05-01"), "absence-conversation");
    expect(d.status).toBe("not-applicable");
  });
});

describe("absence-conversation (SDL § 7 a)", () => {
  it("is due 4 weeks after the first absence day", () => {
    expect(get(compute(), "absence-conversation").dueDate).toBe("2025-03-31");
  });

  it.each([
    ["2025-03-30", "not-applicable"], // F + 27
    ["2025-03-31", "not-applicable"], // F + 28: back on the due date
    ["2025-04-01", "upcoming"], // F + 29: still absent on the due date
  ])("is not applicable when the employee returns on or before the due date (returned %s → %s)", (returnedOn, status) => {
    expect(get(compute({ returnedOn }), "absence-conversation").status).toBe(status);
  });

  it("is done when the conversation is recorded", () => {
    expect(get(compute({ conversationHeldOn: "2025-03-20" }), "absence-conversation").status).toBe("done");
  });
});

describe("absence-report (SDL § 40, § 59)", () => {
  it.each([
    ["salary", "2025-04-07", "F + 35"],
    ["sickness-benefit", "2025-04-08", "F + 36: 1 week after the employer period ends on F + 29"],
    ["none", "2025-03-17", "F + 14"],
  ] as const)("with pay = %s it is due %s (%s)", (pay, dueDate, _rule) => {
    expect(get(compute({ pay }), "absence-report").dueDate).toBe(dueDate);
  });

  it("explains the sickness-benefit date from the end of the employer period", () => {
    expect(get(compute({ pay: "sickness-benefit" }), "absence-report").explanation).toBe(
      "Senest 1 uge efter, at arbejdsgiverperioden slutter den 01.04.2025; NemRefusion tager imod anmeldelsen fra ca. 23. fraværsdag (25.03.2025, praksis)",
    );
  });

  it.each([
    ["2025-04-01", "not-applicable"], // F + 29
    ["2025-04-02", "not-applicable"], // F + 30: the absence ended within the employer period
    ["2025-04-03", "upcoming"], // F + 31
  ])("is not applicable when the return day is on or before F + 30 (returned %s → %s)", (returnedOn, status) => {
    expect(get(compute({ returnedOn }), "absence-report").status).toBe(status);
  });

  describe("under a § 56 agreement", () => {
    it.each([
      ["2025-03-13", "2025-06-03"], // 10 days
      ["2025-04-02", "2025-06-03"], // F + 30: at most 30 days → F + 3 months
      ["2025-04-03", "2025-04-07"], // F + 31: more than 30 days → F + 35
    ])("an absence ending with a return on %s is due %s", (returnedOn, dueDate) => {
      const d = get(compute({ paragraph56: true, returnedOn }), "absence-report");
      expect(d.dueDate).toBe(dueDate);
      expect(d.basis).toBe("Sygedagpengeloven § 59");
    });

    it.each(["2025-03-04", "2025-03-13", "2025-04-02", "2025-04-03"])(
      "is never not-applicable (returned %s)",
      (returnedOn) => {
        expect(get(compute({ paragraph56: true, returnedOn }), "absence-report").status).not.toBe("not-applicable");
      },
    );

    it("uses the earlier, safe date F + 35 while the absence is still open and says it may become F + 3 months", () => {
      const d = get(compute({ paragraph56: true }), "absence-report");
      expect(d.dueDate).toBe("2025-04-07");
      expect(d.explanation).toBe(
        "§ 56-aftale: senest 5 uger efter første fraværsdag, men vender medarbejderen tilbage senest 02.04.2025, bliver fristen 3 måneder efter første fraværsdag; NemRefusion tager imod anmeldelsen fra ca. 23. fraværsdag (25.03.2025, praksis)",
      );
    });

    it("F + 3 months clamps at the end of the month", () => {
      const result = computeDeadlines(
        { firstAbsenceDay: "2024-11-30", pay: "salary", expectedOver8Weeks: false, paragraph56: true, returnedOn: "2024-12-05" },
        "2024-12-05",
      );
      expect(get(result, "absence-report").dueDate).toBe("2025-02-28");
    });
  });
});

describe("fast-track-request (SDL § 7 c)", () => {
  it("is due by the end of week 5 (F + 34)", () => {
    expect(get(compute(), "fast-track-request").dueDate).toBe("2025-04-06");
  });

  it("is not applicable when the absence is not expected to last more than 8 weeks", () => {
    expect(get(compute({ expectedOver8Weeks: false }), "fast-track-request").status).toBe("not-applicable");
  });

  it("is done when a request is recorded, whatever else holds", () => {
    const d = get(
      compute({ expectedOver8Weeks: false, fastTrackRequestedOn: "2025-03-10", fastTrackDeclined: true, returnedOn: "2025-03-12" }),
      "fast-track-request",
    );
    expect(d.status).toBe("done");
  });
});

describe("first-follow-up (SDL § 13 b)", () => {
  it("first follow-up is due by the end of week 8 (F + 55)", () => {
    const d = get(compute(), "first-follow-up");
    expect(d.dueDate).toBe("2025-04-27");
    expect(d.explanation).toBe("Senest ved udgangen af 8. uge efter første fraværsdag");
  });

  it.each([
    ["2025-03-04", "2025-03-18", "request on F + 1 → R + 14"],
    ["2025-04-06", "2025-04-20", "request on F + 34 → R + 14 = F + 48, before F + 55"],
    ["2025-04-13", "2025-04-27", "request on F + 41 → R + 14 = F + 55"],
    ["2025-04-17", "2025-04-27", "late request on F + 45 → R + 14 = F + 59, so F + 55 comes first"],
  ])("after a fast-track request on %s it is due %s (%s)", (fastTrackRequestedOn, dueDate) => {
    expect(get(compute({ fastTrackRequestedOn }), "first-follow-up").dueDate).toBe(dueDate);
  });

  it("says the deadline moved because of the fast-track request", () => {
    const d = get(compute({ fastTrackRequestedOn: "2025-03-04" }), "first-follow-up");
    expect(d.basis).toBe("Sygedagpengeloven § 13 b, stk. 2");
    expect(d.explanation).toBe(
      "Rykket frem til senest 2 uger efter anmodningen om fast track den 04.03.2025, fordi fast track fremskynder den første opfølgning",
    );
  });

  it("says why a late fast-track request does not move the deadline", () => {
    const d = get(compute({ fastTrackRequestedOn: "2025-04-17" }), "first-follow-up");
    expect(d.basis).toBe("Sygedagpengeloven § 13 b, stk. 1");
    expect(d.explanation).toContain("som kommer før 2 uger efter anmodningen om fast track den 17.04.2025");
  });

  it("falls back to F + 55 when the employee declined fast track", () => {
    const d = get(compute({ fastTrackRequestedOn: "2025-03-04", fastTrackDeclined: true }), "first-follow-up");
    expect(d.dueDate).toBe("2025-04-27");
    expect(d.explanation).toContain("Medarbejderen har afslået fast track");
  });

  it.each([
    [{}, "2025-04-27", "not-applicable"],
    [{}, "2025-04-28", "upcoming"],
    [{ fastTrackRequestedOn: "2025-03-04" }, "2025-03-18", "not-applicable"],
    [{ fastTrackRequestedOn: "2025-03-04" }, "2025-03-19", "upcoming"],
  ] as const)("is not applicable when the return day is on or before the due date (%j, returned %s → %s)", (facts, returnedOn, status) => {
    expect(get(compute({ ...facts, returnedOn }), "first-follow-up").status).toBe(status);
  });

  it("is done when the jobcenter recorded it", () => {
    expect(get(compute({ firstFollowUpHeldOn: "2025-04-10" }), "first-follow-up").status).toBe("done");
  });
});

describe("refund-request (SDL § 59, stk. 2 and 5)", () => {
  it("is due 3 months after reimbursement starts on F + 30", () => {
    expect(get(compute(), "refund-request").dueDate).toBe("2025-07-02");
  });

  it.each(["sickness-benefit", "none"] as const)("only appears when the employer pays salary (not %s)", (pay) => {
    expect(find(compute({ pay }), "refund-request")).toBeUndefined();
    expect(compute({ pay }).deadlines).toHaveLength(5);
  });

  it("under a § 56 agreement it is due F + 3 months", () => {
    expect(get(compute({ paragraph56: true }), "refund-request").dueDate).toBe("2025-06-03");
  });

  it.each([
    [false, "2025-04-02", "not-applicable"], // F + 30
    [false, "2025-04-03", "upcoming"], // F + 31
    [true, "2025-03-08", "upcoming"], // § 56: reimbursed from day 1
    [true, "2025-04-02", "upcoming"],
  ])("§ 56 = %s, returned %s → %s", (paragraph56, returnedOn, status) => {
    expect(get(compute({ paragraph56, returnedOn }), "refund-request").status).toBe(status);
  });

  it("F + 30 + 3 months clamps to a leap day", () => {
    // F = 31 Oct 2023 → reimbursement from 30 Nov 2023 → 3 months later: 29 Feb 2024
    const result = computeDeadlines({ firstAbsenceDay: "2023-10-31", pay: "salary", expectedOver8Weeks: true }, "2023-11-01");
    expect(result.employerPeriod.refundFrom).toBe("2023-11-30");
    expect(get(result, "refund-request").dueDate).toBe("2024-02-29");
  });
});

describe("employer period (SDL § 30)", () => {
  it("runs F … F + 29 with reimbursement from F + 30", () => {
    expect(compute().employerPeriod).toEqual({ start: "2025-03-03", end: "2025-04-01", refundFrom: "2025-04-02" });
  });

  it("does not exist under a § 56 agreement: reimbursement from F", () => {
    expect(compute({ paragraph56: true }).employerPeriod).toEqual({ start: "2025-03-03", end: null, refundFrom: "2025-03-03" });
  });
});

describe("22-week limit (SDL § 24): count from reimbursement start, skip weekday holidays, X = 155th counted day", () => {
  it.each([
    // F,           refundFrom,   X,            due (last day of X's month)
    ["2025-03-03", "2025-04-02", "2025-09-08", "2025-09-30", "reference absence, Easter/Ascension/Whit Monday 2025"],
    ["2024-12-24", "2025-01-23", "2025-07-01", "2025-07-31", "Easter 2025 pushes X from 26 June into July"],
    ["2025-01-06", "2025-02-05", "2025-07-14", "2025-07-31", "spanning Easter 2025"],
    ["2025-08-26", "2025-09-25", "2026-03-01", "2026-03-31", "Christmas 2025 and New Year 2026 on weekdays push X from 26 Feb into March"],
    ["2022-09-01", "2022-10-01", "2023-03-05", "2023-03-31", "Christmas 2022: only 2. juledag is a weekday; 25 Dec and 1 Jan are Sundays and count"],
    ["2023-02-23", "2023-03-25", "2023-09-01", "2023-09-30", "spring 2023 with store bededag"],
    ["2024-02-24", "2024-03-25", "2024-08-31", "2024-08-31", "the same counting dates in 2024, one day earlier without store bededag"],
  ])("F = %s: counting from %s, X = %s, reassess by %s (%s)", (firstAbsenceDay, refundFrom, x, due) => {
    const result = computeDeadlines({ firstAbsenceDay, pay: "salary", expectedOver8Weeks: true }, firstAbsenceDay);
    expect(result.employerPeriod.refundFrom).toBe(refundFrom);
    expect(durationLimitDay(refundFrom)).toBe(x);
    expect(result.durationLimitDay).toBe(x);
    expect(get(result, "duration-limit-reassessment").dueDate).toBe(due);
  });

  it("counts from day 31 under a § 56 agreement too, though the employer is reimbursed from day 1", () => {
    // SDL § 24, stk. 3: the first 30 calendar days never count; counting from F would give X = 9 Aug 2025.
    const result = compute({ paragraph56: true });
    expect(result.employerPeriod.refundFrom).toBe("2025-03-03");
    expect(result.durationLimitDay).toBe("2025-09-08");
    expect(get(result, "duration-limit-reassessment").dueDate).toBe("2025-09-30");
  });

  it.each([
    ["2025-09-07", "not-applicable"],
    ["2025-09-08", "not-applicable"], // back on X itself
    ["2025-09-09", "upcoming"],
  ])("is not applicable when the return day is on or before X (returned %s → %s)", (returnedOn, status) => {
    expect(get(compute({ returnedOn }), "duration-limit-reassessment").status).toBe(status);
  });

  it("says that only this absence is counted", () => {
    expect(get(compute(), "duration-limit-reassessment").explanation).toBe(
      "Sidste dag i den måned, hvor fraværet overskrider 22 uger den 08.09.2025, talt fra 31. fraværsdag uden helligdage på hverdage; tidligere fravær i de seneste 9 kalendermåneder er ikke medregnet; kan sygedagpengene ikke forlænges, har medarbejderen ret til et jobafklaringsforløb",
    );
  });
});

describe("due dates on weekends and holidays are never moved, only annotated", () => {
  it.each([
    [{ firstAbsenceDay: "2025-03-01" }, "absence-conversation", "2025-03-29", "Fristen falder på en lørdag"],
    [{}, "fast-track-request", "2025-04-06", "Fristen falder på en søndag"],
    [{ firstAbsenceDay: "2025-11-27" }, "absence-conversation", "2025-12-25", "Fristen falder på en helligdag (Juledag)"],
    [{ fastTrackRequestedOn: "2025-04-06" }, "first-follow-up", "2025-04-20", "Fristen falder på en helligdag (Påskedag)"],
    [{}, "absence-conversation", "2025-03-31", null],
  ] as const)("%j: %s due %s → %j", (facts, id, dueDate, note) => {
    const d = get(compute(facts), id);
    expect(d.dueDate).toBe(dueDate);
    expect(d.dueDateNote).toBe(note);
  });
});

describe("pension and social chapter", () => {
  it("are null without a birth date and a social-chapter start", () => {
    const result = compute();
    expect(result.pension).toBeNull();
    expect(result.socialChapter).toBeNull();
  });

  it("reports the pension age, pension date and exemption date", () => {
    expect(compute({ birthDate: "1963-05-15" }).pension).toEqual({
      age: 68,
      date: "2031-05-15",
      socialChapterExemptFrom: "2025-05-15",
    });
  });

  it.each([
    ["2025-05-14", true],
    ["2025-05-15", false],
  ])("on %s the social-chapter 12 months are required: %s", (asOf, required) => {
    expect(compute({ birthDate: "1963-05-15", socialChapterStartedOn: "2024-02-29" }, asOf).socialChapter).toEqual({
      startedOn: "2024-02-29",
      completesOn: "2025-02-28",
      required,
    });
  });

  it("does not know whether the 12 months are required without a birth date", () => {
    expect(compute({ socialChapterStartedOn: "2025-01-31" }).socialChapter).toEqual({
      startedOn: "2025-01-31",
      completesOn: "2026-01-31",
      required: null,
    });
  });
});
