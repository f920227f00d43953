import { describe, expect, it } from "vitest";
import { receiptText } from "~/domain/receipt";

describe("the receipt for a submission", () => {
  it.each([
    ["2026-12-01 14:05:09", "Modtaget af jobcentret 01.12.2026 kl. 15.05, sagsreference FH-000123"],
    ["2026-07-01T21:59:00.000Z", "Modtaget af jobcentret 01.07.2026 kl. 23.59, sagsreference FH-000123"],
    // 23.30 UTC on 31 December is already New Year's Day in Copenhagen.
    ["2026-12-31T23:30:00Z", "Modtaget af jobcentret 01.01.2027 kl. 00.30, sagsreference FH-000123"],
  ])("received at %s (UTC) reads %s", (receivedAt, text) => {
    expect(receiptText({ receivedAt, reference: "FH-000123" })).toBe(text);
  });
});
