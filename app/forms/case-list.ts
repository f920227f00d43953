import { z } from "zod";
import { withoutNul } from "~/domain/text-input";
import { NUL_IN_TEXT, optionalIsoDate } from "./fields";

const searchText = z.string().trim().max(100, "Søgningen må højst have 100 tegn.").refine(withoutNul, NUL_IN_TEXT).optional();

const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === "" || /^[1-9][0-9]{0,9}$/.test(v), message)
    .transform((v) => (v ? Number(v) : undefined));

/** Sorting travels in links from the column headers, not in a field: anything unknown is the default. */
const direction = z.enum(["stigende", "faldende"]).optional().catch(undefined);
const page = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);

export const CASE_LIST_SORTS = ["sag", "navn", "nummer", "afdeling", "foerste", "status"] as const;
export type CaseListSort = (typeof CASE_LIST_SORTS)[number];

/** The company's case list: what the GET form and the column links put in the query string (bookmarkable). */
export const CaseListQuerySchema = z.object({
  q: searchText,
  status: z.enum(["aaben", "afsluttet"], { error: "Vælg en status på listen." }).optional(),
  frist: z.enum(["overskredet", "snart"], { error: "Vælg en fristtilstand på listen." }).optional(),
  afdeling: optionalId("Vælg en afdeling på listen."),
  aar: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === "" || (/^[0-9]{4}$/.test(v) && Number(v) >= 1990 && Number(v) <= 2100), "Indtast et årstal med fire cifre, fx 2026.")
    .transform((v) => (v ? Number(v) : undefined)),
  sorter: z.enum(CASE_LIST_SORTS).optional().catch(undefined),
  retning: direction,
  side: page,
});

export type CaseListQuery = z.infer<typeof CaseListQuerySchema>;

export const JOBCENTER_CASE_SORTS = ["sag", "navn", "virksomhed", "foerste", "opfoelgning"] as const;
export type JobcenterCaseSort = (typeof JOBCENTER_CASE_SORTS)[number];

/** The jobcenter's case list: search by name or case reference, the birth date apart (a date field). */
export const JobcenterCaseQuerySchema = z.object({
  q: searchText,
  foedt: optionalIsoDate("Indtast en gyldig fødselsdato (dd.mm.åååå)."),
  frist: z.enum(["overskredet", "snart"], { error: "Vælg en fristtilstand på listen." }).optional(),
  fasttrack: z.enum(["ja", "nej"], { error: "Vælg ja eller nej." }).optional(),
  virksomhed: z.string().trim().max(100, "Virksomheden må højst have 100 tegn.").refine(withoutNul, NUL_IN_TEXT).optional(),
  sorter: z.enum(JOBCENTER_CASE_SORTS).optional().catch(undefined),
  retning: direction,
  side: page,
});

export type JobcenterCaseQuery = z.infer<typeof JobcenterCaseQuerySchema>;

/** Starting an export of the case list: its filters (hidden fields of the list's form) and the file's format. */
export const CaseExportSchema = CaseListQuerySchema.extend({
  format: z.enum(["csv", "xlsx"], { error: "Vælg CSV eller Excel." }),
});
