/**
 * Property-based bad input against a real server: every form action (found
 * in the routes folder, so a new one without a case here fails) and the JSON
 * API get wrong types, missing and repeated fields, 100 kB strings, control
 * characters and null bytes, unpaired surrogates (sent as the raw bytes a
 * broken client would send), HTML and SQL fragments and impossible dates.
 * Every answer is a success, a redirect or a 4xx with a message: never a 500.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import { createDeclaration, HttpClient, signedIn } from "../support/http";
import { ROOT } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";
import { queryOne, withTestDb, type TestDb } from "../support/test-db";

const today = todayInCopenhagen(new Date());
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 30);

// ---------------------------------------------------------------- values

/** Strings that have broken web apps before. */
const NASTY = [
  "",
  " ",
  "\u0000",
  "abc\u0000def",
  "\u0007\u0008\u001b[31m\u007f",
  "\r\n\r\n",
  "\uD800",
  "x\uDC00y",
  "\uDBFF\uDFFF\uD83D",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE employees; --",
  "1 OR 1=1",
  "%00%27",
  "0000-00-00",
  "2026-02-30",
  "2026-13-01",
  "2025-02-29",
  "1899-12-31",
  "2201-01-01",
  "9999-12-31",
  "-0001-01-01",
  "31.12.2025",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "0x1F",
  "99999999999999999999",
  "3.5",
  "on",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "ﬀ\u202e\u200b",
  "Łukasz Şahin Ærø",
  "🙂".repeat(300),
];

const hugeString = fc.constantFrom("x".repeat(100_000), "<script>".repeat(12_500), "\u0000".repeat(100_000), "å\uD800".repeat(50_000));

/** Any value a form field might carry: nasty, random (any code point, lone surrogates included) or huge. */
const nastyValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

type Kind = "text" | "date" | "number" | "int" | "checkbox" | readonly string[];

function validValue(kind: Kind): fc.Arbitrary<string> {
  if (Array.isArray(kind)) return fc.constantFrom(...(kind as string[]));
  switch (kind) {
    case "text":
      // Valid but hostile text: stored, then rendered on pages and in PDFs.
      return fc.oneof(fc.constantFrom("<script>alert('x')</script>", "Robert'); DROP TABLE absences;--", "Tunge løft"), fc.string({ unit: "binary", minLength: 1, maxLength: 60 }));
    case "date":
      return fc.integer({ min: -3000, max: 5 }).map((n) => addDays(today, n));
    case "number":
      return fc.constantFrom("1", "37", "37,5", "37.5", "80", "81");
    case "int":
      return fc.integer({ min: -2, max: 20 }).map(String);
    case "checkbox":
      return fc.constantFrom("on", "true", "");
  }
  throw new Error("unknown kind");
}

/** A field is valid, nasty, missing (the record leaves it out) or repeated. */
function fieldValue(kind: Kind): fc.Arbitrary<string | string[]> {
  return fc.oneof(
    { weight: 3, arbitrary: validValue(kind) },
    { weight: 3, arbitrary: nastyValue },
    { weight: 1, arbitrary: fc.array(fc.oneof(validValue(kind), nastyValue), { minLength: 2, maxLength: 3 }) },
  );
}

type Shape = Record<string, Kind>;
type Form = Record<string, string | string[] | undefined>;

function formArbitrary(shapes: Shape[]): fc.Arbitrary<Form> {
  return fc.oneof(
    ...shapes.map((shape) => {
      const model: Record<string, fc.Arbitrary<string | string[]>> = {};
      for (const [name, kind] of Object.entries(shape)) model[name] = fieldValue(kind);
      // Extra fields a form never has, including prototype names.
      model["__proto__"] = nastyValue;
      model["unexpected"] = nastyValue;
      return fc.record(model, { requiredKeys: [] });
    }),
  );
}

// ---------------------------------------------------------------- encodings

/** UTF-8, except that a lone surrogate is encoded as its 3 raw bytes (WTF-8): what a broken client sends. */
function wtf8(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes.push(...Buffer.from(s.slice(i, i + 2), "utf8"));
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(...Buffer.from(String.fromCharCode(c), "utf8"));
  }
  return Buffer.from(bytes);
}

function percentEncode(s: string): string {
  return [...wtf8(s)].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

function pairs(form: Form): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.push([k, one]);
  return out;
}

type Encoding = "urlencoded" | "multipart" | "json" | "text" | "none";

