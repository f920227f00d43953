/**
 * The statistics page counts a company in blocks of employees, keeps each absence's deadline
 * outcomes while its facts are unchanged, and after a write recomputes only the blocks whose
 * version the triggers bumped. Whatever the path, the figures must be exactly those of the
 * straightforward computation: every absence and employee read at once, every absence's
 * deadlines computed for the day, the counting rules of app/domain applied to all of them.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getReadSqlite, getSqlite, migrateEngine } from "~db/client.server";
import {
  deadlinePunctuality,
  frequentAbsenceCounts,
  lengthCounts,
  LENGTH_BUCKETS,
  monthlyFigures,
  openLongAbsenceCount,
  statisticsMonths,
  type StatAbsence,
  type StatEmployee,
  type StatisticsPeriod,
} from "~/domain/absence-statistics";
import { addDays, addMonths, type IsoDate } from "~/domain/dates";
import { computeDeadlines, type Deadline } from "~/domain/deadlines";
import { companyStatistics, frequentAbsenceList, STATISTICS_BLOCK_BITS, type CompanyStatistics } from "~/models/statistics.server";

const asOf = "2026-11-24";
let companyId = 0;
let otherCompanyId = 0;
const departmentIds: number[] = [];
const employeeIds: number[] = [];

/** A small deterministic generator, so a failure can be reproduced. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

interface EmployeeRow {
  id: number;
  weekly_hours: number;
  employment_start_date: IsoDate;
  employment_end_date: IsoDate | null;
  department_id: number | null;
  birth_date: IsoDate;
}
interface AbsenceRow {
  id: number;
  employee_id: number;
  first_absence_day: IsoDate;
  extent: "full" | "partial";
  pay: "salary" | "sickness-benefit" | "none";
  expected_over_8_weeks: number;
  conversation_held_on: IsoDate | null;
  fast_track_requested_on: IsoDate | null;
  fast_track_declined: number;
  first_follow_up_held_on: IsoDate | null;
  returned_on: IsoDate | null;
  paragraph_56: number;
  expected_back_within_26_weeks: number;
  absence_reported_on: IsoDate | null;
  refund_requested_on: IsoDate | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The straightforward computation: all of the company's rows, every absence's deadlines, the domain's rules. */
function straightforward(period: StatisticsPeriod, departmentId: number | null, day: IsoDate = asOf) {
  const db = getSqlite();
  const months = statisticsMonths(day, period);
  const from = months[0]!.from;
  const people = (db.prepare("select id, weekly_hours, employment_start_date, employment_end_date, department_id, birth_date from employees where company_id = ? order by id").all(companyId) as EmployeeRow[]).filter(
    (e) => departmentId === null || e.department_id === departmentId,
  );
  const byId = new Map(people.map((e) => [e.id, e]));
  const staff: StatEmployee[] = people
    .filter((e) => (e.employment_end_date === null || e.employment_end_date >= from) && e.employment_start_date <= day)
    .map((e) => ({ id: e.id, weeklyHours: e.weekly_hours, employmentStartDate: e.employment_start_date, employmentEndDate: e.employment_end_date }));
  const rows = (db.prepare("select * from absences where company_id = ? order by employee_id, first_absence_day, id").all(companyId) as AbsenceRow[]).filter(
    (a) => byId.has(a.employee_id) && a.first_absence_day <= day,
  );
  // Every absence that can still matter: open, or back after the six months before the period.
  const inPeriod = rows.filter((a) => a.returned_on === null || a.returned_on > addMonths(from, -6));
  const periods: StatAbsence[] = inPeriod.map((a) => ({ employeeId: a.employee_id, firstAbsenceDay: a.first_absence_day, returnedOn: a.returned_on, extent: a.extent }));
  const deadlines: Deadline[] = [];
  for (const a of inPeriod) {
    const open = a.returned_on === null || a.returned_on > day;
    const employee = byId.get(a.employee_id)!;
    const result = computeDeadlines(
      {
        firstAbsenceDay: a.first_absence_day,
        pay: a.pay,
        expectedOver8Weeks: a.expected_over_8_weeks === 1,
        conversationHeldOn: a.conversation_held_on,
        fastTrackRequestedOn: a.fast_track_requested_on,
        fastTrackDeclined: a.fast_track_declined === 1,
        firstFollowUpHeldOn: a.first_follow_up_held_on,
        returnedOn: a.returned_on,
        paragraph56: a.paragraph_56 === 1,
        expectedBackWithin26Weeks: a.expected_back_within_26_weeks === 1,
        absenceReportedOn: a.absence_reported_on,
        refundRequestedOn: a.refund_requested_on,
        birthDate: employee.birth_date,
        employmentEndsOn: employee.employment_end_date,
      },
      day,
    );
    for (const d of result.deadlines) if (!(d.status === "overdue" && !open)) deadlines.push(d);
  }
  const counts = lengthCounts(periods, from, day);
  return {
    employeeCount: staff.filter((e) => e.employmentEndDate === null || e.employmentEndDate >= day).length,
    months: monthlyFigures(staff, periods, months).map((m) => ({
      month: m.month,
      from: m.from,
      to: m.to,
      absenceDays: round1(m.absenceDays),
      contractDays: Math.round(m.contractDays),
      absenceRate: m.absenceRate === null ? null : round1(m.absenceRate),
    })),
    lengths: LENGTH_BUCKETS.map((b) => ({ id: b.id, label: b.label, count: counts[b.id] })),
    openLongAbsences: openLongAbsenceCount(periods, day),
    punctuality: deadlinePunctuality(deadlines, from, day),
  };
}

