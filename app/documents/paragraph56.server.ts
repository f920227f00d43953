/** The application for a § 56 agreement (DP 211); the municipality's approval fixes its validity. */
import { eq } from "drizzle-orm";
import { PARAGRAPH56_LABELS as P } from "~/forms/paragraph56";
import { shownDate } from "./content-fields";
import { z } from "zod";
import { paragraph56Agreements } from "~db/schema";
import { paragraph56Reference } from "~/domain/case-reference";
import { approveAgreement } from "~/models/paragraph56-agreement.server";
import { ValidationError } from "~/utils/errors.server";
import { paragraph56Template } from "../../templates/paragraph56";
import { storedDate } from "./content-fields";
import { defineKind } from "./kind";
import { one } from "~db/client.server";

const content = z.object({
  kind: z.enum(["almindelig", "midlertidig"]),
  effectOnWork: z.string(),
  expectedDaysPerYear: z.number(),
  appliedOn: storedDate,
  materialChange: z.string().nullable(),
  renewalOfId: z.number().int().nullable(),
});

export const paragraph56 = defineKind({
  type: "paragraph56",
  content,
  demoContent: {
    kind: "almindelig",
    effectOnWork: "Fravær i perioder med behandling, typisk 1–3 dage ad gangen.",
    expectedDaysPerYear: 20,
    appliedOn: "2026-02-02",
    materialChange: null,
    renewalOfId: null,
  },
  describe: (a) => [
    { key: "kind", label: P.kind, value: a.kind === "almindelig" ? "Almindelig aftale (2 år)" : "Midlertidig aftale (1 år)" },
    { key: "effectOnWork", label: P.effectOnWork, value: a.effectOnWork },
    { key: "expectedDaysPerYear", label: P.expectedDaysPerYear, value: String(a.expectedDaysPerYear) },
    { key: "appliedOn", label: P.appliedOn, value: `${shownDate(a.appliedOn)}${a.renewalOfId ? " (fornyelse)" : ""}` },
    { key: "materialChange", label: P.materialChange, value: a.materialChange },
  ],
  needsAbsence: false,
  template: paragraph56Template,
  pdfData: async (source, a) => {
    const agreement = source.documentId
      ? await one(source.db.select().from(paragraph56Agreements).where(eq(paragraph56Agreements.documentId, source.documentId)).limit(1))
      : undefined;
    return {
      kind: a.kind,
      effectOnWork: a.effectOnWork,
      expectedDaysPerYear: a.expectedDaysPerYear,
      appliedOn: a.appliedOn,
      materialChange: a.materialChange,
      reference: agreement ? paragraph56Reference(agreement.id) : "–",
      company: source.company,
      employee: { name: source.employee.name, jobTitle: source.employee.jobTitle },
      approvedOn: agreement?.approvedOn ?? null,
      validUntil: agreement?.validUntil ?? null,
    };
  },
  pdfFilename: (_source, a) => `paragraf-56-${a.appliedOn}.pdf`,
  // The application has no edit page: a request for information is answered with a reply.
  answeredByReplyAlone: true,
  privateInMail: true,
  // Known by its agreement's number once the agreement exists.
  reference: async (db, doc) => {
    const agreement = await one(db.select({ id: paragraph56Agreements.id }).from(paragraph56Agreements).where(eq(paragraph56Agreements.documentId, doc.id)).limit(1));
    return agreement ? paragraph56Reference(agreement.id) : null;
  },
  // Approving a § 56 agreement fixes its start A, and with it the validity (SDL § 56).
  approve: async (tx, input) => {
    if (!input.approvedOn) throw new ValidationError({ approvedOn: ["Angiv datoen, aftalen godkendes fra."] });
    if (input.approvedOn > input.asOf) throw new ValidationError({ approvedOn: ["Godkendelsesdatoen kan ikke ligge i fremtiden."] });
    await approveAgreement(tx, { documentId: input.documentId, approvedOn: input.approvedOn });
  },
});