function encode(form: Form, encoding: Encoding): { body: Buffer | undefined; contentType?: string } {
  const p = pairs(form);
  if (encoding === "urlencoded") {
    return { body: Buffer.from(p.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&")), contentType: "application/x-www-form-urlencoded" };
  }
  if (encoding === "multipart") {
    const boundary = "----fasthold-fuzz-boundary";
    const parts = p.map(([k, v]) =>
      Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, "_")}"\r\n\r\n`), wtf8(v), Buffer.from("\r\n")]),
    );
    return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
  }
  if (encoding === "json") return { body: wtf8(JSON.stringify(form)), contentType: "application/json" };
  if (encoding === "text") return { body: wtf8(p.map(([k, v]) => `${k}=${v}`).join("\n")), contentType: "text/plain" };
  return { body: undefined };
}

const encodingArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Encoding>("urlencoded") },
  { weight: 2, arbitrary: fc.constant<Encoding>("multipart") },
  { weight: 1, arbitrary: fc.constantFrom<Encoding>("json", "text", "none") },
);

// ---------------------------------------------------------------- the routes

interface Ids {
  employeeId: number;
  absenceId: number;
  documentId: number;
  submissionId: number;
  declarationId: number;
}

type ClientName = "anonymous" | "nordbyg" | "aarhus";

interface Case {
  url: string;
  as: ClientName;
  shapes: Shape[];
  /** Answers besides success, redirect and 400 that this action may legitimately give. */
  alsoAllowed?: number[];
  runs?: number;
}

const EMPLOYEE: Shape = {
  name: "text",
  birthDate: "date",
  municipalityCode: ["751", "101", "461", "147", "999"],
  employmentStartDate: "date",
  employmentEndDate: "date",
  jobTitle: "text",
  weeklyHours: "number",
  employeeNumber: ["1001", "9999", "", "a b"],
  email: "text",
  departmentName: "text",
  addressLine: "text",
  postalCode: ["8000", "800", "abcd"],
  city: "text",
};
const ABSENCE: Shape = {
  firstAbsenceDay: "date",
  extent: ["full", "partial", "none"],
  pay: ["salary", "sickness-benefit", "none", "x"],
  expectedOver8Weeks: "checkbox",
  paragraph56: "checkbox",
  conversationHeldOn: "date",
  conversationNotes: "text",
  fastTrackRequestedOn: "date",
  returnedOn: "date",
  expectedBackWithin26Weeks: ["yes", "no", "maybe"],
  employmentEndsOn: "date",
};
const FAST_TRACK: Shape = { affectedFunctions: "text", affectedDuration: "text", adaptations: "text", requestedOn: "date", employeeConsent: ["agreed", "declined", "pending", "maybe"] };

