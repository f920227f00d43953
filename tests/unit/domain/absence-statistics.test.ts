import { describe, expect, it } from "vitest";
import {
  absenceLengthDays,
  dayNumber,
  deadlinePunctuality,
  deadlinesOn,
  mergePunctuality,
  punctualityOutcomes,
  sumMonthlyFigures,
  frequentAbsenceCounts,
  isWorkingDay,
  lengthCounts,
  monthlyFigures,
  openLongAbsenceCount,
  statisticsMonths,
  WorkingDayCounter,
  type StatAbsence,
  type StatEmployee,
} from "../../../app/domain/absence-statistics";
import { addDays } from "../../../app/domain/dates";
import { computeDeadlines, employerDeadlineDrafts, type AbsenceFacts, type Deadline } from "../../../app/domain/deadlines";

/*
 * Working days counted by hand: March 2025 has 21 (Mon 3 … Mon 31); April 2025 has 22
 * weekdays less Skærtorsdag 17, Langfredag 18 and 2. påskedag 21 April = 19.
 */
const FULL_TIME: StatEmployee = { id: 1, weeklyHours: 37, employmentStartDate: "2020-01-01", employmentEndDate: null };
const absence = (firstAbsenceDay: string, returnedOn: string | null, extent: "full" | "partial" = "full", employeeId = 1): StatAbsence => ({ employeeId, firstAbsenceDay, returnedOn, extent });

describe("a working day", () => {
  it.each([
    ["2025-03-03", true, "a Monday"],
    ["2025-03-08", false, "a Saturday"],
    ["2025-03-09", false, "a Sunday"],
    ["2025-04-17", false, "Skærtorsdag"],
    ["2025-04-18", false, "Langfredag"],
    ["2025-04-21", false, "2. påskedag"],
    ["2025-05-29", false, "Kristi himmelfartsdag"],
    ["2025-12-25", false, "Juledag"],
    ["2025-04-22", true, "the Tuesday after Easter"],
  ])("%s is %s (%s)", (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });

  it.each([
    ["2025-03-01", "2025-03-31", 21],
    ["2025-04-01", "2025-04-30", 19],
    ["2025-04-14", "2025-04-22", 4],
    ["2025-03-08", "2025-03-09", 0],
  ])("%s to %s has %i working days", (from, to, n) => {
    expect(new WorkingDayCounter("2025-01-01", "2025-12-31").between(from, to)).toBe(n);
  });
});

describe("the months counted", () => {
  it("are the last 12 calendar months up to today, the current one running to today", () => {
    const months = statisticsMonths("2025-04-09", 12);
    expect(months).toHaveLength(12);
    expect(months[0]).toEqual({ month: "2024-05", from: "2024-05-01", to: "2024-05-31" });
    expect(months.at(-1)).toEqual({ month: "2025-04", from: "2025-04-01", to: "2025-04-09" });
  });

  it("are 24 when asked for 24", () => {
    expect(statisticsMonths("2025-04-09", 24)[0]!.month).toBe("2023-05");
  });
});

