/**
 * The statutory deadlines of one sickness absence (Lov om sygedagpenge, SDL).
 *
 * Counting (rules.md "Counting"): F, the first absence day, is day 1.
 * "inden for de første N uger" / "inden udgangen af N. uge" ends on F + 7N − 1;
 * "senest N uger efter første fraværsdag" ends on F + 7N. No deadline in this
 * area is moved for weekends or holidays; the result only says when one falls
 * on such a day.
 */
import {
  addDays,
  addMonths,
  compareIso,
  diffDays,
  formatDanishDate,
  isIsoDate,
  isoWeekday,
  lastDayOfMonth,
  minDate,
  type IsoDate,
} from "./dates";
import { BoundedMemo } from "../../lib/bounded-memo";
import { publicHolidayName } from "./holidays";
import { versionInForce, type RuleSource, type RuleTable } from "./rule-versions";
import { pensionAge, pensionDate, socialChapterExemptFrom, socialChapterStatus, type SocialChapterStatus } from "./pension-age";

export const DEADLINE_IDS = [
  "absence-conversation",
  "absence-report",
  "fast-track-request",
  "first-follow-up",
  "duration-limit-reassessment",
  "refund-request",
] as const;

export type DeadlineId = (typeof DEADLINE_IDS)[number];
export type Actor = "employer" | "municipality" | "employee";

/** Who acts on a deadline, as the pages, e-mails and calendar events say it. */
export const ACTOR_LABELS: Record<Actor, string> = {
  employer: "Arbejdsgiver",
  municipality: "Kommunen",
  employee: "Medarbejderen",
};
export type DeadlineStatus = "done" | "not-applicable" | "overdue" | "due-soon" | "upcoming";
export type PayArrangement = "salary" | "sickness-benefit" | "none";

export interface AbsenceFacts {
  firstAbsenceDay: IsoDate;
  /** What the employer pays during the absence: full salary, sickness benefit, or nothing. */
  pay: PayArrangement;
  expectedOver8Weeks: boolean;
  conversationHeldOn?: IsoDate | null;
  fastTrackRequestedOn?: IsoDate | null;
  fastTrackDeclined?: boolean;
  firstFollowUpHeldOn?: IsoDate | null;
  /** First day back at work; the last absence day is the day before. */
  returnedOn?: IsoDate | null;
  /** An approved § 56 agreement covers this absence. */
  paragraph56?: boolean;
  birthDate?: IsoDate | null;
  socialChapterStartedOn?: IsoDate | null;
  /** The employee is under notice (or on a fixed term) and the employment ends on this day. */
  employmentEndsOn?: IsoDate | null;
  /** Employer and employee both expect the employee back within 26 weeks (lov nr. 1750/2025). */
  expectedBackWithin26Weeks?: boolean;
  /** The day the § 40 report was made in NemRefusion. */
  absenceReportedOn?: IsoDate | null;
  /** The day the § 59 refund request was made in NemRefusion. */
  refundRequestedOn?: IsoDate | null;
}

export interface Deadline {
  id: DeadlineId;
  title: string;
  dueDate: IsoDate;
  actor: Actor;
  basis: string;
  status: DeadlineStatus;
  /** dueDate − asOf in days; negative when overdue. */
  daysLeft: number;
  explanation: string;
  dueDateNote: string | null;
  /** The day the act was recorded as done; null when it is not done. */
  doneOn: IsoDate | null;
  /** Days after the due date the act was done; 0 when on time, null when not done. */
  doneDaysLate: number | null;
  /** The version of the rule the engine used: its days and its source. */
  rule: RuleSource;
}

/** A deadline still to be met: overdue, due soon or upcoming (not done, not applying). */
export function isPending(d: Pick<Deadline, "status">): boolean {
  return d.status === "overdue" || d.status === "due-soon" || d.status === "upcoming";
}

export interface EmployerPeriod {
  start: IsoDate;
  /** null under a § 56 agreement: there is no employer period. */
  end: IsoDate | null;
  refundFrom: IsoDate;
}

export interface DeadlineResult {
  deadlines: Deadline[];
  employerPeriod: EmployerPeriod;
  /** X: the day the absence first exceeds 22 counted weeks (SDL § 24). */
  durationLimitDay: IsoDate;
  pension: { age: number; date: IsoDate; socialChapterExemptFrom: IsoDate } | null;
  socialChapter: SocialChapterStatus | null;
}

// ---------------------------------------------------------------------------
// Fixed parameters (unchanged by any version so far)
// ---------------------------------------------------------------------------

const DAYS_PER_WEEK = 7;

/**
 * Status: 0 to 7 days left is "due soon". The one place the number lives: the deadline rows,
 * the dashboard's reminders, the doctor's deadline and the daily e-mail all read it.
 */
