/**
 * The company's absence statistics: figures for the company and its departments,
 * never a score per person. The one list of people (frequent absence) exists only
 * when the company's administrator has set its own policy, and only on this page.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { getDb } from "~db/client.server";
import { absences, companies, departments, employees, paragraph56Agreements } from "~db/schema";
import {
  deadlinePunctuality,
  frequentAbsenceCounts,
  lengthCounts,
  LENGTH_BUCKETS,
  monthlyFigures,
  openLongAbsenceCount,
  promptWindowStart,
  statisticsMonths,
  type AbsencePromptPolicy,
  type LengthBucketId,
  type MonthFigures,
  type PunctualityRow,
  type StatisticsPeriod,
} from "~/domain/absence-statistics";
import { addMonths, type IsoDate } from "~/domain/dates";
import { computeDeadlines, type Deadline } from "~/domain/deadlines";
import { isActiveOn } from "~/domain/paragraph56";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { recordAudit } from "./audit.server";
import { companyDataVersion, versionedCache } from "./data-versions.server";
import { ForbiddenError, NotFoundError } from "~/utils/errors.server";
import type { EmployerUser } from "./user.server";

export interface Department {
  id: number;
  name: string;
}

export function companyDepartments(companyId: number): Department[] {
  return getDb()
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.companyId, companyId))
    .orderBy(asc(departments.name))
    .all();
}

/** The department a filter names, when it is the company's own; a foreign or unknown id is a 404, not an empty page. */
function requireDepartment(companyId: number, departmentId: number | null): Department | null {
  if (departmentId === null) return null;
  const row = getDb()
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.companyId, companyId)))
    .get();
  if (!row) throw new NotFoundError("Afdelingen findes ikke.");
  return row;
}

export interface MonthRow {
  month: string;
  from: IsoDate;
  to: IsoDate;
  absenceDays: number;
  contractDays: number;
  /** Percent with one decimal; null when nobody was employed in the month. */
  absenceRate: number | null;
}

