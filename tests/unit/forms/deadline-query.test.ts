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
      expectedBackWithin26Weeks: false,
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
    [{ firstAbsenceDay: "2026-03-02", fastTrackRequestedOn: "2026-04-06" }, "fastTrackRequestedOn", "Fast track skal anmodes inden for de første 5 uger af fraværet. Fristen udløb 05.04.2026 (første fraværsdag + 34 dage)."],
    [{ firstAbsenceDay: "2026-03-02", employmentEndsOn: "2026-03-01" }, "employmentEndsOn", "Fratrædelsesdatoen kan ikke ligge før første fraværsdag."],
    [{ firstAbsenceDay: "2026-03-02", employmentEndsOn: "2026-02-31" }, "employmentEndsOn", "Ugyldig dato. Brug formatet ÅÅÅÅ-MM-DD med en dato, der findes."],
    [{ firstAbsenceDay: "2026-03-02", expectedBackWithin26Weeks: "ja" }, "expectedBackWithin26Weeks", "Skal være true eller false."],
    [{ firstAbsenceDay: "2026-03-02", absenceReportedOn: "2026-03-01" }, "absenceReportedOn", "Anmeldelsen kan ikke ligge før første fraværsdag."],
    [{ firstAbsenceDay: "2026-03-02", refundRequestedOn: "06.04.2026" }, "refundRequestedOn", "Ugyldig dato. Brug formatet ÅÅÅÅ-MM-DD med en dato, der findes."],
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

  it("takes the new facts: NemRefusion acts close their deadlines, notice and the 26-week answer change the rows", () => {
    const answer = evaluateDeadlineRequest(
      JSON.stringify({
        firstAbsenceDay: "2026-07-01",
        asOf: "2026-12-01",
        employmentEndsOn: "2026-08-25",
        expectedBackWithin26Weeks: true,
        absenceReportedOn: "2026-08-06",
        refundRequestedOn: "2026-09-01",
      }),
      today,
    );
    expect(answer.status).toBe(200);
    const status = Object.fromEntries((answer.body as { deadlines: Array<{ id: string; status: string }> }).deadlines.map((d) => [d.id, d.status]));
    expect(status).toMatchObject({
      "absence-conversation": "not-applicable", // leaves on F + 55
      "absence-report": "done",
      "first-follow-up": "not-applicable", // the 26-week exemption
      "refund-request": "done",
    });
  });

  it("accepts a fast-track request on the last day of the window, F + 34", () => {
    expect(evaluateDeadlineRequest('{"firstAbsenceDay":"2026-03-02","fastTrackRequestedOn":"2026-04-05"}', today).status).toBe(200);
  });

  it("accepts the exact edges of the 10-year range", () => {
    expect(evaluateDeadlineRequest('{"firstAbsenceDay":"2016-11-24"}', today).status).toBe(200);
    expect(evaluateDeadlineRequest('{"firstAbsenceDay":"2036-11-24"}', today).status).toBe(200);
  });

  it("reads the calculator form's strings: empty is absent, a ticked box is true", () => {
    const parsed = calculatorSchema(today).parse({ firstAbsenceDay: "2026-03-02", returnedOn: "", expectedOver8Weeks: "on", pay: "none" });
    expect(parsed).toEqual({ firstAbsenceDay: "2026-03-02", pay: "none", expectedOver8Weeks: true, paragraph56: false, expectedBackWithin26Weeks: false });
  });
});
