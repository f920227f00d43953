/**
 * Every route of the app, requested as each kind of visitor with ids that
 * belong to someone else. The routes come from the routes folder, so a new
 * route without an expectation here fails the test.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import { createDeclaration, HttpClient } from "../support/http";
import { ROOT } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";
import { queryOne, withTestDb } from "../support/test-db";

type Who = "anonymous" | "nordbyg" | "solskin" | "aarhus" | "koebenhavn";
type Expect = Record<Who, number>;

const WHO: Who[] = ["anonymous", "nordbyg", "solskin", "aarhus", "koebenhavn"];
const LOGINS: Record<Exclude<Who, "anonymous">, string> = {
  nordbyg: "hr@nordbyg.example",
  solskin: "hr@solskin.example",
  aarhus: "aarhus@jobcenter.example",
  koebenhavn: "koebenhavn@jobcenter.example",
};

/** Nordbyg's own pages: Nordbyg sees them, Solskin gets 404 for Nordbyg's ids, caseworkers 403. */
const NORDBYG_RECORD: Expect = { anonymous: 302, nordbyg: 200, solskin: 404, aarhus: 403, koebenhavn: 403 };
const EMPLOYER_PAGE: Expect = { anonymous: 302, nordbyg: 200, solskin: 200, aarhus: 403, koebenhavn: 403 };
const JOBCENTER_PAGE: Expect = { anonymous: 302, nordbyg: 403, solskin: 403, aarhus: 200, koebenhavn: 200 };
const PUBLIC_PAGE: Expect = { anonymous: 200, nordbyg: 200, solskin: 200, aarhus: 200, koebenhavn: 200 };
const SIGNED_IN_PAGE: Expect = { anonymous: 302, nordbyg: 200, solskin: 200, aarhus: 200, koebenhavn: 200 };
const NOT_FOUND: Expect = { anonymous: 404, nordbyg: 404, solskin: 404, aarhus: 404, koebenhavn: 404 };
const UNKNOWN_TOKEN = "A".repeat(43);

interface Ids {
  employeeId: number;
  absenceId: number;
  documentId: number;
  submissionId: number;
  calendarFile: string;
  declarationId: number;
  attachmentId: number;
}

