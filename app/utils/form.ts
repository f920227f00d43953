/**
 * The one Conform set-up every form uses: validated on submit in the browser
 * with the same zod schema the action parses (so the Danish messages of
 * app/forms show without a round trip), the server's reply shown when there
 * is one, and, once a form was refused, each field checked again as the user
 * types (`revalidate: "onInput"`) where the form wants it.
 */
import { useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { z } from "zod";
import { formatDanishDate, isIsoDate } from "~/domain/dates";

/**
 * A form's default values with every ISO date as dd.mm.åååå. Conform writes
 * its default values into the fields itself when a form resets (after a
 * step is saved, say), past the date field's own formatting, so the values
 * it is given must already be the ones a user reads.
 */
export function danishDefaults<T>(value: T): T {
  if (typeof value === "string") return (isIsoDate(value) ? formatDanishDate(value) : value) as T;
  if (Array.isArray(value)) return value.map(danishDefaults) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, danishDefaults(v)])) as T;
  return value;
}

/** The fields a schema reads; a schema that takes anything (a preprocess) reads a plain record. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormShape<Schema extends z.ZodType> = z.input<Schema> extends Record<string, any> ? z.input<Schema> : Record<string, any>;

/**
 * `Shape` names the fields where the schema cannot (a preprocess reads anything; a page that
 * picks one of several schemas): `useFasholdForm<typeof schema, Record<Field, string>>(...)`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function useFasholdForm<Schema extends z.ZodType, Shape extends Record<string, any> = FormShape<Schema>>(options: {
  id: string;
  schema: Schema;
  lastResult?: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, unknown> | null | undefined;
  revalidate?: "onInput" | "onBlur";
}) {
  const { schema } = options;
  return useForm<Shape, z.output<Schema>>({
    id: options.id,
    lastResult: options.lastResult,
    // Conform's own DefaultValue type is recursive over Input; the loader's plain values fit it.
    defaultValue: danishDefaults(options.defaultValue) as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: options.revalidate ?? "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}