function figures(stats: CompanyStatistics) {
  return { employeeCount: stats.employeeCount, months: stats.months, lengths: stats.lengths, openLongAbsences: stats.openLongAbsences, punctuality: stats.punctuality };
}

async function expectSameAsStraightforward(label: string, day: IsoDate = asOf) {
  for (const period of [12, 24] as const) {
    for (const departmentId of [null, ...departmentIds]) {
      const fast = figures(await companyStatistics({ companyId, period, departmentId, asOf: day }));
      expect(fast, `${label}: ${period} months, department ${departmentId ?? "all"}, ${day}`).toEqual(straightforward(period, departmentId, day));
    }
  }
}

/** The SQL statements the function runs, with their parameters. */
async function statementsOf(run: () => unknown): Promise<Array<{ sql: string; params: unknown[] }>> {
  // The model's reads run on the read handle.
  const sqlite = getReadSqlite();
  const original = sqlite.prepare;
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  sqlite.prepare = ((source: string) => {
    const statement = original.call(sqlite, source);
    const watched: typeof statement = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (typeof value !== "function") return value;
        // raw() and the like return the statement itself: keep watching it.
        if (!["all", "get", "run", "iterate"].includes(String(property)))
          return (...args: unknown[]) => {
            const result = value.apply(target, args);
            return result === target ? watched : result;
          };
        return (...params: unknown[]) => {
          seen.push({ sql: source, params });
          return value.apply(target, params);
        };
      },
    });
    return watched;
  }) as typeof sqlite.prepare;
  try {
    await run();
  } finally {
    sqlite.prepare = original;
  }
  return seen;
}

function blockVersion(block: number): number {
  const row = getSqlite().prepare("select version from statistics_block_versions where company_id = ? and block = ?").get(companyId, block) as { version: number } | undefined;
  return row?.version ?? 0;
}

