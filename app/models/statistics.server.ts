/**
 * The company's absence statistics: figures for the company and its departments,
 * never a score per person. The one list of people (frequent absence) exists only
 * when the company's administrator has set its own policy, and only on this page.
 */
import { and, asc, between, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { getDb, one, preparedQuery, rowValues, runTx } from "~db/client.server";
import { absences, companies, departments, employees, paragraph56Agreements, statisticsBlockVersions } from "~db/schema";
import {
  deadlinePunctuality,
  deadlinesOn,
  punctualityOutcomes,
  frequentAbsenceCounts,
  lengthCounts,
  LENGTH_BUCKETS,
  mergePunctuality,
  monthlyFigures,
  openLongAbsenceCount,
  promptWindowStart,
  statisticsMonths,
  sumMonthlyFigures,
  type AbsencePromptPolicy,
  type LengthBucketId,
  type MonthFigures,
  type PunctualityOutcome,
  type PunctualityRow,
  type StatAbsence,
  type StatEmployee,
  type StatMonth,
  type StatisticsPeriod,
} from "~/domain/absence-statistics";
import { addMonths, type IsoDate } from "~/domain/dates";
import { employerDeadlineDrafts, type AbsenceFacts, type Deadline } from "~/domain/deadlines";
import { isActiveOn } from "~/domain/paragraph56";
import { employeeFactColumns, factColumns, factsOf } from "./absence-facts.server";
import { recordAudit } from "./audit.server";
import { companyDataVersion, versionedCache } from "./data-versions.server";
import { ForbiddenError, NotFoundError } from "~/utils/errors.server";
import type { EmployerUser } from "./user.server";
import { BoundedMemo } from "../../lib/bounded-memo";

export interface Department {
  id: number;
  name: string;
}

export async function companyDepartments(companyId: number): Promise<Department[]> {
  return await getDb()
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(eq(departments.companyId, companyId))
    .orderBy(asc(departments.name));
}

/** The department a filter names, when it is the company's own; a foreign or unknown id is a 404, not an empty page. */
async function requireDepartment(companyId: number, departmentId: number | null): Promise<Department | null> {
  if (departmentId === null) return null;
  const row = await one(getDb()
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.id, departmentId), eq(departments.companyId, companyId))).limit(1));
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

// Each absence's punctuality outcomes depend on its facts only (absence-statistics.ts), so they
// are kept per absence while its facts are unchanged: after a write to one case the page
// recomputes the deadlines of that case, not of the company's tens of thousands. The key holds
// every fact computeDeadlines reads; a changed fact is a new key and the entry is replaced.
// About 300 bytes an entry: 40,000 cover the largest employer's 24 months (23,000 absences)
// beside other companies' pages.
const OUTCOME_MEMO_SIZE = 40_000;
const outcomeMemo = new BoundedMemo<number, { facts: string; outcomes: readonly PunctualityOutcome[] }>(OUTCOME_MEMO_SIZE, "least-recently-used");

/** The outcomes of one absence's deadlines, computed again only when one of its facts changed. */
function outcomesOf(absenceId: number, facts: AbsenceFacts): readonly PunctualityOutcome[] {
  // Every fact in a fixed order (factsOf builds them so): a fact added there is in the key too.
  const key = Object.values(facts).join("|");
  const known = outcomeMemo.get(absenceId);
  if (known && known.facts === key) return known.outcomes;
  const outcomes = punctualityOutcomes(employerDeadlineDrafts(facts));
  outcomeMemo.set(absenceId, { facts: key, outcomes });
  return outcomes;
}

/**
 * The statistics are counted per block of 1,024 consecutive employee ids: every figure is a sum
 * over employees (an employee's overlapping absences are counted together, and all of one
 * employee's absences are in the employee's block), so the company's figures are the blocks'
 * figures added up. Triggers (migration 0032) bump a block's version with every write to its
 * employees and their absences; after a write the page recomputes the blocks that changed,
 * usually one, instead of the whole company.
 */
export const STATISTICS_BLOCK_BITS = 10;

interface BlockFigures {
  months: MonthFigures[];
  lengths: Record<LengthBucketId, number>;
  openLongAbsences: number;
  punctuality: PunctualityRow[];
  employeeCount: number;
}

interface Scope {
  companyId: number;
  department: Department | null;
  months: StatMonth[];
  from: IsoDate;
  asOf: IsoDate;
}