export const DUE_SOON_MAX_DAYS_LEFT = 7;

/** A pending deadline's status by the days left until it (negative: past). */
export function pendingStatus(daysLeft: number): "overdue" | "due-soon" | "upcoming" {
  if (daysLeft < 0) return "overdue";
  if (daysLeft <= DUE_SOON_MAX_DAYS_LEFT) return "due-soon";
  return "upcoming";
}

/** SDL § 30: the employer pays the first 30 calendar days (F … F + 29). */
const EMPLOYER_PERIOD_DAYS = 30;
export const EMPLOYER_PERIOD_BASIS = "Sygedagpengeloven § 30";

/**
 * SDL § 24, stk. 1: the municipality pays at most 22 weeks (the 155th counted day
 * exceeds it). Both versions of the reassessment table share it; a version that
 * changes it must move it into the table's params.
 */
const DURATION_LIMIT_WEEKS = 22;
const DURATION_LIMIT_COUNTED_DAY = DURATION_LIMIT_WEEKS * DAYS_PER_WEEK + 1;

/** The consolidated act the unchanged rules are read from. */
const SDL = "LBK nr. 97 af 29/01/2025";

// ---------------------------------------------------------------------------
// The rule tables: one row per version, with its days and source
// ---------------------------------------------------------------------------

interface ConversationRule {
  title: string;
  basis: string;
  /** "senest 4 uger efter første fraværsdag": F + 28. */
  weeks: number;
  /** "ansatte, der er opsagt og fratræder inden 8 uger efter den 1. sygedag": no conversation. */
  noticeExemptionWeeks: number;
}

export const ABSENCE_CONVERSATION_RULES: RuleTable<ConversationRule> = {
  name: "absence-conversation",
  selectBy: "first-absence-day",
  versions: [
    {
      validFrom: null,
      validTo: null,
      source: `Sygedagpengeloven § 7 a (${SDL})`,
      params: { title: "Sygefraværssamtale", basis: "Sygedagpengeloven § 7 a", weeks: 4, noticeExemptionWeeks: 8 },
    },
  ],
};

interface ReportRule {
  title: string;
  basis: string;
  paragraph56Basis: string;
  /** SDL § 40, stk. 1: salary: "senest 5 uger efter første fraværsdag". */
  salaryWeeks: number;
  /** SDL § 40, stk. 2: sickness benefit: 1 week after the employer period ends. */
  afterEmployerPeriodWeeks: number;
  /** SDL § 40, stk. 3: the employer pays nothing: within 2 weeks of F. */
  noPayWeeks: number;
  /** SDL § 59: under a § 56 agreement an absence of at most 30 days is reported within 3 months of F. */
  paragraph56ShortAbsenceDays: number;
  paragraph56ShortReportMonths: number;
  /** NemRefusion accepts signing the report from about this absence day (practice, not statute). */
  nemRefusionOpensOnDay: number;
}

export const ABSENCE_REPORT_RULES: RuleTable<ReportRule> = {
  name: "absence-report",
  selectBy: "first-absence-day",
  versions: [
    {
      validFrom: null,
      validTo: null,
      source: `Sygedagpengeloven §§ 40 og 59 (${SDL}); NemRefusions åbning omkring 23. fraværsdag er praksis, ikke lov`,
      params: {
        title: "Anmeldelse af sygefravær",
        basis: "Sygedagpengeloven § 40, stk. 1–3",
        paragraph56Basis: "Sygedagpengeloven § 59",
        salaryWeeks: 5,
        afterEmployerPeriodWeeks: 1,
        noPayWeeks: 2,
        paragraph56ShortAbsenceDays: 30,
        paragraph56ShortReportMonths: 3,
        nemRefusionOpensOnDay: 23,
      },
    },
  ],
};

interface FastTrackRule {
  title: string;
  basis: string;
  /** "inden for de første 5 uger": F + 34. */
  windowWeeks: number;
}

export const FAST_TRACK_RULES: RuleTable<FastTrackRule> = {
  name: "fast-track-request",
  selectBy: "first-absence-day",
  versions: [
    {
      validFrom: null,
      validTo: null,
      source: `Sygedagpengeloven § 7 c (${SDL}); BEK nr. 1710 af 2024 § 3`,
      params: { title: "Anmodning om fast track", basis: "Sygedagpengeloven § 7 c", windowWeeks: 5 },
    },
  ],
};

interface FollowUpRule {
  title: string;
  basis: string;
  fastTrackBasis: string;
  /** SDL § 13 b, stk. 1: "inden udgangen af 8. uge". */
  weeks: number;
  /** SDL § 13 b, stk. 2: after a fast-track request, within 2 weeks of the request. */
  fastTrackDays: number;
  /**
   * Lov nr. 1750/2025: an employee in a job whom both parties expect back within
   * 26 weeks is as a rule exempt from municipal follow-up, unless fast track is asked for.
   */
  exemption26Weeks: { basis: string } | null;
}

