/**
 * The data model: the one source of truth. Dates of the law are ISO calendar
 * dates stored as TEXT (YYYY-MM-DD); instants (created, last seen) are ISO
 * timestamps in UTC.
 */
import { sql } from "drizzle-orm";
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const companies = sqliteTable("companies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  cvr: text("cvr").notNull().unique(),
  /**
   * Bumped by triggers (migration 0009) on every write to the rows a company's
   * dashboard is computed from (absences, employees, documents, § 56 agreements,
   * social-chapter records, mulighedserklæringer), in the writer's transaction:
   * a cached dashboard is valid while this number is unchanged, whichever
   * process or code path wrote.
   */
  dataVersion: integer("data_version").notNull().default(0),
  /**
   * The company's own absence policy for the statistics page's opt-in list: employees with
   * at least this many absence periods within absencePromptMonths months, as a prompt for
   * a supportive conversation (omsorgssamtale). Both null (the default): no list.
   */
  absencePromptMinPeriods: integer("absence_prompt_min_periods"),
  absencePromptMonths: integer("absence_prompt_months"),
  /**
   * The HR contact person the jobcenter of an employee's home municipality calls about
   * a case, set on /virksomhed/indstillinger. A role, not a login: it may be a shared
   * HR phone and mailbox, so it is kept apart from the users.
   */
  contactName: text("contact_name"),
  contactPhone: text("contact_phone"),
  contactEmail: text("contact_email"),
  /**
   * Whether a manager (users.access_level = 'manager') may send documents to the jobcenter
   * themselves; off by default, so HR sees everything that leaves the company.
   */
  managersMaySubmit: integer("managers_may_submit", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["employer", "jobcenter"] }).notNull(),
    companyId: integer("company_id").references(() => companies.id),
    municipalityCode: integer("municipality_code"),
    /** Administers the users of the company or the jobcenter: invites, deactivates, sees failed mail. */
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    /**
     * A company user's reach: "hr" sees the whole company (everyone before departments
     * existed keeps it), "manager" (nærmeste leder) only the employees of the departments
     * in user_departments. Ignored for jobcenter users.
     */
    accessLevel: text("access_level", { enum: ["hr", "manager"] }).notNull().default("hr"),
    /** A deactivated user cannot log in; their sessions were revoked when this was set. */
    deactivatedAt: text("deactivated_at"),
    lastLoginAt: text("last_login_at"),
    /** The daily digest by e-mail (deadlines for HR, new submissions and fast track for the jobcenter). */
    mailDigest: integer("mail_digest", { mode: "boolean" }).notNull().default(true),
    /** An e-mail at once when the jobcenter asks for information or decides a submission. */
    mailImmediate: integer("mail_immediate", { mode: "boolean" }).notNull().default(true),
    /** The Danish calendar day of the last digest run for this user: one digest a day. */
    lastDigestOn: text("last_digest_on"),
    createdAt: createdAt(),
  },
  (t) => [
    // A company user belongs to exactly one company, a jobcenter user to exactly one municipality.
    check(
      "users_role_scope",
      sql`(${t.role} = 'employer' AND ${t.companyId} IS NOT NULL AND ${t.municipalityCode} IS NULL) OR (${t.role} = 'jobcenter' AND ${t.companyId} IS NULL AND ${t.municipalityCode} IS NOT NULL)`,
    ),
  ],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session id the cookie carries; the id itself is never stored. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: text("last_seen_at").notNull(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: createdAt(),
    userId: integer("user_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    details: text("details"),
    /**
     * Whose log the row is in: the company the entity belongs to (or the acting
     * company user's), and the employee it is about. Filled by a trigger (migration
     * 0018) from the entity on insert, whatever code path writes, so the company
     * administrator's log and the access-request export find a caseworker's reads too.
     * Plain ids, no foreign keys: the trail outlives the deleted case (retention).
     */
    companyId: integer("company_id"),
    employeeId: integer("employee_id"),
  },
  (t) => [
    index("audit_entity_idx").on(t.entityType, t.entityId),
    index("audit_company_idx").on(t.companyId, t.at),
    index("audit_company_employee_idx").on(t.companyId, t.employeeId, t.at),
  ],
);

/** A company's own organisational unit; employees belong to at most one. */
export const departments = sqliteTable(
  "departments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_company_name_uq").on(t.companyId, t.name)],
);