describe("absence days and absence rate per month", () => {
  const MARCH_APRIL = statisticsMonths("2025-04-30", 2);
  const figures = (employees: StatEmployee[], absences: StatAbsence[], months = MARCH_APRIL) =>
    monthlyFigures(employees, absences, months).map((m) => ({ month: m.month, absenceDays: m.absenceDays, contractDays: m.contractDays, rate: m.absenceRate === null ? null : Number(m.absenceRate.toFixed(2)) }));

  it.each([
    ["a full absence Monday to Friday is 5 days", [FULL_TIME], [absence("2025-03-03", "2025-03-10")], [5, 0], [21, 19]],
    ["a partial absence counts half a day per working day", [FULL_TIME], [absence("2025-03-03", "2025-03-10", "partial")], [2.5, 0], [21, 19]],
    ["an absence across months is split over them", [FULL_TIME], [absence("2025-03-27", "2025-04-03")], [3, 2], [21, 19]],
    ["public holidays and weekends are not absence days", [FULL_TIME], [absence("2025-04-14", "2025-04-23")], [0, 4], [21, 19]],
    ["overlapping absences of one employee count each day once", [FULL_TIME], [absence("2025-03-03", "2025-03-10"), absence("2025-03-05", "2025-03-12")], [7, 0], [21, 19]],
    ["days before the employment began count on neither side", [{ ...FULL_TIME, employmentStartDate: "2025-03-17" }], [absence("2025-03-10", "2025-03-20")], [3, 0], [11, 19]],
    ["days after the employment ended count on neither side", [{ ...FULL_TIME, employmentEndDate: "2025-04-04" }], [absence("2025-04-01", null)], [0, 4], [21, 4]],
    ["a return on the first absence day is no absence", [FULL_TIME], [absence("2025-03-03", "2025-03-03")], [0, 0], [21, 19]],
  ])("%s", (_name, employees, absences, days, contract) => {
    const rows = figures(employees, absences);
    expect(rows.map((r) => r.absenceDays)).toEqual(days);
    expect(rows.map((r) => r.contractDays)).toEqual(contract);
  });

  it("counts an open absence up to and including today", () => {
    const rows = figures([FULL_TIME], [absence("2025-04-07", null)], statisticsMonths("2025-04-09", 2));
    expect(rows.at(-1)).toEqual({ month: "2025-04", absenceDays: 3, contractDays: 7, rate: Number(((3 / 7) * 100).toFixed(2)) });
  });

  it("weighs a part-time employee's day with their hours", () => {
    const partTime: StatEmployee = { id: 2, weeklyHours: 18.5, employmentStartDate: "2020-01-01", employmentEndDate: null };
    const [march] = figures([FULL_TIME, partTime], [absence("2025-03-03", "2025-03-10")]);
    // 5 days × 7.4 h over 21 × 7.4 h + 21 × 3.7 h.
    expect(march).toEqual({ month: "2025-03", absenceDays: 5, contractDays: 42, rate: Number(((5 * 7.4) / (21 * 7.4 + 21 * 3.7) * 100).toFixed(2)) });
    const [marchPartTimeAbsent] = figures([FULL_TIME, partTime], [absence("2025-03-03", "2025-03-10", "full", 2)]);
    expect(marchPartTimeAbsent!.rate).toBe(Number(((5 * 3.7) / (21 * 7.4 + 21 * 3.7) * 100).toFixed(2)));
  });

  it("has no rate for a month without employees", () => {
    expect(figures([{ ...FULL_TIME, employmentStartDate: "2025-04-01" }], [])[0]).toEqual({ month: "2025-03", absenceDays: 0, contractDays: 0, rate: null });
  });
});

describe("absences by length", () => {
  it.each([
    ["2025-03-03", "2025-03-04", 1],
    ["2025-03-03", "2025-03-06", 3],
    ["2025-03-03", "2025-03-07", 4],
    ["2025-03-03", "2025-03-17", 14],
    ["2025-03-03", "2025-03-18", 15],
    ["2025-03-03", "2025-04-02", 30],
    ["2025-03-03", "2025-04-03", 31],
  ])("from %s back on %s lasted %i calendar days", (first, back, days) => {
    expect(absenceLengthDays({ firstAbsenceDay: first, returnedOn: back }, "2025-06-01")).toBe(days);
  });

  it("sorts the absences that began in the period into 1–3, 4–14, 15–30 and over 30 days, an open one by its length so far", () => {
    const absences = [
      absence("2025-03-03", "2025-03-06"), // 3
      absence("2025-03-03", "2025-03-07"), // 4
      absence("2025-03-03", "2025-03-17"), // 14
      absence("2025-03-03", "2025-03-18"), // 15
      absence("2025-03-03", "2025-04-02"), // 30
      absence("2025-03-03", "2025-04-03"), // 31
      absence("2025-04-20", null), // 11 days so far
      absence("2025-02-27", "2025-03-03"), // began before the period
    ];
    expect(lengthCounts(absences, "2025-03-01", "2025-04-30")).toEqual({ "1-3": 1, "4-14": 3, "15-30": 2, "over-30": 1 });
  });

  it("counts the open absences that have lasted over 30 days", () => {
    const absences = [absence("2025-03-01", null), absence("2025-03-31", null), absence("2025-03-30", null), absence("2025-01-01", "2025-04-01")];
    // On 29.04.2025: 60, 30 and 31 days open; the last one is closed.
    expect(openLongAbsenceCount(absences, "2025-04-29")).toBe(2);
  });
});