function cases(ids: Ids): Record<string, Case> {
  const e = `/virksomhed/medarbejdere/${ids.employeeId}`;
  return {
    "api.v1.deadlines.ts": { url: "/api/v1/deadlines", as: "anonymous", shapes: [] }, // the JSON API has its own property below
    "login.tsx": { url: "/login", as: "anonymous", shapes: [{ email: ["hr@nordbyg.example", "nobody@example.com"], password: "text", redirectTo: ["/virksomhed", "//evil.example", "javascript:alert(1)"] }], alsoAllowed: [429], runs: 15 },
    "logout.tsx": { url: "/logout", as: "anonymous", shapes: [{}] },
    "notifikationer.tsx": { url: "/notifikationer", as: "nordbyg", shapes: [{ id: "int" }] },
    "virksomhed.indstillinger.tsx": {
      url: "/virksomhed/indstillinger",
      as: "nordbyg",
      shapes: [{ intent: ["create", "renew", "revoke", "delete"] }, { intent: ["managers-submit"], managersMaySubmit: "checkbox" }],
    },
    // Another company's department or user, or none, is 404.
    "virksomhed.afdelinger.tsx": {
      url: "/virksomhed/afdelinger",
      as: "nordbyg",
      shapes: [{ intent: ["create", "x"], name: "text" }, { intent: ["rename"], departmentId: "int", name: "text" }, { intent: ["access"], userId: "int", accessLevel: ["hr", "manager", "x"], departmentIds: "int" }],
      alsoAllowed: [404],
    },
    "virksomhed.kalender.tsx": { url: "/virksomhed/kalender", as: "nordbyg", shapes: [{ intent: ["create", "renew", "revoke", "delete"] }] },
    "virksomhed.medarbejdere.ny.tsx": { url: "/virksomhed/medarbejdere/ny", as: "nordbyg", shapes: [EMPLOYEE] },
    // A small list is sent to the streamed download; the filters and the format are checked first.
    "virksomhed.sager.eksporter._index.tsx": {
      url: "/virksomhed/sager/eksporter",
      as: "nordbyg",
      shapes: [{ format: ["csv", "xlsx", "pdf"], q: "text", status: ["aaben", "afsluttet", "x"], frist: ["overskredet", "snart", "x"], afdeling: "int", aar: "int", sorter: ["navn", "x"], retning: ["faldende", "x"] }],
    },
    "virksomhed.medarbejdere.import._index.tsx": { url: "/virksomhed/medarbejdere/import", as: "nordbyg", shapes: [{ file: "text", movedOn: "date" }] },
    // No preview has this token: a confirmation of it is "not found", whatever the body.
    "virksomhed.medarbejdere.import.$token._index.tsx": { url: `/virksomhed/medarbejdere/import/${"A".repeat(43)}`, as: "nordbyg", shapes: [{ intent: ["confirm", "x"] }], alsoAllowed: [404] },
    "virksomhed.medarbejdere.$employeeId.rediger.tsx": { url: `${e}/rediger`, as: "nordbyg", shapes: [EMPLOYEE] },
    "virksomhed.medarbejdere.$employeeId.flyt.tsx": { url: `${e}/flyt`, as: "nordbyg", shapes: [{ toMunicipalityCode: ["751", "101", "461", "0"], movedOn: "date" }] },
    "virksomhed.medarbejdere.$employeeId.fravaer.ny.tsx": { url: `${e}/fravaer/ny`, as: "nordbyg", shapes: [ABSENCE] },
    "virksomhed.medarbejdere.$employeeId.paragraf-56.ny.tsx": {
      url: `${e}/paragraf-56/ny`,
      as: "nordbyg",
      shapes: [
        {
          kind: ["almindelig", "midlertidig", "other"],
          effectOnWork: "text",
          confirmNoDiagnosis: "checkbox",
          expectedDaysPerYear: "int",
          employmentRequirement: ["yes", "no"],
          employerConfirms: "checkbox",
          employeeConfirms: "checkbox",
          appliedOn: "date",
          materialChange: "text",
          renewalOfId: "int",
        },
      ],
    },
    "virksomhed.medarbejdere.$employeeId.sociale-kapitler.rediger.tsx": {
      url: `${e}/sociale-kapitler/rediger`,
      as: "nordbyg",
      shapes: [{ collectiveAgreement: "text", startedOn: "date", tasks: "text", accommodations: "text", hoursPerWeek: "number", wageTerms: "text", reviewDates: "text" }],
    },
    "virksomhed.medarbejdere.$employeeId.sociale-kapitler._index.tsx": {
      url: `${e}/sociale-kapitler`,
      as: "nordbyg",
      shapes: [
        { intent: ["log"], entryDate: "date", kind: ["adjustment", "conversation", "change", "evaluation", "correction", "x"], text: "text", correctsEntryId: "int" },
        { intent: ["send"] },
        { intent: ["reply"], reply: "text", lock: "int" },
      ],
    },
    "virksomhed.fravaer.$absenceId._index.tsx": {
      url: `/virksomhed/fravaer/${ids.absenceId}`,
      as: "nordbyg",
      shapes: [
        { intent: ["conversation"], conversationHeldOn: "date", conversationNotes: "text" },
        { intent: ["return"], returnedOn: "date" },
        { intent: ["fast-track"], fastTrackRequestedOn: "date" },
        { intent: ["absence-report", "refund-request"], doneOn: "date", reference: "text" },
        { intent: ["other", ""] },
      ],
    },
    "virksomhed.fravaer.$absenceId.rediger.tsx": { url: `/virksomhed/fravaer/${ids.absenceId}/rediger`, as: "nordbyg", shapes: [ABSENCE] },
    "virksomhed.fravaer.$absenceId.fast-track.tsx": { url: `/virksomhed/fravaer/${ids.absenceId}/fast-track`, as: "nordbyg", shapes: [FAST_TRACK] },
    "virksomhed.dokumenter.$documentId._index.tsx": {
      url: `/virksomhed/dokumenter/${ids.documentId}`,
      as: "nordbyg",
      shapes: [{ intent: ["submit"] }, { intent: ["resubmit"], reply: "text", lock: "int" }, { intent: ["x"] }],
    },
    // A decided document cannot be edited: 403 is that answer.
    "virksomhed.dokumenter.$documentId.rediger.tsx": { url: `/virksomhed/dokumenter/${ids.documentId}/rediger`, as: "nordbyg", shapes: [FAST_TRACK], alsoAllowed: [403] },
    "virksomhed.medarbejdere.$employeeId.mulighedserklaering.ny.tsx": { url: `${e}/mulighedserklaering/ny`, as: "nordbyg", shapes: [{ absenceId: [String(ids.absenceId), "gentagne", "0", "-1"] }] },
    "virksomhed.dokumenter.$documentId.trin.$step.tsx": {
      url: `/virksomhed/dokumenter/${ids.declarationId}/trin/tilpasninger`,
      as: "nordbyg",
      shapes: [
        {
          doctorAssessOnly: "checkbox",
          changedTasks: "checkbox",
          reducedHours: "checkbox",
          aids: "checkbox",
          gradualReturn: "checkbox",
          hoursPerWeek: "number",
          adjustmentsDescription: "text",
          durationWeeks: "int",
          confirmNoDiagnosis: "checkbox",
        },
      ],
    },
    "virksomhed.dokumenter.$documentId.laegens-svar.tsx": {
      url: `/virksomhed/dokumenter/${ids.declarationId}/laegens-svar`,
      as: "nordbyg",
      shapes: [
        { outcome: ["sound", "partly", "not-sound", "maybe"], answeredOn: "date", expectedAbsenceDuration: "text", doctorRemarks: "text", confirmNoDiagnosis: "checkbox" },
        { intent: ["upload"], file: "text" },
      ],
    },
    "virksomhed.fravaer.$absenceId.fastholdelsesplan.tsx": {
      url: `/virksomhed/fravaer/${ids.absenceId}/fastholdelsesplan`,
      as: "nordbyg",
      shapes: [
        {
          requestedOn: "date",
          decision: ["plan", "refused", "x"],
          refusalReason: "text",
          goal: "text",
          expectedReturnOn: "date",
          "steps[0].description": "text",
          "steps[0].dueOn": "date",
          "steps[0].responsible": "text",
          "steps[1].description": "text",
          adjustments: "text",
          followUpPoints: "text",
          confirmNoDiagnosis: "checkbox",
        },
      ],
    },
    // Another organisation's user or message, or none at all, is 404.
    "brugere.tsx": {
      url: "/brugere",
      as: "nordbyg",
      shapes: [
        { intent: ["invite"], email: "text", name: "text", accessLevel: ["hr", "manager", "x"], departmentIds: "int" },
        { intent: ["deactivate", "reactivate", "requeue", "x"], userId: "int", messageId: "int" },
      ],
      alsoAllowed: [404],
    },
    // Each password change hashes twice; a few runs are enough.
    "konto.tsx": {
      url: "/konto",
      as: "nordbyg",
      shapes: [{ intent: ["preferences"], digest: "checkbox", immediate: "checkbox" }, { intent: ["password", "x"], currentPassword: "text", password: "text", passwordRepeat: "text" }],
      runs: 10,
    },
    "glemt-adgangskode.tsx": { url: "/glemt-adgangskode", as: "anonymous", shapes: [{ email: ["hr@nordbyg.example", "nobody@example.com"] }, { email: "text" }], alsoAllowed: [429], runs: 10 },
    // A link that does not exist answers 404 whatever the form held.
    "nulstil.$token.tsx": { url: `/nulstil/${"A".repeat(43)}`, as: "anonymous", shapes: [{ password: "text", passwordRepeat: "text" }], alsoAllowed: [404], runs: 10 },
    "invitation.$token.tsx": { url: `/invitation/${"A".repeat(43)}`, as: "anonymous", shapes: [{ name: "text", password: "text", passwordRepeat: "text" }], alsoAllowed: [404], runs: 10 },
    "jobcenter.indsendelser.$submissionId.tsx": {
      url: `/jobcenter/indsendelser/${ids.submissionId}`,
      as: "aarhus",
      shapes: [
        { intent: ["take"], lock: "int" },
        { intent: ["request-information"], lock: "int", message: "text" },
        { intent: ["approve"], lock: "int", approvedOn: "date" },
        { intent: ["reject"], lock: "int", message: "text" },
        { intent: ["note"], note: "text" },
        { intent: ["follow-up"], heldOn: "date" },
        { intent: ["bogus"] },
      ],
    },
  };
}