/** The departments a manager is the nearest manager of. */
export const userDepartments = sqliteTable(
  "user_departments",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.departmentId] }), index("user_departments_department_idx").on(t.departmentId)],
);

export const employees = sqliteTable(
  "employees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    /**
     * The company's own employee number (lønnummer) from its payroll system: the
     * key an import matches on. Null for employees typed in without one.
     */
    employeeNumber: text("employee_number"),
    name: text("name").notNull(),
    birthDate: text("birth_date").notNull(),
    /** Work e-mail; optional, not used for login. */
    email: text("email"),
    departmentId: integer("department_id").references(() => departments.id),
    /**
     * Home address, which the caseworker of the home municipality needs to find
     * the citizen in their own systems. Optional: HR fills it in or imports it.
     */
    addressLine: text("address_line"),
    postalCode: text("postal_code"),
    city: text("city"),
    /** The current home municipality (handlekommune); earlier ones are in employee_moves. */
    municipalityCode: integer("municipality_code").notNull(),
    employmentStartDate: text("employment_start_date").notNull(),
    /** The last day of employment once notice is given or a fixed term ends (SDL § 7 a); null when not known. */
    employmentEndDate: text("employment_end_date"),
    jobTitle: text("job_title").notNull(),
    weeklyHours: real("weekly_hours").notNull(),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [
    index("employees_company_idx").on(t.companyId, t.name),
    uniqueIndex("employees_company_number_uq")
      .on(t.companyId, t.employeeNumber)
      .where(sql`${t.employeeNumber} IS NOT NULL`),
    index("employees_department_idx").on(t.departmentId),
    // The jobcenter finds the open cases of the citizens who live in its municipality.
    index("employees_municipality_idx").on(t.municipalityCode),
  ],
);

/** A move of home municipality; the case follows the new municipality from movedOn (Retssikkerhedsloven § 9). */
export const employeeMoves = sqliteTable(
  "employee_moves",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id, { onDelete: "cascade" }),
    fromMunicipalityCode: integer("from_municipality_code").notNull(),
    toMunicipalityCode: integer("to_municipality_code").notNull(),
    movedOn: text("moved_on").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("employee_moves_employee_idx").on(t.employeeId, t.movedOn),
    // The jobcenter's exceptions: moves after a date into or out of its municipality.
    index("employee_moves_from_idx").on(t.fromMunicipalityCode, t.movedOn),
    index("employee_moves_to_idx").on(t.toMunicipalityCode, t.movedOn),
  ],
);

export const absences = sqliteTable(
  "absences",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    firstAbsenceDay: text("first_absence_day").notNull(),
    extent: text("extent", { enum: ["full", "partial"] }).notNull(),
    pay: text("pay", { enum: ["salary", "sickness-benefit", "none"] }).notNull(),
    expectedOver8Weeks: integer("expected_over_8_weeks", { mode: "boolean" }).notNull(),
    conversationHeldOn: text("conversation_held_on"),
    conversationNotes: text("conversation_notes"),
    fastTrackRequestedOn: text("fast_track_requested_on"),
    /** The employee declined fast track: the normal first follow-up applies (SDL § 7 e). */
    fastTrackDeclined: integer("fast_track_declined", { mode: "boolean" }).notNull().default(false),
    firstFollowUpHeldOn: text("first_follow_up_held_on"),
    returnedOn: text("returned_on"),
    paragraph56: integer("paragraph_56", { mode: "boolean" }).notNull().default(false),
    /** Employer and employee both expect the employee back within 26 weeks (lov nr. 1750/2025). */
    expectedBackWithin26Weeks: integer("expected_back_within_26_weeks", { mode: "boolean" }).notNull().default(false),
    /** The § 40 report was made in NemRefusion on this day (outside the portal), with its reference if given. */
    absenceReportedOn: text("absence_reported_on"),
    absenceReportReference: text("absence_report_reference"),
    /** The § 59 refund request was made in NemRefusion on this day, with its reference if given. */
    refundRequestedOn: text("refund_requested_on"),
    refundRequestReference: text("refund_request_reference"),
    /** The approved § 56 agreement the absence is linked to ("fravær som følge af den kroniske lidelse"). */
    paragraph56AgreementId: integer("paragraph56_agreement_id"),
    /**
     * A copy of the employee's current employees.municipality_code, kept by triggers
     * (migration 0011) on every insert of an absence and every change of the
     * employee's municipality: the jobcenter reads its open cases from one index
     * instead of joining every employee. Residence on a date still comes from
     * homeMunicipalityOn with the moves.
     */
    employeeMunicipalityCode: integer("employee_municipality_code"),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [
    index("absences_company_idx").on(t.companyId, t.returnedOn),
    index("absences_employee_idx").on(t.employeeId),
    // The company's case list pages by first absence day and its year filter reads the range of years.
    index("absences_company_first_day_idx").on(t.companyId, t.firstAbsenceDay, t.id),
    // No covering index for the statistics page (absences_statistics_idx, 0031, dropped in 0033): starting with
    // company_id, SQLite 3.53 chose it for every "company_id = ?" query and the case list and dashboard read all of
    // a company's entries for min(first day) and their pages (case list of the 50,000-employee employer 23 → 69 ms).
    // The municipality's open cases in order of first absence day, a page at a time, and their count.
    index("absences_open_municipality_idx")
      .on(t.employeeMunicipalityCode, t.firstAbsenceDay, t.id, t.employeeId)
      .where(sql`returned_on is null`),
  ],
);

