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
import { publicHolidayName } from "./holidays";
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
// Rule parameters and their legal basis
// ---------------------------------------------------------------------------

const DAYS_PER_WEEK = 7;

/** Status: 0 to 7 days left is "due soon". */
const DUE_SOON_MAX_DAYS_LEFT = 7;

/** SDL § 30: the employer pays the first 30 calendar days (F … F + 29). */
const EMPLOYER_PERIOD_DAYS = 30;
export const EMPLOYER_PERIOD_BASIS = "Sygedagpengeloven § 30";

/** SDL § 7 a: the employer holds the conversation "senest 4 uger efter første fraværsdag". */
const ABSENCE_CONVERSATION_WEEKS = 4;
const ABSENCE_CONVERSATION_BASIS = "Sygedagpengeloven § 7 a";

/** SDL § 40: report "senest 5 uger efter første fraværsdag" when the employer pays salary. */
const ABSENCE_REPORT_SALARY_WEEKS = 5;
/** SDL § 40: with sickness benefit, report 1 week after the employer period ends. */
const ABSENCE_REPORT_AFTER_EMPLOYER_PERIOD_WEEKS = 1;
/** SDL § 40: when the employer pays nothing, report within 2 weeks of F. */
const ABSENCE_REPORT_NO_PAY_WEEKS = 2;
const ABSENCE_REPORT_BASIS = "Sygedagpengeloven § 40, stk. 1–3";

/** SDL § 59: an absence under a § 56 agreement of at most 30 days is reported within 3 months of F. */
const PARAGRAPH_56_SHORT_ABSENCE_DAYS = 30;
const PARAGRAPH_56_SHORT_REPORT_MONTHS = 3;
const PARAGRAPH_56_REPORT_BASIS = "Sygedagpengeloven § 59";

/** SDL § 7 c: fast track can be asked for "inden for de første 5 uger". */
const FAST_TRACK_WINDOW_WEEKS = 5;
const FAST_TRACK_BASIS = "Sygedagpengeloven § 7 c";

/** SDL § 13 b, stk. 1: first follow-up "inden udgangen af 8. uge". */
const FIRST_FOLLOW_UP_WEEKS = 8;
const FIRST_FOLLOW_UP_BASIS = "Sygedagpengeloven § 13 b, stk. 1";
/** SDL § 13 b, stk. 2: after a fast-track request, follow-up within 2 weeks of the request. */
const FAST_TRACK_FOLLOW_UP_DAYS = 14;
const FAST_TRACK_FOLLOW_UP_BASIS = "Sygedagpengeloven § 13 b, stk. 2";

/** SDL § 24: the municipality pays at most 22 weeks (the 155th counted day exceeds it). */
const DURATION_LIMIT_WEEKS = 22;
const DURATION_LIMIT_COUNTED_DAY = DURATION_LIMIT_WEEKS * DAYS_PER_WEEK + 1;
const DURATION_LIMIT_BASIS = "Sygedagpengeloven § 24";

/** SDL § 59, stk. 2 and 5: reimbursement is claimed within 3 months of its start, then every 3 months. */
const REFUND_REQUEST_MONTHS = 3;
const REFUND_REQUEST_BASIS = "Sygedagpengeloven § 59, stk. 2 og 5";

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
const durationLimitMemo = new Map<IsoDate, IsoDate>();
const DURATION_LIMIT_MEMO_SIZE = 20_000;

export function durationLimitDay(countFrom: IsoDate): IsoDate {
  const known = durationLimitMemo.get(countFrom);
  if (known !== undefined) return known;
  const x = countDurationLimitDay(countFrom);
  if (durationLimitMemo.size >= DURATION_LIMIT_MEMO_SIZE) durationLimitMemo.clear();
  durationLimitMemo.set(countFrom, x);
  return x;
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
  if (daysLeft < 0) return "overdue";
  if (daysLeft <= DUE_SOON_MAX_DAYS_LEFT) return "due-soon";
  return "upcoming";
}

// ---------------------------------------------------------------------------
// The rules, one function per deadline
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
  readonly done: boolean;
  readonly notApplicable: boolean;
}

function absenceConversation(c: Context): DeadlineDraft {
  const dueDate = weeksAfter(c.f, ABSENCE_CONVERSATION_WEEKS);
  return {
    id: "absence-conversation",
    title: "Sygefraværssamtale",
    actor: "employer",
    basis: ABSENCE_CONVERSATION_BASIS,
    dueDate,
    explanation: `Senest ${ABSENCE_CONVERSATION_WEEKS} uger efter første fraværsdag`,
    done: c.conversationHeldOn !== null,
    notApplicable: returnedBy(c.returnedOn, dueDate),
  };
}

