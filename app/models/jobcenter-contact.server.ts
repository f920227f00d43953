/**
 * What the caseworker of the employee's home municipality needs to find the
 * citizen in their own systems and to call the employer: the employee's name,
 * birth date and home address, the company with CVR, and the company's HR
 * contact person. Nothing else of the employee's record, and only for a
 * submission of an employee who lives in the municipality on the day.
 */
import { eq } from "drizzle-orm";
import { getDb, one } from "~db/client.server";
import { companies, employees, submissions } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { citizenContactSection, citizenContactValues } from "../../templates/citizen-contact";
import { getCompanyContact, type CompanyContact } from "./company-contact.server";
import { NotFoundError } from "~/utils/errors.server";
import { homeMunicipalityOfEmployee } from "./residence.server";

export interface CitizenContact {
  employee: { name: string; birthDate: IsoDate; address: { line: string | null; postalCode: string | null; city: string | null } };
  company: { name: string; cvr: string };
  contact: CompanyContact | null;
}

export async function citizenContactForJobcenter(input: { municipalityCode: number; submissionId: number; asOf: IsoDate }): Promise<CitizenContact> {
  const db = getDb();
  const s = await one(db.select({ employeeId: submissions.employeeId, companyId: submissions.companyId }).from(submissions).where(eq(submissions.id, input.submissionId)).limit(1));
  if (!s || await homeMunicipalityOfEmployee(s.employeeId, input.asOf, db) !== input.municipalityCode) throw new NotFoundError("Indsendelsen findes ikke.");
  const e = (await one(db
    .select({ name: employees.name, birthDate: employees.birthDate, line: employees.addressLine, postalCode: employees.postalCode, city: employees.city })
    .from(employees)
    .where(eq(employees.id, s.employeeId)).limit(1)))!;
  const company = (await one(db.select({ name: companies.name, cvr: companies.cvr }).from(companies).where(eq(companies.id, s.companyId)).limit(1)))!;
  return {
    employee: { name: e.name, birthDate: e.birthDate, address: { line: e.line, postalCode: e.postalCode, city: e.city } },
    company,
    contact: await getCompanyContact(s.companyId),
  };
}

/** "Vestergade 12, 8000 Aarhus C", or null when HR has not entered the address. */
export function addressText(a: CitizenContact["employee"]["address"]): string | null {
  const town = [a.postalCode, a.city].filter(Boolean).join(" ");
  const text = [a.line, town].filter(Boolean).join(", ");
  return text || null;
}

/** The jobcenter's copy of a submission's PDF carries the same, after the parties. */
export async function citizenContactSupplement(input: { municipalityCode: number; submissionId: number; asOf: IsoDate }) {
  const c = await citizenContactForJobcenter(input);
  return {
    section: citizenContactSection,
    values: citizenContactValues({ birthDate: c.employee.birthDate, address: addressText(c.employee.address), contact: c.contact }),
  };
}
