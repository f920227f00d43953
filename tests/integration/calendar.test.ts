import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, migrateEngine, one } from "~db/client.server";
import { absences, auditLog, calendarFeeds, employees, users } from "~db/schema";
import { seedDemoData } from "~/models/demo-seed.server";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import { caseReference } from "~/domain/case-reference";
import { recordAbsenceFact, updateAbsence } from "~/models/absence-case.server";
import {
  activeCalendarFeed,
  calendarFeedForToken,
  createCalendarFeed,
  renewCalendarFeed,
  revokeCalendarFeed,
} from "~/models/calendar.server";
import { findSessionUser, startSession, type EmployerUser } from "~/models/user.server";
import { calendarTokenFromFileName, renderCalendar } from "~/utils/ical.server";
import { HttpClient } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { withTestDb } from "../support/test-db";

const today = todayInCopenhagen(new Date());

interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: ICAL.Time;
  end: ICAL.Time;
  sequence: number;
  status: string;
}

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events: ParsedEvent[] = calendar.getAllSubcomponents("vevent").map((e) => ({
    uid: String(e.getFirstPropertyValue("uid")),
    summary: String(e.getFirstPropertyValue("summary")),
    description: String(e.getFirstPropertyValue("description")),
    start: e.getFirstPropertyValue("dtstart") as ICAL.Time,
    end: e.getFirstPropertyValue("dtend") as ICAL.Time,
    sequence: Number(e.getFirstPropertyValue("sequence")),
    status: String(e.getFirstPropertyValue("status")),
  }));
  return { calendar, events };
}

/** Long lines are folded; a name split across a fold must still be found. */
function unfolded(text: string): string {
  return text.replace(/\r\n[ \t]/g, "");
}

async function employerUser(email: string): Promise<EmployerUser> {
  const u = (await one(getDb().select().from(users).where(eq(users.email, email)).limit(1)))!;
  const session = await findSessionUser({ sessionId: await startSession({ userId: u.id, previousSessionId: null }) });
  if (session?.role !== "employer") throw new Error("not an employer");
  return session;
}

async function feedText(token: string): Promise<string> {
  const feed = await calendarFeedForToken({ token, asOf: today });
  if (!feed) throw new Error("no feed for the token");
  return renderCalendar(feed);
}

async function absenceOf(employeeName: string) {
  return (await one(getDb()
    .select({ absence: absences })
    .from(absences)
    .innerJoin(employees, eq(employees.id, absences.employeeId))
    .where(eq(employees.name, employeeName)).limit(1)))!.absence;
}

/** The event of one deadline of one case, found by its case reference and title. */
function eventFor(text: string, absenceId: number, title: string): ParsedEvent {
  const event = parseFeed(text).events.find((e) => e.summary === `Frist: ${title} (sag ${caseReference(absenceId)})`);
  if (!event) throw new Error(`no event "${title}" for ${caseReference(absenceId)}`);
  return event;
}

