/**
 * An HR user registers an employee and a sickness absence, records the absence
 * conversation, and sees the timeline and the dashboard change.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("registering an absence in a browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;
  const today = todayInCopenhagen(new Date());
  // 20 days ago: the absence conversation (F + 28) falls within the dashboard's 14 days.
  const first = addDays(today, -20);
  let initialOpen = 0;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    tp = await newPage(browser, server.baseUrl);
    await login(tp.page, "hr@nordbyg.example");
    initialOpen = await openAbsences();
  });

  afterAll(async () => {
    await tp?.close();
    await browser?.close();
    await server?.stop();
  });

  const openAbsences = async () => Number(await tp.page.getByTestId("open-absences").textContent());

  it("registers an employee, keeping the input when a field is wrong", async () => {
    const { page } = tp;
    await page.getByRole("navigation", { name: "Hovedmenu" }).getByRole("link", { name: "Medarbejdere" }).click();
    await page.getByRole("link", { name: "Opret medarbejder" }).click();
    await waitForHydration(page);
    await page.getByLabel("Navn", { exact: true }).fill("Łukasz Şahin");
    await page.getByLabel("Fødselsdato").fill("1980-04-12");
    await page.getByLabel("Bopælskommune").selectOption({ label: "Aarhus (751)" });
    await page.getByLabel("Ansat siden").fill("2012-08-01");
    await page.getByLabel("Stilling").fill("Tømrer");
    await page.getByLabel("Ugentlige timer").fill("mange");
    await page.getByRole("button", { name: "Opret medarbejder" }).click();
    const summary = page.getByRole("alert");
    await expect.poll(() => summary.textContent()).toContain("Indtast ugentlige timer som et tal");
    expect(await page.getByLabel("Navn", { exact: true }).inputValue()).toBe("Łukasz Şahin");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Ugentlige timer").fill("37");
    await page.getByRole("button", { name: "Opret medarbejder" }).click();
    await page.waitForURL(/\/virksomhed\/medarbejdere\/\d+\?gemt=oprettet/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Łukasz Şahin");
    tp.expectNoProblems();
  });

  it("registers an absence and shows every deadline with its legal basis", async () => {
    const { page } = tp;
    await page.getByRole("link", { name: "Registrér sygefravær" }).click();
    await waitForHydration(page);
    await page.getByLabel("Første fraværsdag").fill(first);
    await page.getByLabel("Fuldt fravær").check();
    await page.getByLabel("Fuld løn under fraværet").check();
    await page.getByLabel("Fraværet forventes at vare mere end 8 uger").check();
    await page.getByRole("button", { name: "Registrér fravær" }).click();
    await page.waitForURL(/\/virksomhed\/fravaer\/\d+\?gemt=oprettet/);
    await page.getByRole("heading", { level: 1, name: /^Sygefravær FH-/ }).waitFor();
    const conversation = page.locator('tr[data-deadline="absence-conversation"]');
    expect(await conversation.textContent()).toContain(formatDanishDate(addDays(first, 28)));
    expect(await conversation.textContent()).toContain("Sygedagpengeloven § 7 a");
    expect(await conversation.getAttribute("data-status")).toMatch(/upcoming|due-soon/);
    expect(await page.locator("tr[data-deadline]").count()).toBe(6);
    await expectNoSeriousAxeViolations(page);
    tp.expectNoProblems();
  });

  it("counts the new absence on the dashboard", async () => {
    const { page } = tp;
    const absenceUrl = page.url();
    await visit(page, "/virksomhed");
    expect(await openAbsences()).toBe(initialOpen + 1);
    expect(await page.getByTestId("dashboard-deadlines").textContent()).toContain("Łukasz Şahin");
    await visit(page, absenceUrl);
  });

  it("records the conversation and the deadline is done at once", async () => {
    const { page } = tp;
    await page.getByLabel("Samtalen blev holdt den").fill(today);
    await page.getByLabel("Korte noter").fill("Aftalt lettere opgaver i to uger.");
    await page.getByRole("button", { name: "Registrér samtale" }).click();
    await page.waitForURL(/gemt=conversation/);
    // Remix changes the address before the new page is drawn: poll for what the page shows.
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Samtalen er registreret");
    await expect.poll(() => page.locator('tr[data-deadline="absence-conversation"]').getAttribute("data-status")).toBe("done");
    tp.expectNoProblems();
  });

  it("drops the absence from the dashboard when the employee is back", async () => {
    const { page } = tp;
    const absenceUrl = page.url().split("?")[0]!;
    await visit(page, "/virksomhed");
    const before = await openAbsences();
    await visit(page, absenceUrl);
    await page.getByLabel("Første dag tilbage på arbejde").fill(today);
    await page.getByRole("button", { name: "Registrér raskmelding" }).click();
    await page.waitForURL(/gemt=return/);
    await visit(page, "/virksomhed");
    expect(await openAbsences()).toBe(before - 1);
    await expectNoSeriousAxeViolations(page);
    tp.expectNoProblems();
  });
});