/** Route file → the URL to request and what each visitor gets for GET and (where there is an action) POST. */
function expectations(ids: Ids): Record<string, { url: string; get: Expect; post?: Expect; freshSession?: boolean }> {
  const own = (url: string) => ({ url, get: NORDBYG_RECORD, post: NORDBYG_RECORD });
  return {
    "_index.tsx": { url: "/", get: { anonymous: 200, nordbyg: 302, solskin: 302, aarhus: 302, koebenhavn: 302 } },
    "$.tsx": { url: "/findes-ikke", get: { anonymous: 404, nordbyg: 404, solskin: 404, aarhus: 404, koebenhavn: 404 } },
    "login.tsx": {
      url: "/login",
      get: { anonymous: 200, nordbyg: 302, solskin: 302, aarhus: 302, koebenhavn: 302 },
      // A signed-in user is sent home by the page's loader whatever the form said.
      post: { anonymous: 400, nordbyg: 302, solskin: 302, aarhus: 302, koebenhavn: 302 },
    },
    "logout.tsx": {
      url: "/logout",
      get: { anonymous: 302, nordbyg: 302, solskin: 302, aarhus: 302, koebenhavn: 302 },
      post: { anonymous: 302, nordbyg: 302, solskin: 302, aarhus: 302, koebenhavn: 302 },
      freshSession: true,
    },
    "tilgaengelighed.tsx": { url: "/tilgaengelighed", get: PUBLIC_PAGE },
    "frister.tsx": { url: "/frister", get: PUBLIC_PAGE },
    "api.v1.deadlines.ts": {
      url: "/api/v1/deadlines",
      get: { anonymous: 405, nordbyg: 405, solskin: 405, aarhus: 405, koebenhavn: 405 },
      post: { anonymous: 400, nordbyg: 400, solskin: 400, aarhus: 400, koebenhavn: 400 },
    },
    // Every demo login administers its organisation; a colleague without the role is denied in accounts-http.test.ts.
    "brugere.tsx": { url: "/brugere", get: SIGNED_IN_PAGE, post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 400, koebenhavn: 400 } },
    "konto.tsx": { url: "/konto", get: SIGNED_IN_PAGE, post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 400, koebenhavn: 400 } },
    "glemt-adgangskode.tsx": { url: "/glemt-adgangskode", get: PUBLIC_PAGE, post: { anonymous: 400, nordbyg: 400, solskin: 400, aarhus: 400, koebenhavn: 400 } },
    // A link from an e-mail that never existed is 404 (an expired or used one 410, see accounts-http.test.ts), whoever asks.
    "nulstil.$token.tsx": { url: `/nulstil/${UNKNOWN_TOKEN}`, get: NOT_FOUND, post: NOT_FOUND },
    "invitation.$token.tsx": { url: `/invitation/${UNKNOWN_TOKEN}`, get: NOT_FOUND, post: NOT_FOUND },
    "notifikationer.tsx": { url: "/notifikationer", get: SIGNED_IN_PAGE, post: { anonymous: 302, nordbyg: 302, solskin: 302, aarhus: 302, koebenhavn: 302 } },
    "kalender.$file.ts": { url: `/kalender/${ids.calendarFile}`, get: PUBLIC_PAGE },
    "jobcenter._index.tsx": { url: "/jobcenter", get: JOBCENTER_PAGE },
    "jobcenter.sager.tsx": { url: "/jobcenter/sager", get: JOBCENTER_PAGE },
    "jobcenter.indsendelser.$submissionId.pdf.ts": {
      url: `/jobcenter/indsendelser/${ids.submissionId}/pdf`,
      get: { anonymous: 302, nordbyg: 403, solskin: 403, aarhus: 200, koebenhavn: 404 },
    },
    "virksomhed.dokumenter.$documentId.pdf.ts": { url: `/virksomhed/dokumenter/${ids.documentId}/pdf`, get: NORDBYG_RECORD },
    "jobcenter.indsendelser.$submissionId.tsx": {
      url: `/jobcenter/indsendelser/${ids.submissionId}`,
      get: { anonymous: 302, nordbyg: 403, solskin: 403, aarhus: 200, koebenhavn: 404 },
      post: { anonymous: 302, nordbyg: 403, solskin: 403, aarhus: 400, koebenhavn: 404 },
    },
    "virksomhed._index.tsx": { url: "/virksomhed", get: EMPLOYER_PAGE },
    "virksomhed.indsendelser.tsx": { url: "/virksomhed/indsendelser", get: EMPLOYER_PAGE },
    "virksomhed.sager._index.tsx": { url: "/virksomhed/sager", get: EMPLOYER_PAGE },
    "virksomhed.sager.eksport.ts": { url: "/virksomhed/sager/eksport?format=csv", get: EMPLOYER_PAGE },
    // Starting an export without a format is refused at the field; caseworkers are refused before that.
    "virksomhed.sager.eksporter._index.tsx": { url: "/virksomhed/sager/eksporter", get: EMPLOYER_PAGE, post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 403, koebenhavn: 403 } },
    // A background export is its owner's own: any other id is "not found" (the owner's case is in case-export-background.test.ts).
    "virksomhed.sager.eksporter.$exportId._index.tsx": { url: "/virksomhed/sager/eksporter/987654", get: { anonymous: 302, nordbyg: 404, solskin: 404, aarhus: 403, koebenhavn: 403 } },
    "virksomhed.sager.eksporter.$exportId.fil.ts": { url: "/virksomhed/sager/eksporter/987654/fil", get: { anonymous: 302, nordbyg: 404, solskin: 404, aarhus: 403, koebenhavn: 403 } },
    // Each company's administrator reads its own log; a colleague without the role is denied in audit-log-http.test.ts.
    "virksomhed.revisionslog.tsx": { url: "/virksomhed/revisionslog", get: EMPLOYER_PAGE },
    "virksomhed.indstillinger.tsx": { url: "/virksomhed/indstillinger", get: EMPLOYER_PAGE, post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 403, koebenhavn: 403 } },
    "virksomhed.statistik.tsx": { url: "/virksomhed/statistik", get: EMPLOYER_PAGE },
    "virksomhed.statistik[.]csv.ts": { url: "/virksomhed/statistik.csv", get: EMPLOYER_PAGE },
    "virksomhed.statistik[.]xlsx.ts": { url: "/virksomhed/statistik.xlsx?periode=24", get: EMPLOYER_PAGE },
    "virksomhed.medarbejdere._index.tsx": { url: "/virksomhed/medarbejdere", get: EMPLOYER_PAGE },
    "virksomhed.medarbejdere.import._index.tsx": {
      url: "/virksomhed/medarbejdere/import",
      get: EMPLOYER_PAGE,
      // A form without a file is refused at the field; caseworkers are refused before that.
      post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 403, koebenhavn: 403 },
    },
    "virksomhed.medarbejdere.import.skabelon[.]csv.ts": { url: "/virksomhed/medarbejdere/import/skabelon.csv", get: EMPLOYER_PAGE },
    // A preview is the uploader's own: any other token is "not found", also for HR of the same company.
    "virksomhed.medarbejdere.import.$token._index.tsx": {
      url: `/virksomhed/medarbejdere/import/${UNKNOWN_TOKEN}`,
      get: { anonymous: 302, nordbyg: 404, solskin: 404, aarhus: 403, koebenhavn: 403 },
      post: { anonymous: 302, nordbyg: 404, solskin: 404, aarhus: 403, koebenhavn: 403 },
    },
    "virksomhed.medarbejdere.import.$token.afviste[.]csv.ts": {
      url: `/virksomhed/medarbejdere/import/${UNKNOWN_TOKEN}/afviste.csv`,
      get: { anonymous: 302, nordbyg: 404, solskin: 404, aarhus: 403, koebenhavn: 403 },
    },
    "virksomhed.medarbejdere.ny.tsx": { url: "/virksomhed/medarbejdere/ny", get: EMPLOYER_PAGE, post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 403, koebenhavn: 403 } },
    "virksomhed.medarbejdere.$employeeId._index.tsx": { url: `/virksomhed/medarbejdere/${ids.employeeId}`, get: NORDBYG_RECORD },
    "virksomhed.medarbejdere.$employeeId.indsigt[.]json.ts": { url: `/virksomhed/medarbejdere/${ids.employeeId}/indsigt.json`, get: NORDBYG_RECORD },
    "virksomhed.medarbejdere.$employeeId.indsigt[.]pdf.ts": { url: `/virksomhed/medarbejdere/${ids.employeeId}/indsigt.pdf`, get: NORDBYG_RECORD },
    "virksomhed.medarbejdere.$employeeId.rediger.tsx": own(`/virksomhed/medarbejdere/${ids.employeeId}/rediger`),
    "virksomhed.medarbejdere.$employeeId.flyt.tsx": own(`/virksomhed/medarbejdere/${ids.employeeId}/flyt`),
    "virksomhed.medarbejdere.$employeeId.fravaer.ny.tsx": own(`/virksomhed/medarbejdere/${ids.employeeId}/fravaer/ny`),
    "virksomhed.medarbejdere.$employeeId.sociale-kapitler._index.tsx": own(`/virksomhed/medarbejdere/${ids.employeeId}/sociale-kapitler`),
    "virksomhed.medarbejdere.$employeeId.sociale-kapitler.rediger.tsx": own(`/virksomhed/medarbejdere/${ids.employeeId}/sociale-kapitler/rediger`),
    "virksomhed.medarbejdere.$employeeId.paragraf-56._index.tsx": { url: `/virksomhed/medarbejdere/${ids.employeeId}/paragraf-56`, get: NORDBYG_RECORD },
    "virksomhed.medarbejdere.$employeeId.paragraf-56.ny.tsx": own(`/virksomhed/medarbejdere/${ids.employeeId}/paragraf-56/ny`),
    "virksomhed.fravaer.$absenceId._index.tsx": own(`/virksomhed/fravaer/${ids.absenceId}`),
    "virksomhed.fravaer.$absenceId.rediger.tsx": own(`/virksomhed/fravaer/${ids.absenceId}/rediger`),
    "virksomhed.fravaer.$absenceId.fast-track.tsx": own(`/virksomhed/fravaer/${ids.absenceId}/fast-track`),
    "virksomhed.dokumenter.$documentId._index.tsx": own(`/virksomhed/dokumenter/${ids.documentId}`),
    "virksomhed.dokumenter.$documentId.rediger.tsx": own(`/virksomhed/dokumenter/${ids.documentId}/rediger`),
    "virksomhed.medarbejdere.$employeeId.mulighedserklaering.ny.tsx": own(`/virksomhed/medarbejdere/${ids.employeeId}/mulighedserklaering/ny`),
    "virksomhed.dokumenter.$documentId.trin.$step.tsx": own(`/virksomhed/dokumenter/${ids.declarationId}/trin/begraensninger`),
    "virksomhed.dokumenter.$documentId.laegens-svar.tsx": own(`/virksomhed/dokumenter/${ids.declarationId}/laegens-svar`),
    // The declaration here is answered (a PDF was uploaded): no deadline to remind of, so 404 for its own company too;
    // the notice of a declaration waiting for the doctor is in doctor-answer-http.test.ts.
    "virksomhed.dokumenter.$documentId.paamindelse.tsx": { url: `/virksomhed/dokumenter/${ids.declarationId}/paamindelse`, get: { ...NORDBYG_RECORD, nordbyg: 404 } },
    "virksomhed.dokumenter.$documentId.bilag.$attachmentId.ts": { url: `/virksomhed/dokumenter/${ids.declarationId}/bilag/${ids.attachmentId}`, get: NORDBYG_RECORD },
    "virksomhed.fravaer.$absenceId.fastholdelsesplan.tsx": own(`/virksomhed/fravaer/${ids.absenceId}/fastholdelsesplan`),
    // Only a company's administrator: every demo HR login is one; caseworkers have no departments.
    "virksomhed.afdelinger.tsx": { url: "/virksomhed/afdelinger", get: EMPLOYER_PAGE, post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 403, koebenhavn: 403 } },
    // The signed-in user's own calendar address (a manager's has their departments only).
    "virksomhed.kalender.tsx": { url: "/virksomhed/kalender", get: EMPLOYER_PAGE, post: { anonymous: 302, nordbyg: 400, solskin: 400, aarhus: 403, koebenhavn: 403 } },
  };
}