/**
 * How many open absences (returned_on null) each municipality's citizens have, by
 * absences.employee_municipality_code. Kept by triggers (migration 0012) in the
 * writer's transaction: the jobcenter's case list shows its total without
 * counting tens of thousands of index entries per request.
 */
export const municipalityOpenAbsences = sqliteTable("municipality_open_absences", {
  municipalityCode: integer("municipality_code").primaryKey(),
  openAbsences: integer("open_absences").notNull(),
});

/**
 * A municipality's data version: bumped by triggers (migration 0014) in the writer's
 * transaction with every write to what its jobcenter's inbox and case list show
 * (submissions, absences, employees, moves, company names). The lists are kept in
 * memory per municipality and day while it is unchanged.
 */
export const municipalityDataVersions = sqliteTable("municipality_data_versions", {
  municipalityCode: integer("municipality_code").primaryKey(),
  version: integer("version").notNull().default(0),
});

/**
 * A version per block of 1,024 consecutive employee ids of a company (block = employee id >> 10),
 * bumped by triggers (migration 0032) on every write to the block's employees and their absences,
 * in the writer's transaction. The statistics page keeps its figures per block and, after a write,
 * recomputes the blocks whose version changed instead of the whole company. No row: version 0.
 */
export const statisticsBlockVersions = sqliteTable(
  "statistics_block_versions",
  {
    companyId: integer("company_id").notNull(),
    block: integer("block").notNull(),
    version: integer("version").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.block] })],
);

/**
 * A secret calendar address: the company's (userId null, made by HR) or a manager's own, which
 * holds their departments' deadlines only; revoking sets revokedAt, renewing makes a new row.
 */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    userId: integer("user_id").references(() => users.id),
    /** SHA-256 (hex) of the token in the feed's address; the address is shown once, when made. */
    token: text("token").notNull().unique(),
    createdAt: createdAt(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("calendar_feeds_company_idx").on(t.companyId)],
);

/**
 * What a calendar client has been told about one deadline: the feed keeps a
 * stable UID, bumps the sequence when the date moves, and cancels an event
 * whose deadline no longer applies. Written with the absence change.
 */
export const calendarEvents = sqliteTable(
  "calendar_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    absenceId: integer("absence_id")
      .notNull()
      .references(() => absences.id, { onDelete: "cascade" }),
    deadlineId: text("deadline_id").notNull(),
    uid: text("uid").notNull().unique(),
    dueDate: text("due_date").notNull(),
    sequence: integer("sequence").notNull().default(0),
    cancelled: integer("cancelled", { mode: "boolean" }).notNull().default(false),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("calendar_events_deadline_idx").on(t.absenceId, t.deadlineId),
    index("calendar_events_company_idx").on(t.companyId),
  ],
);

export type Company = typeof companies.$inferSelect;
export type User = typeof users.$inferSelect;
export type Employee = typeof employees.$inferSelect;
export type Absence = typeof absences.$inferSelect;

export const DOCUMENT_TYPES = ["fast-track", "mulighedserklaering", "fastholdelsesplan", "paragraph56", "social-chapter"] as const;
export const SUBMISSION_STATUSES = ["received", "in-review", "needs-information", "approved", "rejected"] as const;

