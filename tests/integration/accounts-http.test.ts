/**
 * Accounts through the running app with SMTP_URL pointing at a real SMTP
 * server in this process: the e-mails arrive, their links work once, and the
 * administrator pages refuse colleagues and other organisations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient, signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";
import { linkIn, startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { queryOne } from "../support/test-db";

let server: RunningServer;
let smtp: TestSmtpServer;

async function userIdOf(email: string): Promise<number> {
  return (await queryOne<{ id: number }>(server, "select id from users where email = ?", email)).id;
}

/** The path of a link in the newest e-mail to the address. */
async function linkFromMail(to: string, pathPrefix: string, after = 0): Promise<string> {
  const mail = await smtp.waitFor((m) => m.to.includes(to) && m.text.includes(pathPrefix) && smtp.messages.indexOf(m) >= after);
  return new URL(linkIn(mail.text, pathPrefix)).pathname;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  // From midnight: the worker sends today's digest right after start, whenever the test runs.
  server = await startServer({ SMTP_URL: smtp.url, MAIL_POLL_MS: "100", PUBLIC_URL: "https://fasthold.test", DIGEST_TIME: "00:00" });
});

afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("the mail worker in the running app", () => {
  it("sends each user today's digest once, by case reference and initials", async () => {
    const digest = await smtp.waitFor((m) => m.to.includes("hr@nordbyg.example") && m.subject.startsWith("Daglig oversigt"));
    expect(digest.text).toMatch(/Sag FH-\d{6} \(S\.Æ\.Å\.\)/);
    expect(digest.text).toContain("https://fasthold.test/virksomhed/fravaer/");
    expect(digest.text).not.toContain("Søren");
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.filter((m) => m.to.includes("hr@nordbyg.example") && m.subject.startsWith("Daglig oversigt"))).toHaveLength(1);
  });
});

describe("password reset over HTTP", () => {
  it("answers the same for a known and an unknown address, and mails only the known one", async () => {
    const anonymous = new HttpClient(server.baseUrl);
    const known = await anonymous.postForm("/glemt-adgangskode", { email: "hr@solskin.example" });
    const unknown = await anonymous.postForm("/glemt-adgangskode", { email: "ingen@solskin.example" });
    expect([known.status, known.headers.get("location")]).toEqual([302, "/glemt-adgangskode?sendt=1"]);
    expect([unknown.status, unknown.headers.get("location")]).toEqual([302, "/glemt-adgangskode?sendt=1"]);
    // The seeded users also get their daily digest when the server starts after the digest time.
    const mail = await smtp.waitFor((m) => m.to.includes("hr@solskin.example") && m.subject.startsWith("Nulstil"));
    expect(mail.subject).toBe("Nulstil din adgangskode til Fasthold");
    expect(linkIn(mail.text, "/nulstil/")).toMatch(/^https:\/\/fasthold\.test\/nulstil\/[A-Za-z0-9_-]{43}$/);
    // The worker has sent everything queued by now; nothing went to the unknown address.
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((m) => m.to.includes("ingen@solskin.example"))).toEqual([]);
  });

  it("the link sets a new password once, and every session of the user ends", async () => {
    const before = await signedIn(server.baseUrl, "hr@solskin.example");
    const start = smtp.messages.length;
    await new HttpClient(server.baseUrl).postForm("/glemt-adgangskode", { email: "hr@solskin.example" });
    const link = await linkFromMail("hr@solskin.example", "/nulstil/", start);
    const anonymous = new HttpClient(server.baseUrl);
    expect((await anonymous.get(link)).status).toBe(200);
    expect((await anonymous.postForm(link, { password: "kort", passwordRepeat: "kort" })).status).toBe(400);
    const done = await anonymous.postForm(link, { password: "ny-adgangskode-solskin", passwordRepeat: "ny-adgangskode-solskin" });
    expect([done.status, done.headers.get("location")]).toEqual([302, "/login?nulstillet=1"]);

    expect((await before.get("/virksomhed")).status).toBe(302);
    await new HttpClient(server.baseUrl).login("hr@solskin.example", "ny-adgangskode-solskin");
    const used = await anonymous.get(link);
    expect(used.status).toBe(410);
    expect(await used.text()).toContain("Linket er allerede brugt");
    expect((await anonymous.postForm(link, { password: "tredje-adgangskode", passwordRepeat: "tredje-adgangskode" })).status).toBe(410);
  });
});

