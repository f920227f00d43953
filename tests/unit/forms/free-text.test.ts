/**
 * One rule for every free text: each field of every form in app/forms that
 * accepts prose is made with `freeText`, warns at its own path when the text
 * names a diagnosis, keeps the text, and passes once the user confirms.
 *
 * The forms are found, not listed: every export of every module in app/forms
 * is classified (tests/support/form-schemas.ts), so a new schema, factory or
 * prose field cannot slip by.
 */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { isFreeText } from "~/forms/diagnosis";
import { allForms, leavesOf, literalsOf, objectsOf, setAt, type Form, type Leaf } from "../../support/form-schemas";

/**
 * Fields that accept any text but are not prose about the case, each with the
 * reason it needs no diagnosis check. Keyed "<form>.<path>".
 */
const NOT_PROSE: Record<string, string> = {
  "employeeSchema.name": "a person's name",
  "employeeEditSchema.name": "a person's name",
  "employeeSchema.jobTitle": "the name of a position, shown on every list",
  "employeeEditSchema.jobTitle": "the name of a position, shown on every list",
  "EmployeeSearchSchema.q": "a search query, never stored",
  "employeeImportRowSchema.name": "a person's name",
  "employeeImportRowSchema.jobTitle": "the name of a position, shown on every list",
  "employeeImportRowSchema.employeeNumber": "the payroll system's employee number",
  "employeeImportRowSchema.email": "a work e-mail address",
  "employeeImportRowSchema.departmentName": "the name of a department",
  "employeeImportRowSchema.addressLine": "a home address",
  "employeeImportRowSchema.postalCode": "a four-digit postal code",
  "employeeImportRowSchema.city": "the name of a town",
  "employeeSchema.employeeNumber": "the payroll system's employee number",
  "employeeSchema.email": "a work e-mail address",
  "employeeSchema.departmentName": "the name of a department",
  "employeeSchema.addressLine": "a home address",
  "employeeSchema.postalCode": "a four-digit postal code",
  "employeeSchema.city": "the name of a town",
  "employeeEditSchema.employeeNumber": "the payroll system's employee number",
  "employeeEditSchema.email": "a work e-mail address",
  "employeeEditSchema.departmentName": "the name of a department",
  "employeeEditSchema.addressLine": "a home address",
  "employeeEditSchema.postalCode": "a four-digit postal code",
  "employeeEditSchema.city": "the name of a town",
  "CaseListQuerySchema.q": "a search query, never stored",
  "CaseExportSchema.q": "the case list's search query, kept only with the export's filters",
  "CompanyContactSchema.contactName": "the employer's contact person's name",
  "JobcenterCaseQuerySchema.q": "a search query, never stored",
  "JobcenterCaseQuerySchema.virksomhed": "a company's name or CVR to search for, never stored",
  "partiesStepSchema.contactPerson": "the employer's contact person's name",
  "stepSchema.contactPerson": "the employer's contact person's name",
  "InviteSchema.name": "a user's name",
  "NewDepartmentSchema.name": "the name of a department",
  "RenameDepartmentSchema.name": "the name of a department",
  "AcceptInvitationSchema.name": "a user's name",
  "NewPasswordSchema.password": "a password, stored only as a hash",
  "NewPasswordSchema.passwordRepeat": "a password, never stored",
  "AcceptInvitationSchema.password": "a password, stored only as a hash",
  "AcceptInvitationSchema.passwordRepeat": "a password, never stored",
  "ChangePasswordSchema.currentPassword": "a password, never stored",
  "ChangePasswordSchema.password": "a password, stored only as a hash",
  "ChangePasswordSchema.passwordRepeat": "a password, never stored",
  "LoginSchema.password": "a password, never stored",
  "LoginSchema.redirectTo": "a hidden path within the portal",
};

const PROSE = "Medarbejderen kan ikke løfte tunge kasser, men kan sortere post.";

/** A field accepts prose when the text alone parses and comes out as text. */
function acceptsProse(field: z.ZodType): boolean {
  const r = field.safeParse(PROSE);
  return r.success && typeof r.data === "string";
}

interface TextField {
  key: string;
  form: Form;
  object: z.ZodType;
  leaf: Leaf;
}

function textFields(): TextField[] {
  return allForms().forms.flatMap((form) =>
    objectsOf(form.schema).flatMap((object) =>
      leavesOf(object)
        .filter((leaf) => isFreeText(leaf.schema) || acceptsProse(leaf.schema))
        .map((leaf) => ({ key: `${form.name}.${leaf.path.filter((p) => typeof p === "string").join(".")}`, form, object, leaf })),
    ),
  );
}

const issuesAt = (schema: z.ZodType, input: unknown, path: Array<string | number>) =>
  (schema.safeParse(input).error?.issues ?? []).filter((i) => i.path.join(".") === path.join(".")).map((i) => i.message);

describe("every free-text field of every form", () => {
  it("is an export the test knows how to read: a schema, a schema factory or a field helper", () => {
    expect(allForms().unclassified).toEqual([]);
  });

  it("finds the forms the issue names among the exports", () => {
    const keys = new Set(textFields().map((f) => f.key));
    for (const key of [
      "conversationSchema.conversationNotes",
      "absenceSchema.conversationNotes",
      "fastTrackRequestSchema.affectedFunctions",
      "fastTrackRequestSchema.affectedDuration",
      "fastTrackRequestSchema.adaptations",
      "socialChapterSchema.accommodations",
      "logEntrySchema.text",
      "RedactLogEntrySchema.replacement",
      "fastholdelsesplanSchema.goal",
      "fastholdelsesplanSchema.steps.description",
      "doctorAnswerSchema.doctorRemarks",
      "paragraph56Schema.effectOnWork",
      "ReplySchema.reply",
      "SocialChapterReplySchema.reply",
      "ReviewActionSchema.message",
      "ReviewActionSchema.note",
      "limitationsStepSchema.functionalLimitations",
      "adjustmentsStepSchema.adjustmentsDescription",
    ]) {
      expect(keys, key).toContain(key);
    }
  });

  it("is made with the free-text builder, unless it is a name, a password or a query", () => {
    const strays = textFields().filter((f) => !isFreeText(f.leaf.schema) && !NOT_PROSE[f.key]).map((f) => f.key);
    expect(strays).toEqual([]);
  });

  it("warns at the field when the text names a diagnosis, whatever else is missing from the form", () => {
    const silent: string[] = [];
    for (const f of textFields().filter((t) => isFreeText(t.leaf.schema))) {
      const input = setAt({ ...literalsOf(f.object) }, f.leaf.path, "Hun har diskusprolaps og kan ikke løfte.");
      const messages = issuesAt(f.form.schema, input, f.leaf.path);
      if (!messages.some((m) => m.includes("nævne en diagnose (diskusprolaps)"))) silent.push(f.key);
    }
    expect(silent).toEqual([]);
  });

  it("lets the text through once the user confirms it names no diagnosis", () => {
    const stuck: string[] = [];
    for (const f of textFields().filter((t) => isFreeText(t.leaf.schema))) {
      const input = setAt({ ...literalsOf(f.object), confirmNoDiagnosis: "on" }, f.leaf.path, "Hun har diskusprolaps og kan ikke løfte.");
      if (issuesAt(f.form.schema, input, f.leaf.path).length > 0) stuck.push(f.key);
    }
    expect(stuck).toEqual([]);
  });
});
