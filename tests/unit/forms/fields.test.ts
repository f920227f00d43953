/**
 * Short texts refuse a NUL character at their field: PostgreSQL cannot store one in a text column,
 * so without the rule the same form answered 400 on one engine and 500 on the other (found by
 * tests/integration/bad-input.test.ts on PostgreSQL, the department name).
 */
import { describe, expect, it } from "vitest";
import { CaseListQuerySchema, JobcenterCaseQuerySchema } from "~/forms/case-list";
import { NewDepartmentSchema } from "~/forms/departments";
import { freeText } from "~/forms/diagnosis";
import { EmployeeSearchSchema } from "~/forms/employee";
import { NUL_IN_TEXT, optionalText, requiredText } from "~/forms/fields";

function messages(r: { success: boolean; error?: { issues: Array<{ message: string }> } }): string[] {
  return r.success ? [] : r.error!.issues.map((i) => i.message);
}

describe("a NUL character in a short text", () => {
  it("is refused by a required text, an optional text and a free text, with the Danish message", () => {
    expect(messages(requiredText("Skriv navnet.", 100).safeParse("abc\u0000def"))).toEqual([NUL_IN_TEXT]);
    expect(messages(requiredText("Skriv navnet.", 100).safeParse("\u0000"))).toEqual([NUL_IN_TEXT]);
    expect(messages(optionalText(100).safeParse("\u0000x"))).toEqual([NUL_IN_TEXT]);
    expect(messages(freeText({ max: 100 }).safeParse("Løft\u0000"))).toEqual([NUL_IN_TEXT]);
  });

  it("is refused at the department name; other control characters and ordinary text still pass", () => {
    const r = NewDepartmentSchema.safeParse({ name: "Lager\u0000" });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["name", NUL_IN_TEXT]]);
    expect(NewDepartmentSchema.parse({ name: " Lager og logistik " })).toEqual({ name: "Lager og logistik" });
    expect(requiredText("Skriv navnet.", 100).parse("a\tb")).toBe("a\tb");
    expect(optionalText(100).parse("")).toBeUndefined();
  });
});

describe("a NUL character in a search", () => {
  it("is refused by the case lists' searches and dropped from the employee search, never sent to the database", () => {
    expect(messages(CaseListQuerySchema.safeParse({ q: "Søren\u0000" }))).toEqual([NUL_IN_TEXT]);
    expect(messages(JobcenterCaseQuerySchema.safeParse({ q: "\u0000" }))).toEqual([NUL_IN_TEXT]);
    expect(messages(JobcenterCaseQuerySchema.safeParse({ virksomhed: "Nordbyg\u0000" }))).toEqual([NUL_IN_TEXT]);
    expect(EmployeeSearchSchema.parse({ q: "Søren\u0000" }).q).toBeUndefined();
    expect(EmployeeSearchSchema.parse({ q: " Søren " }).q).toBe("Søren");
    expect(CaseListQuerySchema.parse({ q: "Søren" }).q).toBe("Søren");
  });
});