describe("deadlines met on time or late", () => {
  const d = (id: Deadline["id"], dueDate: string, status: Deadline["status"], doneDaysLate: number | null, actor: Deadline["actor"] = "employer") => ({ id, title: id, actor, dueDate, status, doneDaysLate });

  it("counts the employer's deadlines that fell due in the period by their recorded dates", () => {
    const rows = deadlinePunctuality(
      [
        d("absence-conversation", "2025-03-10", "done", 0),
        d("absence-conversation", "2025-03-12", "done", 4),
        d("absence-conversation", "2025-03-14", "overdue", null),
        d("absence-conversation", "2025-05-14", "upcoming", null), // not due yet
        d("absence-conversation", "2025-02-14", "done", 9), // before the period
        d("absence-report", "2025-03-20", "not-applicable", null),
        d("first-follow-up", "2025-03-20", "overdue", null, "municipality"),
      ],
      "2025-03-01",
      "2025-04-30",
    );
    expect(rows).toEqual([{ id: "absence-conversation", title: "absence-conversation", onTime: 1, late: 1, overdue: 1 }]);
  });
});

describe("the opt-in list of frequent absence", () => {
  const policy = { minPeriods: 3, months: 6 };
  it.each([
    ["three periods in six months are listed", [absence("2025-01-10", "2025-01-12"), absence("2025-02-10", "2025-02-12"), absence("2025-04-01", "2025-04-02")], 3],
    ["two periods are not", [absence("2025-02-10", "2025-02-12"), absence("2025-04-01", "2025-04-02")], undefined],
    ["a period that ended before the window does not count", [absence("2024-10-01", "2024-10-30"), absence("2025-02-10", "2025-02-12"), absence("2025-04-01", "2025-04-02")], undefined],
    ["a period that began before the window and ran into it counts", [absence("2024-10-01", "2024-11-05"), absence("2025-02-10", "2025-02-12"), absence("2025-04-01", "2025-04-02")], 3],
  ])("%s", (_name, absences, expected) => {
    // Window on 30.04.2025: 31.10.2024 to 30.04.2025.
    expect(frequentAbsenceCounts(absences, policy, "2025-04-30").get(1)).toBe(expected);
  });
});

describe("a stored date as a day number", () => {
  it("is the number of days since 1 January 1970 for every day from 1900 to 2119", () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(1900, 0, 1); ms < Date.UTC(2120, 0, 1); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      if (dayNumber(iso) !== ms / 86_400_000) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });
});