/** A document the employer writes about a case; its content lives in versions. */
export const documents = sqliteTable(
  "documents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    absenceId: integer("absence_id").references(() => absences.id),
    type: text("type", { enum: DOCUMENT_TYPES }).notNull(),
    /** The version being edited; a submitted version is frozen and the next edit makes a new one. */
    currentVersion: integer("current_version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [index("documents_absence_idx").on(t.absenceId), index("documents_company_idx").on(t.companyId)],
);

export const documentVersions = sqliteTable(
  "document_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** JSON of the document type's schema; never edited once submitted. */
    content: text("content").notNull(),
    submittedAt: text("submitted_at"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("document_versions_idx").on(t.documentId, t.version)],
);

/** A document sent to the jobcenter of the employee's home municipality on the day it was sent. */
export const submissions = sqliteTable(
  "submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .unique()
      .references(() => documents.id),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    absenceId: integer("absence_id").references(() => absences.id),
    /** The municipality the submission was sent to on receivedOn; it stays a fact when the employee moves. */
    municipalityCode: integer("municipality_code").notNull(),
    /**
     * A copy of the employee's current employees.municipality_code, kept by triggers
     * (migration 0017) on every insert and every change of the employee's municipality.
     * The whole case follows the employee to the new home municipality from the moving
     * date (Retssikkerhedsloven § 9): the inbox reads its submissions from this column,
     * with the few employees whose residence on the day differs from it added or left out.
     */
    employeeMunicipalityCode: integer("employee_municipality_code"),
    type: text("type", { enum: DOCUMENT_TYPES }).notNull(),
    status: text("status", { enum: SUBMISSION_STATUSES }).notNull(),
    /** The version under review. */
    version: integer("version").notNull(),
    /** Optimistic lock: every state change checks and bumps it, so two caseworkers cannot both win. */
    lock: integer("lock").notNull().default(0),
    assignedTo: integer("assigned_to").references(() => users.id),
    receivedOn: text("received_on").notNull(),
    lastActivityAt: text("last_activity_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("submissions_municipality_idx").on(t.municipalityCode, t.status, t.receivedOn),
    // The jobcenter inbox pages through a municipality's submissions by received date;
    // status and type ride along so the filters are checked in the index.
    index("submissions_inbox_idx").on(t.municipalityCode, t.receivedOn, t.status, t.type),
    // The same for the municipality the case belongs to now, which the inbox lists.
    index("submissions_owner_inbox_idx").on(t.employeeMunicipalityCode, t.receivedOn, t.status, t.type),
    index("submissions_company_idx").on(t.companyId, t.lastActivityAt),
    index("submissions_absence_idx").on(t.absenceId),
    // An employee's rename reaches the inbox of every municipality holding their submissions.
    index("submissions_employee_idx").on(t.employeeId),
  ],
);

/** The history of a submission: state changes and messages. Internal notes are never shown to the employer. */
export const submissionEvents = sqliteTable(
  "submission_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    submissionId: integer("submission_id")
      .notNull()
      .references(() => submissions.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id),
    kind: text("kind").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    version: integer("version"),
    message: text("message"),
    visibleToEmployer: integer("visible_to_employer", { mode: "boolean" }).notNull().default(true),
    at: createdAt(),
  },
  (t) => [index("submission_events_idx").on(t.submissionId, t.id)],
);

/** Per-user notifications for new messages and status changes. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    submissionId: integer("submission_id").references(() => submissions.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    link: text("link").notNull(),
    readAt: text("read_at"),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt)],
);

export type Document = typeof documents.$inferSelect;
export type Submission = typeof submissions.$inferSelect;
export type SubmissionEvent = typeof submissionEvents.$inferSelect;

/**
 * Employment under the collective agreement's social chapter (or on special
 * terms): the 12 months a person more than 6 years from folkepension needs
 * before a fleksjob in the current job (LAB §§ 118–119).
 */