// ---------------------------------------------------------------- the server

let server: RunningServer;
const clients = {} as Record<ClientName, HttpClient>;
let ids: Ids;

function readDb<T>(fn: (db: TestDb) => Promise<T>): Promise<T> {
  return withTestDb(server, fn);
}

beforeAll(async () => {
  server = await startServer();
  // One sign-in per user for the whole file: the login throttle never sees a storm.
  clients.anonymous = new HttpClient(server.baseUrl);
  clients.nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
  clients.aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  const found = await queryOne<{ absenceId: number; employeeId: number }>(
    server,
    "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
  );
  const created = await clients.nordbyg.postForm(`/virksomhed/fravaer/${found.absenceId}/fast-track`, {
    affectedFunctions: "Tunge løft.",
    affectedDuration: "Siden første fraværsdag.",
    adaptations: "Lettere opgaver.",
    requestedOn: today,
    employeeConsent: "agreed",
  });
  const documentId = Number(/dokumenter\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  expect((await clients.nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
  const submissionId = (await queryOne<{ id: number }>(server, "select id from submissions where document_id = ?", documentId)).id;
  const declarationId = await createDeclaration(clients.nordbyg, { employeeId: found.employeeId, absenceId: found.absenceId, meetingDate: today, doctorDeadline: addDays(today, 14) });
  ids = { ...found, documentId, submissionId, declarationId };
});

afterAll(async () => {
  await server?.stop();
});

/** What went wrong, with enough of the exchange to reproduce it. */
function describeAnswer(url: string, status: number, body: string, input: unknown): string {
  const shown = JSON.stringify(input, (_k, v) => (typeof v === "string" && v.length > 120 ? `${v.slice(0, 120)}… (${v.length} chars)` : v));
  return `POST ${url} answered ${status} for ${shown}\n${body.slice(0, 600)}`;
}

// 413: a body over its cap (the 100 kB strings make some forms larger than 1 MB).
const ANSWERED = [200, 302, 303, 400, 409, 413];

function clip(text: string): string {
  return text.replace(/(.)\1{80,}/gs, (run, ch: string) => `${ch.repeat(10)}…(${run.length} chars)`).replace(/((.{1,12}?)\2{6,})/gs, (m) => (m.length > 200 ? `${m.slice(0, 100)}…(${m.length} chars)` : m)).slice(0, 4000);
}

/** fc.assert with a readable report: 100 kB inputs clipped, and the server's last words when it died. */
async function holds<T extends [unknown, ...unknown[]]>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  const result = await fc.check(property, { numRuns, endOnFailure: true });
  if (!result.failed) return;
  const error = result.errorInstance;
  const cause = error instanceof Error ? `${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ""}` : String(error);
  const died = cause.includes("fetch failed") ? `\nServer output:\n${server.output().slice(-3000)}` : "";
  const input = clip(JSON.stringify(result.counterexample ?? null));
  throw new Error(`Failed after ${result.numRuns} runs (seed ${result.seed}, path ${result.counterexamplePath}):\n${clip(cause)}\nInput: ${input}${died}`);
}

const routeFiles = fs
  .readdirSync(path.join(ROOT, "app/routes"))
  .filter((f) => /\.(tsx?|jsx?)$/.test(f))
  .filter((f) => /export (async )?function action/.test(fs.readFileSync(path.join(ROOT, "app/routes", f), "utf8")));

describe("bad input never breaks a form action", () => {
  it("has a bad-input case for every route with an action", () => {
    const known = Object.keys(cases({ employeeId: 1, absenceId: 1, documentId: 1, submissionId: 1, declarationId: 1 }));
    expect(routeFiles.filter((f) => !known.includes(f))).toEqual([]);
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it.each(routeFiles.filter((f) => f !== "api.v1.deadlines.ts"))("%s answers bad input with a 4xx and a message, never a 500", async (file) => {
    const c = cases(ids)[file]!;
    const allowed = [...ANSWERED, ...(c.alsoAllowed ?? [])];
    await holds(
      fc.asyncProperty(formArbitrary(c.shapes), encodingArb, async (form, encoding) => {
        const { body, contentType } = encode(form, encoding);
        const headers: Record<string, string> = { Origin: server.baseUrl, "Sec-Fetch-Site": "same-origin" };
        if (contentType) headers["Content-Type"] = contentType;
        const res = await clients[c.as].request(c.url, { method: "POST", body: body && new Uint8Array(body), headers });
        const text = await res.text();
        if (!allowed.includes(res.status)) throw new Error(describeAnswer(c.url, res.status, text, { encoding, form }));
        if (res.status === 400 || res.status === 409 || res.status === 413) {
          // A refusal says what is wrong: the error summary of the form, or the page's message.
          const explained = /Der er problemer|form-error-message|Forespørgslen kunne ikke behandles|Handlingen er ikke mulig nu|alert-error/.test(text);
          if (!explained) throw new Error(`No message in the refusal. ${describeAnswer(c.url, res.status, text, { encoding, form })}`);
        }
      }),
      c.runs ?? RUNS,
    );
  }, 120_000);

  it("shows a tampered hidden field's error above the form (§ 56 renewal id)", async () => {
    const form = new URLSearchParams({
      kind: "almindelig",
      effectOnWork: "Perioder hvor tunge løft ikke er mulige.",
      expectedDaysPerYear: "12",
      employmentRequirement: "yes",
      employerConfirms: "on",
      employeeConfirms: "on",
      appliedOn: today,
    });
    form.append("renewalOfId", "abc");
    form.append("renewalOfId", "<script>");
    const res = await clients.nordbyg.request(`/virksomhed/medarbejdere/${ids.employeeId}/paragraf-56/ny`, {
      method: "POST",
      body: form.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl, "Sec-Fetch-Site": "same-origin" },
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).toContain("Der er problemer");
    expect(text).toContain("Aftalen, der skal fornyes, kunne ikke findes.");
  });

  it("shows the error of a hidden department id sent more than once above the forms", async () => {
    const departmentId = (
      await queryOne<{ id: number }>(server, "select d.id from departments d join companies c on c.id = d.company_id where c.cvr = '12972997' order by d.id limit 1")
    ).id;
    const post = async (form: URLSearchParams) => {
      const res = await clients.nordbyg.request("/virksomhed/afdelinger", {
        method: "POST",
        body: form.toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.baseUrl, "Sec-Fetch-Site": "same-origin" },
      });
      return { status: res.status, text: await res.text() };
    };
    const rename = new URLSearchParams({ intent: "rename", name: "Lager" });
    rename.append("departmentId", String(departmentId));
    rename.append("departmentId", "11");
    const renamed = await post(rename);
    expect(renamed.status).toBe(400);
    expect(renamed.text).toMatch(/alert-error/);
    const access = new URLSearchParams({ intent: "access", accessLevel: "hr" });
    access.append("userId", "1");
    access.append("userId", "2");
    const refused = await post(access);
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/alert-error/);
  });

  it("every page that shows the fuzzed records still renders, and so do their PDFs", async () => {
    const nordbyg = clients.nordbyg;
    const urls = await readDb(async (db) => {
      const employees = await db.all<{ id: number }>("select e.id from employees e join companies c on c.id = e.company_id where c.cvr = '12972997'");
      const absences = await db.all<{ id: number }>(
        "select id from absences where employee_id in (select id from employees where company_id = (select id from companies where cvr = '12972997'))",
      );
      const documents = await db.all<{ id: number }>("select id from documents where company_id = (select id from companies where cvr = '12972997')");
      return [
        "/virksomhed",
        "/virksomhed/medarbejdere",
        "/virksomhed/indsendelser",
        "/notifikationer",
        ...employees.flatMap((e) => [`/virksomhed/medarbejdere/${e.id}`, `/virksomhed/medarbejdere/${e.id}/sociale-kapitler`, `/virksomhed/medarbejdere/${e.id}/paragraf-56`]),
        ...absences.map((a) => `/virksomhed/fravaer/${a.id}`),
        ...documents.flatMap((d) => [`/virksomhed/dokumenter/${d.id}`, `/virksomhed/dokumenter/${d.id}/pdf`]),
      ];
    });
    const broken: string[] = [];
    for (const url of urls) {
      const res = await nordbyg.get(url);
      await res.arrayBuffer();
      if (res.status >= 500) broken.push(`${url}: ${res.status}`);
    }
    for (const url of ["/jobcenter", "/jobcenter/sager", `/jobcenter/indsendelser/${ids.submissionId}`, `/jobcenter/indsendelser/${ids.submissionId}/pdf`, "/notifikationer"]) {
      const res = await clients.aarhus.get(url);
      await res.arrayBuffer();
      if (res.status >= 500) broken.push(`aarhus ${url}: ${res.status}`);
    }
    expect(broken).toEqual([]);
  }, 120_000);
});

// ---------------------------------------------------------------- the JSON API

const DEADLINE_FIELDS = [
  "firstAbsenceDay",
  "asOf",
  "pay",
  "expectedOver8Weeks",
  "conversationHeldOn",
  "fastTrackRequestedOn",
  "returnedOn",
  "paragraph56",
  "birthDate",
  "socialChapterStartedOn",
  "employmentEndsOn",
  "expectedBackWithin26Weeks",
  "absenceReportedOn",
  "refundRequestedOn",
];

/** A JSON value of the wrong type for any field, or a plausible one. */
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyValue,
  fc.integer({ min: -3000, max: 30 }).map((n) => addDays(today, n)),
  fc.constantFrom("salary", "sickness-benefit", "none", true, false, null, 0, -1, 1e308, 37.5),
  fc.array(fc.constantFrom("2026-01-01", 1, null), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.constantFrom(1, "x", null), { maxKeys: 3 }),
);

const apiBody: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 5, arbitrary: fc.record(Object.fromEntries(DEADLINE_FIELDS.map((f) => [f, jsonValue])), { requiredKeys: [] }).map((o) => wtf8(JSON.stringify(o))) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map((s) => Buffer.from(s)) },
  { weight: 2, arbitrary: nastyValue.map((s) => wtf8(s)) },
  { weight: 1, arbitrary: fc.constantFrom("[".repeat(5000), '{"firstAbsenceDay":"2026-01-01"', '{"__proto__":{"pay":"x"}}', "\uFEFF{}").map((s) => wtf8(s)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
);

describe("bad input never breaks the deadline API", () => {
  it("answers 200 with deadlines, 400 with field errors or 413, never a 500", async () => {
    await holds(
      fc.asyncProperty(apiBody, fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded"), async (body, contentType) => {
        const res = await fetch(`${server.baseUrl}/api/v1/deadlines`, { method: "POST", body: new Uint8Array(body), headers: { "Content-Type": contentType } });
        const text = await res.text();
        const show = () => `answered ${res.status} for ${body.subarray(0, 200).toString("utf8")}: ${text.slice(0, 300)}`;
        if (![200, 400, 413].includes(res.status)) throw new Error(show());
        const json = JSON.parse(text) as { deadlines?: unknown[]; errors?: Record<string, string[]> };
        if (res.status === 200 && !Array.isArray(json.deadlines)) throw new Error(`No deadlines: ${show()}`);
        if (res.status !== 200) {
          const messages = Object.values(json.errors ?? {}).flat();
          if (messages.length === 0 || !messages.every((m) => typeof m === "string" && m.length > 0)) throw new Error(`No field errors: ${show()}`);
        }
      }),
      RUNS * 5,
    );
  }, 120_000);
});

