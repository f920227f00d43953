/**
 * A caseworker gets what the employer sent and what the page shows, nothing else.
 * A unique marker is planted in every company-only field (the absence
 * conversation's notes, drafts never sent, § 56 and social-chapter records not
 * submitted, the doctor's part of an unsent declaration, HR users, invitations,
 * mail, the audit log) and must appear in no answer a caseworker gets: the HTML and
 * the loader data (`?_data=`) of every route, and the text of every PDF.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInCopenhagen } from "~/domain/dates";
import { HttpClient } from "../support/http";
import { ROOT } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";
import { queryOne, withTestDb, type TestDb } from "../support/test-db";

const MARK = "ZQXMARK";
const marker = (field: string) => `${MARK}-${field}`;

let server: RunningServer;
const hr = () => new HttpClient(server.baseUrl);
let aarhus: HttpClient;
let koebenhavn: HttpClient;
let ids: { employeeId: number; absenceId: number; documentId: number; submissionId: number };
let planted: string[] = [];
/** Shown to the caseworkers of the employee's home municipality (Aarhus) on the submission, to nobody else. */
let homeOnly: string[] = [];

function write(run: (db: TestDb) => Promise<void>): Promise<void> {
  return withTestDb(server, run);
}

beforeAll(async () => {
  server = await startServer();
  const nordbyg = hr();
  await nordbyg.login("hr@nordbyg.example");
  const today = todayInCopenhagen(new Date());
  const { absenceId, employeeId, companyId } = await queryOne<{ absenceId: number; employeeId: number; companyId: number }>(
    server,
    "select a.id as absenceId, e.id as employeeId, e.company_id as companyId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
  );

  // What the employer sends: a fast-track request, submitted to Aarhus.
  const created = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, {
    affectedFunctions: "Tunge løft.",
    affectedDuration: "Siden første fraværsdag.",
    adaptations: "Lettere opgaver.",
    requestedOn: today,
    employeeConsent: "agreed",
  });
  const documentId = Number(/dokumenter\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  expect((await nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
  const conversation = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}`, {
    intent: "conversation",
    conversationHeldOn: today,
    conversationNotes: marker("conversation-notes"),
  });
  expect(conversation.status).toBe(302);
  planted.push(marker("conversation-notes"));

  // What stays with the company, written as the portal writes it.
  await write(async (w) => {
    const submission = await w.one<{ id: number }>("select id from submissions where document_id = ?", documentId);
    ids = { employeeId, absenceId, documentId, submissionId: submission.id };
    const plant = (field: string) => {
      planted.push(marker(field));
      return marker(field);
    };
    // A new version of the submitted request, being edited and never sent.
    const v1 = await w.one<{ content: string }>("select content from document_versions where document_id = ? and version = 1", documentId);
    await w.run(
      "insert into document_versions (document_id, version, content) values (?, 2, ?)",
      documentId,
      JSON.stringify({ ...JSON.parse(v1.content), adaptations: plant("unsent-version") }),
    );
    await w.run("update documents set current_version = 2 where id = ?", documentId);
    // Documents of the same employee that were never submitted.
    const draft = async (type: string, content: unknown) => {
      const doc = await w.one<{ id: number }>("insert into documents (company_id, employee_id, absence_id, type) values (?, ?, ?, ?) returning id", companyId, employeeId, absenceId, type);
      await w.run("insert into document_versions (document_id, version, content) values (?, 1, ?)", doc.id, JSON.stringify(content));
      return doc.id;
    };
    await draft("fastholdelsesplan", { goal: plant("fastholdelsesplan-goal") });
    const declaration = await draft("mulighedserklaering", { functionalLimitations: plant("declaration-limitations") });
    await w.run(
      "insert into mulighedserklaeringer (document_id, company_id, status, expected_absence_duration, doctor_remarks) values (?, ?, 'answered', ?, ?)",
      declaration, companyId, plant("doctor-duration"), plant("doctor-remarks"),
    );
    const p56 = await draft("paragraph56", { effectOnWork: plant("p56-content") });
    await w.run(
      "insert into paragraph56_agreements (company_id, employee_id, kind, effect_on_work, expected_days_per_year, applied_on, material_change, document_id) values (?, ?, 'almindelig', ?, 12, ?, ?, ?)",
      companyId, employeeId, plant("p56-effect"), today, plant("p56-material-change"), p56,
    );
    const record = await w.one<{ id: number }>(
      "insert into social_chapter_records (company_id, employee_id, collective_agreement, started_on, tasks, accommodations, hours_per_week, wage_terms) values (?, ?, ?, ?, ?, ?, 20, ?) returning id",
      companyId,
      employeeId,
      plant("sc-agreement"),
      today,
      plant("sc-tasks"),
      plant("sc-accommodations"),
      plant("sc-wage"),
    );
    await w.run("insert into social_chapter_log (record_id, entry_date, kind, text) values (?, ?, 'conversation', ?)", record.id, today, plant("sc-log"));
    // The company's users, invitations, mail and audit trail.
    await w.run(
      "insert into users (email, name, password_hash, role, company_id) values (?, ?, 'x', 'employer', ?)",
      `${plant("hr-email").toLowerCase()}@nordbyg.example`,
      plant("hr-name"),
      companyId,
    );
    planted = planted.map((m) => (m === marker("hr-email") ? `${m.toLowerCase()}@nordbyg.example` : m));
    const inviter = (await w.one<{ id: number }>("select id from users where email = 'hr@nordbyg.example'")).id;
    await w.run(
      "insert into invitations (email, name, role, company_id, invited_by, token_hash, expires_at) values (?, ?, 'employer', ?, ?, ?, '2999-01-01')",
      "ny@nordbyg.example",
      plant("invitation-name"),
      companyId,
      inviter,
      plant("invitation-hash"),
    );
    await w.run(
      "insert into outbox (kind, to_address, subject, body, company_id, next_attempt_at) values ('digest', 'hr@nordbyg.example', ?, ?, ?, '2999-01-01')",
      plant("mail-subject"),
      plant("mail-body"),
      companyId,
    );
    await w.run(
      "insert into audit_log (user_id, action, entity_type, entity_id, details) values (?, 'employee.update', 'employee', ?, ?)",
      inviter,
      String(employeeId),
      JSON.stringify({ note: plant("audit-details") }),
    );
  });
  // The employee's record beyond name and job title stays with the employer too.
  planted.push("2011-08-01", "hr@nordbyg.example");
  // What the home municipality's caseworker needs to find the citizen and call the employer:
  // birth date, home address and the HR contact person. Every other caseworker gets none of it.
  await write(async (w) => {
    await w.run("update employees set address_line = ?, postal_code = '8000', city = ? where id = ?", marker("address-line"), marker("address-city"), employeeId);
    await w.run(
      "update companies set contact_name = ?, contact_phone = ?, contact_email = ? where id = ?",
      marker("contact-name"),
      marker("contact-phone"),
      `${marker("contact-email").toLowerCase()}@nordbyg.example`,
      companyId,
    );
  });
  homeOnly = ["1968-03-14", "14.03.1968", marker("address-line"), marker("address-city"), marker("contact-name"), marker("contact-phone"), `${marker("contact-email").toLowerCase()}@nordbyg.example`];

  aarhus = hr();
  await aarhus.login("aarhus@jobcenter.example");
  koebenhavn = hr();
  await koebenhavn.login("koebenhavn@jobcenter.example");
});

afterAll(async () => {
  await server?.stop();
});

const routeFiles = fs.readdirSync(path.join(ROOT, "app/routes")).filter((f) => /\.(tsx?|jsx?)$/.test(f));

/** The URL of a route file with the case's ids in its parameters. */
function urlOf(file: string): string {
  const route = file.replace(/\.(tsx?|jsx?)$/, "");
  if (route === "_index") return "/";
  if (route === "$") return "/findes-ikke";
  const segments = route
    .replace(/\._index$/, "")
    .replace(/\[\.\]/g, "\u0000")
    .split(".")
    // eslint-disable-next-line no-control-regex -- NUL stands in for an escaped dot while splitting
    .map((s) => s.replace(/\u0000/g, "."));
  const values: Record<string, string> = {
    $submissionId: String(ids.submissionId),
    $documentId: String(ids.documentId),
    $employeeId: String(ids.employeeId),
    $absenceId: String(ids.absenceId),
    $attachmentId: "1",
    $step: "parter",
    $token: "A".repeat(43),
    $file: "x.ics",
  };
  return "/" + segments.map((s) => (s.startsWith("$") ? (values[s] ?? s) : s.replace(/\$(\w+)/g, (m) => values[m] ?? m))).join("/");
}

/** The body as text: a PDF through pdftotext, so a marker in any page would be read. */
async function textOf(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  if (!(res.headers.get("content-type") ?? "").includes("application/pdf")) return bytes.toString("utf8");
  const file = path.join(os.tmpdir(), `minimisation-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe("caseworkers get only what was sent to them", () => {
  it("the markers are stored, and the employer sees them where they belong", async () => {
    expect(homeOnly).toHaveLength(7);
    const nordbyg = hr();
    await nordbyg.login("hr@nordbyg.example");
    expect(await (await nordbyg.get(`/virksomhed/fravaer/${ids.absenceId}`)).text()).toContain(marker("conversation-notes"));
    expect(planted.length).toBeGreaterThan(20);
  });

  it.each(["aarhus", "koebenhavn"] as const)("no marker in any page, loader data or PDF that %s's caseworker can open", async (who) => {
    const client = who === "aarhus" ? aarhus : koebenhavn;
    const answered: string[] = [];
    const leaks: string[] = [];
    for (const file of routeFiles) {
      const url = urlOf(file);
      const routeId = `routes/${file.replace(/\.(tsx?|jsx?)$/, "")}`;
      const requests = [url, `${url}?_data=${encodeURIComponent(routeId)}`, `${url}?_data=root`];
      for (const u of requests) {
        const res = await client.get(u);
        if (res.status === 200) answered.push(u);
        const body = await textOf(res);
        for (const m of who === "aarhus" ? planted : [...planted, ...homeOnly]) if (body.includes(m)) leaks.push(`${u} → ${m}`);
      }
    }
    expect(leaks).toEqual([]);
    // The check is not vacuous: the caseworker's own pages answered, with the case on them where it is theirs.
    expect(answered).toEqual(expect.arrayContaining(["/jobcenter", "/jobcenter/sager", "/notifikationer"]));
    if (who === "aarhus") {
      const review = `/jobcenter/indsendelser/${ids.submissionId}`;
      expect(answered).toEqual(expect.arrayContaining([review, `${review}?_data=${encodeURIComponent("routes/jobcenter.indsendelser.$submissionId")}`, `${review}/pdf`]));
      const page = await (await client.get(review)).text();
      expect(page).toContain("Lettere opgaver.");
      // Exactly these fields are new for the home municipality, on the page and in the PDF.
      const pdf = await textOf(await client.get(`${review}/pdf`));
      for (const m of homeOnly) expect(page, m).toContain(m);
      // The PDF prints dates only as dd.mm.åååå.
      for (const m of homeOnly.filter((m) => m !== "1968-03-14")) expect(pdf.replace(/\s+/g, " "), m).toContain(m);
    }
  });
});
