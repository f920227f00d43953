/**
 * The facts of an absence as the public calculator and POST /api/v1/deadlines
 * take them. One schema for both: the form's strings are turned into the
 * API's JSON types first.
 */
import { z } from "zod";
import "./danish-errors";
import { addYears, compareIso, isIsoDate, parseDanishDate } from "~/domain/dates";
import { fastTrackDateRefusal } from "~/domain/fast-track";

/** The largest body POST /api/v1/deadlines reads: one absence's facts fit many times over. */
export const MAX_BODY_BYTES = 16 * 1024;

interface DateMessages {
  invalid: string;
  firstAbsenceDayRequired: string;
}

/** The JSON API takes ISO dates only: a program sends them, and a Danish date there is more likely a bug. */
const API_DATES: DateMessages = {
  invalid: "Ugyldig dato. Brug formatet ÅÅÅÅ-MM-DD med en dato, der findes.",
  firstAbsenceDayRequired: "Angiv første fraværsdag (ÅÅÅÅ-MM-DD).",
};

/** The calculator form shows dd.mm.åååå fields (formToQuery turns them into ISO first). */
const FORM_DATES: DateMessages = {
  invalid: "Indtast en gyldig dato (dd.mm.åååå).",
  firstAbsenceDayRequired: "Angiv første fraværsdag (dd.mm.åååå).",
};

function date(invalid: string, required?: string) {
  return z.string({ error: required ?? invalid }).refine(isIsoDate, invalid);
}

export const PAY_VALUES = ["salary", "sickness-benefit", "none"] as const;

export function deadlineQuerySchema(today: string) {
  return querySchema(today, API_DATES);
}

function querySchema(today: string, messages: DateMessages) {
  const optionalDate = date(messages.invalid).nullable().optional();
  // The window's ends depend only on the day the schema is built for (perDay): computed here once,
  // not in every parse (two date additions per API request).
  const earliestFirstDay = addYears(today, -10);
  const latestFirstDay = addYears(today, 10);
  return z
    .object(
      {
        firstAbsenceDay: date(messages.invalid, messages.firstAbsenceDayRequired),
        asOf: date(messages.invalid).optional(),
        pay: z.enum(PAY_VALUES, { error: 'Ukendt betaling. Brug "salary", "sickness-benefit" eller "none".' }).default("salary"),
        expectedOver8Weeks: z.boolean({ error: "Skal være true eller false." }).default(false),
        conversationHeldOn: optionalDate,
        fastTrackRequestedOn: optionalDate,
        returnedOn: optionalDate,
        paragraph56: z.boolean({ error: "Skal være true eller false." }).default(false),
        birthDate: optionalDate,
        socialChapterStartedOn: optionalDate,
        /** The employee is under notice and leaves on this day (SDL § 7 a). */
        employmentEndsOn: optionalDate,
        /** Employer and employee both expect the employee back within 26 weeks (lov nr. 1750/2025). */
        expectedBackWithin26Weeks: z.boolean({ error: "Skal være true eller false." }).default(false),
        /** Made in NemRefusion on this day: the deadline is done. */
        absenceReportedOn: optionalDate,
        refundRequestedOn: optionalDate,
      },
      { error: "Forespørgslen skal være et JSON-objekt." },
    )
    .superRefine((v, ctx) => {
      const f = v.firstAbsenceDay;
      if (!isIsoDate(f)) return;
      if (compareIso(f, earliestFirstDay) < 0 || compareIso(f, latestFirstDay) > 0) {
        ctx.addIssue({ code: "custom", path: ["firstAbsenceDay"], message: "Første fraværsdag må højst ligge 10 år fra i dag." });
      }
      const notBefore = (
        field: "returnedOn" | "fastTrackRequestedOn" | "conversationHeldOn" | "employmentEndsOn" | "absenceReportedOn" | "refundRequestedOn",
        message: string,
      ) => {
        const value = v[field];
        if (typeof value === "string" && isIsoDate(value) && compareIso(value, f) < 0) ctx.addIssue({ code: "custom", path: [field], message });
      };
      notBefore("returnedOn", "Raskmeldingsdatoen kan ikke ligge før første fraværsdag.");
      notBefore("fastTrackRequestedOn", "Anmodningen om fast track kan ikke ligge før første fraværsdag.");
      notBefore("conversationHeldOn", "Samtalen kan ikke ligge før første fraværsdag.");
      notBefore("employmentEndsOn", "Fratrædelsesdatoen kan ikke ligge før første fraværsdag.");
      notBefore("absenceReportedOn", "Anmeldelsen kan ikke ligge før første fraværsdag.");
      notBefore("refundRequestedOn", "Anmodningen om refusion kan ikke ligge før første fraværsdag.");
      // SDL § 7 c: the same window as every form that takes a request.
      const requested = v.fastTrackRequestedOn;
      if (typeof requested === "string" && isIsoDate(requested) && compareIso(requested, f) >= 0) {
        const refusal = fastTrackDateRefusal(f, requested);
        if (refusal) ctx.addIssue({ code: "custom", path: ["fastTrackRequestedOn"], message: refusal });
      }
      if (v.birthDate && isIsoDate(v.birthDate) && compareIso(v.birthDate, "1900-01-01") < 0) {
        ctx.addIssue({ code: "custom", path: ["birthDate"], message: "Fødselsdatoen er for tidlig." });
      }
    });
}

export type DeadlineQuery = z.infer<ReturnType<typeof deadlineQuerySchema>>;

const DATE_FIELDS = [
  "firstAbsenceDay",
  "asOf",
  "conversationHeldOn",
  "fastTrackRequestedOn",
  "returnedOn",
  "birthDate",
  "socialChapterStartedOn",
  "employmentEndsOn",
  "absenceReportedOn",
  "refundRequestedOn",
] as const;
const BOOLEAN_FIELDS = ["expectedOver8Weeks", "paragraph56", "expectedBackWithin26Weeks"] as const;

/** The calculator form sends strings: empty means "not given", a ticked box sends "on". */
export function formToQuery(form: Record<string, unknown>): Record<string, unknown> {
  const text = (k: string) => {
    const v = form[k];
    return typeof v === "string" ? v.trim() : undefined;
  };
  const out: Record<string, unknown> = {};
  for (const f of DATE_FIELDS) {
    const value = text(f);
    // A date the form's field shows as dd.mm.åååå becomes ISO; anything else is left for the schema to refuse.
    if (value) out[f] = parseDanishDate(value) ?? value;
  }
  const pay = text("pay");
  if (pay) out.pay = pay;
  for (const f of BOOLEAN_FIELDS) out[f] = text(f) === "on";
  return out;
}

export function calculatorSchema(today: string) {
  return z.preprocess(
    (v) => formToQuery(v instanceof URLSearchParams ? Object.fromEntries(v) : typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {}),
    querySchema(today, FORM_DATES),
  );
}