/**
 * The two nearest managers of Nordbyg: "leder" of Byggeplads, where Søren (every id above) works,
 * and "fremmedleder" of Administration. What each gets for GET and, where the route has an action,
 * for POST of an empty form; null for "leder" where they may act (the form's own validation answers).
 */
type ManagerWho = "leder" | "fremmedleder";
type ManagerExpect = Record<ManagerWho, number | null>;
const MANAGER_LOGINS: Record<ManagerWho, string> = { leder: "leder@nordbyg.example", fremmedleder: "adm-leder@nordbyg.example" };
/** A page a manager works on, about Søren: their own department's manager opens it, another department's gets 404. */
const OWN_DEPARTMENT: ManagerExpect = { leder: 200, fremmedleder: 404 };
const OWN_DEPARTMENT_POST: ManagerExpect = { leder: null, fremmedleder: 404 };
/** A page that stays with HR: 403 for every manager, whoever the id belongs to. */
const HR_ONLY: ManagerExpect = { leder: 403, fremmedleder: 403 };
/** A list: each manager sees it, with their own departments' rows only (checked below). */
const MANAGER_LIST: ManagerExpect = { leder: 200, fremmedleder: 200 };
const both = (status: number): ManagerExpect => ({ leder: status, fremmedleder: status });

const MANAGER_EXPECTATIONS: Record<string, { get: ManagerExpect; post?: ManagerExpect }> = {
  "_index.tsx": { get: both(302) },
  "$.tsx": { get: both(404) },
  "login.tsx": { get: both(302), post: both(302) },
  "logout.tsx": { get: both(302), post: both(302) },
  "tilgaengelighed.tsx": { get: both(200) },
  "frister.tsx": { get: both(200) },
  "api.v1.deadlines.ts": { get: both(405), post: both(400) },
  // A manager is never the administrator: the user list is not theirs.
  "brugere.tsx": { get: HR_ONLY, post: HR_ONLY },
  "konto.tsx": { get: both(200), post: both(400) },
  "glemt-adgangskode.tsx": { get: both(200), post: both(400) },
  "nulstil.$token.tsx": { get: both(404), post: both(404) },
  "invitation.$token.tsx": { get: both(404), post: both(404) },
  "notifikationer.tsx": { get: both(200), post: both(302) },
  "kalender.$file.ts": { get: both(200) },
  "jobcenter._index.tsx": { get: both(403) },
  "jobcenter.sager.tsx": { get: both(403) },
  "jobcenter.indsendelser.$submissionId.pdf.ts": { get: both(403) },
  "jobcenter.indsendelser.$submissionId.tsx": { get: both(403), post: both(403) },
  "virksomhed._index.tsx": { get: MANAGER_LIST },
  "virksomhed.indsendelser.tsx": { get: MANAGER_LIST },
  "virksomhed.sager._index.tsx": { get: MANAGER_LIST },
  "virksomhed.sager.eksport.ts": { get: HR_ONLY },
  "virksomhed.sager.eksporter._index.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.sager.eksporter.$exportId._index.tsx": { get: HR_ONLY },
  "virksomhed.sager.eksporter.$exportId.fil.ts": { get: HR_ONLY },
  "virksomhed.revisionslog.tsx": { get: HR_ONLY },
  "virksomhed.indstillinger.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.afdelinger.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.kalender.tsx": { get: MANAGER_LIST, post: both(400) },
  "virksomhed.statistik.tsx": { get: HR_ONLY },
  "virksomhed.statistik[.]csv.ts": { get: HR_ONLY },
  "virksomhed.statistik[.]xlsx.ts": { get: HR_ONLY },
  "virksomhed.medarbejdere._index.tsx": { get: MANAGER_LIST },
  "virksomhed.medarbejdere.import._index.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.medarbejdere.import.skabelon[.]csv.ts": { get: HR_ONLY },
  "virksomhed.medarbejdere.import.$token._index.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.medarbejdere.import.$token.afviste[.]csv.ts": { get: HR_ONLY },
  "virksomhed.medarbejdere.ny.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId._index.tsx": { get: OWN_DEPARTMENT },
  "virksomhed.medarbejdere.$employeeId.indsigt[.]json.ts": { get: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId.indsigt[.]pdf.ts": { get: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId.rediger.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId.flyt.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId.fravaer.ny.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.medarbejdere.$employeeId.sociale-kapitler._index.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId.sociale-kapitler.rediger.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId.paragraf-56._index.tsx": { get: HR_ONLY },
  "virksomhed.medarbejdere.$employeeId.paragraf-56.ny.tsx": { get: HR_ONLY, post: HR_ONLY },
  "virksomhed.fravaer.$absenceId._index.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.fravaer.$absenceId.rediger.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.fravaer.$absenceId.fast-track.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.fravaer.$absenceId.fastholdelsesplan.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.dokumenter.$documentId._index.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.dokumenter.$documentId.rediger.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.dokumenter.$documentId.pdf.ts": { get: OWN_DEPARTMENT },
  "virksomhed.medarbejdere.$employeeId.mulighedserklaering.ny.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.dokumenter.$documentId.trin.$step.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  "virksomhed.dokumenter.$documentId.laegens-svar.tsx": { get: OWN_DEPARTMENT, post: OWN_DEPARTMENT_POST },
  // Answered declaration: nothing to remind of, 404 for HR too; another department's manager 404 before that.
  "virksomhed.dokumenter.$documentId.paamindelse.tsx": { get: both(404) },
  "virksomhed.dokumenter.$documentId.bilag.$attachmentId.ts": { get: OWN_DEPARTMENT },
};

let server: RunningServer;
const clients = {} as Record<Who, HttpClient>;
const managers = {} as Record<ManagerWho, HttpClient>;
let ids: Ids;
let moved: { submissionId: number; employeeName: string };

beforeAll(async () => {
  server = await startServer();
  for (const who of WHO) {
    clients[who] = new HttpClient(server.baseUrl);
    if (who !== "anonymous") await clients[who].login(LOGINS[who]);
  }
  const absence = await queryOne<{ absenceId: number; employeeId: number }>(
    server,
    "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
  );
  const nordbyg = clients.nordbyg;
  const created = await nordbyg.postForm(`/virksomhed/fravaer/${absence.absenceId}/fast-track`, {
    affectedFunctions: "Tunge løft.",
    affectedDuration: "Siden første fraværsdag.",
    adaptations: "Lettere opgaver.",
    requestedOn: todayInCopenhagen(new Date()),
    employeeConsent: "agreed",
  });
  const documentId = Number(/dokumenter\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  await nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" });
  // The database keeps only the calendar token's hash: the address is read from the page that made it.
  const settings = await (await nordbyg.postForm("/virksomhed/indstillinger", { intent: "create" })).text();
  const token = /\/kalender\/([A-Za-z0-9_-]+)\.ics/.exec(settings)![1]!;
  const submissionId = (await queryOne<{ id: number }>(server, "select id from submissions where document_id = ?", documentId)).id;
  const today = todayInCopenhagen(new Date());
  const declarationId = await createDeclaration(nordbyg, { employeeId: absence.employeeId, absenceId: absence.absenceId, meetingDate: today, doctorDeadline: addDays(today, 14) });
  const upload = new FormData();
  upload.set("intent", "upload");
  upload.set("file", new File([Buffer.from("%PDF-1.7\n%%EOF\n")], "svar.pdf", { type: "application/pdf" }));
  await nordbyg.postMultipart(`/virksomhed/dokumenter/${declarationId}/laegens-svar`, upload);
  const attachmentId = (await queryOne<{ id: number }>(server, "select id from document_attachments where document_id = ?", declarationId)).id;
  ids = { ...absence, documentId, submissionId, calendarFile: `${token}.ics`, declarationId, attachmentId };
  moved = await movedCase(nordbyg);
  await addAdministrationManager();
  for (const who of Object.keys(MANAGER_LOGINS) as ManagerWho[]) {
    managers[who] = new HttpClient(server.baseUrl);
    await managers[who].login(MANAGER_LOGINS[who]);
  }
});

/** A second manager of Nordbyg, of Administration (Mette), made the way an accepted invitation makes one. */
async function addAdministrationManager(): Promise<void> {
  await withTestDb(server, async (db) => {
    const leder = await db.one<{ companyId: number; hash: string }>(
      "select company_id as companyId, password_hash as hash from users where email = 'leder@nordbyg.example'",
    );
    const department = await db.one<{ id: number }>("select id from departments where company_id = ? and name = 'Administration'", leder.companyId);
    const user = await db.one<{ id: number }>(
      "insert into users (email, name, password_hash, role, company_id, access_level) values (?, 'Ada Kontor', ?, 'employer', ?, 'manager') returning id",
      MANAGER_LOGINS.fremmedleder,
      leder.hash,
      leder.companyId,
    );
    await db.run("insert into user_departments (user_id, department_id) values (?, ?)", user.id, department.id);
  });
}

/**
 * An employee of Nordbyg living in Aarhus, whose fast-track request went to Aarhus,
 * moves to København today: from today the whole case is København's.
 */
async function movedCase(nordbyg: HttpClient): Promise<{ submissionId: number; employeeName: string }> {
  const today = todayInCopenhagen(new Date());
  const employeeName = "Flemming Flyttebil";
  const created = await nordbyg.postForm("/virksomhed/medarbejdere/ny", {
    name: employeeName,
    birthDate: "1975-04-03",
    municipalityCode: "751",
    employmentStartDate: "2012-01-01",
    jobTitle: "Chauffør",
    weeklyHours: "37",
  });
  const employeeId = Number(/medarbejdere\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
  const absence = await nordbyg.postForm(`/virksomhed/medarbejdere/${employeeId}/fravaer/ny`, {
    firstAbsenceDay: addDays(today, -10),
    extent: "full",
    pay: "salary",
    expectedOver8Weeks: "on",
  });
  const absenceId = Number(/fravaer\/(\d+)/.exec(absence.headers.get("location") ?? "")?.[1]);
  const request = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, {
    affectedFunctions: "Kørsel.",
    affectedDuration: "Siden første fraværsdag.",
    adaptations: "Lagerarbejde.",
    requestedOn: today,
    employeeConsent: "agreed",
  });
  const documentId = Number(/dokumenter\/(\d+)/.exec(request.headers.get("location") ?? "")?.[1]);
  await nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" });
  const submission = await queryOne<{ id: number; sentTo: number }>(server, "select id, municipality_code as sentTo from submissions where document_id = ?", documentId);
  expect(submission.sentTo).toBe(751);
  const move = await nordbyg.postForm(`/virksomhed/medarbejdere/${employeeId}/flyt`, { toMunicipalityCode: "101", movedOn: today });
  expect(move.status).toBe(302);
  return { submissionId: submission.id, employeeName };
}

afterAll(async () => {
  await server?.stop();
});

const routeFiles = fs.readdirSync(path.join(ROOT, "app/routes")).filter((f) => /\.(tsx?|jsx?)$/.test(f));

describe("authorization matrix: the nearest managers", () => {
  it("has a manager expectation for every route file", () => {
    expect(routeFiles.filter((f) => !MANAGER_EXPECTATIONS[f])).toEqual([]);
  });

  it.each(routeFiles)("%s answers the manager of Søren's department and the manager of another department as expected", async (file) => {
    const e = expectations(ids)[file]!;
    const m = MANAGER_EXPECTATIONS[file];
    if (!m) throw new Error(`No manager expectation for ${file}`);
    const hasAction = /export (async )?function action/.test(fs.readFileSync(path.join(ROOT, "app/routes", file), "utf8"));
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of Object.keys(MANAGER_LOGINS) as ManagerWho[]) {
      const client = e.freshSession ? new HttpClient(server.baseUrl) : managers[who];
      if (e.freshSession) await client.login(MANAGER_LOGINS[who]);
      got[`GET ${who}`] = (await client.get(e.url)).status;
      want[`GET ${who}`] = m.get[who]!;
      if (file.endsWith(".tsx") && file.startsWith("virksomhed.")) {
        // Remix's data request for the same route is refused the same way.
        const route = `routes/${file.replace(/\.tsx$/, "")}`;
        got[`_data ${who}`] = (await client.get(`${e.url}${e.url.includes("?") ? "&" : "?"}_data=${encodeURIComponent(route)}`)).status;
        want[`_data ${who}`] = m.get[who]!;
      }
      if (hasAction) {
        if (!m.post) throw new Error(`${file} has an action but no manager POST expectation`);
        const status = m.post[who];
        if (status === null) continue;
        got[`POST ${who}`] = (await client.postForm(e.url, {})).status;
        want[`POST ${who}`] = status;
      }
    }
    expect(got).toEqual(want);
  });

  it("each manager's dashboard, case list, employee list and submissions show their own departments' employees only", async () => {
    const pages = ["/virksomhed", "/virksomhed/sager", "/virksomhed/medarbejdere", "/virksomhed/indsendelser"];
    for (const page of pages) {
      const leder = await (await managers.leder.get(page)).text();
      const fremmed = await (await managers.fremmedleder.get(page)).text();
      expect([page, leder.includes("Søren Ærø Åberg"), fremmed.includes("Søren Ærø Åberg")]).toEqual([page, true, false]);
      // Mette (Administration, open absence) and Jonas (Installation, no manager) are not the building site's.
      expect([page, leder.includes("Mette Kjær"), leder.includes("Jonas Bøgh")]).toEqual([page, false, false]);
    }
    for (const page of ["/virksomhed", "/virksomhed/sager", "/virksomhed/medarbejdere"]) {
      expect([page, (await (await managers.fremmedleder.get(page)).text()).includes("Mette Kjær")]).toEqual([page, true]);
    }
  });

  it("another department's filter value on the case list reaches nothing", async () => {
    const building = (
      await queryOne<{ id: number }>(server, "select d.id from departments d join employees e on e.department_id = d.id where e.name = 'Søren Ærø Åberg'")
    ).id;
    const html = await (await managers.fremmedleder.get(`/virksomhed/sager?afdeling=${building}`)).text();
    expect(html).not.toContain("Søren Ærø Åberg");
  });

  it("a manager's pages link to none of HR's: no export, no new employee or import, no record edits", async () => {
    const pages = ["/virksomhed/sager", "/virksomhed/medarbejdere", `/virksomhed/medarbejdere/${ids.employeeId}`];
    for (const page of pages) {
      const html = await (await managers.leder.get(page)).text();
      const hrLinks = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&")).filter((href) => /\/(eksport|ny"?$|import|rediger$|flyt$|paragraf-56|sociale-kapitler|indsigt)/.test(href) && !href.includes("fravaer/ny") && !href.includes("mulighedserklaering/ny"));
      expect([page, hrLinks]).toEqual([page, []]);
    }
  });

  it("a manager's menu leaves out HR's pages", async () => {
    const html = await (await managers.leder.get("/virksomhed")).text();
    expect(html).toContain('href="/virksomhed/sager"');
    for (const hidden of ['href="/virksomhed/statistik"', 'href="/virksomhed/indstillinger"', 'href="/brugere"', 'href="/virksomhed/revisionslog"']) {
      expect([hidden, html.includes(hidden)]).toEqual([hidden, false]);
    }
  });
});