describe("an absence's deadline outcomes, worked out once for its facts", () => {
  // Every combination that changes an employer deadline: pay, § 56, open or back (within the
  // employer period or after it), acts recorded on time, late or not at all, notice, fast track.
  const firstDays = ["2024-12-20", "2025-03-31", "2025-06-02", "2025-12-22"];
  const facts: AbsenceFacts[] = [];
  for (const f of firstDays) {
    for (const pay of ["salary", "sickness-benefit", "none"] as const) {
      for (const paragraph56 of [false, true]) {
        for (const returnedOn of [null, addDays(f, 12), addDays(f, 90)]) {
          for (const acts of [0, 1, 2]) {
            facts.push({
              firstAbsenceDay: f,
              pay,
              paragraph56,
              returnedOn,
              expectedOver8Weeks: acts !== 1,
              conversationHeldOn: acts === 0 ? null : addDays(f, acts === 1 ? 10 : 40),
              fastTrackRequestedOn: acts === 2 ? addDays(f, 50) : null,
              fastTrackDeclined: false,
              firstFollowUpHeldOn: null,
              expectedBackWithin26Weeks: acts === 2,
              absenceReportedOn: acts === 0 ? null : addDays(f, acts === 1 ? 20 : 60),
              refundRequestedOn: acts === 2 ? addDays(f, 100) : null,
              birthDate: "1962-08-14",
              employmentEndsOn: acts === 1 && pay === "none" ? addDays(f, 14) : null,
            });
          }
        }
      }
    }
  }
  const asOfs = ["2025-01-10", "2025-04-15", "2025-08-01", "2026-02-01", "2026-11-30"];
  const pick = (d: Pick<Deadline, "id" | "title" | "actor" | "dueDate" | "status" | "doneDaysLate">) => ({ id: d.id, title: d.title, actor: d.actor, dueDate: d.dueDate, status: d.status, doneDaysLate: d.doneDaysLate });

  it("give on every day the employer's deadlines computeDeadlines gives that day, as the punctuality table counts them", () => {
    let compared = 0;
    for (const f of facts) {
      const outcomes = punctualityOutcomes(employerDeadlineDrafts(f));
      for (const asOf of asOfs.filter((d) => d >= f.firstAbsenceDay)) {
        const open = f.returnedOn == null || f.returnedOn > asOf;
        const expected = computeDeadlines(f, asOf)
          .deadlines.filter((d) => d.actor === "employer" && d.status !== "not-applicable" && !(d.status === "overdue" && !open))
          .map(pick);
        expect(deadlinesOn(outcomes, asOf, open).map(pick), `${JSON.stringify(f)} on ${asOf}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(500);
  });
});

describe("figures added up from groups of employees", () => {
  const months = statisticsMonths("2025-06-18", 12);
  const staff: StatEmployee[] = [
    { id: 1, weeklyHours: 37, employmentStartDate: "2020-01-01", employmentEndDate: null },
    { id: 2, weeklyHours: 18.5, employmentStartDate: "2024-10-15", employmentEndDate: null },
    { id: 1500, weeklyHours: 30, employmentStartDate: "2019-01-01", employmentEndDate: "2025-02-14" },
  ];
  const absences = [
    absence("2024-12-20", "2025-01-06", "full", 1),
    absence("2025-04-14", "2025-04-25", "partial", 2),
    absence("2025-01-27", null, "full", 1500),
    absence("2025-06-02", null, "partial", 1),
  ];

  it("are the figures of all employees counted together", () => {
    const whole = monthlyFigures(staff, absences, months);
    const parts = [
      monthlyFigures(staff.slice(0, 2), absences.filter((a) => a.employeeId < 1024), months),
      monthlyFigures(staff.slice(2), absences.filter((a) => a.employeeId >= 1024), months),
    ];
    const summed = sumMonthlyFigures(parts, months);
    expect(summed.map((m) => [m.month, m.absenceDays, m.contractDays])).toEqual(whole.map((m) => [m.month, m.absenceDays, m.contractDays]));
    summed.forEach((m, i) => {
      expect(m.absenceHours).toBeCloseTo(whole[i]!.absenceHours, 9);
      expect(m.absenceRate ?? -1).toBeCloseTo(whole[i]!.absenceRate ?? -1, 9);
    });
    expect(summed.some((m) => m.absenceDays > 0)).toBe(true);
  });

  it("count the deadlines of both groups, in the one table's order", () => {
    const d = (id: Deadline["id"], title: string, status: Deadline["status"], doneDaysLate: number | null) => ({ id, title, actor: "employer" as const, dueDate: "2025-03-03", status, doneDaysLate });
    const first = [d("absence-report", "Fraværsanmeldelse", "done", 0), d("absence-conversation", "Sygefraværssamtale", "done", 3)];
    const second = [d("absence-conversation", "Sygefraværssamtale", "overdue", null), d("absence-conversation", "Sygefraværssamtale", "done", 2), d("refund-request", "Anmodning om refusion", "done", 0)];
    const merged = mergePunctuality([deadlinePunctuality(first, "2025-01-01", "2025-06-18"), deadlinePunctuality(second, "2025-01-01", "2025-06-18")]);
    expect(merged).toEqual(deadlinePunctuality([...first, ...second], "2025-01-01", "2025-06-18"));
    expect(merged.find((r) => r.id === "absence-conversation")).toMatchObject({ onTime: 0, late: 2, overdue: 1 });
  });
});