describe("invitations and deactivation over HTTP", () => {
  let colleague: HttpClient;

  it("an administrator invites a colleague, who sets a password through the mailed link and logs in", async () => {
    const admin = await signedIn(server.baseUrl, "hr@nordbyg.example");
    expect((await admin.postForm("/brugere", { intent: "invite", name: "Kim Kollega", email: "" })).status).toBe(400);
    const sent = await admin.postForm("/brugere", { intent: "invite", name: "Kim Kollega", email: "kim@nordbyg.example" });
    expect([sent.status, sent.headers.get("location")]).toEqual([302, "/brugere?gemt=inviteret"]);
    const link = await linkFromMail("kim@nordbyg.example", "/invitation/");
    const anonymous = new HttpClient(server.baseUrl);
    const page = await anonymous.get(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Nordbyg ApS");
    const accepted = await anonymous.postForm(link, { name: "Kim Kollega", password: "kims-blå-cykel-hjem", passwordRepeat: "kims-blå-cykel-hjem" });
    expect([accepted.status, accepted.headers.get("location")]).toEqual([302, "/login?oprettet=1"]);
    expect((await anonymous.get(link)).status).toBe(410);
    colleague = new HttpClient(server.baseUrl);
    await colleague.login("kim@nordbyg.example", "kims-blå-cykel-hjem");
    expect((await colleague.get("/virksomhed")).status).toBe(200);
    expect((await colleague.get("/konto")).status).toBe(200);
    const list = await (await admin.get("/brugere")).text();
    expect(list).toContain("kim@nordbyg.example");
  });

  it("inviting another organisation's address neither cancels its invitation nor tells that the address has an account", async () => {
    const aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
    const nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
    await aarhus.postForm("/brugere", { intent: "invite", name: "Sam Sagsbehandler", email: "sam@aarhus.example" });
    const aarhusLink = await linkFromMail("sam@aarhus.example", "/invitation/");
    const hijack = await nordbyg.postForm("/brugere", { intent: "invite", name: "Sam", email: "sam@aarhus.example" });
    expect([hijack.status, hijack.headers.get("location")]).toEqual([302, "/brugere?gemt=inviteret"]);
    const stillValid = await new HttpClient(server.baseUrl).get(aarhusLink);
    expect(stillValid.status).toBe(200);
    expect(await stillValid.text()).toContain("Jobcenter Aarhus");

    // An address with an account elsewhere answers exactly as a new address does.
    const taken = await nordbyg.postForm("/brugere", { intent: "invite", name: "Aarhus", email: "aarhus@jobcenter.example" });
    const fresh = await nordbyg.postForm("/brugere", { intent: "invite", name: "Ny", email: "helt.ny@nordbyg.example" });
    expect([taken.status, taken.headers.get("location")]).toEqual([fresh.status, fresh.headers.get("location")]);
    const list = await (await nordbyg.get("/brugere")).text();
    expect(list).toContain("aarhus@jobcenter.example");
    expect(list).toContain("helt.ny@nordbyg.example");
    expect(list).not.toContain("findes allerede");
  });

  it("a colleague who is not an administrator cannot see the users or invite", async () => {
    expect((await colleague.get("/brugere")).status).toBe(403);
    expect((await colleague.postForm("/brugere", { intent: "invite", name: "X", email: "x@nordbyg.example" })).status).toBe(403);
    expect((await colleague.postForm("/brugere", { intent: "deactivate", userId: String(await userIdOf("hr@nordbyg.example")) })).status).toBe(403);
  });

  it("administrators cannot deactivate users of another company or municipality", async () => {
    const nordbyg = await signedIn(server.baseUrl, "hr@nordbyg.example");
    const aarhus = await signedIn(server.baseUrl, "aarhus@jobcenter.example");
    expect((await nordbyg.postForm("/brugere", { intent: "deactivate", userId: String(await userIdOf("hr@solskin.example")) })).status).toBe(404);
    expect((await nordbyg.postForm("/brugere", { intent: "deactivate", userId: String(await userIdOf("aarhus@jobcenter.example")) })).status).toBe(404);
    expect((await aarhus.postForm("/brugere", { intent: "deactivate", userId: String(await userIdOf("koebenhavn@jobcenter.example")) })).status).toBe(404);
    expect((await aarhus.postForm("/brugere", { intent: "deactivate", userId: String(await userIdOf("kim@nordbyg.example")) })).status).toBe(404);
    expect((await colleague.get("/virksomhed")).status).toBe(200);
  });

  it("deactivating ends the colleague's session at once and refuses their login", async () => {
    const admin = await signedIn(server.baseUrl, "hr@nordbyg.example");
    const done = await admin.postForm("/brugere", { intent: "deactivate", userId: String(await userIdOf("kim@nordbyg.example")) });
    expect([done.status, done.headers.get("location")]).toEqual([302, "/brugere?gemt=deactivate"]);
    expect((await colleague.get("/virksomhed")).status).toBe(302);
    const again = await new HttpClient(server.baseUrl).postForm("/login", { email: "kim@nordbyg.example", password: "kims-blå-cykel-hjem" });
    expect(again.status).toBe(400);
  });
});