describe("the calendar feed (models)", () => {
  let nordbyg: EmployerUser;
  let solskin: EmployerUser;
  let nordbygToken: string;
  let solskinToken: string;

  beforeAll(async () => {
    await migrateEngine();
    await seedDemoData(today);
    nordbyg = await employerUser("hr@nordbyg.example");
    solskin = await employerUser("hr@solskin.example");
    nordbygToken = (await createCalendarFeed({ user: nordbyg }))!;
    solskinToken = (await createCalendarFeed({ user: solskin }))!;
  });

  it("parses as iCalendar with the company's name, PRODID fasthold and METHOD PUBLISH", async () => {
    const { calendar } = parseFeed(await feedText(nordbygToken));
    expect(calendar.getFirstPropertyValue("prodid")).toBe("fasthold");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Fasthold – frister for Nordbyg ApS");
  });

  it("makes every deadline an all-day event with a UID, a date-only start, the next day as end and a case reference", async () => {
    const { events } = parseFeed(await feedText(nordbygToken));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(e.uid).toMatch(/@fasthold$/);
      expect(e.start.isDate).toBe(true);
      expect(e.end.isDate).toBe(true);
      expect(e.end.toString()).toBe(addDays(e.start.toString(), 1));
      expect(e.summary).toMatch(/^Frist: .+ \(sag FH-\d{6}\)$/);
      expect(e.status).toBe("CONFIRMED");
      expect(e.description).toMatch(/Hvem skal handle: (Arbejdsgiver|Kommunen)\n/);
      expect(e.description).toContain("Lovgrundlag: Sygedagpengeloven");
    }
  });

  it("writes DTSTART as VALUE=DATE", async () => {
    const text = unfolded(await feedText(nordbygToken));
    const starts = text.split("\r\n").filter((l) => l.startsWith("DTSTART"));
    expect(starts.length).toBeGreaterThan(0);
    for (const line of starts) expect(line).toMatch(/^DTSTART;VALUE=DATE:\d{8}$/);
  });

  it("never writes an employee's name or the conversation notes", async () => {
    const names = (await getDb().select({ name: employees.name }).from(employees)).map((e) => e.name);
    const notes = (await getDb()
      .select({ notes: absences.conversationNotes })
      .from(absences))
      .flatMap((a) => (a.notes ? [a.notes] : []));
    expect(names.length).toBeGreaterThan(0);
    expect(notes.length).toBeGreaterThan(0);
    for (const token of [nordbygToken, solskinToken]) {
      const raw = await feedText(token);
      const text = unfolded(raw);
      for (const secret of [...names, ...notes]) {
        expect(raw).not.toContain(secret);
        expect(text).not.toContain(secret);
        expect(text.replace(/\\,/g, ",")).not.toContain(secret);
      }
    }
  });

  it("keeps every UID across fetches", async () => {
    const first = parseFeed(await feedText(nordbygToken)).events.map((e) => e.uid);
    const second = parseFeed(await feedText(nordbygToken)).events.map((e) => e.uid);
    expect(new Set(first).size).toBe(first.length);
    expect(second).toEqual(first);
  });

  it("bumps the sequence and moves the date when a fast-track request brings the first follow-up forward", async () => {
    const absence = await absenceOf("Søren Ærø Åberg");
    const title = "Første opfølgningssamtale i kommunen";
    const before = eventFor(await feedText(nordbygToken), absence.id, title);
    await recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "fast-track", fastTrackRequestedOn: today } });
    const after = eventFor(await feedText(nordbygToken), absence.id, title);
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBe(before.sequence + 1);
    expect(before.start.toString()).toBe(addDays(absence.firstAbsenceDay, 8 * 7 - 1));
    expect(after.start.toString()).toBe(addDays(today, 14));
    expect(after.status).toBe("CONFIRMED");
  });

  it("cancels the fast-track request deadline once the request is made", async () => {
    const absence = await absenceOf("Søren Ærø Åberg");
    const event = eventFor(await feedText(nordbygToken), absence.id, "Anmodning om fast track");
    expect(event.status).toBe("CANCELLED");
    expect(event.sequence).toBeGreaterThan(0);
  });

  it("leaves the sequence alone when nothing about a deadline changed", async () => {
    const absence = await absenceOf("Søren Ærø Åberg");
    const before = eventFor(await feedText(nordbygToken), absence.id, "Første opfølgningssamtale i kommunen");
    await recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "fast-track", fastTrackRequestedOn: today } });
    const after = eventFor(await feedText(nordbygToken), absence.id, "Første opfølgningssamtale i kommunen");
    expect(after.sequence).toBe(before.sequence);
  });

  it("marks deadlines that no longer apply after a return to work as STATUS:CANCELLED with the same UID", async () => {
    const absence = await absenceOf("Mette Kjær");
    const titles = ["Første opfølgningssamtale i kommunen", "Revurdering før varighedsbegrænsningen"];
    const feed = await feedText(nordbygToken);
    const before = titles.map((t) => eventFor(feed, absence.id, t));
    expect(before.map((e) => e.status)).toEqual(["CONFIRMED", "CONFIRMED"]);
    await recordAbsenceFact({ user: nordbyg, absenceId: absence.id, asOf: today, fact: { kind: "return", returnedOn: today } });
    const text = await feedText(nordbygToken);
    titles.forEach((t, i) => {
      const after = eventFor(text, absence.id, t);
      expect(after.uid).toBe(before[i]!.uid);
      expect(after.status).toBe("CANCELLED");
      expect(after.sequence).toBe(before[i]!.sequence + 1);
      expect(after.description).toContain("Fristen gælder ikke længere.");
    });
    // The overdue absence conversation still applies: the employee was absent on its due date.
    expect(eventFor(text, absence.id, "Sygefraværssamtale").status).toBe("CONFIRMED");
  });

  it("cancels the refund request when the employer stops paying salary, though the deadline vanishes from the result", async () => {
    const absence = await absenceOf("Łukasz Nowak");
    const before = eventFor(await feedText(nordbygToken), absence.id, "Anmodning om refusion");
    expect(before.status).toBe("CONFIRMED");
    await updateAbsence({
      user: nordbyg,
      absenceId: absence.id,
      asOf: today,
      data: {
        firstAbsenceDay: absence.firstAbsenceDay,
        extent: absence.extent,
        pay: "sickness-benefit",
        expectedOver8Weeks: absence.expectedOver8Weeks,
        paragraph56: absence.paragraph56,
        expectedBackWithin26Weeks: false,
        employmentEndsOn: undefined,
        conversationHeldOn: absence.conversationHeldOn ?? undefined,
        conversationNotes: absence.conversationNotes ?? undefined,
        fastTrackRequestedOn: absence.fastTrackRequestedOn ?? undefined,
        returnedOn: absence.returnedOn ?? undefined,
      },
    });
    const after = eventFor(await feedText(nordbygToken), absence.id, "Anmodning om refusion");
    expect(after.uid).toBe(before.uid);
    expect(after.status).toBe("CANCELLED");
    expect(after.sequence).toBe(before.sequence + 1);
  });

  it("shows a token only its own company's events", async () => {
    const ownAbsences = async (companyId: number) =>
      (await getDb()
        .select({ id: absences.id })
        .from(absences)
        .where(eq(absences.companyId, companyId)))
        .map((a) => caseReference(a.id));
    const nordbygRefs = await ownAbsences(nordbyg.company.id);
    const solskinRefs = await ownAbsences(solskin.company.id);
    const solskinText = await feedText(solskinToken);
    const nordbygText = await feedText(nordbygToken);
    expect(parseFeed(solskinText).calendar.getFirstPropertyValue("x-wr-calname")).toBe("Fasthold – frister for Solskin Pleje A/S");
    for (const ref of nordbygRefs) expect(solskinText).not.toContain(ref);
    for (const ref of solskinRefs) expect(nordbygText).not.toContain(ref);
    expect(parseFeed(solskinText).events.every((e) => solskinRefs.some((ref) => e.summary.includes(ref)))).toBe(true);
  });

  it("keeps the live address when 'create' is sent twice (and cannot show it again)", async () => {
    expect(await createCalendarFeed({ user: nordbyg })).toBeNull();
    expect(await calendarFeedForToken({ token: nordbygToken, asOf: today })).not.toBeNull();
  });

  it("stores only the SHA-256 of a calendar token, and the stored value opens no feed", async () => {
    const stored = await getDb().select().from(calendarFeeds);
    expect(stored.length).toBeGreaterThan(0);
    for (const feed of stored) {
      expect(feed.token).toMatch(/^[0-9a-f]{64}$/);
      expect(feed.token).not.toBe(nordbygToken);
      expect(feed.token).not.toBe(solskinToken);
    }
    expect(stored.map((f) => f.token)).toContain(crypto.createHash("sha256").update(nordbygToken).digest("hex"));
    const storedValue = stored.find((f) => f.companyId === nordbyg.company.id)!.token;
    expect(await calendarFeedForToken({ token: storedValue, asOf: today })).toBeNull();
  });

  it("stops the old address at once when the address is renewed", async () => {
    const renewed = await renewCalendarFeed({ user: nordbyg });
    expect(renewed).not.toBe(nordbygToken);
    expect(await calendarFeedForToken({ token: nordbygToken, asOf: today })).toBeNull();
    expect(await calendarFeedForToken({ token: renewed, asOf: today })).not.toBeNull();
    expect(await activeCalendarFeed({ companyId: nordbyg.company.id })).not.toBeNull();
    nordbygToken = renewed;
  });

  it("stops the address when it is revoked", async () => {
    expect(await revokeCalendarFeed({ user: nordbyg })).toBe(true);
    expect(await calendarFeedForToken({ token: nordbygToken, asOf: today })).toBeNull();
    expect(await activeCalendarFeed({ companyId: nordbyg.company.id })).toBeNull();
    expect(await revokeCalendarFeed({ user: nordbyg })).toBe(false);
  });

  it("audits every change with who did it, and never stores the token in the log", async () => {
    const rows = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "company"), eq(auditLog.entityId, String(nordbyg.company.id))));
    expect(rows.map((r) => r.action)).toEqual(["calendar.create", "calendar.renew", "calendar.revoke"]);
    for (const r of rows) {
      expect(r.userId).toBe(nordbyg.id);
      expect(r.details ?? "").not.toContain(nordbygToken);
    }
  });

  it("reads only well-formed file names as tokens", () => {
    expect(calendarTokenFromFileName("AbCdEf0123456789_-xyzAbCdEf012345.ics")).toBe("AbCdEf0123456789_-xyzAbCdEf012345");
    for (const bad of [undefined, "", ".ics", "short.ics", "AbCdEf0123456789_-xyz", "../../etc/passwd.ics", "AbCdEf0123456789 xyz.ics", "AbCdEf0123456789%00.ics", "AbCdEf0123456789.ics.ics"]) {
      expect(calendarTokenFromFileName(bad)).toBeNull();
    }
  });
});

