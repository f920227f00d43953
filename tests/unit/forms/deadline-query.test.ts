import { describe, expect, it } from "vitest";
import { evaluateDeadlineRequest } from "~/models/deadline-api.server";
import { calculatorSchema, deadlineQuerySchema } from "~/forms/deadline-query";

const today = "2026-11-24";

describe("the deadline query", () => {
  it("fills in the documented defaults", () => {
    expect(deadlineQuerySchema(today).parse({ firstAbsenceDay: "2026-03-02" })).toEqual({
      firstAbsenceDay: "2026-03-02",
      pay: "salary",
      expectedOver8Weeks: false,
      paragraph56: false,
    });
  });

  it.each([
    [{ firstAbsenceDay: "2016-11-23" }, "firstAbsenceDay", "Første fraværsdag må højst ligge 10 år fra i dag."],
    [{ firstAbsenceDay: "2036-11-25" }, "firstAbsenceDay", "Første fraværsdag må højst ligge 10 år fra i dag."],
    [{ firstAbsenceDay: "2026-02-30" }, "firstAbsenceDay", "Ugyldig dato. Brug formatet ÅÅÅÅ-MM-DD med en dato, der findes."],
    [{ firstAbsenceDay: "2026-03-02", pay: "bonus" }, "pay", 'Ukendt betaling. Brug "salary", "sickness-benefit" eller "none".'],
    [{ firstAbsenceDay: "2026-03-02", returnedOn: "2026-03-01" }, "returnedOn", "Raskmeldingsdatoen kan ikke ligge før første fraværsdag."],
    [{ firstAbsenceDay: "2026-03-02", fastTrackRequestedOn: "2026-03-01" }, "fastTrackRequestedOn", "Anmodningen om fast track kan ikke ligge før første fraværsdag."],
    [{ firstAbsenceDay: "2026-03-02", paragraph56: "yes" }, "paragraph56", "Skal være true eller false."],
    [{}, "firstAbsenceDay", "Angiv første fraværsdag (ÅÅÅÅ-MM-DD)."],
  ])("refuses %o at %s", (body, field, message) => {
    const answer = evaluateDeadlineRequest(JSON.stringify(body), today);
    expect(answer.status).toBe(400);
    expect((answer.body as { errors: Record<string, string[]> }).errors[field]).toContain(message);
  });

  it.each(["", "{", "null", "[]", '"x"', "42"])("answers 400, never throws, for the body %j", (raw) => {
    const answer = evaluateDeadlineRequest(raw, today);
    expect(answer.status).toBe(400);
    expect(Object.keys((answer.body as { errors: object }).errors)).toContain("body");
  });

  it("accepts the exact edges of the 10-year range", () => {
    expect(evaluateDeadlineRequest('{"firstAbsenceDay":"2016-11-24"}', today).status).toBe(200);
    expect(evaluateDeadlineRequest('{"firstAbsenceDay":"2036-11-24"}', today).status).toBe(200);
  });

  it("reads the calculator form's strings: empty is absent, a ticked box is true", () => {
    const parsed = calculatorSchema(today).parse({ firstAbsenceDay: "2026-03-02", returnedOn: "", expectedOver8Weeks: "on", pay: "none" });
    expect(parsed).toEqual({ firstAbsenceDay: "2026-03-02", pay: "none", expectedOver8Weeks: true, paragraph56: false });
  });
});
