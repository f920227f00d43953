/**
 * Text users type is shown as text: an employee called
 * `<script>…</script><img onerror>` and notes full of markup appear literally
 * on every page that shows them, for HR and for the caseworker, and nothing
 * of it runs or becomes an element.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import { signedIn } from "../support/http";
import { chromiumAvailable, launchBrowser, login, newPage, visit, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const NAME = `<script>window.__xss="name"</script><img src=x onerror="window.__xss='img'">`;
const NOTES = `</span><script>window.__xss="notes"</script><b onmouseover=alert(1)>fed</b>`;
const FUNCTIONS = `<iframe src="javascript:alert(1)"></iframe><svg onload="window.__xss='svg'"></svg>`;

/** Nothing injected ran, and none of it became an element: it is all in text nodes. */
async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    ran: (window as unknown as { __xss?: string }).__xss ?? null,
    injected: document.querySelectorAll('img[src="x"], iframe, svg[onload], b[onmouseover], script:not([src]):not([nonce])').length,
    scriptsMentioningXss: [...document.scripts].filter((s) => s.textContent?.includes("__xss") && !s.textContent.includes("window.__remixContext")).length,
  }));
  expect(found).toEqual({ ran: null, injected: 0, scriptsMentioningXss: 0 });
}

describe.skipIf(!chromiumAvailable())("stored text is rendered escaped", () => {
  let server: RunningServer;
  let browser: Browser;
  let hr: TestPage;
  let caseworker: TestPage;
  const ids = { employee: 0, absence: 0, document: 0, submission: 0 };
  const dialogs: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const today = todayInCopenhagen(new Date());
    const client = await signedIn(server.baseUrl, "hr@nordbyg.example");
    const created = await client.postForm("/virksomhed/medarbejdere/ny", {
      name: NAME,
      birthDate: "1975-05-05",
      municipalityCode: "751",
      employmentStartDate: "2010-01-01",
      jobTitle: `<h1>Chef</h1>`,
      weeklyHours: "37",
    });
    ids.employee = Number(/medarbejdere\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
    const absence = await client.postForm(`/virksomhed/medarbejdere/${ids.employee}/fravaer/ny`, {
      firstAbsenceDay: addDays(today, -12),
      extent: "full",
      pay: "salary",
      expectedOver8Weeks: "on",
      conversationHeldOn: addDays(today, -2),
      conversationNotes: NOTES,
    });
    ids.absence = Number(/fravaer\/(\d+)/.exec(absence.headers.get("location") ?? "")?.[1]);
    const doc = await client.postForm(`/virksomhed/fravaer/${ids.absence}/fast-track`, {
      affectedFunctions: FUNCTIONS,
      affectedDuration: "To uger.",
      adaptations: "Ingen endnu.",
      requestedOn: today,
      employeeConsent: "agreed",
    });
    ids.document = Number(/dokumenter\/(\d+)/.exec(doc.headers.get("location") ?? "")?.[1]);
    const sent = await client.postForm(`/virksomhed/dokumenter/${ids.document}`, { intent: "submit" });
    expect(sent.status).toBe(302);
    hr = await newPage(browser, server.baseUrl);
    caseworker = await newPage(browser, server.baseUrl);
    for (const tp of [hr, caseworker]) tp.page.on("dialog", (d) => (dialogs.push(d.message()), void d.dismiss()));
    await login(hr.page, "hr@nordbyg.example");
    await login(caseworker.page, "aarhus@jobcenter.example");
  });

  afterAll(async () => {
    await hr?.close();
    await caseworker?.close();
    await browser?.close();
    await server?.stop();
  });

  it("shows the employee's name literally on the employee page and in the list", async () => {
    const { page } = hr;
    await visit(page, `/virksomhed/medarbejdere/${ids.employee}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(NAME);
    expect(await page.getByText("<h1>Chef</h1>", { exact: false }).count()).toBeGreaterThan(0);
    await expectInert(page);
    await visit(page, "/virksomhed/medarbejdere");
    expect(await page.getByRole("link", { name: NAME }).count()).toBe(1);
    await expectInert(page);
    hr.expectNoProblems();
  });

  it("shows conversation notes literally on the absence page", async () => {
    const { page } = hr;
    await visit(page, `/virksomhed/fravaer/${ids.absence}`);
    await expect.poll(() => page.getByText(NOTES, { exact: true }).count()).toBe(1);
    await expectInert(page);
    hr.expectNoProblems();
  });

  it("shows the document's text literally to HR and to the caseworker", async () => {
    await visit(hr.page, `/virksomhed/dokumenter/${ids.document}`);
    await expect.poll(() => hr.page.getByText(FUNCTIONS, { exact: true }).count()).toBe(1);
    await expectInert(hr.page);
    await visit(caseworker.page, "/jobcenter");
    const link = caseworker.page.getByRole("link", { name: /Anmodning om fast track/ }).first();
    const href = await link.getAttribute("href");
    await visit(caseworker.page, href!);
    await expect.poll(() => caseworker.page.getByText(FUNCTIONS, { exact: true }).count()).toBe(1);
    expect(await caseworker.page.getByText(NAME, { exact: false }).count()).toBeGreaterThan(0);
    await expectInert(caseworker.page);
    hr.expectNoProblems();
    caseworker.expectNoProblems();
    expect(dialogs).toEqual([]);
  });
});