beforeAll(async () => {
  await migrateEngine();
  const db = getSqlite();
  companyId = Number(db.prepare("insert into companies (name, cvr) values ('Statistik Generator A/S', '29403473')").run().lastInsertRowid);
  otherCompanyId = Number(db.prepare("insert into companies (name, cvr) values ('Nabo ApS', '10150817')").run().lastInsertRowid);
  for (const name of ["Lager", "Kontor", "Værksted"]) departmentIds.push(Number(db.prepare("insert into departments (company_id, name) values (?, ?)").run(companyId, name).lastInsertRowid));
  const next = random(26);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const insertEmployee = db.prepare(
    "insert into employees (id, company_id, name, birth_date, municipality_code, employment_start_date, employment_end_date, job_title, weekly_hours, department_id) values (?, ?, ?, ?, 101, ?, ?, 'Medarbejder', ?, ?)",
  );
  const insertAbsence = db.prepare(
    `insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, conversation_held_on, fast_track_requested_on,
       returned_on, paragraph_56, absence_reported_on, refund_requested_on, expected_back_within_26_weeks)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    // 600 employees with ids spread over several blocks (from 5,000 on, a few ids apart), as a
    // company that grew over the years has them.
    for (let i = 0; i < 600; i++) {
      const id = 5_000 + i * 23;
      const start = pick(["2010-03-01", "2019-08-15", "2025-02-03", "2025-10-20", "2026-09-01"]);
      const end = next() < 0.15 ? addDays(asOf, Math.floor(next() * 900) - 700) : null;
      insertEmployee.run(id, companyId, `Medarbejder ${i}`, pick(["1959-12-31", "1961-07-01", "1975-04-12", "1990-10-09"]), start, end && end > start ? end : null, pick([37, 37, 30, 18.5]), next() < 0.1 ? null : pick(departmentIds));
      employeeIds.push(id);
      // A few absences each over the last 30 months: some partial, some over Christmas and Easter,
      // some overlapping, some open, some under a § 56 agreement, acts recorded on time or late.
      const absences = Math.floor(next() * 4);
      let day = addDays(asOf, -Math.floor(next() * 900));
      for (let k = 0; k < absences && day <= asOf; k++) {
        const length = pick([1, 2, 3, 5, 9, 14, 20, 35, 60, 140]);
        const returnedOn = next() < 0.2 ? null : addDays(day, length);
        const recorded = next();
        insertAbsence.run(
          companyId,
          id,
          day,
          next() < 0.25 ? "partial" : "full",
          pick(["salary", "salary", "sickness-benefit", "none"]),
          length > 50 ? 1 : 0,
          recorded < 0.6 ? addDays(day, pick([5, 20, 27, 40])) : null,
          length > 50 && recorded < 0.5 ? addDays(day, pick([10, 30, 45])) : null,
          returnedOn,
          next() < 0.1 ? 1 : 0,
          recorded < 0.5 ? addDays(day, pick([10, 35, 50])) : null,
          recorded < 0.3 ? addDays(day, pick([60, 120, 150])) : null,
          next() < 0.2 ? 1 : 0,
        );
        // Sometimes the next absence begins before this one ended: each day counts once.
        day = addDays(day, next() < 0.15 ? Math.max(1, length - 3) : length + Math.floor(next() * 200));
      }
    }
    // Christmas and Easter, for certain.
    insertAbsence.run(companyId, employeeIds[1], "2025-12-22", "full", "salary", 0, "2025-12-30", null, "2026-01-05", 0, null, null, 0);
    insertAbsence.run(companyId, employeeIds[2], "2026-03-30", "partial", "salary", 0, null, null, "2026-04-10", 0, "2026-04-20", null, 0);
    // Another company's absence of the same days is never counted.
    db.prepare("insert into employees (company_id, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours) values (?, 'Nabo', '1980-01-01', 101, '2015-01-01', 'Nabo', 37)").run(otherCompanyId);
  })();
});

describe("the statistics counted in blocks of employees", () => {
  it("spans several blocks of employee ids", () => {
    const blocks = new Set(employeeIds.map((id) => id >> STATISTICS_BLOCK_BITS));
    expect(blocks.size).toBeGreaterThan(10);
    const rows = getSqlite().prepare("select count(*) as n, sum(extent = 'partial') as partial, sum(returned_on is null) as open, sum(paragraph_56) as p56 from absences where company_id = ?").get(companyId) as Record<string, number>;
    expect(rows.n).toBeGreaterThan(500);
    expect(rows.partial).toBeGreaterThan(50);
    expect(rows.open).toBeGreaterThan(50);
    expect(rows.p56).toBeGreaterThan(10);
  });

  it("are exactly the straightforward computation's figures, for the company and each department, 12 and 24 months", async () => {
    await expectSameAsStraightforward("first computation");
    const stats = await companyStatistics({ companyId, period: 12, departmentId: null, asOf });
    expect(stats.months.some((m) => m.absenceDays > 0)).toBe(true);
    expect(stats.punctuality.reduce((n, p) => n + p.onTime + p.late + p.overdue, 0)).toBeGreaterThan(50);
  });

  it("are the same on other days, with the outcomes kept from the day before", async () => {
    await expectSameAsStraightforward("another day", "2026-11-25");
    await expectSameAsStraightforward("a month later", "2026-12-24");
  });

  it("follow every kind of write, recomputing only the block written to", async () => {
    const db = getSqlite();
    await companyStatistics({ companyId, period: 12, departmentId: null, asOf });
    const employee = employeeIds[300]!;
    const block = employee >> STATISTICS_BLOCK_BITS;
    const absence = db.prepare("select id from absences where employee_id = ? order by id limit 1").get(employee) as { id: number } | undefined;
    const writes: Array<[string, () => void]> = [
      ["a new absence", () => db.prepare("insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks) values (?, ?, '2026-10-05', 'partial', 'salary', 0)").run(companyId, employee)],
      ["a return recorded", () => db.prepare("update absences set returned_on = '2026-10-20', conversation_held_on = '2026-10-08' where employee_id = ? and first_absence_day = '2026-10-05'").run(employee)],
      ["a changed absence", () => absence && db.prepare("update absences set extent = case extent when 'full' then 'partial' else 'full' end, absence_reported_on = '2026-06-01' where id = ?").run(absence.id)],
      ["fewer weekly hours", () => db.prepare("update employees set weekly_hours = 20 where id = ?").run(employee)],
      ["another department", () => db.prepare("update employees set department_id = ? where id = ?").run(departmentIds[2], employee)],
      ["another birth date (pension age)", () => db.prepare("update employees set birth_date = '1958-01-01' where id = ?").run(employee)],
      ["an employment that ends", () => db.prepare("update employees set employment_end_date = '2026-07-31' where id = ?").run(employee)],
      ["a deleted absence", () => db.prepare("delete from absences where employee_id = ? and first_absence_day = '2026-10-05'").run(employee)],
    ];
    for (const [label, write] of writes) {
      const before = blockVersion(block);
      write();
      expect(blockVersion(block), `${label} bumps the block's version`).toBeGreaterThan(before);
      const statements = await statementsOf(async () => await companyStatistics({ companyId, period: 12, departmentId: null, asOf }));
      const reads = statements.filter((s) => /from "absences"|from "employees"/i.test(s.sql));
      expect(reads.length, label).toBeGreaterThan(0);
      // Only the written block's employees are read: every read is limited to its id range.
      for (const read of reads) {
        expect(read.sql, label).toMatch(/between/i);
        expect(read.params.flat(), label).toEqual(expect.arrayContaining([block << STATISTICS_BLOCK_BITS, ((block + 1) << STATISTICS_BLOCK_BITS) - 1]));
      }
      await expectSameAsStraightforward(`after ${label}`);
    }
  });

  it("ignores another company's writes and is read from the cache until the company's data changes", async () => {
    const db = getSqlite();
    await companyStatistics({ companyId, period: 12, departmentId: null, asOf });
    const neighbour = db.prepare("select id from employees where company_id = ?").get(otherCompanyId) as { id: number };
    db.prepare("insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks) values (?, ?, '2026-10-05', 'full', 'salary', 0)").run(otherCompanyId, neighbour.id);
    const statements = await statementsOf(async () => await companyStatistics({ companyId, period: 12, departmentId: null, asOf }));
    expect(statements.filter((s) => /from "absences"|from "employees"/i.test(s.sql))).toEqual([]);
    await expectSameAsStraightforward("after another company's write");
  });

  it("reads the whole company again when many blocks changed at once", async () => {
    const db = getSqlite();
    await companyStatistics({ companyId, period: 12, departmentId: null, asOf });
    db.prepare("update employees set weekly_hours = weekly_hours + 1 where company_id = ?").run(companyId);
    const statements = await statementsOf(async () => await companyStatistics({ companyId, period: 12, departmentId: null, asOf }));
    const reads = statements.filter((s) => /from "absences"|from "employees"/i.test(s.sql));
    expect(reads.some((s) => !/between/i.test(s.sql))).toBe(true);
    await expectSameAsStraightforward("after a change to every employee");
  });
});