const FOLLOW_UP_TITLE = "Første opfølgningssamtale i kommunen";

export const FIRST_FOLLOW_UP_RULES: RuleTable<FollowUpRule> = {
  name: "first-follow-up",
  selectBy: "first-absence-day",
  versions: [
    {
      validFrom: null,
      validTo: "2026-06-30",
      source: `Sygedagpengeloven § 13 b, stk. 1–2 (${SDL})`,
      params: {
        title: FOLLOW_UP_TITLE,
        basis: "Sygedagpengeloven § 13 b, stk. 1",
        fastTrackBasis: "Sygedagpengeloven § 13 b, stk. 2",
        weeks: 8,
        fastTrackDays: 14,
        exemption26Weeks: null,
      },
    },
    {
      // Our reading of the reform: it applies to absences whose first day is on or after 1 Jul 2026.
      validFrom: "2026-07-01",
      validTo: null,
      source:
        "Sygedagpengeloven § 13 b som ændret ved lov nr. 1750 af 29/12/2025 (reform af beskæftigelsesindsatsen, i kraft 1. juli 2026); " +
        "undtagelsen ved forventet raskmelding inden 26 uger bygger på lovforslagets bemærkninger (L 66, 2025-26) og ministeriets materiale – den ændrede lovtekst er ikke set",
      params: {
        title: FOLLOW_UP_TITLE,
        basis: "Sygedagpengeloven § 13 b, stk. 1",
        fastTrackBasis: "Sygedagpengeloven § 13 b, stk. 2",
        weeks: 8,
        fastTrackDays: 14,
        exemption26Weeks: { basis: "Sygedagpengeloven, jf. lov nr. 1750 af 29/12/2025" },
      },
    },
  ],
};

interface ReassessmentRule {
  title: string;
  basis: string;
  /** What happens when the sickness benefit cannot be extended at the reassessment. */
  afterReassessment: string;
}

/**
 * Selected by the reassessment's due date, not the first absence day: what follows
 * the reassessment is the law on the day it happens (a jobafklaringsforløb begun
 * before 1 Jan 2027 runs on; from then reduced sickness benefit is paid instead).
 */
export const DURATION_LIMIT_RULES: RuleTable<ReassessmentRule> = {
  name: "duration-limit-reassessment",
  selectBy: "due-date",
  versions: [
    {
      validFrom: null,
      validTo: "2026-12-31",
      source: `Sygedagpengeloven § 24, stk. 1, 3 og 4, og § 24 a (${SDL})`,
      params: {
        title: "Revurdering før varighedsbegrænsningen",
        basis: "Sygedagpengeloven § 24",
        afterReassessment: "kan sygedagpengene ikke forlænges, har medarbejderen ret til et jobafklaringsforløb",
      },
    },
    {
      validFrom: "2027-01-01",
      validTo: null,
      source:
        `Sygedagpengeloven § 24, stk. 1, 3 og 4 (${SDL}); planlagt fra 1. januar 2027 efter Aftale om reform af beskæftigelsesindsatsen (april 2025): ` +
        "jobafklaringsforløbet afskaffes, og der udbetales nedsatte sygedagpenge – bygger på sekundære kilder, lovteksten er ikke set",
      params: {
        title: "Revurdering før varighedsbegrænsningen",
        basis: "Sygedagpengeloven § 24",
        afterReassessment: "kan sygedagpengene ikke forlænges, fortsætter de med nedsat sats, fordi jobafklaringsforløbet er afskaffet",
      },
    },
  ],
};

interface RefundRule {
  title: string;
  basis: string;
  /** SDL § 59, stk. 2 and 5: claimed within 3 months of its start, then every 3 months. */
  months: number;
}

export const REFUND_REQUEST_RULES: RuleTable<RefundRule> = {
  name: "refund-request",
  selectBy: "first-absence-day",
  versions: [
    {
      validFrom: null,
      validTo: null,
      source: `Sygedagpengeloven §§ 54–56 og 59, stk. 2 og 5 (${SDL})`,
      params: { title: "Anmodning om refusion", basis: "Sygedagpengeloven § 59, stk. 2 og 5", months: 3 },
    },
  ],
};

/** Every rule table, for the checks that no table leaves a day uncovered. */
export const RULE_TABLES: readonly RuleTable<unknown>[] = [
  ABSENCE_CONVERSATION_RULES,
  ABSENCE_REPORT_RULES,
  FAST_TRACK_RULES,
  FIRST_FOLLOW_UP_RULES,
  DURATION_LIMIT_RULES,
  REFUND_REQUEST_RULES,
];