/** Employee ids [lo, hi] of the blocks asked for; null: the whole company. */
type IdRange = { lo: number; hi: number } | null;

const blockOf = (employeeId: number) => employeeId >> STATISTICS_BLOCK_BITS;

/** The figures of the blocks in the range (every block of the company when null), by block; a block without employees or absences is left out. */
async function computeBlocks(scope: Scope, range: IdRange): Promise<Map<number, BlockFigures>> {
  const { companyId, department, months, from, asOf } = scope;
  const db = getDb();
  // Raw rows (rowValues) turned into objects here: drizzle's generic row mapping cost more than the
  // query for a large employer's 50,000 employees and 50,000 absences.
  const staff: StatEmployee[] = (
    await rowValues<[number, number, IsoDate, IsoDate | null]>(
    db
      .select({ id: employees.id, weeklyHours: employees.weeklyHours, employmentStartDate: employees.employmentStartDate, employmentEndDate: employees.employmentEndDate })
      .from(employees)
      .where(
        and(
          eq(employees.companyId, companyId),
          range ? between(employees.id, range.lo, range.hi) : undefined,
          department ? eq(employees.departmentId, department.id) : undefined,
          or(isNull(employees.employmentEndDate), gte(employees.employmentEndDate, from)),
          lte(employees.employmentStartDate, asOf),
        ),
      )
      .orderBy(asc(employees.id)))
  ).map(([id, weeklyHours, employmentStartDate, employmentEndDate]) => ({ id, weeklyHours, employmentStartDate, employmentEndDate }));
  const lookbackFrom = addMonths(from, -DEADLINE_LOOKBACK_MONTHS);
  const inPeriod = and(
    eq(absences.companyId, companyId),
    range ? between(absences.employeeId, range.lo, range.hi) : undefined,
    // Every employee of the department, also those who have left: their absences in the period count by length.
    department ? inArray(absences.employeeId, db.select({ id: employees.id }).from(employees).where(eq(employees.departmentId, department.id))) : undefined,
    lte(absences.firstAbsenceDay, asOf),
    or(isNull(absences.returnedOn), sql`${absences.returnedOn} > ${lookbackFrom}`),
  );
  // The counting columns only (the ones the page counts), in the order
  // monthlyFigures counts an employee's overlapping absences in (first day, then id).
  const periods: StatAbsence[] = (
    await rowValues<[number, IsoDate, IsoDate | null, StatAbsence["extent"]]>(
    db
      .select({ employeeId: absences.employeeId, firstAbsenceDay: absences.firstAbsenceDay, returnedOn: absences.returnedOn, extent: absences.extent })
      .from(absences)
      .where(inPeriod)
      .orderBy(asc(absences.employeeId), asc(absences.firstAbsenceDay), asc(absences.id)))
  ).map(([employeeId, firstAbsenceDay, returnedOn, extent]) => ({ employeeId, firstAbsenceDay, returnedOn, extent }));
  // Only two kinds of absence can add to the punctuality table: one with an act recorded (on
  // time or late is read from its done dates), and an open one (its overdue deadlines are still
  // actionable). A closed absence with nothing recorded adds nothing.
  const deadlineRows = await db
    .select({ id: absences.id, employeeId: absences.employeeId, ...factColumns, ...employeeFactColumns })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(
      and(
        inPeriod,
        or(
          isNull(absences.returnedOn),
          sql`${absences.returnedOn} > ${asOf}`,
          isNotNull(absences.conversationHeldOn),
          isNotNull(absences.absenceReportedOn),
          isNotNull(absences.refundRequestedOn),
          isNotNull(absences.fastTrackRequestedOn),
        ),
      ),
    );

  const byBlock = new Map<number, { staff: StatEmployee[]; periods: StatAbsence[]; deadlines: Array<Pick<Deadline, "id" | "title" | "actor" | "dueDate" | "status" | "doneDaysLate">> }>();
  const groupOf = (employeeId: number) => {
    const block = blockOf(employeeId);
    let group = byBlock.get(block);
    if (!group) byBlock.set(block, (group = { staff: [], periods: [], deadlines: [] }));
    return group;
  };
  for (const e of staff) groupOf(e.id).staff.push(e);
  for (const a of periods) groupOf(a.employeeId).periods.push(a);
  for (const r of deadlineRows) {
    const open = r.returnedOn === null || r.returnedOn > asOf;
    const group = groupOf(r.employeeId);
    for (const d of deadlinesOn(outcomesOf(r.id, factsOf(r, r)), asOf, open)) group.deadlines.push(d);
  }
  const blocks = new Map<number, BlockFigures>();
  for (const [block, group] of byBlock) {
    blocks.set(block, {
      months: monthlyFigures(group.staff, group.periods, months),
      lengths: lengthCounts(group.periods, from, asOf),
      openLongAbsences: openLongAbsenceCount(group.periods, asOf),
      punctuality: deadlinePunctuality(group.deadlines, from, asOf),
      employeeCount: group.staff.filter((e) => e.employmentEndDate === null || e.employmentEndDate >= asOf).length,
    });
  }
  return blocks;
}

