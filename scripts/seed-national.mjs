// @ts-check
// npm run seed:national: a national dataset in its own SQLite file for the benchmark.
// 20,000 companies, 1,000,000 employees over the 98 municipalities by population,
// 2,000,000 absences over three years (300,000 open), fast-track requests, § 56
// agreements, social-chapter records and submissions in every review state. One
// company has 5,000 employees and 800 open absences; a second, the size of the
// largest Danish employers (a region, Københavns Kommune), has 50,000 employees
// with employee numbers, 5,000 open absences and 40 departments. København gets
// its share of submissions by population (about 10 %).
//
// The file is migrated with the app's migrations, then filled with prepared
// statements in batched transactions. Dates, CVR numbers, agreement validity and
// pension dates come from the app's own domain code (through the build), and a
// sample of the document contents is checked with the app's form schemas.
//
// Usage: node scripts/seed-national.mjs [file]   (default data/national.db, or NATIONAL_DB)
// NATIONAL_SCALE (default 1) shrinks every count for a quick run; the large company keeps its shape,
// the largest employer shrinks too (to at least 1,000 employees) but keeps its 40 departments.
// Progress (rows done of the total) is logged every two seconds while generating.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

export const DEMO_PASSWORD = "demo-fasthold";
export const NATIONAL_LOGINS = {
  largeCompanyHr: "hr@landsbyg.example",
  largestEmployerHr: "hr@oeresundsregionen.example",
  koebenhavnJobcenter: "koebenhavn@jobcenter.example",
  aarhusJobcenter: "aarhus@jobcenter.example",
};

/** Inhabitants in thousands (Danmarks Statistik, 2024, rounded): the weights for where employees live. */
/** @type {Record<number, number>} */
const POPULATION = {
  101: 660, 147: 104, 151: 49, 153: 40, 155: 15, 157: 75, 159: 70, 161: 24, 163: 30, 165: 28, 167: 54, 169: 58,
  173: 57, 175: 41, 183: 24, 185: 44, 187: 17, 190: 41, 201: 26, 210: 41, 217: 64, 219: 53, 223: 25, 230: 57,
  240: 44, 250: 46, 260: 31, 270: 41, 400: 39, 253: 51, 259: 62, 265: 90, 269: 24, 306: 33, 316: 73, 320: 38,
  326: 49, 329: 36, 330: 80, 336: 23, 340: 30, 350: 29, 360: 40, 370: 84, 376: 60, 390: 46, 410: 39, 420: 41,
  430: 52, 440: 24, 450: 32, 461: 210, 479: 59, 480: 29, 482: 12, 492: 6, 510: 55, 530: 27, 540: 74, 550: 37,
  561: 115, 563: 3.5, 573: 50, 575: 43, 580: 58, 607: 52, 621: 95, 630: 121, 615: 97, 657: 90, 661: 59, 665: 19,
  671: 21, 706: 43, 707: 37, 710: 49, 727: 23, 730: 99, 740: 100, 741: 3.7, 746: 64, 751: 370, 756: 42, 760: 56,
  766: 47, 779: 46, 791: 98, 773: 20, 787: 43, 810: 36, 813: 58, 820: 36, 825: 1.8, 840: 31, 846: 41, 849: 38,
  851: 222, 860: 64,
};

const FIRST_NAMES = [
  "Søren", "Mette", "Anne", "Jens", "Peter", "Kirsten", "Hanne", "Lars", "Susanne", "Michael", "Lene", "Henrik", "Camilla",
  "Thomas", "Maria", "Jonas", "Ida", "Frederik", "Sofie", "Mads", "Emma", "Rasmus", "Laura", "Mikkel", "Julie", "Niels",
  "Bente", "Ole", "Birgitte", "Jørgen", "Åse", "Bjørn", "Łukasz", "Aisha", "Mohammed", "Fatima", "Ahmet", "Zeynep",
  "Olga", "Piotr", "Sigrid", "Asger", "Karoline", "Malthe", "Freja", "Villads", "Astrid", "Magnus", "Nanna", "Tobias",
];
const LAST_NAMES = [
  "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
  "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen",
  "Østergaard", "Kjær", "Bøgh", "Nørgaard", "Lykke", "Frøslev", "Dahl", "Holm", "Åberg", "Ærø", "Nowak", "Şahin",
  "Al-Sayed", "Kowalski", "Yilmaz", "Vestergaard", "Krogh", "Juul", "Damgaard", "Bach",
];
const COMPANY_WORDS = [
  "Nord", "Syd", "Vest", "Øst", "Fjord", "Skov", "Hav", "Lys", "Sol", "Bakke", "Å", "Strand", "Eng", "Bro", "Havn", "Mølle", "Kilde", "Dal",
];
/** @type {Array<[trade: string, titles: string[]]>} */
const COMPANY_TRADES = [
  ["byg", ["Tømrer", "Murer", "Elektriker", "Maler", "VVS-montør", "Værkfører", "Projektleder"]],
  ["pleje", ["Social- og sundhedshjælper", "Social- og sundhedsassistent", "Sygeplejerske", "Køkkenleder", "Pedel"]],
  ["data", ["Udvikler", "Konsulent", "Projektleder", "Supporter", "Bogholder"]],
  ["transport", ["Chauffør", "Lagermedarbejder", "Disponent", "Mekaniker"]],
  ["handel", ["Butiksassistent", "Salgskonsulent", "Lagermedarbejder", "Butikschef", "Bogholder"]],
  ["fødevarer", ["Slagter", "Procesoperatør", "Lagermedarbejder", "Laborant", "Kvalitetsmedarbejder"]],
];
const FORMS = ["ApS", "A/S", "I/S", "K/S"];
const COLLECTIVE_AGREEMENTS = ["Industriens Overenskomst", "Bygge- og Anlægsoverenskomsten", "Overenskomst for social- og sundhedspersonale", "Lager- og Terminaloverenskomsten", "Detailoverenskomsten"];

