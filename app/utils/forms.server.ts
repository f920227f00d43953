import type { SubmissionResult } from "@conform-to/react";
import { json, type TypedResponse } from "@remix-run/node";
import { ConflictError, ValidationError } from "./errors.server";

interface Replyable {
  reply: (options?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => SubmissionResult<string[]>;
}

/**
 * Runs a model write; a broken data rule comes back to the form as field
 * errors with status 400 and the user's input kept.
 */
export async function runOrReply<T>(
  submission: Replyable,
  write: () => T | Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: SubmissionResult<string[]>; response: TypedResponse<SubmissionResult<string[]>> }> {
  try {
    return { ok: true, value: await write() };
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

/**
 * The posted form, or a 400 when the body is not a form at all (JSON, plain
 * text, no body, a broken multipart): the browser never sends that, a script may.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Formularen kunne ikke læses. Send den igen fra siden.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

/** What a form post with an intent the action does not know is told; said the same on every page. */
export const UNKNOWN_INTENT = "Handlingen kendes ikke. Brug en af knapperne på siden.";

/**
 * The one `intent` a form's button sends, when it is one the action knows;
 * otherwise (missing, repeated or unknown) a 400 with a message, since no
 * form field could show that error.
 */
export function readIntent<const T extends string>(formData: FormData, intents: readonly T[]): T {
  const values = formData.getAll("intent");
  const [value] = values;
  if (values.length === 1 && typeof value === "string" && (intents as readonly string[]).includes(value)) return value as T;
  throw new Response(UNKNOWN_INTENT, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
