import { ForbiddenError, NotFoundError } from "./errors.server";
import { todayInCopenhagen, type IsoDate } from "~/domain/dates";
import { PasswordHashBusyError } from "./password.server";
import { ThrottleUnavailableError } from "./throttle.server";

/** A typed "not found" or "forbidden" from a model as the matching HTTP response; anything else unchanged. */
function asHttpError(error: unknown): unknown {
  if (error instanceof NotFoundError || error instanceof ForbiddenError) {
    return new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return error;
}

/** Runs a model call; a typed "not found" or "forbidden" becomes the matching HTTP response. */
export async function orRespond<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asHttpError(error);
  }
}

export async function orRespondAsync<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw asHttpError(error);
  }
}

/** A positive integer route parameter, or 404. */
export function idParam(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) throw new Response("Siden findes ikke.", { status: 404 });
  return Number(value);
}

/** Today's calendar date in Denmark: the asOf of every deadline the portal shows. */
export function today(): IsoDate {
  return todayInCopenhagen(new Date());
}

/** A link from an e-mail that no longer works: 404 when it never existed, 410 when it expired or was used. */
export function linkProblemStatus(status: "unknown" | "expired" | "used"): 404 | 410 {
  return status === "unknown" ? 404 : 410;
}

/**
 * A 409 for an action the record's current state does not offer (the page
 * shows no form for it, so there is no field to put an error on): an old tab,
 * a double click or a script.
 */
export function notNow(message: string): Response {
  return new Response(message, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * A password could not be checked or hashed now (every hash slot and queue place taken, or the
 * login counters unreachable): the message for the form and a Retry-After for a 503. Null for
 * any other error.
 */
export function busyRefusal(error: unknown): { message: string; headers: Record<string, string> } | null {
  if (error instanceof PasswordHashBusyError || error instanceof ThrottleUnavailableError) {
    return { message: error.message, headers: { "Retry-After": String(error.retryAfterSeconds) } };
  }
  return null;
}
