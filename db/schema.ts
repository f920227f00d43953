/**
 * The tables the models import, for the engine this process runs on (db/dialect.ts): the SQLite
 * definitions (db/schema.sqlite.ts, where each table and column is explained) or the PostgreSQL
 * ones (db/schema.pg.ts), chosen once when the module loads, since DATABASE_URL is fixed for the
 * process. Both files define the same tables, columns and row types (tests/unit/db/schema-drift.test.ts),
 * so the models are typed against the SQLite definitions and run unchanged on either
 * (docs/decisions/013).
 */
import { dialect } from "./dialect";
import * as pg from "./schema.pg";
import * as sqlite from "./schema.sqlite";

export { DOCUMENT_TYPES, SUBMISSION_STATUSES, MULIGHEDSERKLAERING_STATUSES, DOCTOR_OUTCOMES } from "./schema.sqlite";
export type { Company, User, Employee, Absence, Document, Submission, SubmissionEvent, Paragraph56Agreement, Mulighedserklaering, DocumentAttachment, Invitation, OutboxMessage } from "./schema.sqlite";

const chosen = (dialect() === "postgres" ? pg : sqlite) as unknown as typeof sqlite;

export const companies = chosen.companies;
export const users = chosen.users;
export const sessions = chosen.sessions;
export const auditLog = chosen.auditLog;
export const departments = chosen.departments;
export const userDepartments = chosen.userDepartments;
export const employees = chosen.employees;
export const employeeMoves = chosen.employeeMoves;
export const absences = chosen.absences;
export const municipalityOpenAbsences = chosen.municipalityOpenAbsences;
export const municipalityDataVersions = chosen.municipalityDataVersions;
export const statisticsBlockVersions = chosen.statisticsBlockVersions;
export const calendarFeeds = chosen.calendarFeeds;
export const calendarEvents = chosen.calendarEvents;
export const documents = chosen.documents;
export const documentVersions = chosen.documentVersions;
export const submissions = chosen.submissions;
export const submissionEvents = chosen.submissionEvents;
export const notifications = chosen.notifications;
export const socialChapterRecords = chosen.socialChapterRecords;
export const socialChapterLog = chosen.socialChapterLog;
export const paragraph56Agreements = chosen.paragraph56Agreements;
export const mulighedserklaeringer = chosen.mulighedserklaeringer;
export const documentAttachments = chosen.documentAttachments;
export const attachmentContents = chosen.attachmentContents;
export const invitations = chosen.invitations;
export const passwordResets = chosen.passwordResets;
export const outbox = chosen.outbox;
export const digestReported = chosen.digestReported;
export const employeeImports = chosen.employeeImports;
export const employeeImportStaged = chosen.employeeImportStaged;
export const employeeImportRows = chosen.employeeImportRows;
export const caseExports = chosen.caseExports;
