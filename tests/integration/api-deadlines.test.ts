import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.stop();
});

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}/api/v1/deadlines`, { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } });
}

describe("POST /api/v1/deadlines", () => {
  it("answers the documented shape with the rules' dates", async () => {
    const res = await post(JSON.stringify({ firstAbsenceDay: "2026-03-02", asOf: "2026-03-20", birthDate: "1960-05-05", socialChapterStartedOn: "2025-01-01" }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = await res.json();
    expect(Object.keys(body).sort()).toEqual(["deadlines", "employerPeriod", "pension", "socialChapter"]);
    expect(body.deadlines.map((d: { id: string }) => d.id)).toEqual([
      "absence-conversation",
      "absence-report",
      "fast-track-request",
      "first-follow-up",
      "duration-limit-reassessment",
      "refund-request",
    ]);
    for (const d of body.deadlines) expect(Object.keys(d).sort()).toEqual(["actor", "basis", "dueDate", "id", "status", "title"]);
    const due = Object.fromEntries(body.deadlines.map((d: { id: string; dueDate: string }) => [d.id, d.dueDate]));
    expect(due["absence-conversation"]).toBe("2026-03-30"); // F + 28
    expect(due["absence-report"]).toBe("2026-04-06"); // F + 35
    expect(due["first-follow-up"]).toBe("2026-04-26"); // F + 55
    expect(body.employerPeriod).toEqual({ start: "2026-03-02", end: "2026-03-31", refundFrom: "2026-04-01" });
    expect(body.pension).toEqual({ age: 67, date: "2027-05-05", socialChapterExemptFrom: "2021-05-05" });
    expect(body.socialChapter).toEqual({ startedOn: "2025-01-01", completesOn: "2026-01-01", required: false });
  });

  it("takes the 2026 facts: NemRefusion acts are done, notice and the 26-week answer rule rows out", async () => {
    const res = await post(
      JSON.stringify({
        firstAbsenceDay: "2026-07-01",
        asOf: "2026-12-01",
        employmentEndsOn: "2026-08-25",
        expectedBackWithin26Weeks: true,
        absenceReportedOn: "2026-08-16",
        refundRequestedOn: "2026-09-01",
      }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { deadlines: Array<{ id: string; status: string }> };
    expect(Object.fromEntries(body.deadlines.map((d) => [d.id, d.status]))).toEqual({
      "absence-conversation": "not-applicable", // leaves on F + 55
      "absence-report": "done", // 11 days after F + 35; still done
      "fast-track-request": "not-applicable", // not expected to last over 8 weeks (the default)
      "first-follow-up": "not-applicable", // both expect the employee back within 26 weeks
      "duration-limit-reassessment": "upcoming",
      "refund-request": "done",
    });
  });

  it("gives a half-year pension age as a number", async () => {
    const body = await (await post(JSON.stringify({ firstAbsenceDay: "2026-03-02", birthDate: "1954-03-01" }))).json();
    expect(body.pension.age).toBe(65.5);
  });

  it("does not know whether the social chapter applies without a birth date", async () => {
    const body = await (await post(JSON.stringify({ firstAbsenceDay: "2026-03-02", socialChapterStartedOn: "2026-01-15" }))).json();
    expect(body.socialChapter).toEqual({ startedOn: "2026-01-15", completesOn: "2027-01-15", required: null });
    expect(body.pension).toBeNull();
  });

  it.each([
    ["malformed JSON", "{", "body"],
    ["an impossible date", '{"firstAbsenceDay":"2026-02-30"}', "firstAbsenceDay"],
    ["an unknown pay", '{"firstAbsenceDay":"2026-03-02","pay":"bonus"}', "pay"],
    ["a return before the first absence day", '{"firstAbsenceDay":"2026-03-02","returnedOn":"2026-03-01"}', "returnedOn"],
    ["a fast-track request before the first absence day", '{"firstAbsenceDay":"2026-03-02","fastTrackRequestedOn":"2026-02-01"}', "fastTrackRequestedOn"],
    ["a first absence day more than 10 years away", '{"firstAbsenceDay":"2040-01-01"}', "firstAbsenceDay"],
    ["a fast-track request after F + 34", '{"firstAbsenceDay":"2026-03-02","fastTrackRequestedOn":"2026-04-06"}', "fastTrackRequestedOn"],
    ["an employment end that is not a date", '{"firstAbsenceDay":"2026-03-02","employmentEndsOn":"snart"}', "employmentEndsOn"],
    ["a 26-week answer that is not a boolean", '{"firstAbsenceDay":"2026-07-01","expectedBackWithin26Weeks":"yes"}', "expectedBackWithin26Weeks"],
    ["a report before the first absence day", '{"firstAbsenceDay":"2026-03-02","absenceReportedOn":"2026-03-01"}', "absenceReportedOn"],
    ["a refund request on an impossible date", '{"firstAbsenceDay":"2026-03-02","refundRequestedOn":"2026-06-31"}', "refundRequestedOn"],
  ])("answers 400 with a Danish message for %s", async (_name, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: Record<string, string[]> };
    expect(json.errors[field]?.[0]).toMatch(/[a-zæøå]/);
  });

  it.each(["[]", "null", '"x"', "{}", '{"firstAbsenceDay":1e308}', '{"firstAbsenceDay":{"a":1}}', '{"firstAbsenceDay":"2026-03-02","asOf":"9999-12-31"}', "\u0000"])(
    "never answers 500, even for %j",
    async (body) => {
      expect((await post(body)).status).toBe(400);
    },
  );

  it("refuses a body over 16 kB with 413", async () => {
    expect((await post(JSON.stringify({ firstAbsenceDay: "2026-03-02", pad: "x".repeat(20_000) }))).status).toBe(413);
  });

  it("answers GET with 405 and Allow: POST", async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/deadlines`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
  });

  it("can be called from another site: it reads no cookie", async () => {
    const res = await post('{"firstAbsenceDay":"2026-03-02"}', { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" });
    expect(res.status).toBe(200);
  });
});

