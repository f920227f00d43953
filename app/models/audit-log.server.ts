/**
 * The audit trail as the company reads it: every read of a health-related
 * document (the document page, its PDF, the doctor's uploaded PDF, a caseworker's
 * submission page and PDF) is a row beside the changes, and the company's
 * administrator reads the trail of the company's cases in the portal.
 */
import { and, count, desc, eq, gte, inArray, lt, ne, type SQL } from "drizzle-orm";
import { getDb, one, runTx } from "~db/client.server";
import { auditLog, companies, employees, users } from "~db/schema";
import { addDays, todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { DOCUMENT_TYPE_LABELS, type DocumentType } from "~/domain/documents";
import { municipalityLabel } from "~/domain/municipalities";
import { assertAdmin } from "./account.server";
import { recordAudit } from "./audit.server";
import type { EmployerUser } from "./user.server";

export type DocumentRead = "document.view" | "document.pdf" | "document.attachment" | "submission.view" | "submission.pdf";

/**
 * One read of a document, in a transaction of its own: who (the user), which
 * document, when (the row's time). The trigger of migration 0018 files it under the
 * document's company and employee.
 */
export async function recordDocumentRead(input: {
  userId: number;
  action: DocumentRead;
  entity: { type: "document" | "submission"; id: number };
  documentType: DocumentType;
  attachmentId?: number;
}): Promise<void> {
  await runTx(async (tx) =>
    await recordAudit(tx, {
      userId: input.userId,
      action: input.action,
      entityType: input.entity.type,
      entityId: input.entity.id,
      details: { documentType: input.documentType, ...(input.attachmentId ? { attachmentId: input.attachmentId } : {}) },
    }),
  );
}

const ACTION_LABELS: Record<string, string> = {
  "document.view": "Så dokumentet",
  "document.pdf": "Hentede dokumentets PDF",
  "document.attachment": "Hentede lægens svar (PDF)",
  "submission.view": "Så indsendelsen (jobcenter)",
  "submission.pdf": "Hentede indsendelsens PDF (jobcenter)",
  "submission.submit": "Sendte dokumentet til jobcentret",
  "submission.resubmit": "Sendte en ny version til jobcentret",
  "submission.take": "Jobcentret tog sagen",
  "submission.request-information": "Jobcentret bad om flere oplysninger",
  "submission.approve": "Jobcentret godkendte",
  "submission.reject": "Jobcentret afviste",
  "absence.first-follow-up": "Jobcentret registrerede første opfølgning",
  "employee.create": "Oprettede medarbejderen",
  "employee.update": "Rettede medarbejderen",
  "employee.move": "Registrerede en flytning",
  "employee.access-export": "Hentede indsigt om medarbejderen",
  "absence.create": "Registrerede sygefravær",
  "absence.update": "Rettede sygefraværet",
  "document.create": "Oprettede dokumentet",
  "document.save": "Gemte dokumentet",
  "mulighedserklaering.complete": "Udfyldte del 1 af mulighedserklæringen",
  "mulighedserklaering.sent-to-doctor": "Sendte mulighedserklæringen til lægen",
  "mulighedserklaering.answer": "Registrerede lægens svar",
  "mulighedserklaering.upload": "Uploadede lægens svar (PDF)",
  "paragraph56.apply": "Ansøgte om § 56-aftale",
  "social-chapter.create": "Oprettede ansættelse på sociale vilkår",
  "social-chapter.update": "Rettede ansættelse på sociale vilkår",
  "social-chapter.log": "Skrev i indsatsloggen",
  "calendar.create": "Oprettede kalenderadressen",
  "calendar.renew": "Fornyede kalenderadressen",
  "calendar.revoke": "Tilbagekaldte kalenderadressen",
  "company.absence-prompt-policy": "Ændrede fraværspolitikken for listen over hyppigt fravær",
  login: "Loggede ind",
  logout: "Loggede ud",
  "user.invite": "Inviterede en bruger",
  "user.access": "Ændrede en brugers adgang (HR eller nærmeste leder)",
  "department.create": "Oprettede en afdeling",
  "department.rename": "Omdøbte en afdeling",
  "company.managers-may-submit": "Ændrede, om ledere må sende til jobcentret",
  "user.accept-invitation": "Tog imod invitationen",
  "user.deactivate": "Deaktiverede en bruger",
  "user.reactivate": "Genaktiverede en bruger",
  "user.password-change": "Skiftede adgangskode",
  "user.password-reset": "Nulstillede adgangskoden",
  "user.password-reset-requested": "Bad om at nulstille adgangskoden",
  "user.mail-preferences": "Ændrede e-mailindstillinger",
  "mail.requeue": "Sendte en e-mail igen",
  "retention.delete": "Slettede en afsluttet sag (opbevaringsfrist)",
};

/** A read is about the document's health content: the entries the access-request export lists. */
export const READ_ACTIONS: DocumentRead[] = ["document.view", "document.pdf", "document.attachment", "submission.view", "submission.pdf"];

export function auditActionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** The UTC instant a Danish calendar day begins (Europe/Copenhagen is UTC+1 or UTC+2). */
export function startOfDanishDay(day: IsoDate): string {
  for (const offset of ["+02:00", "+01:00"]) {
    const t = new Date(`${day}T00:00:00${offset}`);
    if (todayInCopenhagen(t) === day && todayInCopenhagen(new Date(t.getTime() - 1)) !== day) return t.toISOString();
  }
  return new Date(`${day}T00:00:00Z`).toISOString();
}

export const AUDIT_PAGE_SIZE = 50;

interface AuditQuery {
  admin: EmployerUser;
  employeeId?: number;
  userId?: number;
  from?: IsoDate;
  to?: IsoDate;
  page?: number;
}

function detailsOf(details: string | null): { documentType?: DocumentType } {
  if (!details) return {};
  try {
    const parsed = JSON.parse(details) as { documentType?: unknown };
    return typeof parsed.documentType === "string" && parsed.documentType in DOCUMENT_TYPE_LABELS ? { documentType: parsed.documentType as DocumentType } : {};
  } catch {
    return {};
  }
}

function organisationOf(u: { role: "employer" | "jobcenter"; companyName: string | null; municipalityCode: number | null }): string {
  return u.role === "employer" ? (u.companyName ?? "") : `Jobcenter ${municipalityLabel(u.municipalityCode ?? 0) ?? u.municipalityCode}`;
}

/** Who did or read what and when in the company's cases, newest first, a page at a time; for the administrator only. */
export async function listCompanyAuditLog(input: AuditQuery) {
  assertAdmin(input.admin);
  const db = getDb();
  const companyId = input.admin.company.id;
  // A caseworker's internal note belongs to the jobcenter: not even that one was written.
  const filters: SQL[] = [eq(auditLog.companyId, companyId), ne(auditLog.action, "submission.note")];
  if (input.employeeId) filters.push(eq(auditLog.employeeId, input.employeeId));
  if (input.userId) filters.push(eq(auditLog.userId, input.userId));
  if (input.from) filters.push(gte(auditLog.at, startOfDanishDay(input.from)));
  if (input.to) filters.push(lt(auditLog.at, startOfDanishDay(addDays(input.to, 1))));
  const where = and(...filters);
  const total = (await one(db.select({ n: count() }).from(auditLog).where(where).limit(1)))?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, input.page ?? 1), pageCount);
  const rows = await db
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, details: auditLog.details, userId: auditLog.userId, employeeId: auditLog.employeeId })
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const people = await peopleIn(
    [...new Set(rows.map((r) => r.userId).filter((id): id is number => id !== null))],
  );
  const staff = await companyEmployees(companyId);
  const employeeNames = new Map(staff.map((e) => [e.id, e.name]));
  return {
    entries: rows.map((r) => {
      const who = r.userId ? people.get(r.userId) : undefined;
      const { documentType } = detailsOf(r.details);
      return {
        id: r.id,
        at: r.at,
        action: auditActionLabel(r.action),
        document: documentType ? DOCUMENT_TYPE_LABELS[documentType] : null,
        userName: who?.name ?? null,
        organisation: who?.organisation ?? null,
        employeeName: r.employeeId ? (employeeNames.get(r.employeeId) ?? null) : null,
      };
    }),
    total,
    page,
    pageCount,
    employees: staff,
    users: await usersInLog(companyId),
  };
}

