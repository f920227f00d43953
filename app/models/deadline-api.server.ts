/**
 * POST /api/v1/deadlines without Remix: parse the body, validate, compute.
 * No database, no clock (today is given), so a lean HTTP handler can call it too.
 * The computation goes through the same memo as the portal's pages: the same
 * facts on the same day are computed once.
 */
import type { IsoDate } from "~/domain/dates";
import type { DeadlineResult } from "~/domain/deadlines";
import { deadlineQuerySchema, MAX_BODY_BYTES, type DeadlineQuery } from "~/forms/deadline-query";
import { perDay } from "~/forms/fields";
import { deadlinesFor } from "./deadline-memo.server";

export type ApiAnswer = { status: 200; body: ReturnType<typeof toContract> } | { status: 400 | 413; body: { errors: Record<string, string[]> } };

export function toContract(result: DeadlineResult) {
  return {
    deadlines: result.deadlines.map((d) => ({ id: d.id, title: d.title, dueDate: d.dueDate, actor: d.actor, basis: d.basis, status: d.status })),
    employerPeriod: { start: result.employerPeriod.start, end: result.employerPeriod.end, refundFrom: result.employerPeriod.refundFrom },
    pension: result.pension ? { age: result.pension.age, date: result.pension.date, socialChapterExemptFrom: result.pension.socialChapterExemptFrom } : null,
    socialChapter: result.socialChapter
      ? { startedOn: result.socialChapter.startedOn, completesOn: result.socialChapter.completesOn, required: result.socialChapter.required }
      : null,
  };
}

/** Field-keyed Danish messages from a failed parse; "body" holds problems with the request as a whole. */
function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.length ? String(issue.path[0]) : "body";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

export function computeForQuery(query: DeadlineQuery, today: IsoDate): DeadlineResult {
  return deadlinesFor(
    {
      firstAbsenceDay: query.firstAbsenceDay,
      pay: query.pay,
      expectedOver8Weeks: query.expectedOver8Weeks,
      conversationHeldOn: query.conversationHeldOn ?? null,
      fastTrackRequestedOn: query.fastTrackRequestedOn ?? null,
      returnedOn: query.returnedOn ?? null,
      paragraph56: query.paragraph56,
      birthDate: query.birthDate ?? null,
      socialChapterStartedOn: query.socialChapterStartedOn ?? null,
      employmentEndsOn: query.employmentEndsOn ?? null,
      expectedBackWithin26Weeks: query.expectedBackWithin26Weeks,
      absenceReportedOn: query.absenceReportedOn ?? null,
      refundRequestedOn: query.refundRequestedOn ?? null,
    },
    query.asOf ?? today,
  );
}

const querySchema = perDay(deadlineQuerySchema);

/**
 * A computed result's answer as the bytes sent, kept as long as the result itself (the bounded
 * deadline memo holds it): the same facts on the same day are serialized once, not per request.
 * JSON.stringify and the UTF-8 encoding of a result's Danish texts (one en dash makes the whole
 * string two-byte) cost more than the rest of a memoized answer together.
 */
const encodedResults = new WeakMap<DeadlineResult, Uint8Array>();

/**
 * UTF-8 in a buffer of its own: a small Buffer.from shares an 8 kB slab with every other small
 * buffer, and a kept one would hold its whole slab alive.
 */
function utf8(text: string): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text, "utf8"));
  bytes.write(text, "utf8");
  return bytes;
}

export type EncodedApiAnswer = { status: ApiAnswer["status"]; json: Uint8Array };

/**
 * The answer evaluateDeadlineRequest gives, as the JSON bytes to send: for the lean HTTP handler
 * (scripts/http-server.mjs), which writes them with their length.
 */
export function encodeDeadlineRequest(rawBody: string, today: IsoDate): EncodedApiAnswer {
  const outcome = evaluate(rawBody, today);
  if (outcome.status !== 200) return { status: outcome.status, json: utf8(JSON.stringify(outcome.body)) };
  let json = encodedResults.get(outcome.result);
  if (!json) {
    json = utf8(JSON.stringify(toContract(outcome.result)));
    encodedResults.set(outcome.result, json);
  }
  return { status: 200, json };
}

export function evaluateDeadlineRequest(rawBody: string, today: IsoDate): ApiAnswer {
  const outcome = evaluate(rawBody, today);
  return outcome.status === 200 ? { status: 200, body: toContract(outcome.result) } : outcome;
}

type Outcome = { status: 200; result: DeadlineResult } | Exclude<ApiAnswer, { status: 200 }>;

function evaluate(rawBody: string, today: IsoDate): Outcome {
  if (Buffer.byteLength(rawBody, "utf8") > MAX_BODY_BYTES) {
    return { status: 413, body: { errors: { body: [`Forespørgslen må højst fylde ${MAX_BODY_BYTES / 1024} kB.`] } } };
  }
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return { status: 400, body: { errors: { body: ["Forespørgslen er ikke gyldig JSON."] } } };
  }
  const parsed = querySchema(today).safeParse(json);
  if (!parsed.success) return { status: 400, body: { errors: fieldErrors(parsed.error.issues) } };
  try {
    return { status: 200, result: computeForQuery(parsed.data, today) };
  } catch (error) {
    // Dates outside the supported calendar range (1900–2200) after adding months or years.
    if (error instanceof RangeError) return { status: 400, body: { errors: { body: ["Datoerne ligger uden for det understøttede interval."] } } };
    throw error;
  }
}
