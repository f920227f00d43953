/**
 * The § 56 agreement as other models use it inside their own transactions:
 * which agreement covers an absence, and what the municipality's approval
 * fixes. Below the absence and review models, so neither depends on the other.
 */
import { asc, eq } from "drizzle-orm";
import type { Tx } from "~db/client.server";
import { paragraph56Agreements } from "~db/schema";
import type { IsoDate } from "~/domain/dates";
import { agreementValidUntil, isActiveOn, type Paragraph56Kind } from "~/domain/paragraph56";
import { NotFoundError, ValidationError } from "~/utils/errors.server";
import { one } from "~db/client.server";

/** The municipality's approval fixes A and with it the validity (called inside the review transaction). */
export async function approveAgreement(tx: Tx, input: { documentId: number; approvedOn: IsoDate }): Promise<void> {
  const a = await one(tx.select().from(paragraph56Agreements).where(eq(paragraph56Agreements.documentId, input.documentId)).limit(1));
  if (!a) throw new NotFoundError("Aftalen findes ikke.");
  await tx.update(paragraph56Agreements)
    .set({ approvedOn: input.approvedOn, validUntil: agreementValidUntil(input.approvedOn, a.kind as Paragraph56Kind) })
    .where(eq(paragraph56Agreements.id, a.id));
}

/** The approved agreement that covers an absence starting on `firstAbsenceDay`, or a field error. */
export async function agreementCovering(tx: Tx, input: { employeeId: number; firstAbsenceDay: IsoDate }): Promise<number> {
  const active = (await tx
    .select()
    .from(paragraph56Agreements)
    .where(eq(paragraph56Agreements.employeeId, input.employeeId))
    .orderBy(asc(paragraph56Agreements.id)))
    .filter((a) => isActiveOn(a, input.firstAbsenceDay));
  const a = active.at(-1);
  if (!a) {
    throw new ValidationError({ paragraph56: ["Medarbejderen har ingen godkendt § 56-aftale, der gælder på første fraværsdag."] });
  }
  return a.id;
}
