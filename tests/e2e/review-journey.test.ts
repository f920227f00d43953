/**
 * From a fast-track request to the caseworker's recorded conversation: HR
 * submits, the Aarhus caseworker asks for information, HR sends a new version
 * with a reply, the caseworker approves and records the first follow-up, and
 * HR sees "Godkendt".
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("a fast-track request reviewed by the jobcenter", () => {
  let server: RunningServer;
  let browser: Browser;
  let hr: TestPage;
  let caseworker: TestPage;
  let documentUrl = "";
  let reviewUrl = "";
  const today = todayInCopenhagen(new Date());

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    hr = await newPage(browser, server.baseUrl);
    caseworker = await newPage(browser, server.baseUrl);
    await login(hr.page, "hr@nordbyg.example");
    await login(caseworker.page, "aarhus@jobcenter.example");
  });

  afterAll(async () => {
    await hr?.close();
    await caseworker?.close();
    await browser?.close();
    await server?.stop();
  });

  it("HR fills in the three questions and sends the request to the jobcenter", async () => {
    const { page } = hr;
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Søren Ærø Åberg" }).click();
    await page.getByRole("link", { name: /^FH-\d{6}$/ }).first().click();
    await page.getByRole("link", { name: "Anmod om fast track" }).click();
    await waitForHydration(page);
    await page.getByLabel("1. Hvilke arbejdsfunktioner er påvirket af sygdommen?").fill("Tunge løft og arbejde i højden.");
    await page.getByLabel("2. Hvor længe har sygdommen påvirket arbejdet?").fill("Siden første fraværsdag.");
    await page.getByLabel("3. Er arbejdet blevet tilpasset, og hvordan?").fill("Lettere opgaver er afprøvet.");
    await page.getByLabel("Medarbejderen er indforstået").check();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Gem anmodningen" }).click();
    await page.waitForURL(/\/virksomhed\/dokumenter\/\d+\?gemt=oprettet/);
    documentUrl = page.url().split("?")[0]!;
    await page.getByRole("button", { name: "Send til jobcenter" }).click();
    await page.waitForURL(/gemt=sendt/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Sendt – venter på jobcentret");
    await expect.poll(() => page.getByTestId("submission-receipt").textContent()).toMatch(/Modtaget af jobcentret \d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2}, sagsreference FH-\d{6}\./);
    hr.expectNoProblems();
  });

  it("the caseworker sees it first in the inbox with the 14-day deadline, takes it and asks for information", async () => {
    const { page } = caseworker;
    await visit(page, "/jobcenter");
    const firstRow = page.getByTestId("jobcenter-inbox").locator("tbody tr").first();
    expect(await firstRow.textContent()).toContain("Anmodning om fast track");
    expect(await firstRow.textContent()).toContain(formatDanishDate(addDays(today, 14)));
    await expectNoSeriousAxeViolations(page);
    await firstRow.getByRole("link").click();
    await page.waitForURL(/\/jobcenter\/indsendelser\/\d+/);
    reviewUrl = page.url().split("?")[0]!;
    await page.getByRole("button", { name: "Tag sagen" }).click();
    await page.waitForURL(/gemt=take/);
    await page.getByRole("button", { name: "Send anmodning" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Skriv hvilke oplysninger der mangler.");
    await page.getByLabel("Besked til arbejdsgiveren").fill("Hvor mange timer kan medarbejderen arbejde nu?");
    await page.getByRole("button", { name: "Send anmodning" }).click();
    await page.waitForURL(/gemt=request-information/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Venter på virksomheden");
    expect(await page.locator("main").textContent()).not.toContain("Indsendelsen er afgjort");
    await expectNoSeriousAxeViolations(page);
    caseworker.expectNoProblems();
  });

  it("HR is notified, edits the request into a new version and answers", async () => {
    const { page } = hr;
    await visit(page, "/virksomhed");
    await page.getByTestId("notifications-link").click();
    await page.getByRole("link", { name: /Jobcentret beder om flere oplysninger/ }).first().click();
    await page.waitForURL(documentUrl);
    await expect.poll(() => page.locator("main").textContent()).toContain("Hvor mange timer kan medarbejderen arbejde nu?");
    await expect.poll(() => page.locator("main").textContent()).toContain("Jobcentret venter på jeres svar");
    await page.getByRole("link", { name: "Ret (giver en ny version)" }).click();
    await waitForHydration(page);
    // The question stands beside the form that answers it.
    await expect.poll(() => page.getByRole("complementary", { name: "Jobcentrets spørgsmål" }).textContent()).toContain("Hvor mange timer kan medarbejderen arbejde nu?");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("3. Er arbejdet blevet tilpasset, og hvordan?").fill("Lettere opgaver 20 timer om ugen.");
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL(/gemt=rettet/);
    await page.getByLabel("Dit svar til jobcentret").fill("Medarbejderen kan arbejde 20 timer om ugen.");
    await page.getByRole("button", { name: "Send ny version med svar" }).click();
    await page.waitForURL(/gemt=svar/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Svar sendt – jobcentret behandler sagen");
    await expect.poll(() => page.getByTestId("submission-receipt").textContent()).toContain("Ny version med svar (version 2)");
    hr.expectNoProblems();
  });

  it("the caseworker approves and records the first follow-up conversation", async () => {
    const { page } = caseworker;
    await visit(page, "/jobcenter");
    const row = page.locator(`tr[data-submission="${reviewUrl.split("/").at(-1)}"]`);
    await expect.poll(() => row.textContent()).toContain("Nyt svar fra virksomheden");
    await visit(page, reviewUrl);
    await expect.poll(() => page.locator("main").textContent()).toContain("Lettere opgaver 20 timer om ugen.");
    await expect.poll(() => page.locator("main").textContent()).toContain("Nyt svar fra virksomheden");
    // Back with the caseworker who asked: nothing to take again.
    expect(await page.getByRole("button", { name: "Tag sagen" }).count()).toBe(0);
    await page.getByRole("button", { name: "Godkend", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Arbejdsgiveren ser status \"Godkendt\"");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Ja, godkend" }).click();
    await page.waitForURL(/gemt=approve/);
    await page.getByLabel("Samtalen blev holdt den").fill(today);
    await page.getByRole("button", { name: "Registrér opfølgning" }).click();
    await page.waitForURL(/gemt=follow-up/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Godkendt");
    caseworker.expectNoProblems();
  });

  it("HR sees Godkendt and the first follow-up done on the absence", async () => {
    const { page } = hr;
    await visit(page, documentUrl);
    await expect.poll(() => page.locator("main").textContent()).toContain("Godkendt");
    await page.getByRole("link", { name: "Tilbage til sagen" }).click();
    await page.waitForURL(/\/virksomhed\/fravaer\/\d+$/);
    await expect.poll(() => page.locator('tr[data-deadline="first-follow-up"]').getAttribute("data-status")).toBe("done");
    await expectNoSeriousAxeViolations(page);
    hr.expectNoProblems();
  });
});
