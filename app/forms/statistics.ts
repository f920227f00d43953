import { z } from "zod";

const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^[1-9][0-9]{0,9}$/.test(v), message)
    .transform((v) => (v === undefined ? null : Number(v)));

/**
 * The statistics page's choices, from the query string: the period (12 or 24 months),
 * a department, and whether the opt-in list includes employees with a § 56 agreement.
 */
export const StatisticsQuerySchema = z.object({
  periode: z.enum(["12", "24"], { error: "Vælg 12 eller 24 måneder." }).optional().transform((v) => (v === "24" ? 24 : 12) as 12 | 24),
  afdeling: optionalId("Vælg en afdeling på listen."),
  paragraf56: z.enum(["ja"], { error: "Vælg, om medarbejdere med en § 56-aftale skal med." }).optional().transform((v) => v === "ja"),
});

export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;

export const PROMPT_MIN_PERIODS = { min: 2, max: 20 } as const;
export const PROMPT_MONTHS = { min: 1, max: 36 } as const;

const wholeNumber = (label: string, range: { min: number; max: number }) =>
  z
    .string({ error: `Angiv ${label}.` })
    .trim()
    .min(1, `Angiv ${label}.`)
    .regex(/^[0-9]{1,3}$/, `Angiv ${label} som et helt tal.`)
    .transform(Number)
    .refine((n) => n >= range.min && n <= range.max, `Angiv ${label} mellem ${range.min} og ${range.max}.`);

/** The company's own policy for the opt-in list of frequent absence: off, or N periods within M months. */
export const AbsencePromptPolicySchema = z.discriminatedUnion(
  "policy",
  [
    z.object({ intent: z.literal("absence-prompt"), policy: z.literal("off") }),
    z.object({
      intent: z.literal("absence-prompt"),
      policy: z.literal("on"),
      minPeriods: wholeNumber("antal fraværsperioder", PROMPT_MIN_PERIODS),
      months: wholeNumber("antal måneder", PROMPT_MONTHS),
    }),
  ],
  { error: "Vælg, om listen skal vises." },
);