function assemble(scope: Scope, period: StatisticsPeriod, blocks: Map<number, BlockFigures>): CompanyStatistics {
  // In block order, so the same blocks always add up to the same figures.
  const parts = [...blocks.entries()].sort((a, b) => a[0] - b[0]).map(([, figures]) => figures);
  const lengths: Record<LengthBucketId, number> = { "1-3": 0, "4-14": 0, "15-30": 0, "over-30": 0 };
  for (const p of parts) for (const b of LENGTH_BUCKETS) lengths[b.id] += p.lengths[b.id];
  return {
    period,
    from: scope.from,
    asOf: scope.asOf,
    department: scope.department,
    employeeCount: parts.reduce((n, p) => n + p.employeeCount, 0),
    months: sumMonthlyFigures(
      parts.map((p) => p.months),
      scope.months,
    ).map(toMonthRow),
    lengths: LENGTH_BUCKETS.map((b) => ({ id: b.id, label: b.label, count: lengths[b.id] })),
    openLongAbsences: parts.reduce((n, p) => n + p.openLongAbsences, 0),
    punctuality: mergePunctuality(parts.map((p) => p.punctuality)),
  };
}

const blockVersionsQuery = preparedQuery("block_versions", (db) =>
  db
    .select({ block: statisticsBlockVersions.block, version: statisticsBlockVersions.version })
    .from(statisticsBlockVersions)
    .where(eq(statisticsBlockVersions.companyId, sql.placeholder("companyId")))
    .prepare(),
);

async function blockVersions(companyId: number): Promise<Map<number, number>> {
  return new Map((await blockVersionsQuery().execute({ companyId })).map((r) => [r.block, r.version]));
}

/** More changed blocks than this since the last computation: the whole company is read again in one pass. */
const MAX_BLOCKS_RECOMPUTED = 8;

interface StatisticsEntry {
  dataVersion: number;
  blockVersions: Map<number, number>;
  blocks: Map<number, BlockFigures>;
  value: CompanyStatistics;
}

// Per company, period, department and day, least recently used out first. An entry is valid while
// the company's data version is unchanged; when it changed, only the blocks whose version changed
// are computed again (a write to a § 56 agreement or a document changes none). The versions are
// read before the data, so a write in between leaves the entry stale, never wrong.
const statisticsCache = new BoundedMemo<string, StatisticsEntry>(64, "least-recently-used");

export async function companyStatistics(input: { companyId: number; period: StatisticsPeriod; departmentId: number | null; asOf: IsoDate }): Promise<CompanyStatistics> {
  const department = await requireDepartment(input.companyId, input.departmentId);
  const key = `${input.companyId}|${input.period}|${department?.id ?? "alle"}|${input.asOf}`;
  const dataVersion = await companyDataVersion(input.companyId);
  const entry = statisticsCache.get(key);
  if (entry && entry.dataVersion === dataVersion) return entry.value;
  const versions = await blockVersions(input.companyId);
  const months = statisticsMonths(input.asOf, input.period);
  const scope: Scope = { companyId: input.companyId, department, months, from: months[0]!.from, asOf: input.asOf };
  let blocks: Map<number, BlockFigures>;
  const changed = entry ? [...new Set([...versions.keys(), ...entry.blockVersions.keys()])].filter((b) => versions.get(b) !== entry.blockVersions.get(b)) : null;
  if (entry && changed && changed.length <= MAX_BLOCKS_RECOMPUTED) {
    blocks = new Map(entry.blocks);
    for (const block of changed) {
      const lo = block << STATISTICS_BLOCK_BITS;
      const fresh = await computeBlocks(scope, { lo, hi: lo + (1 << STATISTICS_BLOCK_BITS) - 1 });
      const figures = fresh.get(block);
      if (figures) blocks.set(block, figures);
      else blocks.delete(block);
    }
  } else {
    blocks = await computeBlocks(scope, null);
  }
  const value = changed && changed.length === 0 && entry ? entry.value : assemble(scope, input.period, blocks);
  statisticsCache.set(key, { dataVersion, blockVersions: versions, blocks, value });
  return value;
}

