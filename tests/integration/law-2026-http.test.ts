import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, addYears, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { createDeclaration, type HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { queryOne } from "../support/test-db";

let server: RunningServer;
let nordbyg: HttpClient;
let solskin: HttpClient;
const today = todayInCopenhagen(new Date());

function query<T>(sql: string, ...params: unknown[]): Promise<T> {
  return queryOne<T>(server, sql, ...params);
}

const employeeId = async (name: string) => (await query<{ id: number }>("select id from employees where name = ?", name)).id;
const openAbsenceOf = async (name: string) =>
  query<{ id: number; f: string }>("select id, first_absence_day as f from absences where employee_id = ? and returned_on is null", await employeeId(name));

/** The timeline row of one deadline on the absence page. */
function row(html: string, deadlineId: string): string {
  const match = new RegExp(`<tr[^>]*data-deadline="${deadlineId}"[\\s\\S]*?</tr>`).exec(html);
  if (!match) throw new Error(`no row for ${deadlineId}`);
  return match[0];
}

/** The error message rendered at a field (FieldError: "<span id=…-<name>-error><span sr-only>Fejl: </span>message</span>"). */
function fieldError(html: string, field: string): string | null {
  const match = new RegExp(`id="[^"]*-${field}-error"[^>]*><span class="sr-only">Fejl: </span>([^<]*)</span>`).exec(html);
  if (!match) return null;
  return match[1]!.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&").trim();
}

beforeAll(async () => {
  server = await startServer();
  nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
  solskin = await signedIn(server.baseUrl, "hr@solskin.example");
});

afterAll(async () => {
  await server?.stop();
});

describe("NemRefusion closes the § 40 report and the § 59 refund request", () => {
  const f = addDays(today, -60);
  let absenceId: number;

  it("an absence report overdue on the dashboard", async () => {
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Aisha Hansen")}/fravaer/ny`, {
      firstAbsenceDay: f,
      extent: "full",
      pay: "salary",
      expectedOver8Weeks: "on",
      expectedBackWithin26Weeks: "no",
    });
    expect(res.status).toBe(302);
    absenceId = (await openAbsenceOf("Aisha Hansen")).id;
    const page = await (await nordbyg.get(`/virksomhed/fravaer/${absenceId}`)).text();
    expect(row(page, "absence-report")).toContain('data-status="overdue"');
    expect(row(page, "absence-report")).toContain(`NemRefusion tager imod anmeldelsen fra ca. 23. fraværsdag (${formatDanishDate(addDays(f, 22))}, praksis)`);
    expect(await (await nordbyg.get("/virksomhed")).text()).toContain(`/virksomhed/fravaer/${absenceId}#frist-absence-report`);
    expect((await query<{ cancelled: number }>("select cancelled from calendar_events where absence_id = ? and deadline_id = 'absence-report'", absenceId)).cancelled).toBe(0);
  });

  it("refuses a report dated before the first absence day, at the field, and stores nothing", async () => {
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}`, { intent: "absence-report", doneOn: addDays(f, -1), reference: "NR-1" });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "doneOn")).toBe("Datoen kan ikke ligge før første fraværsdag.");
    expect((await query<{ d: string | null }>("select absence_reported_on as d from absences where id = ?", absenceId)).d).toBeNull();
  });

  it("refuses a reference that is not an identifier", async () => {
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}`, { intent: "absence-report", doneOn: today, reference: "ondt i ryggen" });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "reference")).toBe("Referencen kan kun indeholde bogstaver (a–z), tal og bindestreger.");
  });

  it("records the report made 11 days late: done late on the page, gone from the dashboard and the calendar", async () => {
    const reportedOn = addDays(f, 35 + 11);
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}`, { intent: "absence-report", doneOn: reportedOn, reference: "NR-2026-0042" });
    expect(res.status).toBe(302);
    const page = await (await nordbyg.get(`/virksomhed/fravaer/${absenceId}`)).text();
    const r = row(page, "absence-report");
    expect(r).toContain('data-status="done"');
    expect(r).toContain("Udført 11 dage efter fristen");
    expect(r).not.toContain("badge-success");
    expect(page).toContain("(reference NR-2026-0042)");
    expect(await (await nordbyg.get("/virksomhed")).text()).not.toContain(`/virksomhed/fravaer/${absenceId}#frist-absence-report`);
    expect((await query<{ cancelled: number }>("select cancelled from calendar_events where absence_id = ? and deadline_id = 'absence-report'", absenceId)).cancelled).toBe(1);
    expect((await query<{ n: number }>("select count(*) as n from audit_log where action = 'absence.absence-report' and entity_id = ?", String(absenceId))).n).toBe(1);
  });

  it("records the refund request made on time as plain Udført", async () => {
    expect(addMonths(addDays(f, 30), 3) > today).toBe(true);
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}`, { intent: "refund-request", doneOn: today, reference: "" });
    expect(res.status).toBe(302);
    const r = row(await (await nordbyg.get(`/virksomhed/fravaer/${absenceId}`)).text(), "refund-request");
    expect(r).toContain('data-status="done"');
    expect(r).toContain('class="badge badge-success">Udført<');
    expect((await query<{ cancelled: number }>("select cancelled from calendar_events where absence_id = ? and deadline_id = 'refund-request'", absenceId)).cancelled).toBe(1);
  });

  it("refuses to record the report twice", async () => {
    expect((await nordbyg.postForm(`/virksomhed/fravaer/${absenceId}`, { intent: "absence-report", doneOn: today })).status).toBe(409);
  });
});

describe("a fast-track request after F + 34 is refused wherever it is entered", () => {
  const f = addDays(today, -40);
  const closed = formatDanishDate(addDays(f, 34));
  const message = `Fast track skal anmodes inden for de første 5 uger af fraværet. Fristen udløb ${closed} (første fraværsdag + 34 dage).`;
  const form = { firstAbsenceDay: f, extent: "full", pay: "salary", expectedOver8Weeks: "on", expectedBackWithin26Weeks: "no" };

  it("on the new-absence form: at the field, input kept, no absence stored", async () => {
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Per Østergaard")}/fravaer/ny`, { ...form, fastTrackRequestedOn: addDays(f, 35) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(fieldError(html, "fastTrackRequestedOn")).toBe(message);
    expect(html).toContain(`value="${formatDanishDate(addDays(f, 35))}"`);
    expect((await query<{ n: number }>("select count(*) as n from absences where employee_id = ?", await employeeId("Per Østergaard"))).n).toBe(0);
  });

  it("on the absence edit form", async () => {
    expect((await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Per Østergaard")}/fravaer/ny`, form)).status).toBe(302);
    const { id } = await openAbsenceOf("Per Østergaard");
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${id}/rediger`, { ...form, fastTrackRequestedOn: addDays(f, 36) });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "fastTrackRequestedOn")).toBe(message);
    expect((await query<{ d: string | null }>("select fast_track_requested_on as d from absences where id = ?", id)).d).toBeNull();
  });

  it("on the quick form of the absence page", async () => {
    const { id } = await openAbsenceOf("Per Østergaard");
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${id}`, { intent: "fast-track", fastTrackRequestedOn: today });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "fastTrackRequestedOn")).toBe(message);
    expect((await query<{ d: string | null }>("select fast_track_requested_on as d from absences where id = ?", id)).d).toBeNull();
  });

  it("but accepts a request on F + 34, the last day", async () => {
    const { id } = await openAbsenceOf("Per Østergaard");
    expect((await nordbyg.postForm(`/virksomhed/fravaer/${id}`, { intent: "fast-track", fastTrackRequestedOn: addDays(f, 34) })).status).toBe(302);
  });
});