// ---------------------------------------------------------------------------
// Counting helpers
// ---------------------------------------------------------------------------

/** "inden for de første N uger" / "inden udgangen af N. uge": F + 7N − 1. */
function endOfWeek(firstAbsenceDay: IsoDate, weeks: number): IsoDate {
  return addDays(firstAbsenceDay, weeks * DAYS_PER_WEEK - 1);
}

/** "senest N uger efter": X + 7N. */
function weeksAfter(day: IsoDate, weeks: number): IsoDate {
  return addDays(day, weeks * DAYS_PER_WEEK);
}

function isOnOrBefore(a: IsoDate, b: IsoDate): boolean {
  return compareIso(a, b) <= 0;
}

/** True when the employee is back on or before `day`. */
function returnedBy(returnedOn: IsoDate | null, day: IsoDate): boolean {
  return returnedOn !== null && isOnOrBefore(returnedOn, day);
}

export function employerPeriod(firstAbsenceDay: IsoDate, paragraph56: boolean): EmployerPeriod {
  // SDL § 56: under an agreement the employer is reimbursed from the first absence day.
  if (paragraph56) return { start: firstAbsenceDay, end: null, refundFrom: firstAbsenceDay };
  return {
    start: firstAbsenceDay,
    end: addDays(firstAbsenceDay, EMPLOYER_PERIOD_DAYS - 1),
    refundFrom: addDays(firstAbsenceDay, EMPLOYER_PERIOD_DAYS),
  };
}

/**
 * The last day fast track can be asked for (SDL § 7 c, "inden for de første 5
 * uger": F + 34). The one place the window is computed: the deadline row and
 * every form that takes a request read it.
 */
export function fastTrackLastDay(firstAbsenceDay: IsoDate): IsoDate {
  return endOfWeek(firstAbsenceDay, versionInForce(FAST_TRACK_RULES, firstAbsenceDay).params.windowWeeks);
}

/** SDL § 24 leaves out søgnehelligdage that fall on a weekday. */
function countsTowardsDurationLimit(day: IsoDate): boolean {
  return isoWeekday(day) >= 6 || publicHolidayName(day) === null;
}

/**
 * X of SDL § 24: the 155th counted day from `countFrom` on (`countFrom` is the
 * first counted day). Only this one absence is counted; earlier absences in
 * the 9 preceding calendar months are not modelled.
 */
// X depends on the count start only; a bounded memo keeps dashboards with many absences cheap.
const DURATION_LIMIT_MEMO_SIZE = 20_000;
const durationLimitMemo = new BoundedMemo<IsoDate, IsoDate>(DURATION_LIMIT_MEMO_SIZE);

export function durationLimitDay(countFrom: IsoDate): IsoDate {
  return durationLimitMemo.getOrCompute(countFrom, countDurationLimitDay);
}

function countDurationLimitDay(countFrom: IsoDate): IsoDate {
  let day = countFrom;
  let counted = countsTowardsDurationLimit(day) ? 1 : 0;
  while (counted < DURATION_LIMIT_COUNTED_DAY) {
    day = addDays(day, 1);
    if (countsTowardsDurationLimit(day)) counted += 1;
  }
  return day;
}

function dueDateNote(dueDate: IsoDate): string | null {
  const holiday = publicHolidayName(dueDate);
  if (holiday !== null) return `Fristen falder på en helligdag (${holiday})`;
  const weekday = isoWeekday(dueDate);
  if (weekday === 6) return "Fristen falder på en lørdag";
  if (weekday === 7) return "Fristen falder på en søndag";
  return null;
}

function statusOf(done: boolean, notApplicable: boolean, daysLeft: number): DeadlineStatus {
  if (done) return "done";
  if (notApplicable) return "not-applicable";
  return pendingStatus(daysLeft);
}

// ---------------------------------------------------------------------------
// The rules, one function per deadline; each reads the version in force
// ---------------------------------------------------------------------------

interface Context {
  readonly f: IsoDate;
  readonly pay: PayArrangement;
  readonly expectedOver8Weeks: boolean;
  readonly conversationHeldOn: IsoDate | null;
  readonly fastTrackRequestedOn: IsoDate | null;
  readonly fastTrackDeclined: boolean;
  readonly firstFollowUpHeldOn: IsoDate | null;
  readonly returnedOn: IsoDate | null;
  readonly paragraph56: boolean;
  readonly employmentEndsOn: IsoDate | null;
  readonly expectedBackWithin26Weeks: boolean;
  readonly absenceReportedOn: IsoDate | null;
  readonly refundRequestedOn: IsoDate | null;
  readonly employerPeriod: EmployerPeriod;
  readonly durationLimitDay: IsoDate;
  /** Back at work on or before F + 30: the absence lasted at most 30 days. */
  readonly endedWithin30Days: boolean;
}

