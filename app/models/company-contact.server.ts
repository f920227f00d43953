import { eq } from "drizzle-orm";
import { getDb, one, runTx } from "~db/client.server";
import { companies } from "~db/schema";
import type { CompanyContactInput } from "~/forms/company-contact";
import { recordAudit } from "./audit.server";
import type { EmployerUser } from "./user.server";

export interface CompanyContact {
  name: string;
  phone: string;
  email: string;
}

/** The company's HR contact person for the jobcenter, or null before one is set. */
export async function getCompanyContact(companyId: number): Promise<CompanyContact | null> {
  const c = await one(getDb()
    .select({ name: companies.contactName, phone: companies.contactPhone, email: companies.contactEmail })
    .from(companies)
    .where(eq(companies.id, companyId)).limit(1));
  return c?.name && c.phone && c.email ? { name: c.name, phone: c.phone, email: c.email } : null;
}

/** Any HR user of the company may set it; the log says who changed it (the values are on the company). */
export async function saveCompanyContact(input: { user: EmployerUser; data: Omit<CompanyContactInput, "intent"> }): Promise<void> {
  await runTx(async (tx) => {
    await tx.update(companies)
      .set({ contactName: input.data.contactName, contactPhone: input.data.contactPhone, contactEmail: input.data.contactEmail })
      .where(eq(companies.id, input.user.company.id));
    await recordAudit(tx, { userId: input.user.id, action: "company.contact", entityType: "company", entityId: input.user.company.id });
  });
}
