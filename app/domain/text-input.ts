/**
 * What a typed text may not contain. A NUL character is never meant in a text a person types, and
 * PostgreSQL cannot store one in a text column or take one as a query parameter (SQLite can): the
 * forms refuse it at the field on both engines, so the same input gets the same answer.
 */
export function withoutNul(v: string): boolean {
  return !v.includes("\u0000");
}