/** The largest employer's departments: ten wards or units at each of four sites. */
const LARGEST_DEPARTMENTS = ["Nordhospitalet", "Sydhospitalet", "Psykiatrien", "Administrationen"].flatMap((site) =>
  ["Akutmodtagelse", "Medicinsk afdeling", "Kirurgisk afdeling", "Ortopædkirurgi", "Børneafdeling", "Røntgen", "Laboratorium", "Køkken", "Rengøring", "Portører"].map(
    (unit) => `${unit}, ${site}`,
  ),
);

/** Counts of the full dataset; NATIONAL_SCALE multiplies all but the large company. */
/** @param {number} scale */
function plan(scale) {
  return {
    companies: Math.max(20, Math.round(20_000 * scale)),
    employees: Math.max(6_000, Math.round(1_000_000 * scale)),
    absences: Math.max(12_000, Math.round(2_000_000 * scale)),
    open: Math.max(1_800, Math.round(300_000 * scale)),
    large: { employees: 5_000, open: 800 },
    largest: { employees: Math.max(1_000, Math.round(50_000 * scale)), open: Math.max(100, Math.round(5_000 * scale)), departments: LARGEST_DEPARTMENTS.length },
    // Shares of employees with a § 56 agreement or a social-chapter employment.
    paragraph56Share: 0.015,
    socialChapterShare: 0.008,
    // Share of absences expected over 8 weeks that get a fast-track request.
    fastTrackShare: 0.3,
    // Shares of absences expected over 8 weeks with a fastholdelsesplan, and of absences of a week or more with a mulighedserklæring.
    fastholdelsesplanShare: 0.1,
    mulighedserklaeringShare: 0.04,
  };
}

/** mulberry32: a small seeded generator, so two runs make the same data. */
/** @param {number} seed */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @typedef {"received" | "in-review" | "needs-information" | "approved" | "rejected"} Status
 * @typedef {"take" | "request-information" | "approve" | "reject"} Action
 * @typedef {"fast-track" | "fastholdelsesplan" | "mulighedserklaering" | "paragraph56" | "social-chapter"} DocumentType
 * @typedef {{ companyId: number; employeeId: number; birthDay: number; homeCode: number; employmentStartDay: number; open: boolean;
 *   closedCount: number; hrUser: number | null; forceFastTrack: boolean; forceParagraph56: boolean; forceSocialChapter: boolean }} EmployeeLife
 */

/**
 * @param {{ file?: string; scale?: number; log?: (line: string) => void; today?: string }} [options]
 */