interface DeadlineDraft {
  readonly id: DeadlineId;
  readonly title: string;
  readonly actor: Actor;
  readonly basis: string;
  readonly dueDate: IsoDate;
  readonly explanation: string;
  /** The day the act was recorded, or null. */
  readonly doneOn: IsoDate | null;
  readonly notApplicable: boolean;
  readonly rule: RuleSource;
}

function sourceOf(v: RuleSource): RuleSource {
  return { validFrom: v.validFrom, validTo: v.validTo, source: v.source };
}

function absenceConversation(c: Context): DeadlineDraft {
  const v = versionInForce(ABSENCE_CONVERSATION_RULES, c.f);
  const p = v.params;
  const dueDate = weeksAfter(c.f, p.weeks);
  const noticeLimit = endOfWeek(c.f, p.noticeExemptionWeeks);
  const leavesInTime = c.employmentEndsOn !== null && isOnOrBefore(c.employmentEndsOn, noticeLimit);
  const base = {
    id: "absence-conversation",
    title: p.title,
    actor: "employer",
    basis: p.basis,
    dueDate,
    doneOn: c.conversationHeldOn,
    rule: sourceOf(v),
  } as const;
  if (leavesInTime) {
    return {
      ...base,
      explanation:
        `Ingen samtale, fordi medarbejderen er opsagt og fratræder ${formatDanishDate(c.employmentEndsOn!)}, ` +
        `inden ${p.noticeExemptionWeeks} uger efter første fraværsdag (senest ${formatDanishDate(noticeLimit)})`,
      notApplicable: true,
    };
  }
  return { ...base, explanation: `Senest ${p.weeks} uger efter første fraværsdag`, notApplicable: returnedBy(c.returnedOn, dueDate) };
}

function absenceReport(c: Context): DeadlineDraft {
  const v = versionInForce(ABSENCE_REPORT_RULES, c.f);
  const p = v.params;
  const opensOn = addDays(c.f, p.nemRefusionOpensOnDay - 1);
  const nemRefusion = `; NemRefusion tager imod anmeldelsen fra ca. ${p.nemRefusionOpensOnDay}. fraværsdag (${formatDanishDate(opensOn)}, praksis)`;
  const base = { id: "absence-report", title: p.title, actor: "employer", doneOn: c.absenceReportedOn, rule: sourceOf(v) } as const;

  if (c.paragraph56) {
    // SDL § 59: never n/a — every absence under the agreement must be reported to get reimbursement.
    const longDue = weeksAfter(c.f, p.salaryWeeks);
    const shortDue = addMonths(c.f, p.paragraph56ShortReportMonths);
    const shortLimit = addDays(c.f, p.paragraph56ShortAbsenceDays);
    const common = { ...base, basis: p.paragraph56Basis, notApplicable: false };
    if (c.returnedOn === null) {
      // Still open: the earlier date is the safe one until the length is known.
      return {
        ...common,
        dueDate: longDue,
        explanation:
          `§ 56-aftale: senest ${p.salaryWeeks} uger efter første fraværsdag, ` +
          `men vender medarbejderen tilbage senest ${formatDanishDate(shortLimit)}, ` +
          `bliver fristen ${p.paragraph56ShortReportMonths} måneder efter første fraværsdag${nemRefusion}`,
      };
    }
    return c.endedWithin30Days
      ? {
          ...common,
          dueDate: shortDue,
          explanation:
            `§ 56-aftale og fraværet varede højst ${p.paragraph56ShortAbsenceDays} dage: ` +
            `senest ${p.paragraph56ShortReportMonths} måneder efter første fraværsdag${nemRefusion}`,
        }
      : {
          ...common,
          dueDate: longDue,
          explanation:
            `§ 56-aftale og fraværet varede mere end ${p.paragraph56ShortAbsenceDays} dage: ` +
            `senest ${p.salaryWeeks} uger efter første fraværsdag${nemRefusion}`,
        };
  }

  // SDL § 40: an absence that ended within the employer period is not reported to the municipality.
  const common = { ...base, basis: p.basis, notApplicable: c.endedWithin30Days };
  switch (c.pay) {
    case "salary":
      return {
        ...common,
        dueDate: weeksAfter(c.f, p.salaryWeeks),
        explanation: `Senest ${p.salaryWeeks} uger efter første fraværsdag, fordi arbejdsgiveren betaler løn under fraværet${nemRefusion}`,
      };
    case "sickness-benefit": {
      const employerPeriodEnd = addDays(c.f, EMPLOYER_PERIOD_DAYS - 1);
      return {
        ...common,
        dueDate: weeksAfter(employerPeriodEnd, p.afterEmployerPeriodWeeks),
        explanation: `Senest ${p.afterEmployerPeriodWeeks} uge efter, at arbejdsgiverperioden slutter den ${formatDanishDate(employerPeriodEnd)}${nemRefusion}`,
      };
    }
    case "none":
      return {
        ...common,
        dueDate: weeksAfter(c.f, p.noPayWeeks),
        explanation: `Senest ${p.noPayWeeks} uger efter første fraværsdag, fordi arbejdsgiveren ikke betaler under fraværet${nemRefusion}`,
      };
  }
}