// ---------------------------------------------------------------- raw HTTP

/** Methods a client may write: the ones served, the ones refused, ones Node's parser does not know. */
const RAW_METHODS = ["GET", "HEAD", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "MKCOL", "PURGE", "M-SEARCH", "FOO", "get", "G\u00c9T"];

const RAW_TARGETS = [
  "/",
  "/login",
  "/login?redirectTo=%2F%E4%B8%AD",
  "/login?redirectTo=/\u4e2d",
  "/api/v1/deadlines",
  "/api/v1/deadlines?x=1",
  "/virksomhed",
  "/virksomhed/medarbejdere/ny",
  "/virksomhed/dokumenter/1/laegens-svar",
  "/kalender/abc.ics",
  "/frister?firstAbsenceDay=2026-02-30",
  "/%",
  "/%00",
  "/%E0%A4%A",
  "/..%2f..%2fpackage.json",
  "/build/../server.mjs",
  "/app.css?x=\u00ff",
  "//evil.example/login",
  "/\\evil.example",
  "*",
  "http://evil.example/login",
  "localhost:80",
  `/${"a".repeat(9000)}`,
  "/\u4e2d\u6587",
];

const RAW_HEADER_VALUES = [
  "",
  " ",
  "x".repeat(20_000),
  "\u00e6\u00f8\u00e5",
  "\u00ff\u00fe",
  "a\tb",
  "<script>",
  "'; DROP TABLE users; --",
  "%00",
  "()",
  "1, 2, 3",
  "-1",
  "99999999999999999999",
];

