/**
 * From a social-chapter agreement to a submitted dossier: HR records the
 * agreement for an employee close to folkepension, logs the effort, sends the
 * dossier, and the København caseworker finds it in the inbox.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("a social-chapter dossier in a browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let hr: TestPage;
  const today = todayInCopenhagen(new Date());

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    hr = await newPage(browser, server.baseUrl);
    await login(hr.page, "hr@nordbyg.example");
  });

  afterAll(async () => {
    await hr?.close();
    await browser?.close();
    await server?.stop();
  });

  it("records the agreement and shows that the 12 months are not required", async () => {
    const { page } = hr;
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Mette Kjær" }).click();
    await page.getByRole("link", { name: "Sociale kapitler" }).click();
    await page.getByRole("link", { name: "Registrér ansættelse på sociale kapitler" }).click();
    await waitForHydration(page);
    await page.getByLabel("Overenskomst").fill("Bygge- og Anlægsoverenskomsten");
    await page.getByLabel("Start på særlige vilkår (S)").fill(addMonths(today, -3));
    await page.getByLabel("Arbejdsopgaver").fill("Planlægning og tilsyn, ingen arbejde på byggepladsen.");
    await page.getByLabel("Skånehensyn").fill("Fleksible pauser, hjemmearbejde to dage om ugen.");
    await page.getByLabel("Timer om ugen").fill("24");
    await page.getByLabel("Løn- og ansættelsesvilkår").fill("Løn for 24 timer efter overenskomsten.");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Gem aftalen" }).click();
    await page.waitForURL(/sociale-kapitler\?gemt=aftale/);
    await expect.poll(() => page.getByTestId("social-chapter-status").textContent()).toContain("Kravet om 12 måneder gælder ikke");
    hr.expectNoProblems();
  });

  it("logs the effort and sends the dossier to the jobcenter", async () => {
    const { page } = hr;
    await waitForHydration(page);
    await page.getByLabel("Tilpasning afprøvet").check();
    await page.getByLabel("Hvad skete der?").fill("Hjemmearbejde to dage om ugen afprøvet i fire uger.");
    await page.getByRole("button", { name: "Tilføj" }).click();
    await page.waitForURL(/gemt=log/);
    await expect.poll(() => page.getByTestId("social-chapter-log").textContent()).toContain("Hjemmearbejde to dage om ugen");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Send dossier til jobcenter" }).click();
    await page.waitForURL(/gemt=send/);
    // HR reads the state as on the document page, not the jobcenter's raw "Modtaget".
    await expect.poll(() => page.locator("main").textContent()).toContain("Sendt – venter på jobcentret");
    hr.expectNoProblems();
  });

  it("reaches the caseworker of the employee's home municipality", async () => {
    const caseworker = await newPage(browser, server.baseUrl);
    try {
      await login(caseworker.page, "koebenhavn@jobcenter.example");
      await caseworker.page.getByRole("link", { name: "Sociale kapitler" }).first().click();
      await caseworker.page.waitForURL(/\/jobcenter\/indsendelser\/\d+/);
      await expect.poll(() => caseworker.page.locator("main").textContent()).toContain("Hjemmearbejde to dage om ugen afprøvet i fire uger.");
      await expectNoSeriousAxeViolations(caseworker.page);
      caseworker.expectNoProblems();
    } finally {
      await caseworker.close();
    }
  });
});
