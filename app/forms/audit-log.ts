import { z } from "zod";
import "./danish-errors";
import { compareIso } from "~/domain/dates";
import { optionalIsoDate, validDate } from "./fields";

const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^[1-9][0-9]{0,9}$/.test(v), message)
    .transform((v) => (v === undefined ? undefined : Number(v)));

/** The audit log's filters, from the query string: who, about whom, and the period (Danish calendar days). */
export const AuditLogQuerySchema = z
  .object({
    medarbejder: optionalId("Vælg en medarbejder på listen."),
    bruger: optionalId("Vælg en bruger på listen."),
    fra: optionalIsoDate(),
    til: optionalIsoDate(),
    side: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  })
  .superRefine((v, ctx) => {
    if (validDate(v.fra) && validDate(v.til) && compareIso(v.fra, v.til) > 0) {
      ctx.addIssue({ code: "custom", path: ["til"], message: "Slutdatoen kan ikke ligge før startdatoen." });
    }
  });

export type AuditLogQuery = z.infer<typeof AuditLogQuerySchema>;