// ---------------------------------------------------------------------------
// The opt-in list: the company's own policy
// ---------------------------------------------------------------------------

export async function absencePromptPolicy(companyId: number): Promise<AbsencePromptPolicy | null> {
  const row = await one(getDb()
    .select({ minPeriods: companies.absencePromptMinPeriods, months: companies.absencePromptMonths })
    .from(companies)
    .where(eq(companies.id, companyId)).limit(1));
  return row && row.minPeriods !== null && row.months !== null ? { minPeriods: row.minPeriods, months: row.months } : null;
}

/** Only the company's administrator sets the policy; null turns the list off. */
export async function setAbsencePromptPolicy(input: { user: EmployerUser; policy: AbsencePromptPolicy | null }): Promise<void> {
  if (!input.user.isAdmin) throw new ForbiddenError("Kun virksomhedens administrator kan ændre listen over hyppigt fravær.");
  const companyId = input.user.company.id;
  await runTx(async (tx) => {
    await tx.update(companies)
      .set({ absencePromptMinPeriods: input.policy?.minPeriods ?? null, absencePromptMonths: input.policy?.months ?? null })
      .where(eq(companies.id, companyId));
    await recordAudit(tx, {
      userId: input.user.id,
      action: "company.absence-prompt-policy",
      entityType: "company",
      entityId: companyId,
      details: input.policy ? { minPeriods: input.policy.minPeriods, months: input.policy.months } : { off: true },
    });
  });
}

// The periods per employee, kept per company data version (absences, employees and § 56 agreements
// bump it); the names, departments and agreements of the few employees listed are read each time.
const frequentCountsCache = versionedCache<ReadonlyMap<number, number>>(64);

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
export async function frequentAbsenceList(input: { companyId: number; asOf: IsoDate; includeParagraph56: boolean; departmentId: number | null }): Promise<FrequentAbsenceList | null> {
  const policy = await absencePromptPolicy(input.companyId);
  if (!policy) return null;
  const department = await requireDepartment(input.companyId, input.departmentId);
  const windowFrom = promptWindowStart(policy, input.asOf);
  const db = getDb();
  const counts = await frequentCountsCache.get(
    `${input.companyId}|${input.asOf}|${department?.id ?? "alle"}|${policy.minPeriods}|${policy.months}`,
    String(await companyDataVersion(input.companyId)),
    async () => {
      const current = and(eq(employees.companyId, input.companyId), or(isNull(employees.employmentEndDate), gte(employees.employmentEndDate, input.asOf)));
      const rows = await db
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
        );
      return frequentAbsenceCounts(rows, policy, input.asOf);
    },
  );
  if (counts.size === 0) return { policy, windowFrom, includeParagraph56: input.includeParagraph56, leftOutForParagraph56: 0, rows: [] };
  const ids = [...counts.keys()];
  const people = await db
    .select({ id: employees.id, name: employees.name, department: departments.name })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .where(and(eq(employees.companyId, input.companyId), inArray(employees.id, ids)));
  const agreements = await db
    .select({ employeeId: paragraph56Agreements.employeeId, approvedOn: paragraph56Agreements.approvedOn, validUntil: paragraph56Agreements.validUntil })
    .from(paragraph56Agreements)
    .where(and(eq(paragraph56Agreements.companyId, input.companyId), inArray(paragraph56Agreements.employeeId, ids)));
  const withAgreement = new Set(agreements.filter((a) => isActiveOn(a, input.asOf)).map((a) => a.employeeId));
  const all = people
    .map((p) => ({ employeeId: p.id, name: p.name, department: p.department, periods: counts.get(p.id)!, paragraph56: withAgreement.has(p.id) }))
    .sort((a, b) => b.periods - a.periods || a.name.localeCompare(b.name, "da"));
  const shown = input.includeParagraph56 ? all : all.filter((r) => !r.paragraph56);
  return { policy, windowFrom, includeParagraph56: input.includeParagraph56, leftOutForParagraph56: all.length - shown.length, rows: shown };
}