function fastTrackRequest(c: Context): DeadlineDraft {
  const v = versionInForce(FAST_TRACK_RULES, c.f);
  return {
    id: "fast-track-request",
    title: v.params.title,
    actor: "employer",
    basis: v.params.basis,
    dueDate: fastTrackLastDay(c.f),
    explanation: `Senest ved udgangen af ${v.params.windowWeeks}. uge efter første fraværsdag, og kun når fraværet ventes at vare mere end 8 uger`,
    doneOn: c.fastTrackRequestedOn,
    notApplicable: !c.expectedOver8Weeks,
    rule: sourceOf(v),
  };
}

/**
 * The due date of the first follow-up alone (the jobcenter inbox sorts by it
 * without computing every deadline): end of week 8, or 2 weeks after a fast-track
 * request when that comes first and the employee has not declined (SDL §§ 7 c, 13 b).
 */
export function firstFollowUpDueDate(facts: Pick<AbsenceFacts, "firstAbsenceDay" | "fastTrackRequestedOn" | "fastTrackDeclined">): IsoDate {
  const p = versionInForce(FIRST_FOLLOW_UP_RULES, facts.firstAbsenceDay).params;
  const normalDue = endOfWeek(facts.firstAbsenceDay, p.weeks);
  const requestedOn = facts.fastTrackRequestedOn ?? null;
  if (requestedOn === null || facts.fastTrackDeclined) return normalDue;
  return minDate(addDays(requestedOn, p.fastTrackDays), normalDue);
}

/**
 * Why no fastholdelsesplan can be made for an absence (SDL § 7 b): it exists only when the
 * employee is not expected back within 8 weeks. Null when one can.
 */
export function fastholdelsesplanRefusal(absence: { expectedOver8Weeks: boolean }): string | null {
  return absence.expectedOver8Weeks
    ? null
    : "En fastholdelsesplan kan kun laves, når medarbejderen ikke forventes tilbage inden for 8 uger (sygedagpengeloven § 7 b). Ret forventningen på fraværet først.";
}

/**
 * The fastholdelsesplan's target (SDL § 7 b): the plan is brought to the first
 * follow-up, so its date is the first follow-up's due date. When no follow-up is
 * due (the 2026 exemption, or the employee is back) there is no statutory date:
 * null, and the UI says so rather than showing a date nobody must meet.
 */
export function fastholdelsesplanTargetDate(result: Pick<DeadlineResult, "deadlines">): IsoDate | null {
  const followUp = result.deadlines.find((d) => d.id === "first-follow-up");
  if (!followUp || followUp.status === "not-applicable") return null;
  return followUp.dueDate;
}

function firstFollowUp(c: Context): DeadlineDraft {
  const v = versionInForce(FIRST_FOLLOW_UP_RULES, c.f);
  const p = v.params;
  const normalDue = endOfWeek(c.f, p.weeks);
  const normalText = `Senest ved udgangen af ${p.weeks}. uge efter første fraværsdag`;
  let dueDate = normalDue;
  let basis = p.basis;
  let explanation = normalText;

  const requestedOn = c.fastTrackRequestedOn;
  if (requestedOn !== null && c.fastTrackDeclined) {
    // SDL §§ 7 c and 13 b: the employee may decline fast track; the ordinary 8-week deadline then applies.
    explanation = `Medarbejderen har afslået fast track, så den almindelige frist gælder: senest ved udgangen af ${p.weeks}. uge efter første fraværsdag`;
  } else if (requestedOn !== null) {
    const fastTrackDue = addDays(requestedOn, p.fastTrackDays);
    dueDate = minDate(fastTrackDue, normalDue);
    if (compareIso(fastTrackDue, normalDue) < 0) {
      basis = p.fastTrackBasis;
      explanation = `Rykket frem til senest 2 uger efter anmodningen om fast track den ${formatDanishDate(requestedOn)}, fordi fast track fremskynder den første opfølgning`;
    } else {
      explanation = `${normalText}, som kommer før 2 uger efter anmodningen om fast track den ${formatDanishDate(requestedOn)}`;
    }
  }

  let exempt = false;
  if (c.expectedBackWithin26Weeks) {
    const exemption = p.exemption26Weeks;
    if (exemption === null) {
      const next = FIRST_FOLLOW_UP_RULES.versions.find((x) => x.params.exemption26Weeks !== null && x.validFrom !== null);
      if (next) explanation += `; undtagelsen ved forventet raskmelding inden 26 uger gælder først for fravær fra ${formatDanishDate(next.validFrom!)}`;
    } else if (requestedOn !== null) {
      explanation += "; undtagelsen ved forventet raskmelding inden 26 uger gælder ikke, fordi der er anmodet om fast track";
    } else {
      exempt = true;
      basis = exemption.basis;
      explanation =
        "Kommunen skal som udgangspunkt ikke følge op, fordi arbejdsgiver og medarbejder begge forventer raskmelding inden 26 uger, " +
        "og der ikke er anmodet om fast track (reformen af beskæftigelsesindsatsen)";
    }
  }

  return {
    id: "first-follow-up",
    title: p.title,
    actor: "municipality",
    basis,
    dueDate,
    explanation,
    doneOn: c.firstFollowUpHeldOn,
    notApplicable: exempt || returnedBy(c.returnedOn, dueDate),
    rule: sourceOf(v),
  };
}