async function peopleIn(ids: number[]): Promise<Map<number, { name: string; organisation: string; role: "employer" | "jobcenter" }>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb()
    .select({ id: users.id, name: users.name, role: users.role, companyName: companies.name, municipalityCode: users.municipalityCode })
    .from(users)
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(inArray(users.id, ids));
  return new Map(rows.map((u) => [u.id, { name: u.name, organisation: organisationOf(u), role: u.role }]));
}

async function companyEmployees(companyId: number) {
  return await getDb().select({ id: employees.id, name: employees.name }).from(employees).where(eq(employees.companyId, companyId)).orderBy(employees.name, employees.id);
}

/** The company's users and every caseworker who appears in the company's log: the user filter's choices. */
async function usersInLog(companyId: number) {
  const db = getDb();
  const ids = (await db
    .selectDistinct({ id: auditLog.userId })
    .from(auditLog)
    .where(eq(auditLog.companyId, companyId)))
    .map((r) => r.id)
    .filter((id): id is number => id !== null);
  const own = (await db.select({ id: users.id }).from(users).where(eq(users.companyId, companyId))).map((u) => u.id);
  const people = await peopleIn([...new Set([...ids, ...own])]);
  return [...people].map(([id, p]) => ({ id, name: p.name, organisation: p.organisation })).sort((a, b) => a.name.localeCompare(b.name, "da") || a.id - b.id);
}

/** Who has read the employee's documents, for the access-request export (GDPR art. 15). */
export async function documentReadsOf(input: { companyId: number; employeeId: number }) {
  const rows = await getDb()
    .select({ at: auditLog.at, action: auditLog.action, details: auditLog.details, userId: auditLog.userId, entityType: auditLog.entityType, entityId: auditLog.entityId })
    .from(auditLog)
    .where(and(eq(auditLog.companyId, input.companyId), eq(auditLog.employeeId, input.employeeId), inArray(auditLog.action, READ_ACTIONS)))
    .orderBy(auditLog.at, auditLog.id);
  const people = await peopleIn([...new Set(rows.map((r) => r.userId).filter((id): id is number => id !== null))]);
  return rows.map((r) => {
    const who = r.userId ? people.get(r.userId) : undefined;
    const { documentType } = detailsOf(r.details);
    return {
      at: r.at,
      userName: who?.name ?? null,
      organisation: who?.organisation ?? null,
      role: who ? (who.role === "jobcenter" ? "Sagsbehandler i jobcentret" : "HR i virksomheden") : null,
      document: documentType ? DOCUMENT_TYPE_LABELS[documentType] : "Dokument",
      documentRef: `${r.entityType === "submission" ? "indsendelse" : "dokument"} ${r.entityId ?? ""}`.trim(),
      action: auditActionLabel(r.action),
    };
  });
}
