/**
 * A § 56 agreement from application to approval to a linked absence: HR and
 * the employee apply, the Aarhus caseworker approves with a date, and the
 * absence gets reimbursement from the first day.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("a § 56 agreement in a browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let hr: TestPage;
  let caseworker: TestPage;
  const today = todayInCopenhagen(new Date());
  let agreementsUrl = "";

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

  it("HR applies, is warned about a diagnosis word and rewrites", async () => {
    const { page } = hr;
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Søren Ærø Åberg" }).click();
    await page.getByRole("link", { name: "§ 56-aftaler" }).click();
    await page.waitForURL(/paragraf-56$/);
    agreementsUrl = page.url();
    await page.getByRole("link", { name: "Ansøg om § 56-aftale" }).click();
    await waitForHydration(page);
    await page.getByLabel("Almindelig aftale (2 år)").check();
    await page.getByLabel("Lidelsens betydning for arbejdet").fill("Medarbejderen har slidgigt i knæene.");
    await page.getByLabel("Forventede fraværsdage om året").fill("15");
    await page.getByLabel("Ja", { exact: true }).check();
    await page.getByLabel("Arbejdsgiveren bekræfter ansøgningen").check();
    await page.getByLabel("Medarbejderen bekræfter ansøgningen").check();
    await page.getByRole("button", { name: "Send ansøgning til jobcenter" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("nævne en diagnose (slidgigt)");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Lidelsens betydning for arbejdet").fill("Perioder hvor knæleden og lange gåture ikke er mulige.");
    await page.getByRole("button", { name: "Send ansøgning til jobcenter" }).click();
    await page.waitForURL(/paragraf-56\?gemt=sendt/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Afventer kommunens godkendelse");
    hr.expectNoProblems();
  });

  it("the caseworker approves with an approval date", async () => {
    const { page } = caseworker;
    await visit(page, "/jobcenter?type=paragraph56");
    await page.getByTestId("jobcenter-inbox").getByRole("link", { name: "§ 56-aftale" }).first().click();
    await page.waitForURL(/\/jobcenter\/indsendelser\/\d+/);
    await page.getByRole("button", { name: "Tag sagen" }).click();
    await page.waitForURL(/gemt=take/);
    await page.getByLabel("Aftalen godkendes fra (A)").fill(addDays(today, -30));
    await page.getByRole("button", { name: "Godkend", exact: true }).click();
    await page.getByRole("button", { name: "Ja, godkend" }).click();
    await page.waitForURL(/gemt=approve/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Godkendt");
    caseworker.expectNoProblems();
  });

  it("HR links the open absence and reimbursement starts on the first day", async () => {
    const { page } = hr;
    await visit(page, agreementsUrl);
    await expect.poll(() => page.locator("main").textContent()).toContain("Godkendt fra");
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Søren Ærø Åberg" }).click();
    await page.getByRole("link", { name: /^FH-\d{6}$/ }).first().click();
    await page.waitForURL(/\/virksomhed\/fravaer\/\d+$/);
    await page.getByRole("heading", { level: 1, name: /^Sygefravær FH-/ }).waitFor();
    await page.getByRole("link", { name: "Ret oplysninger" }).click();
    await page.waitForURL(/\/rediger$/);
    await waitForHydration(page);
    await page.getByLabel("Fraværet er omfattet af en godkendt § 56-aftale").check();
    await page.getByRole("button", { name: "Gem ændringer" }).click();
    await page.waitForURL(/gemt=rettet/);
    await expect.poll(() => page.locator("main").textContent()).toContain("§ 56-aftale giver refusion fra første fraværsdag");
    await expectNoSeriousAxeViolations(page);
    hr.expectNoProblems();
  });
});
