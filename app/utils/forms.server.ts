import type { SubmissionResult } from "@conform-to/react";
import { json, type TypedResponse } from "@remix-run/node";
import { ConflictError, ValidationError } from "~/models/errors.server";

interface Replyable {
  reply: (options?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => SubmissionResult<string[]>;
}

/**
 * Runs a model write; a broken data rule comes back to the form as field
 * errors with status 400 and the user's input kept.
 */
export function runOrReply<T>(
  submission: Replyable,
  write: () => T,
): { ok: true; value: T } | { ok: false; reply: SubmissionResult<string[]>; response: TypedResponse<SubmissionResult<string[]>> } {
  try {
    return { ok: true, value: write() };
  } catch (error) {
    if (error instanceof ValidationError) {
      // Rules that concern the whole form come back under "form" and show in the error summary.
      const { form, ...fieldErrors } = error.fieldErrors;
      const reply = submission.reply({ fieldErrors, formErrors: form });
      return { ok: false, reply, response: json(reply, { status: 400 }) };
    }
    if (error instanceof ConflictError) {
      const reply = submission.reply({ formErrors: [error.message] });
      return { ok: false, reply, response: json(reply, { status: 409 }) };
    }
    throw error;
  }
}