export const socialChapterRecords = sqliteTable(
  "social_chapter_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    employeeId: integer("employee_id")
      .notNull()
      .unique()
      .references(() => employees.id),
    collectiveAgreement: text("collective_agreement").notNull(),
    startedOn: text("started_on").notNull(),
    tasks: text("tasks").notNull(),
    accommodations: text("accommodations").notNull(),
    hoursPerWeek: real("hours_per_week").notNull(),
    wageTerms: text("wage_terms").notNull(),
    /** JSON array of ISO dates on which the arrangement is reviewed. */
    reviewDates: text("review_dates").notNull().default("[]"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [index("social_chapter_company_idx").on(t.companyId)],
);

/**
 * The dated log of the effort; append-only (a correction is a new entry that names the one it corrects).
 * The one change a trigger allows: a redaction, once, which replaces the text of an entry that turned
 * out to hold health information and records who did it and when (the original is not kept anywhere).
 */
export const socialChapterLog = sqliteTable(
  "social_chapter_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recordId: integer("record_id")
      .notNull()
      .references(() => socialChapterRecords.id),
    entryDate: text("entry_date").notNull(),
    kind: text("kind", { enum: ["adjustment", "conversation", "change", "evaluation", "correction"] }).notNull(),
    text: text("text").notNull(),
    correctsEntryId: integer("corrects_entry_id"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    redactedAt: text("redacted_at"),
    redactedBy: integer("redacted_by").references(() => users.id),
  },
  (t) => [index("social_chapter_log_record_idx").on(t.recordId, t.entryDate)],
);

/** A § 56 agreement (form DP 211): applied for by employer and employee, approved by the home municipality. */
export const paragraph56Agreements = sqliteTable(
  "paragraph56_agreements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    employeeId: integer("employee_id")
      .notNull()
      .references(() => employees.id),
    kind: text("kind", { enum: ["almindelig", "midlertidig"] }).notNull(),
    /** The illness's effect on the work in general terms; never a diagnosis. */
    effectOnWork: text("effect_on_work").notNull(),
    expectedDaysPerYear: integer("expected_days_per_year").notNull(),
    appliedOn: text("applied_on").notNull(),
    /** Renewal without 10 absence days needs a material change of work or health circumstances. */
    materialChange: text("material_change"),
    renewalOfId: integer("renewal_of_id"),
    documentId: integer("document_id").references(() => documents.id),
    approvedOn: text("approved_on"),
    validUntil: text("valid_until"),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("paragraph56_employee_idx").on(t.employeeId), index("paragraph56_company_idx").on(t.companyId)],
);

export type Paragraph56Agreement = typeof paragraph56Agreements.$inferSelect;

export const MULIGHEDSERKLAERING_STATUSES = ["draft", "part1-complete", "sent-to-doctor", "answered"] as const;
export const DOCTOR_OUTCOMES = ["sound", "not-sound", "partly"] as const;

/**
 * The workflow of a mulighedserklæring (SDL § 36 a) beside its document: part 1
 * lives in the document's versions; this row tracks the doctor's part and its
 * deadline. Only the outcome for the work is recorded, never a diagnosis.
 */
export const mulighedserklaeringer = sqliteTable(
  "mulighedserklaeringer",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .unique()
      .references(() => documents.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    status: text("status", { enum: MULIGHEDSERKLAERING_STATUSES }).notNull().default("draft"),
    /** The deadline the employer set for the doctor's part (default 14 days after the meeting). */
    doctorDeadline: text("doctor_deadline"),
    sentToDoctorOn: text("sent_to_doctor_on"),
    answeredOn: text("answered_on"),
    outcome: text("outcome", { enum: DOCTOR_OUTCOMES }),
    expectedAbsenceDuration: text("expected_absence_duration"),
    doctorRemarks: text("doctor_remarks"),
    updatedAt: text("updated_at"),
  },
  (t) => [index("mulighedserklaeringer_company_idx").on(t.companyId, t.status)],
);