describe("authorization matrix", () => {
  it("has an expectation for every route file", () => {
    const known = Object.keys(expectations({ employeeId: 1, absenceId: 1, documentId: 1, submissionId: 1, calendarFile: "x.ics", declarationId: 1, attachmentId: 1 }));
    expect(routeFiles.filter((f) => !known.includes(f))).toEqual([]);
  });

  it.each(routeFiles)("%s answers each visitor as expected", async (file) => {
    const e = expectations(ids)[file];
    if (!e) throw new Error(`No expectation for ${file}`);
    const hasAction = /export (async )?function action/.test(fs.readFileSync(path.join(ROOT, "app/routes", file), "utf8"));
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of WHO) {
      // Logging out ends the session, so that row uses sessions of its own.
      const client = e.freshSession ? new HttpClient(server.baseUrl) : clients[who];
      if (e.freshSession && who !== "anonymous") await client.login(LOGINS[who]);
      got[`GET ${who}`] = (await client.get(e.url)).status;
      want[`GET ${who}`] = e.get[who];
      if (hasAction) {
        if (!e.post) throw new Error(`${file} has an action but no POST expectation`);
        // An empty form: a visitor who may act gets a validation answer; everyone else the denial.
        if (who === "nordbyg" && e.post === NORDBYG_RECORD) continue;
        got[`POST ${who}`] = (await client.postForm(e.url, {})).status;
        want[`POST ${who}`] = e.post[who];
      }
    }
    expect(got).toEqual(want);
  });
});