function absenceReport(c: Context): DeadlineDraft {
  const base = { id: "absence-report", title: "Anmeldelse af sygefravær", actor: "employer", done: false } as const;

  if (c.paragraph56) {
    // SDL § 59: never n/a — every absence under the agreement must be reported to get reimbursement.
    const longDue = weeksAfter(c.f, ABSENCE_REPORT_SALARY_WEEKS);
    const shortDue = addMonths(c.f, PARAGRAPH_56_SHORT_REPORT_MONTHS);
    const shortLimit = addDays(c.f, PARAGRAPH_56_SHORT_ABSENCE_DAYS);
    const common = { ...base, basis: PARAGRAPH_56_REPORT_BASIS, notApplicable: false };
    if (c.returnedOn === null) {
      // Still open: the earlier date is the safe one until the length is known.
      return {
        ...common,
        dueDate: longDue,
        explanation:
          `§ 56-aftale: senest ${ABSENCE_REPORT_SALARY_WEEKS} uger efter første fraværsdag, ` +
          `men vender medarbejderen tilbage senest ${formatDanishDate(shortLimit)}, ` +
          `bliver fristen ${PARAGRAPH_56_SHORT_REPORT_MONTHS} måneder efter første fraværsdag`,
      };
    }
    return c.endedWithin30Days
      ? {
          ...common,
          dueDate: shortDue,
          explanation:
            `§ 56-aftale og fraværet varede højst ${PARAGRAPH_56_SHORT_ABSENCE_DAYS} dage: ` +
            `senest ${PARAGRAPH_56_SHORT_REPORT_MONTHS} måneder efter første fraværsdag`,
        }
      : {
          ...common,
          dueDate: longDue,
          explanation:
            `§ 56-aftale og fraværet varede mere end ${PARAGRAPH_56_SHORT_ABSENCE_DAYS} dage: ` +
            `senest ${ABSENCE_REPORT_SALARY_WEEKS} uger efter første fraværsdag`,
        };
  }

  // SDL § 40: an absence that ended within the employer period is not reported to the municipality.
  const common = { ...base, basis: ABSENCE_REPORT_BASIS, notApplicable: c.endedWithin30Days };
  switch (c.pay) {
    case "salary":
      return {
        ...common,
        dueDate: weeksAfter(c.f, ABSENCE_REPORT_SALARY_WEEKS),
        explanation: `Senest ${ABSENCE_REPORT_SALARY_WEEKS} uger efter første fraværsdag, fordi arbejdsgiveren betaler løn under fraværet`,
      };
    case "sickness-benefit": {
      const employerPeriodEnd = addDays(c.f, EMPLOYER_PERIOD_DAYS - 1);
      return {
        ...common,
        dueDate: weeksAfter(employerPeriodEnd, ABSENCE_REPORT_AFTER_EMPLOYER_PERIOD_WEEKS),
        explanation: `Senest ${ABSENCE_REPORT_AFTER_EMPLOYER_PERIOD_WEEKS} uge efter, at arbejdsgiverperioden slutter den ${formatDanishDate(employerPeriodEnd)}`,
      };
    }
    case "none":
      return {
        ...common,
        dueDate: weeksAfter(c.f, ABSENCE_REPORT_NO_PAY_WEEKS),
        explanation: `Senest ${ABSENCE_REPORT_NO_PAY_WEEKS} uger efter første fraværsdag, fordi arbejdsgiveren ikke betaler under fraværet`,
      };
  }
}

function fastTrackRequest(c: Context): DeadlineDraft {
  return {
    id: "fast-track-request",
    title: "Anmodning om fast track",
    actor: "employer",
    basis: FAST_TRACK_BASIS,
    dueDate: endOfWeek(c.f, FAST_TRACK_WINDOW_WEEKS),
    explanation: `Senest ved udgangen af ${FAST_TRACK_WINDOW_WEEKS}. uge efter første fraværsdag, og kun når fraværet ventes at vare mere end 8 uger`,
    done: c.fastTrackRequestedOn !== null,
    notApplicable: !c.expectedOver8Weeks,
  };
}

/**
 * The due date of the first follow-up alone (the jobcenter inbox sorts by it
 * without computing every deadline): end of week 8, or 2 weeks after a fast-track
 * request when that comes first and the employee has not declined (SDL §§ 7 c, 13 b).
 */
export function firstFollowUpDueDate(facts: Pick<AbsenceFacts, "firstAbsenceDay" | "fastTrackRequestedOn" | "fastTrackDeclined">): IsoDate {
  const normalDue = endOfWeek(facts.firstAbsenceDay, FIRST_FOLLOW_UP_WEEKS);
  const requestedOn = facts.fastTrackRequestedOn ?? null;
  if (requestedOn === null || facts.fastTrackDeclined) return normalDue;
  return minDate(addDays(requestedOn, FAST_TRACK_FOLLOW_UP_DAYS), normalDue);
}