describe("the frequent-absence list", () => {
  it("lists the employees the straightforward count finds, and follows a write", async () => {
    const db = getSqlite();
    db.prepare("update companies set absence_prompt_min_periods = 2, absence_prompt_months = 24 where id = ?").run(companyId);
    const expected = () => {
      const rows = db
        .prepare(
          "select a.employee_id as employeeId, a.first_absence_day as firstAbsenceDay, a.returned_on as returnedOn, a.extent from absences a join employees e on e.id = a.employee_id where a.company_id = ? and (e.employment_end_date is null or e.employment_end_date >= ?)",
        )
        .all(companyId, asOf) as StatAbsence[];
      return [...frequentAbsenceCounts(rows, { minPeriods: 2, months: 24 }, asOf).entries()].sort((a, b) => a[0] - b[0]);
    };
    const listed = async () =>
      (await frequentAbsenceList({ companyId, asOf, includeParagraph56: true, departmentId: null }))!
        .rows.map((r) => [r.employeeId, r.periods] as [number, number])
        .sort((a, b) => a[0] - b[0]);
    expect((await listed()).length).toBeGreaterThan(5);
    expect(await listed()).toEqual(expected());
    const before = await listed();
    const employee = employeeIds.find((id) => !before.some(([listedId]) => listedId === id) && (db.prepare("select employment_end_date as e from employees where id = ?").get(id) as { e: string | null }).e === null)!;
    for (const first of ["2026-05-04", "2026-08-03"]) {
      db.prepare("insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, returned_on) values (?, ?, ?, 'full', 'salary', 0, ?)").run(companyId, employee, first, addDays(first, 2));
    }
    expect(await listed()).toEqual(expected());
    expect((await listed()).some(([id]) => id === employee)).toBe(true);
  });
});