export async function seedNational(options = {}) {
  const file = path.resolve(ROOT, options.file ?? process.env.NATIONAL_DB ?? "data/national.db");
  const scale = Number(options.scale ?? process.env.NATIONAL_SCALE ?? 1);
  const log = options.log ?? ((/** @type {string} */ line) => console.log(line));
  const buildPath = path.join(ROOT, "build/index.js");
  if (!fs.existsSync(buildPath)) throw new Error("Run `npm run build` first: the generator uses the app's domain code from the build.");
  const app = (await import(pathToFileURL(buildPath).href)).entry.module.seedSupport;
  const counts = plan(scale);
  const started = Date.now();

  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const sqlite = new Database(file);
  // The migrations call the app's SQL functions (sha256_hex, redact_links).
  app.registerSqlFunctions(sqlite);
  migrate(drizzle(sqlite), { migrationsFolder: path.join(ROOT, "db/migrations") });
  // A bulk load into a fresh file: no journal, no fsync; the server switches to WAL on open.
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  sqlite.pragma("temp_store = MEMORY");
  // The triggers that keep derived data (companies.data_version, absences.employee_municipality_code,
  // municipality_open_absences, statistics_block_versions) would run an update for each of millions of
  // inserts: off during the load, which writes the copied municipality and the counts itself and caches
  // nothing (a block without a version row is at version 0); restored from their own definitions afterwards.
  const syncTriggers = /** @type {Array<{ name: string; sql: string }>} */ (
    sqlite
      .prepare("select name, sql from sqlite_master where type = 'trigger' and (sql like '%data_version%' or sql like '%employee_municipality_code%' or sql like '%municipality_open_absences%' or sql like '%statistics_block_versions%')")
      .all()
  );
  for (const t of syncTriggers) sqlite.exec(`drop trigger "${t.name}"`);

  const random = rng(20_261_124);
  /**
   * @template T
   * @param {readonly T[]} list a list that is not empty
   * @returns {T}
   */
  const pick = (list) => /** @type {T} */ (list[Math.floor(random() * list.length)]);
  /** @type {(min: number, max: number) => number} */
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  /** @type {(p: number) => boolean} */
  const chance = (p) => random() < p;
  /** @type {(mean: number) => number} */
  const poisson = (mean) => {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };

  // Day numbers relative to today, turned into ISO dates through a table: millions of dates, no Date objects.
  const today = options.today ?? app.todayInCopenhagen(new Date());
  const DAY0 = -30_000;
  /** @type {string[]} */
  const isoTable = [];
  {
    const base = Date.parse(`${today}T00:00:00Z`);
    for (let d = DAY0; d <= 1_000; d++) isoTable.push(new Date(base + d * 86_400_000).toISOString().slice(0, 10));
  }
  /** @type {(day: number) => string} */
  const iso = (day) => /** @type {string} */ (isoTable[day - DAY0]);
  /** @type {(isoDate: string) => number} */
  const dayOf = (isoDate) => Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  /** @type {(day: number, minute?: number) => string} */
  const stamp = (day, minute = 600) => `${iso(day)}T${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}:00.000Z`;

  // Municipalities by population, as a cumulative table for weighted picks.
  /** @type {number[]} */
  const codes = app.MUNICIPALITIES.map((/** @type {{ code: number }} */ m) => m.code);
  const missing = codes.filter((c) => POPULATION[c] === undefined);
  if (missing.length || codes.length !== 98) throw new Error(`population missing for ${missing.join(", ")}`);
  /** @type {number[]} */
  const cumulative = [];
  let totalPopulation = 0;
  for (const c of codes) cumulative.push((totalPopulation += POPULATION[c] ?? 0));
  const municipality = () => {
    const x = random() * totalPopulation;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (/** @type {number} */ (cumulative[mid]) < x) lo = mid + 1;
      else hi = mid;
    }
    return /** @type {number} */ (codes[lo]);
  };

  // Company sizes: the large company, the largest employer, the rest log-normal, scaled to the total.
  const sizes = [counts.large.employees, counts.largest.employees];
  {
    const weights = [];
    let sum = 0;
    for (let i = 2; i < counts.companies; i++) {
      const u = Math.max(1e-9, random());
      const v = random();
      const w = Math.exp(1.3 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
      weights.push(w);
      sum += w;
    }
    const rest = counts.employees - counts.large.employees - counts.largest.employees;
    let given = 0;
    for (const w of weights) {
      const n = Math.max(1, Math.min(2_500, Math.round((w / sum) * rest)));
      sizes.push(n);
      given += n;
    }
    // Spread the rounding difference over the companies (not the two fixed ones).
    for (let i = 2; given !== rest; i = ((i - 1) % (sizes.length - 2)) + 2) {
      const n = /** @type {number} */ (sizes[i]);
      if (given < rest) {
        sizes[i] = n + 1;
        given++;
      } else if (n > 1) {
        sizes[i] = n - 1;
        given--;
      }
    }
  }

  const cvrs = new Set();
  function nextCvr() {
    for (;;) {
      const seven = String(int(1_000_000, 9_999_999));
      let sum = 0;
      const weights = [2, 7, 6, 5, 4, 3, 2];
      for (let i = 0; i < 7; i++) sum += /** @type {number} */ (weights[i]) * Number(seven[i]);
      const check = (11 - (sum % 11)) % 11;
      if (check === 10) continue;
      const cvr = seven + check;
      if (cvrs.has(cvr) || !app.isValidCvr(cvr)) continue;
      cvrs.add(cvr);
      return cvr;
    }
  }

  const stmt = {
    company: sqlite.prepare("insert into companies (id, name, cvr) values (?, ?, ?)"),
    user: sqlite.prepare("insert into users (id, email, name, password_hash, role, company_id, municipality_code) values (?, ?, ?, ?, ?, ?, ?)"),
    employee: sqlite.prepare(
      "insert into employees (id, company_id, name, birth_date, municipality_code, employment_start_date, job_title, weekly_hours, employee_number, department_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    department: sqlite.prepare("insert into departments (id, company_id, name) values (?, ?, ?)"),
    absence: sqlite.prepare(
      `insert into absences (id, company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, conversation_held_on, conversation_notes,
        fast_track_requested_on, fast_track_declined, first_follow_up_held_on, returned_on, employee_municipality_code) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    document: sqlite.prepare("insert into documents (id, company_id, employee_id, absence_id, type, current_version, created_at) values (?, ?, ?, ?, ?, ?, ?)"),
    version: sqlite.prepare("insert into document_versions (document_id, version, content, submitted_at, created_at) values (?, ?, ?, ?, ?)"),
    submission: sqlite.prepare(
      `insert into submissions (id, document_id, company_id, employee_id, absence_id, municipality_code, type, status, version, lock, assigned_to, received_on, last_activity_at, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: sqlite.prepare(
      "insert into submission_events (submission_id, user_id, kind, from_status, to_status, version, message, visible_to_employer, created_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?)",
    ),
    notification: sqlite.prepare("insert into notifications (user_id, submission_id, text, link, read_at, created_at) values (?, ?, ?, ?, ?, ?)"),
    agreement: sqlite.prepare(
      `insert into paragraph56_agreements (id, company_id, employee_id, kind, effect_on_work, expected_days_per_year, applied_on, document_id, approved_on, valid_until, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    record: sqlite.prepare(
      `insert into social_chapter_records (id, company_id, employee_id, collective_agreement, started_on, tasks, accommodations, hours_per_week, wage_terms, review_dates, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    logEntry: sqlite.prepare("insert into social_chapter_log (id, record_id, entry_date, kind, text, created_at) values (?, ?, ?, ?, ?, ?)"),
    declaration: sqlite.prepare(
      `insert into mulighedserklaeringer (document_id, company_id, status, doctor_deadline, sent_to_doctor_on, answered_on, outcome, expected_absence_duration)
        values (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  // Demo logins: HR of the two large companies and two jobcenters. One scrypt hash for all (it is slow on purpose).
  const passwordHash = await app.hashPassword(DEMO_PASSWORD);
  const USER = { hr: 1, koebenhavn: 2, aarhus: 3, largestHr: 4 };
  /** @type {Record<number, number>} */
  const caseworkerOf = { 101: USER.koebenhavn, 751: USER.aarhus };

  const ids = { employee: 0, absence: 0, document: 0, submission: 0, agreement: 0, record: 0, logEntry: 0 };
  const tally = {
    absencesOpen: 0,
    absencesLong: 0,
    fastTrack: 0,
    fastholdelsesplan: 0,
    mulighedserklaering: 0,
    paragraph56: 0,
    socialChapter: 0,
    submissions: 0,
    byStatus: /** @type {Record<string, number>} */ ({}),
    koebenhavn: 0,
    notifications: 0,
  };
  /**
   * Generated contents, checked against the app's form schemas at the end.
   * @type {{
   *   fastTrack: Array<{ content: { requestedOn: string }; firstAbsenceDay: string }>;
   *   socialChapter: Array<{ hoursPerWeek: number; reviewDates: string[] }>;
   *   plans: Array<{ content: object; firstAbsenceDay: string }>;
   *   declarations: object[];
   * }}
   */
  const samples = { fastTrack: [], socialChapter: [], plans: [], declarations: [] };
  /** @type {Record<Action, string>} */
  const STATUS_TEXT = {
    take: "Jobcentret behandler nu",
    "request-information": "Jobcentret beder om flere oplysninger",
    approve: "Godkendt af jobcentret",
    reject: "Afvist af jobcentret",
  };
  /** @type {Record<DocumentType, string>} */
  const LABEL = {
    "fast-track": "Anmodning om fast track",
    fastholdelsesplan: "Fastholdelsesplan",
    mulighedserklaering: "Mulighedserklæring",
    paragraph56: "§ 56-aftale",
    "social-chapter": "Sociale kapitler",
  };

  /** A status plausible for a submission received `age` days ago. */
  /**
   * @param {number} age
   * @returns {Status}
   */
  function statusFor(age) {
    const x = random();
    if (age <= 21) return x < 0.45 ? "received" : x < 0.8 ? "in-review" : "needs-information";
    if (age <= 90) return x < 0.1 ? "received" : x < 0.25 ? "in-review" : x < 0.35 ? "needs-information" : x < 0.9 ? "approved" : "rejected";
    return x < 0.03 ? "needs-information" : x < 0.88 ? "approved" : "rejected";
  }

  /** A document with its versions, the submission and its history, consistent with the review state machine. */
  /**
   * @param {{ companyId: number; employeeId: number; absenceId: number | null; homeCode: number; type: DocumentType; content: object;
   *   receivedDay: number; hrUser: number | null; status?: Status }} input
   */
  function submitted(input) {
    const { companyId, employeeId, absenceId, homeCode, type, content, receivedDay, hrUser } = input;
    const status = input.status ?? statusFor(-receivedDay);
    const documentId = ++ids.document;
    const submissionId = ++ids.submission;
    // A request for information is often answered with a draft of the next version.
    const draft = status === "needs-information" && chance(0.4);
    const json = JSON.stringify(content);
    stmt.document.run(documentId, companyId, employeeId, absenceId, type, draft ? 2 : 1, stamp(receivedDay - 1));
    stmt.version.run(documentId, 1, json, stamp(receivedDay), stamp(receivedDay - 1));
    if (draft) stmt.version.run(documentId, 2, json, null, stamp(Math.min(0, receivedDay + 5)));
    const caseworker = caseworkerOf[homeCode] ?? null;
    /** @type {Array<[kind: string, from: Status | null, to: Status, message: string | null, userId: number | null]>} */
    const steps = [["submitted", null, "received", null, null]];
    /** @type {Action[]} */
    const actions = /** @type {Record<Status, Action[]>} */ ({
      received: [],
      "in-review": ["take"],
      "needs-information": ["take", "request-information"],
      approved: ["take", "approve"],
      rejected: ["take", "reject"],
    })[status];
    /** @type {Status} */
    let from = "received";
    for (const action of actions) {
      const to = /** @type {Record<Action, Status>} */ ({ take: "in-review", "request-information": "needs-information", approve: "approved", reject: "rejected" })[action];
      const message =
        action === "request-information"
          ? "Oplys venligst, hvilke arbejdsopgaver der er afprøvet, og hvordan det gik."
          : action === "reject"
            ? "Betingelserne er ikke opfyldt ud fra de indsendte oplysninger."
            : null;
      steps.push([action, from, to, message, caseworker]);
      from = to;
    }
    let day = receivedDay;
    const at = steps.map((_, i) => {
      if (i > 0) day = Math.min(0, day + int(0, 6));
      return stamp(day, 600 + i * 7);
    });
    const lastActivity = at.at(-1);
    stmt.submission.run(
      submissionId, documentId, companyId, employeeId, absenceId, homeCode, type, status, 1, actions.length,
      status === "received" ? null : caseworker, iso(receivedDay), lastActivity, stamp(receivedDay),
    );
    steps.forEach(([kind, fromStatus, toStatus, message, userId], i) => {
      stmt.event.run(submissionId, kind === "submitted" ? null : userId, kind, fromStatus, toStatus, 1, message, at[i]);
    });
    // The demo users' notification bells: new submissions for the caseworker, status changes for HR.
    if (caseworker && (status === "received" || chance(0.1))) {
      stmt.notification.run(caseworker, submissionId, `Ny indsendelse: ${LABEL[type]}`, `/jobcenter/indsendelser/${submissionId}`, status === "received" ? null : lastActivity, stamp(receivedDay));
      tally.notifications++;
    }
    if (hrUser !== null && actions.length) {
      const last = /** @type {Action} */ (actions.at(-1));
      stmt.notification.run(hrUser, submissionId, `${STATUS_TEXT[last]}: ${LABEL[type]}`, `/virksomhed/dokumenter/${documentId}`, chance(0.5) ? lastActivity : null, lastActivity);
      tally.notifications++;
    }
    tally.submissions++;
    tally.byStatus[status] = (tally.byStatus[status] ?? 0) + 1;
    if (homeCode === 101) tally.koebenhavn++;
    return { documentId, submissionId, status, decidedDay: day };
  }

  const FAST_TRACK_TEXT = {
    affectedFunctions: ["Tunge løft og arbejde over skulderhøjde.", "Længerevarende skærmarbejde og møder.", "Nattevagter og arbejde alene.", "Kørsel over to timer ad gangen."],
    affectedDuration: ["Siden første fraværsdag.", "Gennem de seneste tre måneder.", "Periodevis gennem det seneste år."],
    adaptations: ["Nedsat tid og lettere opgaver er afprøvet.", "Arbejdet er ikke tilpasset endnu.", "Hjemmearbejde to dage om ugen er aftalt."],
  };

  /** @param {EmployeeLife} ctx */
  function employeeLife(ctx) {
    const { companyId, employeeId, birthDay, homeCode, employmentStartDay, open, closedCount, hrUser } = ctx;
    const absenceRows = [];
    // The open absence (if any) comes last; closed ones are spread over three years before it.
    let end = 0;
    let openStart = null;
    if (open) {
      openStart = ctx.forceFastTrack ? -20 : Math.max(employmentStartDay + 1, chance(0.75) ? -int(0, 56) : -int(57, 400));
      end = openStart - 1;
    }
    const windowStart = Math.max(-1095, employmentStartDay + 1);
    const span = end - windowStart;
    if (closedCount > 0 && span > closedCount * 3) {
      const segment = Math.floor(span / closedCount);
      for (let i = 0; i < closedCount; i++) {
        const segStart = windowStart + i * segment;
        const longOne = chance(0.15);
        const wanted = longOne ? int(57, 260) : Math.min(56, 1 + poisson(chance(0.7) ? 3 : 12));
        const room = segment - 2;
        const duration = Math.max(1, Math.min(wanted, room));
        const first = segStart + int(0, Math.max(0, room - duration));
        absenceRows.push({ first, returned: first + duration });
      }
    }
    if (openStart !== null) absenceRows.push({ first: openStart, returned: null });

    for (const a of absenceRows) {
      const age = (a.returned ?? 0) - a.first;
      const long = age > 56;
      if (long) tally.absencesLong++;
      const expected = (ctx.forceFastTrack && a.returned === null) || (long ? chance(0.85) : chance(0.05));
      const pay = chance(0.75) ? "salary" : chance(0.9) ? "sickness-benefit" : "none";
      const conversation = age >= 28 ? (chance(0.85) ? a.first + int(7, 28) : null) : age >= 7 && chance(0.3) ? a.first + int(3, age) : null;
      let fastTrackOn = null;
      let declined = 0;
      let consent = "agreed";
      if (expected && age >= 7 && (ctx.forceFastTrack || chance(counts.fastTrackShare))) {
        fastTrackOn = a.first + int(5, Math.min(34, age));
        consent = chance(0.8) ? "agreed" : chance(0.25) ? "declined" : "pending";
        declined = consent === "declined" ? 1 : 0;
      }
      const followUp = age >= 60 && chance(0.7) ? a.first + int(35, 56) : null;
      const absenceId = ++ids.absence;
      stmt.absence.run(
        absenceId, companyId, employeeId, iso(a.first), chance(0.85) ? "full" : "partial", pay, expected ? 1 : 0,
        conversation === null ? null : iso(conversation), conversation !== null && chance(0.3) ? "Aftalt gradvis tilbagevenden med lettere opgaver." : null,
        fastTrackOn === null ? null : iso(fastTrackOn), declined, followUp === null ? null : iso(followUp), a.returned === null ? null : iso(a.returned),
        homeCode,
      );
      if (a.returned === null) tally.absencesOpen++;
      if (fastTrackOn !== null) {
        const content = {
          affectedFunctions: pick(FAST_TRACK_TEXT.affectedFunctions),
          affectedDuration: pick(FAST_TRACK_TEXT.affectedDuration),
          adaptations: pick(FAST_TRACK_TEXT.adaptations),
          requestedOn: iso(fastTrackOn),
          employeeConsent: consent,
        };
        if (samples.fastTrack.length < 200) samples.fastTrack.push({ content, firstAbsenceDay: iso(a.first) });
        submitted({ companyId, employeeId, absenceId, homeCode, type: "fast-track", content, receivedDay: fastTrackOn, hrUser });
        tally.fastTrack++;
      }
      const forced = ctx.forceFastTrack && a.returned === null;
      // The employee asked for a fastholdelsesplan (SDL § 7 b): only when not expected back within 8 weeks.
      if (expected && age >= 14 && (forced || chance(counts.fastholdelsesplanShare))) {
        const requestedOn = a.first + int(7, Math.min(55, age - 1));
        const content = {
          requestedOn: iso(requestedOn),
          decision: "plan",
          goal: "Fuld tilbagevenden til de hidtidige opgaver.",
          expectedReturnOn: iso(a.first + int(60, 120)),
          steps: [
            { description: "Opstart med færre timer og lettere opgaver", dueOn: iso(requestedOn + 7), responsible: "Nærmeste leder" },
            { description: "Opfølgende samtale og optrapning", dueOn: iso(requestedOn + 21), responsible: "HR" },
          ],
          adjustments: "Ingen tunge løft i de første fire uger.",
          followUpPoints: "Samtale hver anden uge.",
          confirmNoDiagnosis: false,
        };
        if (samples.plans.length < 200) samples.plans.push({ content, firstAbsenceDay: iso(a.first) });
        submitted({ companyId, employeeId, absenceId, homeCode, type: "fastholdelsesplan", content, receivedDay: requestedOn, hrUser });
        tally.fastholdelsesplan++;
      }
      // A mulighedserklæring (SDL § 36 a): part 1 at a meeting, the doctor's answer within about two weeks.
      if (age >= 7 && (forced || chance(counts.mulighedserklaeringShare))) {
        const meeting = a.first + int(3, Math.min(30, age - 1));
        const content = {
          contactPerson: "HR-afdelingen",
          functionalLimitations: "Kan ikke løfte over 10 kg eller stå i længere tid.",
          affectedFunctions: "Tunge løft og lange vagter.",
          doctorAssessOnly: false,
          changedTasks: true,
          reducedHours: true,
          aids: false,
          gradualReturn: true,
          hoursPerWeek: 20,
          adjustmentsDescription: "Lettere opgaver og kortere dage i en periode.",
          durationWeeks: 4,
          confirmNoDiagnosis: false,
          meetingDate: iso(meeting),
          bothPresent: true,
        };
        const deadline = meeting + 14;
        const answered = meeting + int(5, 14) <= 0 ? meeting + int(5, 14) : null;
        if (samples.declarations.length < 200) samples.declarations.push({ ...content, doctorDeadline: iso(deadline) });
        const sent = submitted({ companyId, employeeId, absenceId, homeCode, type: "mulighedserklaering", content, receivedDay: Math.min(0, answered ?? meeting + 1), hrUser });
        stmt.declaration.run(
          sent.documentId, companyId, answered === null ? "sent-to-doctor" : "answered", iso(deadline), iso(Math.min(0, meeting + 1)),
          answered === null ? null : iso(answered), answered === null ? null : pick(["sound", "partly", "not-sound"]), answered === null ? null : "2-4 uger",
        );
        tally.mulighedserklaering++;
      }
    }

    const birthDate = iso(birthDay);
    if (ctx.forceParagraph56 || chance(counts.paragraph56Share)) {
      const kind = chance(0.8) ? "almindelig" : "midlertidig";
      const appliedDay = Math.max(employmentStartDay + 60, -int(0, 1000));
      const content = {
        kind,
        effectOnWork: pick(["Fravær i perioder med behandling, typisk 1–3 dage ad gangen.", "Nedsat arbejdsevne enkelte dage om måneden.", "Behov for fravær ved planlagte kontroller."]),
        expectedDaysPerYear: kind === "almindelig" ? int(10, 40) : int(5, 25),
        appliedOn: iso(appliedDay),
        materialChange: null,
        renewalOfId: null,
      };
      const agreementId = ++ids.agreement;
      const s = submitted({ companyId, employeeId, absenceId: null, homeCode, type: "paragraph56", content, receivedDay: appliedDay, hrUser, status: ctx.forceParagraph56 ? "approved" : undefined });
      const approvedOn = s.status === "approved" ? iso(Math.min(0, appliedDay + int(0, 20))) : null;
      stmt.agreement.run(
        agreementId, companyId, employeeId, kind, content.effectOnWork, content.expectedDaysPerYear, content.appliedOn, s.documentId,
        approvedOn, approvedOn ? app.agreementValidUntil(approvedOn, kind) : null, stamp(appliedDay),
      );
      tally.paragraph56++;
    }

    if (ctx.forceSocialChapter || (birthDay < dayOf("1975-01-01") && chance(counts.socialChapterShare * 2))) {
      const recordId = ++ids.record;
      const startedDay = Math.max(employmentStartDay + 1, ctx.forceSocialChapter ? -int(400, 700) : -int(30, 1000));
      const startedOn = iso(startedDay);
      const reviewDates = [3, 6, 9].map((m) => app.addMonths(startedOn, m));
      const record = {
        collectiveAgreement: pick(COLLECTIVE_AGREEMENTS),
        startedOn,
        tasks: "Lettere opgaver uden tunge løft; planlægning og kvalitetskontrol.",
        accommodations: "Pauser efter behov, ingen nattevagter, hæve-sænkebord.",
        hoursPerWeek: pick([15, 20, 25, 30]),
        wageTerms: "Løn efter overenskomstens regler for ansættelse på særlige vilkår.",
      };
      stmt.record.run(recordId, companyId, employeeId, record.collectiveAgreement, startedOn, record.tasks, record.accommodations, record.hoursPerWeek, record.wageTerms, JSON.stringify(reviewDates), stamp(startedDay));
      const logRows = [];
      const entries = int(2, 4);
      for (let i = 0; i < entries; i++) {
        const entryDay = Math.min(0, startedDay + 20 + i * int(30, 90));
        const kind = /** @type {"adjustment" | "conversation" | "change" | "evaluation"} */ (["adjustment", "conversation", "change", "evaluation"][i % 4]);
        const text = { adjustment: "Hæve-sænkebord afprøvet; virker.", conversation: "Samtale om trivsel og opgaver.", change: "Timerne øget med fem om ugen.", evaluation: "Opgaverne passer; pauserne hjælper." }[kind];
        const id = ++ids.logEntry;
        stmt.logEntry.run(id, recordId, iso(entryDay), kind, text, stamp(entryDay));
        logRows.push({ id, entryDate: iso(entryDay), kind, text, correctsEntryId: null });
      }
      logRows.sort((x, y) => x.entryDate.localeCompare(y.entryDate) || x.id - y.id);
      const status = app.socialChapterStatus({ startedOn, birthDate, asOf: today });
      const completesDay = dayOf(status.completesOn);
      const canSubmit = completesDay <= 0 || status.required === false;
      if (canSubmit && (ctx.forceSocialChapter || chance(0.6))) {
        const sentDay = Math.min(0, Math.max(startedDay + 1, completesDay + int(0, 30)));
        const content = {
          recordId,
          ...record,
          reviewDates,
          completesOn: status.completesOn,
          required: status.required,
          pensionDate: app.pensionDate(birthDate),
          exemptFrom: app.socialChapterExemptFrom(birthDate),
          log: logRows.filter((e) => e.entryDate <= iso(sentDay)),
        };
        if (samples.socialChapter.length < 200) samples.socialChapter.push(content);
        submitted({ companyId, employeeId, absenceId: null, homeCode, type: "social-chapter", content, receivedDay: sentDay, hrUser });
      }
      tally.socialChapter++;
    }
  }

  // The employees: absences per employee drawn so the totals land on the plan.
  let remainingEmployees = counts.employees - counts.large.employees - counts.largest.employees;
  let remainingOpen = counts.open - counts.large.open - counts.largest.open;
  let remainingClosed = counts.absences - counts.open;
  const BATCH = 100;
  const insertCompanies = sqlite.transaction((from, to) => {
    for (let c = from; c < to; c++) {
      const companyId = c + 1;
      const large = c === 0;
      // The largest employer (c === 1): 50,000 employees in 40 departments, with employee numbers as an import gives them.
      const largest = c === 1;
      const fixed = large || largest;
      const [trade, titles] = large ? /** @type {[string, string[]]} */ (COMPANY_TRADES[0]) : largest ? /** @type {[string, string[]]} */ (COMPANY_TRADES[1]) : pick(COMPANY_TRADES);
      const name = large ? "Landsbyg A/S" : largest ? "Øresundsregionen" : `${pick(COMPANY_WORDS)}${trade} ${pick(FORMS)}`;
      stmt.company.run(companyId, name, nextCvr());
      if (large) {
        stmt.user.run(USER.hr, NATIONAL_LOGINS.largeCompanyHr, "Lise Landsbyg", passwordHash, "employer", companyId, null);
        stmt.user.run(USER.koebenhavn, NATIONAL_LOGINS.koebenhavnJobcenter, "Rasmus Juul", passwordHash, "jobcenter", null, 101);
        stmt.user.run(USER.aarhus, NATIONAL_LOGINS.aarhusJobcenter, "Camilla Krogh", passwordHash, "jobcenter", null, 751);
      }
      /** @type {number[]} */
      const departmentIds = [];
      if (largest) {
        stmt.user.run(USER.largestHr, NATIONAL_LOGINS.largestEmployerHr, "Ulla Øresund", passwordHash, "employer", companyId, null);
        for (const d of LARGEST_DEPARTMENTS) {
          departmentIds.push(departmentIds.length + 1);
          stmt.department.run(departmentIds.length, companyId, d);
        }
      }
      const hrUser = large ? USER.hr : largest ? USER.largestHr : null;
      // A company mostly employs people from around its own municipality; the two large ones from all over.
      const companyHome = municipality();
      const size = /** @type {number} */ (sizes[c]);
      let fixedOpen = large ? counts.large.open : counts.largest.open;
      for (let e = 0; e < size; e++) {
        const employeeId = ++ids.employee;
        const homeCode = fixed || chance(0.35) ? municipality() : companyHome;
        const birthDay = dayOf(`${int(1958, 2003)}-01-01`) + int(0, 364);
        const employmentStartDay = Math.max(birthDay + 18 * 366, dayOf("1990-01-01")) + int(0, 9_000);
        const start = Math.min(employmentStartDay, -1100 + int(0, 1000));
        stmt.employee.run(
          employeeId, companyId, `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`, iso(birthDay), homeCode, iso(start), pick(titles), chance(0.8) ? 37 : pick([20, 25, 30, 32]),
          largest ? `L${String(e + 1).padStart(6, "0")}` : null, largest ? pick(departmentIds) : null,
        );
        let open;
        let closedCount;
        if (fixed) {
          open = (large && e === 0) || chance(fixedOpen / (size - e));
          if (open) fixedOpen--;
          closedCount = Math.min(8, poisson(1.7));
        } else {
          open = chance(remainingOpen / remainingEmployees);
          closedCount = Math.min(8, poisson(Math.max(0, remainingClosed) / remainingEmployees));
          if (open) remainingOpen--;
          remainingEmployees--;
        }
        remainingClosed -= closedCount;
        if ((e & 1023) === 1023) progress();
        employeeLife({
          companyId, employeeId, birthDay, homeCode, employmentStartDay: start, open, closedCount, hrUser,
          // The large company has one document of each type, so the bench finds a PDF of each.
          forceFastTrack: large && e === 0,
          forceParagraph56: large && e === 1,
          forceSocialChapter: large && e === 2,
        });
      }
    }
  });
  // Rows done of the total, at most every two seconds (also from inside the largest employer's batch).
  let lastProgress = 0;
  /** @param {boolean} [force] */
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < 2_000) return;
    lastProgress = now;
    const percent = (/** @type {number} */ done, /** @type {number} */ total) => `${Math.min(100, Math.floor((done / Math.max(1, total)) * 100))} %`;
    log(
      `  employees ${ids.employee.toLocaleString("en")} of ${counts.employees.toLocaleString("en")} (${percent(ids.employee, counts.employees)}), ` +
        `absences ${ids.absence.toLocaleString("en")} of about ${counts.absences.toLocaleString("en")}, submissions ${ids.submission.toLocaleString("en")} ` +
        `(${Math.round((now - started) / 1000)} s)`,
    );
  };
  for (let c = 0; c < counts.companies; c += BATCH) {
    insertCompanies(c, Math.min(counts.companies, c + BATCH));
    progress();
  }
  progress(true);

  // The generated contents must be what the app's own forms accept.
  const fastTrackSchema = app.fastTrackRequestSchema(today);
  for (const s of samples.fastTrack) {
    fastTrackSchema.parse(s.content);
    const refusal = app.fastTrackRefusal({ firstAbsenceDay: s.firstAbsenceDay, expectedOver8Weeks: true }, s.content.requestedOn);
    if (refusal) throw new Error(`generated fast-track request is refused: ${refusal}`);
  }
  /** @param {string} firstAbsenceDay */
  const planSchema = (firstAbsenceDay) => app.fastholdelsesplanSchema({ today, firstAbsenceDay });
  for (const s of samples.plans) planSchema(s.firstAbsenceDay).parse(s.content);
  for (const d of samples.declarations) {
    const missing = app.missingSteps(d, today);
    if (missing.length) throw new Error(`generated mulighedserklæring is incomplete: ${missing.join(", ")}`);
  }
  const socialSchema = app.socialChapterSchema(today);
  for (const s of samples.socialChapter) socialSchema.parse({ ...s, hoursPerWeek: String(s.hoursPerWeek), reviewDates: s.reviewDates.join(" ") });

  log(`  derived tables, triggers and ANALYZE (${Math.round((Date.now() - started) / 1000)} s)`);
  sqlite.prepare("insert into audit_log (user_id, action, entity_type, details) values (null, 'seed-national', 'database', ?)").run(JSON.stringify({ today, scale }));
  sqlite.exec(`insert into municipality_open_absences (municipality_code, open_absences)
    select employee_municipality_code, count(*) from absences where returned_on is null group by employee_municipality_code`);
  // The municipality each submission belongs to now (the employee's), which the inbox reads.
  sqlite.exec("update submissions set employee_municipality_code = (select municipality_code from employees where employees.id = submissions.employee_id)");
  for (const t of syncTriggers) sqlite.exec(t.sql);
  sqlite.pragma("journal_mode = WAL");
  sqlite.exec("ANALYZE");
  sqlite.close();

  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const bytes = fs.statSync(file).size;
  const summary = {
    file,
    today,
    seconds,
    megabytes: Math.round(bytes / 1024 / 1024),
    companies: counts.companies,
    largestEmployer: { employees: counts.largest.employees, openAbsences: counts.largest.open, departments: counts.largest.departments },
    employees: ids.employee,
    absences: ids.absence,
    openAbsences: tally.absencesOpen,
    longAbsences: tally.absencesLong,
    fastTrackRequests: tally.fastTrack,
    fastholdelsesplaner: tally.fastholdelsesplan,
    mulighedserklaeringer: tally.mulighedserklaering,
    paragraph56Agreements: tally.paragraph56,
    socialChapterRecords: tally.socialChapter,
    submissions: tally.submissions,
    submissionsByStatus: tally.byStatus,
    koebenhavnSubmissionShare: Math.round((tally.koebenhavn / Math.max(1, tally.submissions)) * 1000) / 10,
    notifications: tally.notifications,
    logins: NATIONAL_LOGINS,
    password: DEMO_PASSWORD,
  };
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const summary = await seedNational({ file: process.argv[2] });
  console.log(JSON.stringify(summary, null, 2));
}
