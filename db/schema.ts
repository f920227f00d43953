/**
 * The data model: the one source of truth. Dates of the law are ISO calendar
 * dates stored as TEXT (YYYY-MM-DD); instants (created, last seen) are ISO
 * timestamps in UTC.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

export const companies = sqliteTable("companies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  cvr: text("cvr").notNull().unique(),
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
  },
  (t) => [index("audit_entity_idx").on(t.entityType, t.entityId)],
);

export const employees = sqliteTable(
  "employees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    name: text("name").notNull(),
    birthDate: text("birth_date").notNull(),
    /** The current home municipality (handlekommune); earlier ones are in employee_moves. */
    municipalityCode: integer("municipality_code").notNull(),
    employmentStartDate: text("employment_start_date").notNull(),
    jobTitle: text("job_title").notNull(),
    weeklyHours: real("weekly_hours").notNull(),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [index("employees_company_idx").on(t.companyId, t.name)],
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
  (t) => [index("employee_moves_employee_idx").on(t.employeeId, t.movedOn)],
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
    firstFollowUpHeldOn: text("first_follow_up_held_on"),
    returnedOn: text("returned_on"),
    paragraph56: integer("paragraph_56", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [
    index("absences_company_idx").on(t.companyId, t.returnedOn),
    index("absences_employee_idx").on(t.employeeId),
  ],
);

/** The company's secret calendar address; revoking sets revokedAt, renewing makes a new row. */
export const calendarFeeds = sqliteTable(
  "calendar_feeds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
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