/** A file a user uploaded to a document (the doctor's returned PDF), stored outside the web root. */
export const documentAttachments = sqliteTable(
  "document_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    documentId: integer("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    kind: text("kind", { enum: ["doctor-answer"] }).notNull(),
    /** A random name (the file of an upload from before docs/decisions/009 in the upload folder); the user's own file name is not kept (it may hold a name or CPR number). */
    storageName: text("storage_name").notNull().unique(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [index("document_attachments_document_idx").on(t.documentId)],
);

/**
 * The bytes of an uploaded file, in the database rather than on the server's disk, so that any
 * server on a shared database can serve them and the backup holds them (docs/decisions/009).
 * A table of its own, so that listing attachments never reads the blobs.
 */
export const attachmentContents = sqliteTable("attachment_contents", {
  attachmentId: integer("attachment_id")
    .primaryKey()
    .references(() => documentAttachments.id, { onDelete: "cascade" }),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
});

export type Mulighedserklaering = typeof mulighedserklaeringer.$inferSelect;
export type DocumentAttachment = typeof documentAttachments.$inferSelect;
/**
 * An invitation to become a user of a company or a jobcenter. Only the
 * SHA-256 of the link's token is stored; the user row is made when the
 * invitation is accepted, so there is never an account without a password.
 */
export const invitations = sqliteTable(
  "invitations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: ["employer", "jobcenter"] }).notNull(),
    companyId: integer("company_id").references(() => companies.id),
    municipalityCode: integer("municipality_code"),
    /** The invitee's reach once they accept (users.access_level) and, for a manager, their departments as a JSON array of ids. */
    accessLevel: text("access_level", { enum: ["hr", "manager"] }).notNull().default("hr"),
    departmentIds: text("department_ids"),
    invitedBy: integer("invited_by")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    revokedAt: text("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_email_idx").on(t.email)],
);

/** A password reset link; only the SHA-256 of its token is stored. */
export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * Every e-mail is written here first, in the transaction of the change that
 * caused it, and sent by the mail worker with retries and backoff: a mail
 * server outage delays mail but loses none. companyId / municipalityCode say
 * which administrator may see the message when it fails.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["digest", "submission-update", "submission-receipt", "invitation", "password-reset"] }).notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    companyId: integer("company_id").references(() => companies.id),
    municipalityCode: integer("municipality_code"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    lastError: text("last_error"),
    sentAt: text("sent_at"),
    /** Set when the last allowed attempt failed; an administrator may queue it again. */
    failedAt: text("failed_at"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_pending_idx").on(t.sentAt, t.failedAt, t.nextAttemptAt)],
);

/**
 * What a user's digest has already reported: a deadline is reported once per
 * status (due soon, then overdue) and due date, a new submission once.
 */
export const digestReported = sqliteTable(
  "digest_reported",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    itemKey: text("item_key").notNull(),
    reportedAt: text("reported_at").notNull(),
  },
  (t) => [uniqueIndex("digest_reported_idx").on(t.userId, t.itemKey)],
);

export type Invitation = typeof invitations.$inferSelect;
export type OutboxMessage = typeof outbox.$inferSelect;

/**
 * An uploaded employee file between its preview and the HR user's confirmation:
 * kept on the server, so what is confirmed is what was previewed, not what a client
 * sends back. Only the SHA-256 of the token in the preview's address is stored; the
 * token works for the user who uploaded it, in their company, until expiresAt.
 */
export const employeeImports = sqliteTable(
  "employee_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenHash: text("token_hash").notNull().unique(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    /** The file's header row as written, for the refused rows' download. */
    headers: text("headers").notNull(),
    /** A change of home municipality is recorded as a move on this day. */
    movedOn: text("moved_on").notNull(),
    expiresAt: text("expires_at").notNull(),
    confirmedAt: text("confirmed_at"),
    createdAt: createdAt(),
    /**
     * The background work on the import (employee-import-jobs.server.ts): the file is
     * read and planned ("reading"), the preview waits for HR ("ready"), the rows are
     * stored ("saving"), done ("confirmed"), or it stopped ("failed", with error).
     */
    status: text("status", { enum: ["reading", "ready", "saving", "confirmed", "failed"] })
      .notNull()
      .default("ready"),
    /**
     * The progress of the work running: while reading, rows planned of the file's rows; while
     * saving, accepted rows staged of the accepted rows (employee_import_staged). The page shows them.
     */
    rowsDone: integer("rows_done").notNull().default(0),
    rowsTotal: integer("rows_total").notNull().default(0),
    /** Why the work stopped, in Danish, for the import page. */
    error: text("error"),
    /**
     * The run of background work on it while reading or saving: the working server process's
     * random id and the run's number in it ("<process id>:<n>", db/job-owner.server.ts), and when
     * that process last said it still works on it (the database's clock, every JOB_HEARTBEAT_MS).
     * On PostgreSQL several servers share the table, and only work whose owner has gone silent is
     * marked interrupted (docs/decisions/017). Null on rows from before, which count as silent.
     */
    jobOwner: text("job_owner"),
    heartbeatAt: text("heartbeat_at"),
  },
  (t) => [index("employee_imports_expiry_idx").on(t.expiresAt)],
);

