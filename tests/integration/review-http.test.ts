import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { receiptText } from "~/domain/receipt";
import { type HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { queryOne, withTestDb } from "../support/test-db";

let server: RunningServer;
let hr: HttpClient;
let otherHr: HttpClient;
let aarhus: HttpClient;
let aarhus2: HttpClient;
let kbh: HttpClient;
const today = todayInCopenhagen(new Date());

function query<T>(sql: string, ...params: unknown[]): Promise<T> {
  return queryOne<T>(server, sql, ...params);
}

const request = {
  affectedFunctions: "Tunge løft og arbejde på stillads.",
  affectedDuration: "Siden første fraværsdag.",
  adaptations: "Kontoropgaver i 4 uger er afprøvet.",
  requestedOn: today,
  employeeConsent: "agreed",
};

let absenceId: number;
let documentId: number;
let submissionId: number;

beforeAll(async () => {
  server = await startServer();
  hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
  otherHr = await signedIn(server.baseUrl, "hr@solskin.example");
  aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  kbh = await signedIn(server.baseUrl, "koebenhavn@jobcenter.example");
  aarhus2 = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
  // Søren Ærø Åberg lives in Aarhus; his demo absence started 24 days ago and is expected to last more than 8 weeks.
  absenceId = (await query<{ id: number }>("select a.id from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'")).id;
});

afterAll(async () => {
  await server?.stop();
});

async function lock(): Promise<number> {
  return (await query<{ lock: number }>("select lock from submissions where id = ?", submissionId)).lock;
}

describe("employer submits a fast-track request", () => {
  it("keeps the input and shows Danish errors for a missing answer", async () => {
    const res = await hr.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, { ...request, adaptations: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Beskriv om arbejdet er tilpasset, og hvordan.");
    expect(html).toContain("Tunge løft og arbejde på stillads.");
  });

  it("saves the request as a document and sends it to the jobcenter of the home municipality", async () => {
    const created = await hr.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, request);
    expect(created.status).toBe(302);
    documentId = Number(/\/virksomhed\/dokumenter\/(\d+)/.exec(created.headers.get("location")!)![1]);
    const sent = await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" });
    expect(sent.status).toBe(302);
    const s = await query<{ id: number; municipality_code: number; status: string; version: number }>("select * from submissions where document_id = ?", documentId);
    submissionId = s.id;
    expect(s).toMatchObject({ municipality_code: 751, status: "received", version: 1 });
  });

  it("moves the first follow-up to two weeks after the request at once", async () => {
    const html = await (await hr.get(`/virksomhed/fravaer/${absenceId}`)).text();
    const row = /data-deadline="first-follow-up"[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toContain(formatDanishDate(addDays(today, 14)));
  });

  it("refuses to send the same document twice", async () => {
    const again = await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("allerede sendt");
  });
});

describe("scoping", () => {
  it("shows the submission to Aarhus and answers 404 to København", async () => {
    expect(await (await aarhus.get("/jobcenter")).text()).toContain("Søren Ærø Åberg");
    expect(await (await kbh.get("/jobcenter")).text()).not.toContain("Søren Ærø Åberg");
    expect((await kbh.get(`/jobcenter/indsendelser/${submissionId}`)).status).toBe(404);
    expect((await kbh.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "take", lock: "0" })).status).toBe(404);
  });

  it("answers 404 when another company opens or sends the document", async () => {
    expect((await otherHr.get(`/virksomhed/dokumenter/${documentId}`)).status).toBe(404);
    expect((await otherHr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(404);
    expect((await otherHr.get(`/virksomhed/dokumenter/${documentId}/rediger`)).status).toBe(404);
    expect((await otherHr.postForm(`/virksomhed/dokumenter/${documentId}/rediger`, request)).status).toBe(404);
    expect((await otherHr.get(`/virksomhed/fravaer/${absenceId}/fast-track`)).status).toBe(404);
    expect((await otherHr.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, request)).status).toBe(404);
    expect(await (await otherHr.get("/virksomhed/indsendelser")).text()).not.toContain("Søren Ærø Åberg");
  });

  it("refuses the review page to an HR user and the document page to a caseworker", async () => {
    expect((await hr.get(`/jobcenter/indsendelser/${submissionId}`)).status).toBe(403);
    expect((await aarhus.get(`/virksomhed/dokumenter/${documentId}`)).status).toBe(403);
  });
});

describe("review", () => {
  it("lists fast-track requests first in the inbox", async () => {
    const html = await (await aarhus.get("/jobcenter")).text();
    const first = /data-testid="jobcenter-inbox"[\s\S]*?<tbody>\s*<tr[^>]*data-submission="(\d+)"/.exec(html)![1];
    expect(Number(first)).toBe(submissionId);
  });

  it("refuses approval before the caseworker has taken the submission", async () => {
    const res = await aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "approve", lock: String(await lock()), confirmed: "ja" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Du kan ikke godkende, når indsendelsen har status");
  });

  it("takes the submission and asks for more information, which needs a message", async () => {
    expect((await aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "take", lock: String(await lock()) })).status).toBe(302);
    const empty = await aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "request-information", lock: String(await lock()), message: " " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Skriv hvilke oplysninger der mangler.");
    const asked = await aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, {
      intent: "request-information",
      lock: String(await lock()),
      message: "Hvor mange timer kan medarbejderen arbejde nu?",
    });
    expect(asked.status).toBe(302);
  });

  it("HR's own lists read the state as the document page does: the jobcenter is waiting for their answer", async () => {
    const waiting = "Jobcentret venter på jeres svar";
    const list = await (await hr.get("/virksomhed/indsendelser")).text();
    expect(/data-testid="employer-submissions"[\s\S]*?<\/table>/.exec(list)![0]).toContain(waiting);
    expect(list).not.toContain("Mangler oplysninger");
    const absence = await (await hr.get(`/virksomhed/fravaer/${absenceId}`)).text();
    expect(/data-testid="absence-documents"[\s\S]*?<\/ul>/.exec(absence)![0]).toContain(waiting);
    const cases = await (await hr.get(`/virksomhed/sager?q=FH-${String(absenceId).padStart(6, "0")}`)).text();
    const row = new RegExp(`data-case="FH-${String(absenceId).padStart(6, "0")}"[\\s\\S]*?</tr>`).exec(cases)![0];
    expect(row).toContain(`Anmodning om fast track: <span class="badge badge-warning" data-conversation="warning">${waiting}</span>`);
    expect(await (await hr.get(`/virksomhed/dokumenter/${documentId}`)).text()).toContain(waiting);
  });

  it("never shows the caseworker's internal note to the employer", async () => {
    const note = "Borgeren nævnte selv sin sygdom i telefonen.";
    expect((await aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "note", note })).status).toBe(302);
    expect(await (await aarhus.get(`/jobcenter/indsendelser/${submissionId}`)).text()).toContain(note);
    const employerPage = await (await hr.get(`/virksomhed/dokumenter/${documentId}`)).text();
    expect(employerPage).not.toContain(note);
    expect(employerPage).toContain("Hvor mange timer kan medarbejderen arbejde nu?");
    expect(employerPage).toContain("Jobcentret venter på jeres svar");
    const caseworkerPage = await (await aarhus.get(`/jobcenter/indsendelser/${submissionId}`)).text();
    expect(caseworkerPage).toContain("Venter på virksomheden");
    expect(caseworkerPage).not.toContain("Indsendelsen er afgjort");
  });

  it("notifies the employer in the header until the notifications are read", async () => {
    expect(await (await hr.get("/virksomhed")).text()).toMatch(/Notifikationer \(\d+ nye\)/);
    const list = await (await hr.get("/notifikationer")).text();
    expect(list).toContain("Jobcentret beder om flere oplysninger");
    expect((await hr.postForm("/notifikationer", {})).status).toBe(302);
    expect(await (await hr.get("/virksomhed")).text()).not.toMatch(/Notifikationer \(\d+ nye\)/);
    expect(await (await otherHr.get("/notifikationer")).text()).not.toContain("Anmodning om fast track");
  });

  it("answers with a new version and a reply; the sent version stays frozen", async () => {
    // The question stands beside the form HR answers it with, and only while it is open.
    const editPage = await (await hr.get(`/virksomhed/dokumenter/${documentId}/rediger`)).text();
    expect(editPage).toContain("Jobcentrets spørgsmål");
    expect(editPage).toContain("Hvor mange timer kan medarbejderen arbejde nu?");
    const notEdited = await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "resubmit", lock: String(await lock()), reply: "Se ovenfor." });
    expect(notEdited.status).toBe(400);
    const edit = await hr.postForm(`/virksomhed/dokumenter/${documentId}/rediger`, { ...request, adaptations: "Kontoropgaver 20 timer om ugen." });
    expect(edit.status).toBe(302);
    const reply = await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "resubmit", lock: String(await lock()), reply: "20 timer om ugen." });
    expect(reply.status).toBe(302);
    const s = await query<{ status: string; version: number }>("select status, version from submissions where id = ?", submissionId);
    expect(s).toEqual({ status: "in-review", version: 2 });
    expect(await (await hr.get(`/virksomhed/dokumenter/${documentId}/rediger`)).text()).not.toContain("Jobcentrets spørgsmål");
    const v1 = await query<{ content: string }>("select content from document_versions where document_id = ? and version = 1", documentId);
    expect(JSON.parse(v1.content).adaptations).toBe("Kontoropgaver i 4 uger er afprøvet.");
  });

  it("gives the sending HR user a receipt for each sending: on the page, as a line in the history and by e-mail, without the content", async () => {
    const reference = `FH-${String(absenceId).padStart(6, "0")}`;
    const { sent, mails } = await withTestDb(server, async (db) => ({
      sent: await db.all<{ kind: string; at: string }>(
        "select kind, created_at as at from submission_events where submission_id = ? and kind in ('submitted', 'resubmitted') order by id",
        submissionId,
      ),
      mails: await db.all<{ toAddress: string; subject: string; body: string; userId: number }>(
        "select to_address as toAddress, subject, body, user_id as userId from outbox where kind = 'submission-receipt' and body like ? order by id",
        `%/virksomhed/dokumenter/${documentId}%`,
      ),
    }));
    const receipts = sent.map((e) => receiptText({ receivedAt: e.at, reference }));
    expect(receipts).toHaveLength(2);
    expect(receipts[0]).toMatch(/^Modtaget af jobcentret \d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2}, sagsreference FH-\d{6}$/);
    const html = await (await hr.get(`/virksomhed/dokumenter/${documentId}`)).text();
    const receipt = /data-testid="submission-receipt"[\s\S]*?<\/div><\/div>/.exec(html)![0];
    expect(receipt).toContain(`${receipts[1]}.`);
    expect(html.match(/data-testid="history-receipt"/g)).toHaveLength(2);
    for (const r of receipts) expect(html).toContain(`Kvittering: ${r}.`);
    expect(mails.map((m) => m.toAddress)).toEqual(["hr@nordbyg.example", "hr@nordbyg.example"]);
    expect(mails[0]!.subject).toBe(`Kvittering: Anmodning om fast track (${reference}) er modtaget af jobcentret`);
    expect(mails[0]!.body).toContain(`${receipts[0]}.`);
    expect(mails[1]!.body).toContain("Den nye version (version 2)");
    expect(mails[1]!.body).toContain(`${receipts[1]}.`);
    for (const m of mails) {
      // Nothing about the employee or the case beyond the reference: the name, the answers and the reply stay in the portal.
      for (const secret of ["Søren", "Åberg", request.affectedFunctions, "Kontoropgaver", "20 timer om ugen"]) expect(m.body).not.toContain(secret);
    }
  });

  it("sends the reply back to the caseworker who asked, marked new, without taking the case again", async () => {
    const asker = (await query<{ assigned_to: number }>("select assigned_to from submissions where id = ?", submissionId)).assigned_to;
    expect(asker).toBe((await query<{ id: number }>("select id from users where email = 'aarhus@jobcenter.example'")).id);
    // The users told, joined in JS (group_concat is SQLite's).
    const told = (
      await withTestDb(server, (db) =>
        db.all<{ user_id: number }>("select user_id from notifications where submission_id = ? and text like 'Nyt svar fra virksomheden%' order by id", submissionId),
      )
    )
      .map((n) => String(n.user_id))
      .join(",");
    expect(told).toBe(String(asker));
    const inbox = await (await aarhus.get("/jobcenter")).text();
    const row = new RegExp(`data-submission="${submissionId}"[\\s\\S]*?</tr>`).exec(inbox)![0];
    expect(row).toContain("Nyt svar fra virksomheden");
    const page = await (await aarhus.get(`/jobcenter/indsendelser/${submissionId}`)).text();
    expect(page).toContain("Nyt svar fra virksomheden");
    expect(page).not.toContain("Tag sagen");
    expect(await (await hr.get(`/virksomhed/dokumenter/${documentId}`)).text()).toContain("Svar sendt – jobcentret behandler sagen");
  });

  it("asks for confirmation before approving, saying what the employer will see, and changes nothing until then", async () => {
    const first = await aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "approve", lock: String(await lock()) });
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("Vil du godkende indsendelsen?");
    expect(html).toContain("Arbejdsgiveren ser status");
    expect(html).toContain('name="confirmed" value="ja"');
    expect((await query<{ status: string }>("select status from submissions where id = ?", submissionId)).status).toBe("in-review");
  });

  it("returns the first follow-up to F + 55 as soon as the employee declines fast track", async () => {
    const first = (await query<{ f: string }>("select first_absence_day as f from absences where id = ?", absenceId)).f;
    const declined = await hr.postForm(`/virksomhed/dokumenter/${documentId}/rediger`, { ...request, employeeConsent: "declined" });
    expect(declined.status).toBe(302);
    const html = await (await hr.get(`/virksomhed/fravaer/${absenceId}`)).text();
    const row = /data-deadline="first-follow-up"[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toContain(formatDanishDate(addDays(first, 55)));
    const agreed = await hr.postForm(`/virksomhed/dokumenter/${documentId}/rediger`, request);
    expect(agreed.status).toBe(302);
    const again = await (await hr.get(`/virksomhed/fravaer/${absenceId}`)).text();
    expect(/data-deadline="first-follow-up"[\s\S]*?<\/tr>/.exec(again)![0]).toContain(formatDanishDate(addDays(today, 14)));
  });

  it("lets only one of two simultaneous approvals win", async () => {
    const seen = String(await lock());
    const [a, b] = await Promise.all([
      aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "approve", lock: seen, confirmed: "ja" }),
      aarhus2.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "approve", lock: seen, confirmed: "ja" }),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    const loser = a.status === 409 ? a : b;
    expect(await loser.text()).toContain("ændret af en anden");
    expect((await query<{ status: string }>("select status from submissions where id = ?", submissionId)).status).toBe("approved");
  });

  it("records the first follow-up on the absence", async () => {
    const res = await aarhus.postForm(`/jobcenter/indsendelser/${submissionId}`, { intent: "follow-up", heldOn: today });
    expect(res.status).toBe(302);
    const html = await (await hr.get(`/virksomhed/fravaer/${absenceId}`)).text();
    expect(html).toMatch(/data-deadline="first-follow-up" data-status="done"/);
  });

  it("writes every state change to the audit log with from and to", async () => {
    const rows = await withTestDb(server, (db) =>
      db.all<{ action: string; details: string }>(
        "select action, details from audit_log where entity_type = 'submission' and entity_id = ? and action not in ('submission.view', 'submission.pdf') order by id",
        String(submissionId),
      ),
    );
    expect(rows.map((r) => r.action)).toEqual([
      "submission.submit",
      "submission.take",
      "submission.request-information",
      "submission.note",
      "submission.resubmit",
      "submission.approve",
    ]);
    expect(JSON.parse(rows.at(-1)!.details)).toEqual({ from: "in-review", to: "approved" });
  });
});

describe("PDF of the request", () => {
  it("downloads for the employer and the caseworker without a name in the file name", async () => {
    for (const [client, url] of [
      [hr, `/virksomhed/dokumenter/${documentId}/pdf`],
      [aarhus, `/jobcenter/indsendelser/${submissionId}/pdf`],
    ] as const) {
      const res = await client.get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="fast-track-\d{4}-\d{2}-\d{2}\.pdf"$/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    }
  });

  it("answers 404 to another company and another municipality", async () => {
    expect((await otherHr.get(`/virksomhed/dokumenter/${documentId}/pdf`)).status).toBe(404);
    expect((await kbh.get(`/jobcenter/indsendelser/${submissionId}/pdf`)).status).toBe(404);
  });
});
