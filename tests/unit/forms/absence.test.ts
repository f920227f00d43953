import { describe, expect, it } from "vitest";
import { absenceSchema, returnSchema } from "~/forms/absence";
import { employeeSchema } from "~/forms/employee";

const today = "2026-11-24";
const valid = { firstAbsenceDay: "2026-11-02", extent: "full", pay: "salary" };

function errors(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
}

describe("absence form", () => {
  it("accepts the minimal facts and reads unchecked boxes as false", () => {
    const r = absenceSchema(today).safeParse(valid);
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ expectedOver8Weeks: false, paragraph56: false });
    expect(r.data?.returnedOn).toBeUndefined();
  });

  it("gives one message for an impossible date, without checking it against other dates", () => {
    const r = absenceSchema(today).safeParse({ ...valid, firstAbsenceDay: "2026-02-30", returnedOn: "2026-11-03" });
    expect(r.error?.issues.map((i) => i.message)).toEqual(["Indtast en gyldig dato (dd.mm.åååå)."]);
  });

  it("reads a checked box as true", () => {
    expect(absenceSchema(today).parse({ ...valid, expectedOver8Weeks: "on" }).expectedOver8Weeks).toBe(true);
  });

  it.each([
    [{ firstAbsenceDay: "2026-02-30" }, "firstAbsenceDay", "Indtast en gyldig dato (dd.mm.åååå)."],
    [{ firstAbsenceDay: "" }, "firstAbsenceDay", "Indtast første fraværsdag."],
    [{ firstAbsenceDay: "2026-11-25" }, "firstAbsenceDay", "Første fraværsdag kan ikke ligge i fremtiden."],
    [{ pay: "bonus" }, "pay", "Vælg hvad arbejdsgiveren betaler."],
    [{ extent: undefined }, "extent", "Vælg om fraværet er fuldt eller delvist."],
    [{ returnedOn: "2026-11-02" }, "returnedOn", "Raskmeldingsdatoen skal ligge efter første fraværsdag."],
    [{ returnedOn: "2026-11-30" }, "returnedOn", "Raskmeldingsdatoen kan ikke ligge i fremtiden."],
    [{ conversationHeldOn: "2026-11-01" }, "conversationHeldOn", "Datoen for samtalen kan ikke ligge før første fraværsdag."],
    [{ fastTrackRequestedOn: "2026-10-01" }, "fastTrackRequestedOn", "Datoen for anmodningen om fast track kan ikke ligge før første fraværsdag."],
    [{ conversationNotes: "x".repeat(2001) }, "conversationNotes", "Noterne må højst have 2000 tegn."],
  ])("rejects %o with a Danish message at the field", (patch, field, message) => {
    const r = absenceSchema(today).safeParse({ ...valid, ...patch });
    expect(r.success).toBe(false);
    expect(errors(r)[field]).toBe(message);
  });
});

describe("employee form", () => {
  const employee = { name: "Søren", birthDate: "1970-01-01", municipalityCode: "751", employmentStartDate: "2000-01-01", jobTitle: "Tømrer", weeklyHours: "37" };

  it.each([
    [{ employmentStartDate: "1983-01-01" }, "the 13th birthday"],
    [{ birthDate: today, employmentStartDate: "2039-11-24" }, "a birth date today"],
    [{ employmentEndDate: "2000-01-01" }, "an employment that ends on its first day"],
  ] as const)("accepts %o (%s)", (patch, _why) => {
    expect(employeeSchema(today).safeParse({ ...employee, ...patch }).success).toBe(true);
  });

  it("accepts a complete employee and turns hours into a number", () => {
    expect(employeeSchema(today).parse(employee).weeklyHours).toBe(37);
  });

  it.each([
    [{ name: " " }, "name", "Indtast medarbejderens navn."],
    [{ municipalityCode: "999" }, "municipalityCode", "Vælg en kommune på listen."],
    [{ weeklyHours: "0" }, "weeklyHours", "Ugentlige timer skal være mindst 1."],
    [{ employmentStartDate: "1960-01-01" }, "birthDate", "Medarbejderen skal være mindst 13 år, da ansættelsen starter 01.01.1960."],
    // 13 years: the day before the 13th birthday is refused, the birthday itself is allowed.
    [{ employmentStartDate: "1982-12-31" }, "birthDate", "Medarbejderen skal være mindst 13 år, da ansættelsen starter 31.12.1982."],
    [{ birthDate: "2026-11-25" }, "birthDate", "Fødselsdatoen kan ikke ligge i fremtiden."],
    [{ employmentEndDate: "1999-12-31" }, "employmentEndDate", "Fratrædelsesdatoen kan ikke ligge før ansættelsens start."],
    [{ birthDate: "1970-02-29" }, "birthDate", "Indtast en gyldig dato (dd.mm.åååå)."],
  ])("rejects %o", (patch, field, message) => {
    const r = employeeSchema(today).safeParse({ ...employee, ...patch });
    expect(errors(r)[field]).toBe(message);
  });
});

describe("schemas built once per day", () => {
  it("reuses a day's schema and builds another for the next day, which checks against that day", () => {
    expect(returnSchema(today)).toBe(returnSchema(today));
    const tomorrow = "2026-11-25";
    expect(returnSchema(today).safeParse({ intent: "return", returnedOn: tomorrow }).success).toBe(false);
    expect(returnSchema(tomorrow)).not.toBe(returnSchema(today));
    expect(returnSchema(tomorrow).safeParse({ intent: "return", returnedOn: tomorrow }).success).toBe(true);
    expect(returnSchema(today).safeParse({ intent: "return", returnedOn: tomorrow }).success).toBe(false);
  });
});