/** Extra headers, each with a hostile or odd value (written as latin-1 bytes, as a broken client would). */
const rawHeaders: fc.Arbitrary<Array<[string, string]>> = fc.array(
  fc.tuple(
    fc.constantFrom("Host", "Cookie", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Origin", "Sec-Fetch-Site", "Content-Type", "Accept", "Accept-Encoding", "Range", "If-None-Match", "Upgrade", "Expect", "Referer", "X-Custom"),
    fc.oneof(fc.constantFrom(...RAW_HEADER_VALUES), fc.string({ unit: "binary-ascii", maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ""))),
  ),
  { maxLength: 4 },
);

const RAW_CONTENT_TYPES = [
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  'multipart/form-data; boundary="a b"',
  "application/json",
  "text/plain",
  "application/octet-stream",
];

type Framing = "length" | "chunked" | "broken-chunked" | "none";

/** Body sizes around every cap: empty, small, over the API's 16 kB, over a form's 1 MB. */
const rawBody = fc.record({
  size: fc.constantFrom(0, 1, 100, 16 * 1024 + 1, 200_000, 1024 * 1024 + 1),
  fill: fc.constantFrom("a", "&", "%", "\u0000", "--x\r\n", "a=1&"),
  framing: fc.constantFrom<Framing>("length", "length", "chunked", "broken-chunked", "none"),
  contentType: fc.constantFrom(...RAW_CONTENT_TYPES),
});

function rawRequest(input: { method: string; target: string; headers: Array<[string, string]>; body: { size: number; fill: string; framing: Framing; contentType: string }; cookie: string }): Buffer {
  const fill = Buffer.from(input.body.fill, "latin1");
  const body = Buffer.alloc(input.body.size, fill.length ? fill : Buffer.from("a"));
  const head = [`${input.method} ${input.target} HTTP/1.1`];
  if (!input.headers.some(([name]) => name === "Host")) head.push("Host: localhost");
  for (const [name, value] of input.headers) head.push(`${name}: ${value}`);
  if (input.cookie) head.push(`Cookie: ${input.cookie}`);
  head.push(`Content-Type: ${input.body.contentType}`, "Connection: close");
  let framed: Buffer = Buffer.alloc(0);
  if (input.body.framing === "length") {
    head.push(`Content-Length: ${body.length}`);
    framed = body;
  } else if (input.body.framing === "chunked" || input.body.framing === "broken-chunked") {
    head.push("Transfer-Encoding: chunked");
    const pieces: Buffer[] = [];
    for (let at = 0; at < body.length; at += 64 * 1024) {
      const piece = body.subarray(at, at + 64 * 1024);
      pieces.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from("\r\n"));
    }
    // A broken one lies about its last chunk's size.
    pieces.push(Buffer.from(input.body.framing === "broken-chunked" ? "zz\r\n\r\n" : "0\r\n\r\n"));
    framed = Buffer.concat(pieces);
  }
  return Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), framed]);
}