export interface CompanyStatistics {
  period: StatisticsPeriod;
  from: IsoDate;
  asOf: IsoDate;
  department: Department | null;
  employeeCount: number;
  months: MonthRow[];
  lengths: Array<{ id: LengthBucketId; label: string; count: number }>;
  openLongAbsences: number;
  punctuality: PunctualityRow[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function toMonthRow(m: MonthFigures): MonthRow {
  return {
    month: m.month,
    from: m.from,
    to: m.to,
    absenceDays: round1(m.absenceDays),
    contractDays: Math.round(m.contractDays),
    absenceRate: m.absenceRate === null ? null : round1(m.absenceRate),
  };
}

/** A deadline due in the period can belong to an absence that began this long before it (a refund request, a late report). */
const DEADLINE_LOOKBACK_MONTHS = 6;

function compute(companyId: number, period: StatisticsPeriod, department: Department | null, asOf: IsoDate): CompanyStatistics {
  const months = statisticsMonths(asOf, period);
  const from = months[0]!.from;
  const db = getDb();
  const inDepartment = department ? eq(employees.departmentId, department.id) : undefined;
  const staff = db
    .select({
      id: employees.id,
      weeklyHours: employees.weeklyHours,
      employmentStartDate: employees.employmentStartDate,
      employmentEndDate: employees.employmentEndDate,
    })
    .from(employees)
    .where(and(eq(employees.companyId, companyId), inDepartment, or(isNull(employees.employmentEndDate), gte(employees.employmentEndDate, from)), lte(employees.employmentStartDate, asOf)))
    .all();
  const lookbackFrom = addMonths(from, -DEADLINE_LOOKBACK_MONTHS);
  const rows = db
    .select({ employeeId: absences.employeeId, extent: absences.extent, ...factColumns, ...employeeFactColumns })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(
      and(
        eq(absences.companyId, companyId),
        inDepartment,
        lte(absences.firstAbsenceDay, asOf),
        or(isNull(absences.returnedOn), sql`${absences.returnedOn} > ${lookbackFrom}`),
      ),
    )
    .all();

  // Computing every absence's deadlines costs about 0.2 ms each, seconds for a large employer's
  // hundred thousand absences. Only two kinds of absence can add to the table: one with an act
  // recorded (on time or late is read from its done dates), and an open one (its overdue
  // deadlines are still actionable). A closed absence with nothing recorded adds nothing.
  const deadlines: Array<Pick<Deadline, "id" | "title" | "actor" | "dueDate" | "status" | "doneDaysLate">> = [];
  for (const r of rows) {
    const open = r.returnedOn === null || r.returnedOn > asOf;
    const recorded = r.conversationHeldOn !== null || r.absenceReportedOn !== null || r.refundRequestedOn !== null || r.fastTrackRequestedOn !== null;
    if (!open && !recorded) continue;
    for (const d of computeDeadlines(factsOf(r, r), asOf).deadlines) {
      if (d.status === "overdue" && !open) continue;
      deadlines.push(d);
    }
  }
  const counts = lengthCounts(rows, from, asOf);
  return {
    period,
    from,
    asOf,
    department,
    employeeCount: staff.filter((e) => e.employmentEndDate === null || e.employmentEndDate >= asOf).length,
    months: monthlyFigures(staff, rows, months).map(toMonthRow),
    lengths: LENGTH_BUCKETS.map((b) => ({ id: b.id, label: b.label, count: counts[b.id] })),
    openLongAbsences: openLongAbsenceCount(rows, asOf),
    punctuality: deadlinePunctuality(deadlines, from, asOf),
  };
}

// The figures change only with the company's data (its data version, bumped by triggers on every
// write to absences and employees) and the day; a large employer's page is then computed once a day
// and after each change, not on every request.
const statisticsCache = versionedCache<CompanyStatistics>(64);

export function companyStatistics(input: { companyId: number; period: StatisticsPeriod; departmentId: number | null; asOf: IsoDate }): CompanyStatistics {
  const department = requireDepartment(input.companyId, input.departmentId);
  const version = String(companyDataVersion(input.companyId));
  const key = `${input.companyId}|${input.period}|${department?.id ?? "alle"}|${input.asOf}`;
  return statisticsCache.get(key, version, () => compute(input.companyId, input.period, department, input.asOf));
}

// ---------------------------------------------------------------------------
// The opt-in list: the company's own policy
// ---------------------------------------------------------------------------

export function absencePromptPolicy(companyId: number): AbsencePromptPolicy | null {
  const row = getDb()
    .select({ minPeriods: companies.absencePromptMinPeriods, months: companies.absencePromptMonths })
    .from(companies)
    .where(eq(companies.id, companyId))
    .get();
  return row && row.minPeriods !== null && row.months !== null ? { minPeriods: row.minPeriods, months: row.months } : null;
}

/** Only the company's administrator sets the policy; null turns the list off. */
export function setAbsencePromptPolicy(input: { user: EmployerUser; policy: AbsencePromptPolicy | null }): void {
  if (!input.user.isAdmin) throw new ForbiddenError("Kun virksomhedens administrator kan ændre listen over hyppigt fravær.");
  const companyId = input.user.company.id;
  getDb().transaction((tx) => {
    tx.update(companies)
      .set({ absencePromptMinPeriods: input.policy?.minPeriods ?? null, absencePromptMonths: input.policy?.months ?? null })
      .where(eq(companies.id, companyId))
      .run();
    recordAudit(tx, {
      userId: input.user.id,
      action: "company.absence-prompt-policy",
      entityType: "company",
      entityId: companyId,
      details: input.policy ? { minPeriods: input.policy.minPeriods, months: input.policy.months } : { off: true },
    });
  });
}

export interface FrequentAbsenceRow {
  employeeId: number;
  name: string;
  department: string | null;
  periods: number;
  /** Shown only when the list includes employees with an approved § 56 agreement. */
  paragraph56: boolean;
}

export interface FrequentAbsenceList {
  policy: AbsencePromptPolicy;
  windowFrom: IsoDate;
  includeParagraph56: boolean;
  /** How many were left out because of an approved § 56 agreement (0 when they are included). */
  leftOutForParagraph56: number;
  rows: FrequentAbsenceRow[];
}

/**
 * The employees the company's policy asks HR to offer a supportive conversation, or null
 * when the policy is off. Current employees only; an approved § 56 agreement leaves the
 * employee out unless asked for, since those absences are what the agreement is for.
 */
export function frequentAbsenceList(input: { companyId: number; asOf: IsoDate; includeParagraph56: boolean; departmentId: number | null }): FrequentAbsenceList | null {
  const policy = absencePromptPolicy(input.companyId);
  if (!policy) return null;
  const department = requireDepartment(input.companyId, input.departmentId);
  const windowFrom = promptWindowStart(policy, input.asOf);
  const db = getDb();
  const current = and(eq(employees.companyId, input.companyId), or(isNull(employees.employmentEndDate), gte(employees.employmentEndDate, input.asOf)));
  const rows = db
    .select({ employeeId: absences.employeeId, firstAbsenceDay: absences.firstAbsenceDay, returnedOn: absences.returnedOn, extent: absences.extent })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(
      and(
        eq(absences.companyId, input.companyId),
        current,
        department ? eq(employees.departmentId, department.id) : undefined,
        lte(absences.firstAbsenceDay, input.asOf),
        or(isNull(absences.returnedOn), sql`${absences.returnedOn} > ${windowFrom}`),
      ),
    )
    .all();
  const counts = frequentAbsenceCounts(rows, policy, input.asOf);
  if (counts.size === 0) return { policy, windowFrom, includeParagraph56: input.includeParagraph56, leftOutForParagraph56: 0, rows: [] };
  const ids = [...counts.keys()];
  const people = db
    .select({ id: employees.id, name: employees.name, department: departments.name })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .where(and(eq(employees.companyId, input.companyId), inArray(employees.id, ids)))
    .all();
  const agreements = db
    .select({ employeeId: paragraph56Agreements.employeeId, approvedOn: paragraph56Agreements.approvedOn, validUntil: paragraph56Agreements.validUntil })
    .from(paragraph56Agreements)
    .where(and(eq(paragraph56Agreements.companyId, input.companyId), inArray(paragraph56Agreements.employeeId, ids)))
    .all();
  const withAgreement = new Set(agreements.filter((a) => isActiveOn(a, input.asOf)).map((a) => a.employeeId));
  const all = people
    .map((p) => ({ employeeId: p.id, name: p.name, department: p.department, periods: counts.get(p.id)!, paragraph56: withAgreement.has(p.id) }))
    .sort((a, b) => b.periods - a.periods || a.name.localeCompare(b.name, "da"));
  const shown = input.includeParagraph56 ? all : all.filter((r) => !r.paragraph56);
  return { policy, windowFrom, includeParagraph56: input.includeParagraph56, leftOutForParagraph56: all.length - shown.length, rows: shown };
}