/**
 * A confirmation's rows on their way in (decision 010): written in steps, each committed with
 * the progress, then moved into employees and audit_log in one short final transaction. No
 * read model looks here, so a confirmation that stops before or within the move leaves the
 * real tables as they were. Values are in their stored form; emptied once the move is done.
 */
export const employeeImportStaged = sqliteTable(
  "employee_import_staged",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => employeeImports.id, { onDelete: "cascade" }),
    line: integer("line").notNull(),
    outcome: text("outcome", { enum: ["new", "updated"] }).notNull(),
    /** The matched employee of an updated row. */
    employeeId: integer("employee_id"),
    employeeNumber: text("employee_number").notNull(),
    name: text("name").notNull(),
    birthDate: text("birth_date").notNull(),
    municipalityCode: integer("municipality_code").notNull(),
    employmentStartDate: text("employment_start_date").notNull(),
    /** Null on an updated row keeps the stored value (a payroll export leaves them blank). */
    jobTitle: text("job_title"),
    weeklyHours: real("weekly_hours"),
    email: text("email"),
    employmentEndDate: text("employment_end_date"),
    addressLine: text("address_line"),
    postalCode: text("postal_code"),
    city: text("city"),
    /** The department as the file names it, and its name folded for matching; resolved to an id in the move. */
    departmentName: text("department_name"),
    departmentKey: text("department_key"),
    departmentId: integer("department_id"),
    /** The employee's updated_at at the preview: checked again in the move. */
    seenUpdatedAt: text("seen_updated_at"),
    /** An updated row whose home municipality changes: recorded as a move from this code. */
    movesFrom: integer("moves_from"),
    /** An updated row whose birth date or employment end changes: its absences' deadlines are computed again. */
    recompute: integer("recompute", { mode: "boolean" }).notNull().default(false),
    /** The audit entry's details of an updated row (the fields it changes). */
    auditDetails: text("audit_details"),
  },
  (t) => [primaryKey({ columns: [t.importId, t.line] })],
);

/** One data row of an import and what confirming it does. */
export const employeeImportRows = sqliteTable(
  "employee_import_rows",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => employeeImports.id, { onDelete: "cascade" }),
    /** The row's line in the file (the header is line 1). */
    line: integer("line").notNull(),
    outcome: text("outcome", { enum: ["new", "updated", "unchanged", "refused"] }).notNull(),
    employeeId: integer("employee_id"),
    /** JSON: the row's values as read (refused) or as they will be stored. */
    data: text("data").notNull(),
    /** JSON: the changes of an updated row, or the reasons a row is refused. */
    notes: text("notes"),
  },
  (t) => [
    uniqueIndex("employee_import_rows_line_uq").on(t.importId, t.line),
    index("employee_import_rows_outcome_idx").on(t.importId, t.outcome, t.line),
  ],
);

/**
 * A case-list export too large to make within the request (more than EXPORT_BACKGROUND_ROWS
 * rows): made in the background in steps, its progress read by the export's page from any
 * process, and the finished file kept here for its owner to download until it expires (24 h;
 * removed by the retention job and whenever a new export is started).
 */
export const caseExports = sqliteTable(
  "case_exports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The owner's access when it was asked for (JSON of the department ids, "null" for HR): a changed access no longer reaches the file. */
    scope: text("scope").notNull(),
    format: text("format", { enum: ["csv", "xlsx"] }).notNull(),
    /** The case list's filters it was asked with (JSON), shown on its page. */
    filters: text("filters").notNull(),
    asOf: text("as_of").notNull(),
    status: text("status", { enum: ["running", "done", "failed"] }).notNull(),
    rowsDone: integer("rows_done").notNull().default(0),
    rowsTotal: integer("rows_total").notNull(),
    /** Why it stopped, in Danish, for its page. */
    error: text("error"),
    fileName: text("file_name").notNull(),
    file: blob("file", { mode: "buffer" }),
    createdAt: createdAt(),
    expiresAt: text("expires_at").notNull(),
    /** The run writing it while running ("<process id>:<n>"), and its process's last heartbeat (as employee_imports, docs/decisions/017). */
    jobOwner: text("job_owner"),
    heartbeatAt: text("heartbeat_at"),
  },
  (t) => [index("case_exports_user_idx").on(t.userId, t.id), index("case_exports_expiry_idx").on(t.expiresAt)],
);