/** What each visitor gets for a case whose citizen moved from Aarhus to København. */
const MOVED_CASE: Expect = { anonymous: 302, nordbyg: 403, solskin: 403, aarhus: 404, koebenhavn: 200 };

describe("a case whose citizen moved to another municipality", () => {
  const caseRoutes = routeFiles.filter((f) => f.startsWith("jobcenter.") && f.includes("$submissionId"));
  const urls: Record<string, (id: number) => string> = {
    "jobcenter.indsendelser.$submissionId.tsx": (id) => `/jobcenter/indsendelser/${id}`,
    "jobcenter.indsendelser.$submissionId.pdf.ts": (id) => `/jobcenter/indsendelser/${id}/pdf`,
  };

  it("has a URL for every jobcenter route about one submission", () => {
    expect(caseRoutes.filter((f) => !urls[f])).toEqual([]);
  });

  it.each(caseRoutes)("%s: the former municipality gets 404, the new one 200, also for the loader data", async (file) => {
    const url = urls[file]!(moved.submissionId);
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const who of WHO) {
      got[`GET ${who}`] = (await clients[who].get(url)).status;
      want[`GET ${who}`] = MOVED_CASE[who];
      if (file.endsWith(".tsx")) {
        const route = `routes/${file.replace(/\.tsx$/, "")}`;
        got[`_data ${who}`] = (await clients[who].get(`${url}?_data=${encodeURIComponent(route)}`)).status;
        want[`_data ${who}`] = who === "anonymous" ? 204 : MOVED_CASE[who];
      }
    }
    expect(got).toEqual(want);
  });

  it("the new municipality's review page says where the case was taken over from", async () => {
    const html = await (await clients.koebenhavn.get(`/jobcenter/indsendelser/${moved.submissionId}`)).text();
    expect(html).toContain("Overtaget fra Aarhus Kommune");
    expect(html).toContain(moved.employeeName);
  });

  it("the new municipality's inbox and case list show it, marked as taken over; the former municipality's do not", async () => {
    const row = new RegExp(`data-submission="${moved.submissionId}"[\\s\\S]*?</tr>`);
    const koebenhavn = await (await clients.koebenhavn.get("/jobcenter")).text();
    expect(row.exec(koebenhavn)?.[0]).toContain("Overtaget fra Aarhus Kommune");
    const aarhus = await (await clients.aarhus.get("/jobcenter")).text();
    expect(aarhus).not.toContain(`data-submission="${moved.submissionId}"`);
    expect(aarhus).not.toContain(moved.employeeName);
    expect(await (await clients.koebenhavn.get("/jobcenter/sager")).text()).toContain(moved.employeeName);
    expect(await (await clients.aarhus.get("/jobcenter/sager")).text()).not.toContain(moved.employeeName);
  });

  it("the former municipality's notification no longer links to it; the new municipality is told it took the case over", async () => {
    const link = `/jobcenter/indsendelser/${moved.submissionId}"`;
    expect(await (await clients.aarhus.get("/notifikationer")).text()).not.toContain(link);
    const koebenhavn = await (await clients.koebenhavn.get("/notifikationer")).text();
    expect(koebenhavn).toContain(link);
    expect(koebenhavn).toContain("Overtaget fra Aarhus Kommune: Anmodning om fast track fra Nordbyg ApS");
  });

  it("only the new municipality can act on it, e.g. record the first follow-up", async () => {
    const today = todayInCopenhagen(new Date());
    const url = `/jobcenter/indsendelser/${moved.submissionId}`;
    expect((await clients.aarhus.postForm(url, { intent: "follow-up", heldOn: today })).status).toBe(404);
    expect((await clients.aarhus.postForm(url, { intent: "take", lock: "0" })).status).toBe(404);
    expect((await clients.aarhus.postForm(url, { intent: "note", note: "Forsøg" })).status).toBe(404);
    const recorded = await clients.koebenhavn.postForm(url, { intent: "follow-up", heldOn: today });
    expect([recorded.status, recorded.headers.get("location")]).toEqual([302, `${url}?gemt=follow-up`]);
  });
});
