import { describe, expect, it } from "vitest";
import { encodeDeadlineRequest, evaluateDeadlineRequest } from "~/models/deadline-api.server";

const today = "2026-11-24";
const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as unknown;

describe("the deadline API's encoded answer", () => {
  it.each([
    ['{"firstAbsenceDay":"2026-03-02","expectedOver8Weeks":true,"birthDate":"1965-04-01"}'],
    ['{"firstAbsenceDay":"2026-03-02","returnedOn":"2026-03-01"}'],
    ["{"],
    ["[]"],
    ['{"firstAbsenceDay":"2000-01-01"}'],
  ])("is the evaluated answer as UTF-8 JSON, with the same status, for %s", (raw) => {
    const evaluated = evaluateDeadlineRequest(raw, today);
    const encoded = encodeDeadlineRequest(raw, today);
    expect(encoded.status).toBe(evaluated.status);
    expect(decode(encoded.json)).toEqual(evaluated.body);
  });

  it("keeps the Danish letters of the legal texts intact in UTF-8", () => {
    const text = new TextDecoder().decode(encodeDeadlineRequest('{"firstAbsenceDay":"2026-03-02","expectedOver8Weeks":true}', today).json);
    expect(text).toContain("§");
    expect(text).toMatch(/[æøå]/);
    expect(Buffer.byteLength(text)).toBe(encodeDeadlineRequest('{"firstAbsenceDay":"2026-03-02","expectedOver8Weeks":true}', today).json.byteLength);
  });

  it("serializes the same facts on the same day once: the kept bytes are sent again", () => {
    const first = encodeDeadlineRequest('{"firstAbsenceDay":"2026-05-04","pay":"none"}', today);
    // Written differently (order, spacing), the same facts are the same memoized result.
    const again = encodeDeadlineRequest('{ "pay": "none", "firstAbsenceDay": "2026-05-04" }', today);
    expect(again.json).toBe(first.json);
    expect(encodeDeadlineRequest('{"firstAbsenceDay":"2026-05-04","pay":"none"}', "2026-11-25").json).not.toBe(first.json);
  });

  it("holds each kept answer in a buffer of its own, not a slice of a shared pool", () => {
    const { json } = encodeDeadlineRequest('{"firstAbsenceDay":"2026-06-01"}', today);
    expect(json.byteOffset).toBe(0);
    expect(json.buffer.byteLength).toBe(json.byteLength);
  });
});