describe("dates that cannot be true are refused at the field", () => {
  const employee = { name: "Ny Medarbejder", birthDate: "1990-01-01", municipalityCode: "751", employmentStartDate: "2020-01-01", jobTitle: "Maler", weeklyHours: "37" };

  it.each([
    [{ birthDate: addDays(today, 1) }, "birthDate", "Fødselsdatoen kan ikke ligge i fremtiden."],
    [{ birthDate: "2007-01-02" }, "birthDate", "Medarbejderen skal være mindst 13 år, da ansættelsen starter 01.01.2020."],
    [{ employmentEndDate: "2019-12-31" }, "employmentEndDate", "Fratrædelsesdatoen kan ikke ligge før ansættelsens start."],
  ])("a new employee with %o", async (patch, field, message) => {
    const res = await nordbyg.postForm("/virksomhed/medarbejdere/ny", { ...employee, ...patch });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), field)).toBe(message);
    expect((await query<{ n: number }>("select count(*) as n from employees where name = 'Ny Medarbejder'")).n).toBe(0);
  });

  it("an edited employee whose birth date moves to less than 13 years before the start", async () => {
    const id = await employeeId("Jonas Bøgh"); // employed since 01.09.2021
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${id}/rediger`, { ...employee, name: "Jonas Bøgh", birthDate: "2010-01-01" });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "birthDate")).toBe(`Medarbejderen skal være mindst 13 år, da ansættelsen starter ${formatDanishDate("2020-01-01")}.`);
    expect((await query<{ b: string }>("select birth_date as b from employees where id = ?", id)).b).toBe("1994-01-21");
  });

  it("an absence that starts before the employment", async () => {
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Jonas Bøgh")}/fravaer/ny`, { firstAbsenceDay: "2021-08-31", extent: "full", pay: "salary" });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "firstAbsenceDay")).toBe("Fraværet kan ikke begynde før ansættelsen, der startede 01.09.2021.");
  });

  it("a return day before the first absence day", async () => {
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Jonas Bøgh")}/fravaer/ny`, {
      firstAbsenceDay: addDays(today, -5),
      extent: "full",
      pay: "salary",
      returnedOn: addDays(today, -6),
    });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "returnedOn")).toBe("Raskmeldingsdatoen skal ligge efter første fraværsdag.");
  });

  it("an employment start moved after an existing absence", async () => {
    const id = await employeeId("Søren Ærø Åberg");
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${id}/rediger`, {
      name: "Søren Ærø Åberg",
      birthDate: "1968-03-14",
      employmentStartDate: today,
      jobTitle: "Tømrer",
      weeklyHours: "37",
    });
    expect(res.status).toBe(400);
    expect(fieldError(await res.text(), "employmentStartDate")).toMatch(/^Medarbejderen har fravær fra \d\d\.\d\d\.\d{4}, så ansættelsen kan ikke starte senere\.$/);
  });

  it("a mulighedserklæring sent to the doctor before the meeting", async () => {
    const meetingDate = addDays(today, -2);
    const documentId = await createDeclaration(nordbyg, { employeeId: await employeeId("Jonas Bøgh"), absenceId: null, meetingDate, doctorDeadline: addDays(today, 12) });
    const early = await nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "sent-to-doctor", sentToDoctorOn: addDays(meetingDate, -1) });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain(`Erklæringen kan ikke være sendt til lægen før mødet, hvor del 1 blev udfyldt (${formatDanishDate(meetingDate)}).`);
    expect((await query<{ s: string }>("select status as s from mulighedserklaeringer where document_id = ?", documentId)).s).toBe("part1-complete");
    expect((await nordbyg.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "sent-to-doctor", sentToDoctorOn: meetingDate })).status).toBe(302);
  });
});

describe("§ 7 a: an employee under notice who leaves within 8 weeks gets no absence conversation", () => {
  it("the employment end date on the employee closes the conversation and its calendar event", async () => {
    const { id, f } = await openAbsenceOf("Søren Ærø Åberg");
    const before = row(await (await nordbyg.get(`/virksomhed/fravaer/${id}`)).text(), "absence-conversation");
    expect(before).not.toContain('data-status="not-applicable"');
    const res = await nordbyg.postForm(`/virksomhed/medarbejdere/${await employeeId("Søren Ærø Åberg")}/rediger`, {
      name: "Søren Ærø Åberg",
      birthDate: "1968-03-14",
      employmentStartDate: "2011-08-01",
      employmentEndDate: addDays(f, 55),
      jobTitle: "Tømrer",
      weeklyHours: "37",
    });
    expect(res.status).toBe(302);
    const after = row(await (await nordbyg.get(`/virksomhed/fravaer/${id}`)).text(), "absence-conversation");
    expect(after).toContain('data-status="not-applicable"');
    expect(after).toContain(`fordi medarbejderen er opsagt og fratræder ${formatDanishDate(addDays(f, 55))}`);
    expect((await query<{ cancelled: number }>("select cancelled from calendar_events where absence_id = ? and deadline_id = 'absence-conversation'", id)).cancelled).toBe(1);
  });

  it("the absence form writes the end date onto the employee", async () => {
    const { id, f } = await openAbsenceOf("Per Østergaard");
    const res = await nordbyg.postForm(`/virksomhed/fravaer/${id}/rediger`, {
      firstAbsenceDay: f,
      extent: "full",
      pay: "salary",
      expectedOver8Weeks: "on",
      fastTrackRequestedOn: addDays(f, 34),
      employmentEndsOn: addDays(f, 56),
    });
    expect(res.status).toBe(302);
    expect((await query<{ e: string }>("select employment_end_date as e from employees where id = ?", await employeeId("Per Østergaard"))).e).toBe(addDays(f, 56));
    // F + 56 is after the 8 weeks: the conversation is still due.
    expect(row(await (await nordbyg.get(`/virksomhed/fravaer/${id}`)).text(), "absence-conversation")).not.toContain('data-status="not-applicable"');
  });
});

describe("the 2026 reform: both expect the employee back within 26 weeks", () => {
  it("the first follow-up is not due, the row says why, and the fastholdelsesplan has no statutory date", async () => {
    const f = addDays(today, -20);
    expect(f >= "2026-07-01").toBe(true);
    const res = await solskin.postForm(`/virksomhed/medarbejdere/${await employeeId("Emil Frøslev")}/fravaer/ny`, {
      firstAbsenceDay: f,
      extent: "full",
      pay: "salary",
      expectedOver8Weeks: "on",
      expectedBackWithin26Weeks: "yes",
    });
    expect(res.status).toBe(302);
    const { id } = await openAbsenceOf("Emil Frøslev");
    const r = row(await (await solskin.get(`/virksomhed/fravaer/${id}`)).text(), "first-follow-up");
    expect(r).toContain('data-status="not-applicable"');
    expect(r).toContain("begge forventer raskmelding inden 26 uger");
    expect(r).toContain("Reglen gælder fra 01.07.2026");
    expect(r).toContain("lov nr. 1750 af 29/12/2025");
    const plan = await (await solskin.get(`/virksomhed/fravaer/${id}/fastholdelsesplan`)).text();
    expect(plan).toContain("Ingen lovbestemt frist – planen tages med til kommunens første opfølgning, hvis den finder sted.");
  });
});

describe("the public calculator", () => {
  it("says when the first absence day lies in the future", async () => {
    const future = addDays(today, 30);
    const html = await (await fetch(`${server.baseUrl}/frister?firstAbsenceDay=${future}&pay=salary`)).text();
    expect(html).toContain('data-testid="future-first-absence-day"');
    expect(html).toContain(`Første fraværsdag, <time dateTime="${future}">${formatDanishDate(future)}</time>, ligger i fremtiden.`);
    const past = await (await fetch(`${server.baseUrl}/frister?firstAbsenceDay=${addDays(today, -1)}&pay=salary`)).text();
    expect(past).not.toContain('data-testid="future-first-absence-day"');
  });

  it("refuses a late fast-track request at the field", async () => {
    const f = addYears(today, -1);
    const res = await fetch(`${server.baseUrl}/frister?firstAbsenceDay=${f}&pay=salary&expectedOver8Weeks=on&fastTrackRequestedOn=${addDays(f, 35)}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(`Fristen udløb ${formatDanishDate(addDays(f, 34))}`);
  });
});
