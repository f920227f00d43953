import { ForbiddenError, NotFoundError } from "~/models/errors.server";
import { todayInCopenhagen, type IsoDate } from "~/domain/dates";

/** Runs a model call; a typed "not found" or "forbidden" becomes the matching HTTP response. */
export function orRespond<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) {
      throw new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw error;
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