describe("the public calculator /frister", () => {
  it("shows the timeline with Danish dates and the rules", async () => {
    const res = await fetch(`${server.baseUrl}/frister?firstAbsenceDay=2026-03-02&pay=salary&expectedOver8Weeks=on&asOf=2026-03-20`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("30.03.2026");
    expect(html).toMatch(/data-deadline="fast-track-request" data-status="upcoming"/);
    expect(html).toContain("Sådan beregnes fristerne");
  });

  it("keeps the other input and explains an impossible date at the field", async () => {
    const res = await fetch(`${server.baseUrl}/frister?firstAbsenceDay=2026-02-30&pay=none&birthDate=1970-01-01`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Indtast en gyldig dato (dd.mm.åååå).");
    // The date fields show dd.mm.åååå, also for a date that came in the address as ISO.
    expect(html).toContain('value="01.01.1970"');
    expect(html).toContain("Der er problemer");
  });
});

describe("the lean API handler", () => {
  it("declares the answer's length instead of sending it chunked, for errors too", async () => {
    for (const body of [JSON.stringify({ firstAbsenceDay: "2026-03-02" }), "{ikke json"]) {
      const res = await post(body);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get("transfer-encoding")).toBeNull();
      expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    }
  });

  it("answers with the same security headers as the pages", async () => {
    const res = await post('{"firstAbsenceDay":"2026-03-02"}');
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("refuses a streamed body over 16 kB without a Content-Length", async () => {
    const big = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"firstAbsenceDay":"2026-03-02","pad":"${"x".repeat(20_000)}"}`));
        controller.close();
      },
    });
    const res = await fetch(`${server.baseUrl}/api/v1/deadlines`, { method: "POST", body: big, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });
});