function firstFollowUp(c: Context): DeadlineDraft {
  const normalDue = endOfWeek(c.f, FIRST_FOLLOW_UP_WEEKS);
  const normalText = `Senest ved udgangen af ${FIRST_FOLLOW_UP_WEEKS}. uge efter første fraværsdag`;
  let dueDate = normalDue;
  let basis = FIRST_FOLLOW_UP_BASIS;
  let explanation = normalText;

  const requestedOn = c.fastTrackRequestedOn;
  if (requestedOn !== null && c.fastTrackDeclined) {
    // SDL §§ 7 c and 13 b: the employee may decline fast track; the ordinary 8-week deadline then applies.
    explanation = `Medarbejderen har afslået fast track, så den almindelige frist gælder: senest ved udgangen af ${FIRST_FOLLOW_UP_WEEKS}. uge efter første fraværsdag`;
  } else if (requestedOn !== null) {
    const fastTrackDue = addDays(requestedOn, FAST_TRACK_FOLLOW_UP_DAYS);
    dueDate = minDate(fastTrackDue, normalDue);
    if (compareIso(fastTrackDue, normalDue) < 0) {
      basis = FAST_TRACK_FOLLOW_UP_BASIS;
      explanation = `Rykket frem til senest 2 uger efter anmodningen om fast track den ${formatDanishDate(requestedOn)}, fordi fast track fremskynder den første opfølgning`;
    } else {
      explanation = `${normalText}, som kommer før 2 uger efter anmodningen om fast track den ${formatDanishDate(requestedOn)}`;
    }
  }

  return {
    id: "first-follow-up",
    title: "Første opfølgningssamtale i jobcentret",
    actor: "municipality",
    basis,
    dueDate,
    explanation,
    done: c.firstFollowUpHeldOn !== null,
    notApplicable: returnedBy(c.returnedOn, dueDate),
  };
}

function durationLimitReassessment(c: Context): DeadlineDraft {
  const countedFrom = c.paragraph56 ? "første fraværsdag (§ 56-aftale)" : "31. fraværsdag";
  return {
    id: "duration-limit-reassessment",
    title: "Revurdering før varighedsbegrænsningen",
    actor: "municipality",
    basis: DURATION_LIMIT_BASIS,
    dueDate: lastDayOfMonth(c.durationLimitDay),
    explanation:
      `Sidste dag i den måned, hvor fraværet overskrider ${DURATION_LIMIT_WEEKS} uger den ${formatDanishDate(c.durationLimitDay)}, ` +
      `talt fra ${countedFrom} uden helligdage på hverdage; tidligere fravær i de seneste 9 kalendermåneder er ikke medregnet`,
    done: false,
    notApplicable: returnedBy(c.returnedOn, c.durationLimitDay),
  };
}

function refundRequest(c: Context): DeadlineDraft | null {
  // Only an employer paying salary has reimbursement to claim (SDL § 59, stk. 2).
  if (c.pay !== "salary") return null;
  const { refundFrom } = c.employerPeriod;
  const start = c.paragraph56
    ? "første fraværsdag, fordi § 56-aftalen giver refusion fra første dag"
    : `31. fraværsdag (${formatDanishDate(refundFrom)}), hvor refusionen begynder`;
  return {
    id: "refund-request",
    title: "Anmodning om refusion",
    actor: "employer",
    basis: REFUND_REQUEST_BASIS,
    dueDate: addMonths(refundFrom, REFUND_REQUEST_MONTHS),
    explanation: `Senest ${REFUND_REQUEST_MONTHS} måneder efter ${start}; derefter hver ${REFUND_REQUEST_MONTHS}. måned`,
    done: false,
    notApplicable: !c.paragraph56 && c.endedWithin30Days,
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

function finish(draft: DeadlineDraft, asOf: IsoDate): Deadline {
  const daysLeft = diffDays(asOf, draft.dueDate);
  return {
    id: draft.id,
    title: draft.title,
    dueDate: draft.dueDate,
    actor: draft.actor,
    basis: draft.basis,
    status: statusOf(draft.done, draft.notApplicable, daysLeft),
    daysLeft,
    explanation: draft.explanation,
    dueDateNote: dueDateNote(draft.dueDate),
  };
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

  const f = facts.firstAbsenceDay;
  const paragraph56 = facts.paragraph56 ?? false;
  const returnedOn = facts.returnedOn ?? null;
  const period = employerPeriod(f, paragraph56);

  const context: Context = {
    f,
    pay: facts.pay,
    expectedOver8Weeks: facts.expectedOver8Weeks,
    conversationHeldOn: facts.conversationHeldOn ?? null,
    fastTrackRequestedOn: facts.fastTrackRequestedOn ?? null,
    fastTrackDeclined: facts.fastTrackDeclined ?? false,
    firstFollowUpHeldOn: facts.firstFollowUpHeldOn ?? null,
    returnedOn,
    paragraph56,
    employerPeriod: period,
    // SDL § 24 counts only the days the municipality reimburses: from F + 30
    // normally, from F under a § 56 agreement (reimbursement from day 1).
    durationLimitDay: durationLimitDay(period.refundFrom),
    endedWithin30Days: returnedBy(returnedOn, addDays(f, EMPLOYER_PERIOD_DAYS)),
  };

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