/** Sends the bytes on a connection of its own and reads until the server closes it. */
function sendRaw(port: number, bytes: Buffer): Promise<{ statuses: number[]; text: string; closedBy: "server" | "timeout" }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    const finish = (closedBy: "server" | "timeout") => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const statuses = [...text.matchAll(/(?:^|\r\n)HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
      resolve({ statuses, text, closedBy });
    };
    const timer = setTimeout(() => finish("timeout"), 20_000);
    socket.on("data", (d) => chunks.push(d));
    // The server may answer (and close) before it has read everything: that is not a failure.
    socket.on("error", () => {});
    socket.on("close", () => finish("server"));
    // Written without a FIN after it: Node's HTTP server takes a client's end of input as
    // leaving, as a browser's would be, and drops an answer still being made.
    socket.on("connect", () => socket.write(bytes));
  });
}

describe("bad raw HTTP never breaks the server", () => {
  it("answers every method, target, header value and body size with an answer below 500, and keeps serving", async () => {
    const port = Number(new URL(server.baseUrl).port);
    const session = clients.nordbyg.cookieHeader();
    await holds(
      fc.asyncProperty(
        fc.constantFrom(...RAW_METHODS),
        fc.constantFrom(...RAW_TARGETS),
        rawHeaders,
        rawBody,
        fc.constantFrom("", session, "__session=garbage", `${session}; __session=second`),
        async (method, target, headers, body, cookie) => {
          const answer = await sendRaw(port, rawRequest({ method, target, headers, body, cookie }));
          const final = answer.statuses.filter((s) => s >= 200);
          const shown = () => `${method} ${target.slice(0, 80)} ${JSON.stringify(headers).slice(0, 300)} body ${JSON.stringify(body)}: ${answer.closedBy}, ${clip(answer.text.slice(0, 600))}`;
          if (answer.closedBy === "timeout") throw new Error(`No end to the exchange: ${shown()}`);
          // Every request gets a final answer, except a body the server cut off mid-way (then it may just close).
          if (final.length === 0 && body.framing !== "broken-chunked") throw new Error(`No answer: ${shown()}`);
          if (final.some((s) => s >= 500)) throw new Error(`Server error: ${shown()}`);
        },
      ),
      RUNS * 4,
    );
    const alive = await fetch(`${server.baseUrl}/login`);
    expect(alive.status).toBe(200);
    expect(server.output()).not.toMatch(/TypeError|RangeError|Unhandled/);
  }, 300_000);
});