function durationLimitReassessment(c: Context): DeadlineDraft {
  const dueDate = lastDayOfMonth(c.durationLimitDay);
  const v = versionInForce(DURATION_LIMIT_RULES, dueDate);
  return {
    id: "duration-limit-reassessment",
    title: v.params.title,
    actor: "municipality",
    basis: v.params.basis,
    dueDate,
    explanation:
      `Sidste dag i den måned, hvor fraværet overskrider ${DURATION_LIMIT_WEEKS} uger den ${formatDanishDate(c.durationLimitDay)}, ` +
      `talt fra 31. fraværsdag uden helligdage på hverdage; tidligere fravær i de seneste 9 kalendermåneder er ikke medregnet; ` +
      v.params.afterReassessment,
    doneOn: null,
    notApplicable: returnedBy(c.returnedOn, c.durationLimitDay),
    rule: sourceOf(v),
  };
}

function refundRequest(c: Context): DeadlineDraft | null {
  // SDL §§ 54–56, 59: an employer paying salary is reimbursed after the employer
  // period; under a § 56 agreement also an employer paying sickness benefit, from day 1.
  const reimbursed = c.pay === "salary" || (c.paragraph56 && c.pay === "sickness-benefit");
  if (!reimbursed) return null;
  const v = versionInForce(REFUND_REQUEST_RULES, c.f);
  const p = v.params;
  const { refundFrom } = c.employerPeriod;
  const start = c.paragraph56
    ? "første fraværsdag, fordi § 56-aftalen giver refusion fra første dag"
    : `31. fraværsdag (${formatDanishDate(refundFrom)}), hvor refusionen begynder`;
  return {
    id: "refund-request",
    title: p.title,
    actor: "employer",
    basis: p.basis,
    dueDate: addMonths(refundFrom, p.months),
    explanation: `Senest ${p.months} måneder efter ${start}; derefter hver ${p.months}. måned i NemRefusion`,
    doneOn: c.refundRequestedOn,
    notApplicable: !c.paragraph56 && c.endedWithin30Days,
    rule: sourceOf(v),
  };
}

const RULES: Readonly<Record<DeadlineId, (c: Context) => DeadlineDraft | null>> = {
  "absence-conversation": absenceConversation,
  "absence-report": absenceReport,
  "fast-track-request": fastTrackRequest,
  "first-follow-up": firstFollowUp,
  "duration-limit-reassessment": durationLimitReassessment,
  "refund-request": refundRequest,
};

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

function assertDate(name: string, value: IsoDate | null | undefined): void {
  if (value !== null && value !== undefined && !isIsoDate(value)) {
    throw new RangeError(`${name} is not a valid ISO calendar date: "${value}"`);
  }
}

// Most explanations are the same few sentences (a rule's wording with its weeks, or with a day
// that many absences share), but each result builds its own copy out of pieces. A result kept in
// the memo of results (app/models/deadline-memo.server.ts) then holds a tree of string pieces per
// deadline for the garbage collector to mark again and again. A bounded pool hands out one copy
// of each sentence; a sentence not in it is kept as the first copy seen.
const SHARED_TEXT_POOL_SIZE = 4_000;
const sharedTexts = new BoundedMemo<string, string>(SHARED_TEXT_POOL_SIZE);
function sharedText(text: string): string {
  return sharedTexts.getOrCompute(text, identity);
}
function identity(text: string): string {
  return text;
}