describe("the calendar address over HTTP", () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  function addressIn(html: string): string | null {
    return /value="(https?:\/\/[^"]+\/kalender\/[A-Za-z0-9_-]+\.ics)"/.exec(html)?.[1] ?? null;
  }

  it("lets HR create, renew and revoke the address from the settings page", async () => {
    const hr = new HttpClient(server.baseUrl);
    await hr.login("hr@nordbyg.example");
    const empty = await hr.get("/virksomhed/indstillinger");
    expect(empty.status).toBe(200);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("<h1>Indstillinger</h1>");
    expect(emptyHtml).toContain("Kalenderabonnement");
    expect(emptyHtml).toContain("Opret kalenderadresse");
    expect(addressIn(emptyHtml)).toBeNull();

    // The address is shown in the answer to the POST that made it, this once: only its hash is stored.
    const created = await hr.postForm("/virksomhed/indstillinger", { intent: "create" });
    expect(created.status).toBe(200);
    const page = await created.text();
    expect(page).toContain("alert alert-success");
    expect(page).toContain("Adressen vises kun denne ene gang");
    expect(page).toContain('<label class="form-label" for="calendar-address">Kalenderadresse</label>');
    expect(page).toContain("Forny adressen");
    expect(page).toContain("Tilbagekald adressen");
    const first = addressIn(page)!;
    expect(first.startsWith(`${server.baseUrl}/kalender/`)).toBe(true);

    const feed = await fetch(first);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(feed.headers.get("cache-control")).toBe("no-store");
    expect(feed.headers.get("content-disposition")).toBe('inline; filename="fasthold.ics"');
    const text = await feed.text();
    const { events } = parseFeed(text);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.start.isDate && e.summary.includes("FH-"))).toBe(true);
    for (const name of ["Søren Ærø Åberg", "Łukasz Nowak", "Mette Kjær"]) expect(unfolded(text)).not.toContain(name);
    const again = parseFeed(await (await fetch(first)).text()).events.map((e) => e.uid);
    expect(again).toEqual(events.map((e) => e.uid));
    const later = await (await hr.get("/virksomhed/indstillinger")).text();
    expect(addressIn(later)).toBeNull();
    expect(later).toContain("Virksomheden har en kalenderadresse, oprettet");
    expect(later).toContain("Forny adressen");
    const twice = await hr.postForm("/virksomhed/indstillinger", { intent: "create" });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("Virksomheden har allerede en kalenderadresse");
    expect((await fetch(first)).status).toBe(200);

    const renewed = await hr.postForm("/virksomhed/indstillinger", { intent: "renew" });
    expect(renewed.status).toBe(200);
    const second = addressIn(await renewed.text())!;
    expect(second).not.toBe(first);
    expect((await fetch(first)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);

    expect((await hr.postForm("/virksomhed/indstillinger", { intent: "revoke" })).status).toBe(302);
    const revokedPage = await (await hr.get("/virksomhed/indstillinger?gemt=revoke")).text();
    expect(revokedPage).toContain("Kalenderadressen er tilbagekaldt");
    expect(addressIn(revokedPage)).toBeNull();
    const gone = await fetch(second);
    expect(gone.status).toBe(404);
    expect(gone.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("answers an unknown intent with 400 and a Danish message", async () => {
    const hr = new HttpClient(server.baseUrl);
    await hr.login("hr@solskin.example");
    for (const fields of [{ intent: "delete-everything" }, {} as Record<string, string>]) {
      const res = await hr.postForm("/virksomhed/indstillinger", fields);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Handlingen kendes ikke");
    }
  });

  it("shows a Solskin address none of Nordbyg's cases", async () => {
    const hr = new HttpClient(server.baseUrl);
    await hr.login("hr@solskin.example");
    const address = addressIn(await (await hr.postForm("/virksomhed/indstillinger", { intent: "create" })).text())!;
    const text = await (await fetch(address)).text();
    expect(parseFeed(text).events.length).toBeGreaterThan(0);
    expect(text).not.toContain("Nordbyg");
    const nordbygCases = await withTestDb(server, (db) =>
      db.all<{ id: number }>("SELECT a.id AS id FROM absences a JOIN companies c ON c.id = a.company_id WHERE c.name = 'Nordbyg ApS'"),
    );
    expect(nordbygCases.length).toBeGreaterThan(0);
    for (const { id } of nordbygCases) expect(text).not.toContain(caseReference(id));
  });

  it("answers 404, never 500, for unknown or malformed calendar addresses", async () => {
    // Broken percent-encoding never reaches the route: Express's static handler answers 400.
    const broken = await fetch(`${server.baseUrl}/kalender/%E0%A4%A.ics`);
    expect(broken.status).toBe(400);
    for (const path of [
      "/kalender/AbCdEf0123456789_-xyzAbCdEf012345.ics",
      "/kalender/AbCdEf0123456789_-xyzAbCdEf012345",
      "/kalender/.ics",
      "/kalender/%C3%A6%C3%B8%C3%A5-token-med-dansk.ics",
      "/kalender/..%2F..%2Fpackage.json",
      "/kalender/'%20OR%201=1--.ics",
      `/kalender/${"a".repeat(5000)}.ics`,
    ]) {
      const res = await fetch(server.baseUrl + path);
      expect(res.status, path).toBe(404);
    }
  });

  it("answers 403 to a jobcenter user on the settings page, for GET and POST", async () => {
    const jc = new HttpClient(server.baseUrl);
    await jc.login("aarhus@jobcenter.example");
    expect((await jc.get("/virksomhed/indstillinger")).status).toBe(403);
    expect((await jc.postForm("/virksomhed/indstillinger", { intent: "create" })).status).toBe(403);
  });

  it("sends an anonymous visitor to the login page", async () => {
    const anonymous = new HttpClient(server.baseUrl);
    const res = await anonymous.get("/virksomhed/indstillinger");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Fvirksomhed%2Findstillinger");
    const post = await anonymous.postForm("/virksomhed/indstillinger", { intent: "create" });
    expect(post.status).toBe(302);
    expect(post.headers.get("location")).toMatch(/^\/login\?/);
  });
});