function finish(draft: DeadlineDraft, asOf: IsoDate): Deadline {
  const daysLeft = diffDays(asOf, draft.dueDate);
  const done = draft.doneOn !== null;
  return {
    id: draft.id,
    title: draft.title,
    dueDate: draft.dueDate,
    actor: draft.actor,
    basis: draft.basis,
    status: statusOf(done, draft.notApplicable, daysLeft),
    daysLeft,
    explanation: sharedText(draft.explanation),
    dueDateNote: dueDateNote(draft.dueDate),
    doneOn: draft.doneOn,
    doneDaysLate: done ? Math.max(0, diffDays(draft.dueDate, draft.doneOn!)) : null,
    rule: draft.rule,
  };
}

export type EmployerDeadlineDraft = Pick<DeadlineDraft, "id" | "title" | "dueDate" | "doneOn" | "notApplicable">;

function ruleContext(facts: AbsenceFacts): Context {
  const f = facts.firstAbsenceDay;
  const paragraph56 = facts.paragraph56 ?? false;
  const returnedOn = facts.returnedOn ?? null;
  const period = employerPeriod(f, paragraph56);

  return {
    f,
    pay: facts.pay,
    expectedOver8Weeks: facts.expectedOver8Weeks,
    conversationHeldOn: facts.conversationHeldOn ?? null,
    fastTrackRequestedOn: facts.fastTrackRequestedOn ?? null,
    fastTrackDeclined: facts.fastTrackDeclined ?? false,
    firstFollowUpHeldOn: facts.firstFollowUpHeldOn ?? null,
    returnedOn,
    paragraph56,
    employmentEndsOn: facts.employmentEndsOn ?? null,
    expectedBackWithin26Weeks: facts.expectedBackWithin26Weeks ?? false,
    absenceReportedOn: facts.absenceReportedOn ?? null,
    refundRequestedOn: facts.refundRequestedOn ?? null,
    employerPeriod: period,
    // SDL § 24, stk. 3: the first 30 calendar days of an absence never count, also
    // under a § 56 agreement where the employer is reimbursed for them: from F + 30.
    durationLimitDay: durationLimitDay(addDays(f, EMPLOYER_PERIOD_DAYS)),
    endedWithin30Days: returnedBy(returnedOn, addDays(f, EMPLOYER_PERIOD_DAYS)),
  };
}

/**
 * The employer's deadlines for the facts alone, without a day: each one's due date, done date
 * and whether it applies, as computeDeadlines finds them (the rules never read the day; only a
 * pending deadline's status does). For counting over tens of thousands of absences: no status,
 * no pension age, no check of the dates, which come valid from the database.
 */
export function employerDeadlineDrafts(facts: AbsenceFacts): EmployerDeadlineDraft[] {
  const context = ruleContext(facts);
  const drafts: EmployerDeadlineDraft[] = [];
  for (const id of DEADLINE_IDS) {
    const draft = RULES[id](context);
    if (draft !== null && draft.actor === "employer") drafts.push({ id: draft.id, title: draft.title, dueDate: draft.dueDate, doneOn: draft.doneOn, notApplicable: draft.notApplicable });
  }
  return drafts;
}

export function computeDeadlines(facts: AbsenceFacts, asOf: IsoDate): DeadlineResult {
  assertDate("asOf", asOf);
  if (!isIsoDate(facts.firstAbsenceDay)) {
    throw new RangeError(`firstAbsenceDay is not a valid ISO calendar date: "${facts.firstAbsenceDay}"`);
  }
  assertDate("conversationHeldOn", facts.conversationHeldOn);
  assertDate("fastTrackRequestedOn", facts.fastTrackRequestedOn);
  assertDate("firstFollowUpHeldOn", facts.firstFollowUpHeldOn);
  assertDate("returnedOn", facts.returnedOn);
  assertDate("birthDate", facts.birthDate);
  assertDate("socialChapterStartedOn", facts.socialChapterStartedOn);
  assertDate("employmentEndsOn", facts.employmentEndsOn);
  assertDate("absenceReportedOn", facts.absenceReportedOn);
  assertDate("refundRequestedOn", facts.refundRequestedOn);

  const context = ruleContext(facts);
  const period = context.employerPeriod;

  const deadlines = DEADLINE_IDS.flatMap((id) => {
    const draft = RULES[id](context);
    return draft === null ? [] : [finish(draft, asOf)];
  });

  const birthDate = facts.birthDate ?? null;
  const pension =
    birthDate === null
      ? null
      : {
          age: pensionAge(birthDate).age,
          date: pensionDate(birthDate),
          socialChapterExemptFrom: socialChapterExemptFrom(birthDate),
        };

  const socialChapterStartedOn = facts.socialChapterStartedOn ?? null;
  const socialChapter =
    socialChapterStartedOn === null ? null : socialChapterStatus({ startedOn: socialChapterStartedOn, birthDate, asOf });

  return { deadlines, employerPeriod: period, durationLimitDay: context.durationLimitDay, pension, socialChapter };
}
