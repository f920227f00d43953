/**
 * The DKFDS date field in a browser set to English: it shows and takes
 * dd.mm.åååå (a native date input would show mm/dd/yyyy there), the server
 * reads what was typed, and a refused form comes back with the dates as typed.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("date fields in an English browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;
  let noScript: TestPage;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    tp = await newPage(browser, server.baseUrl, { locale: "en-US" });
    noScript = await newPage(browser, server.baseUrl, { locale: "en-US", javaScriptEnabled: false });
    await login(tp.page, "hr@nordbyg.example");
    // The same session without JavaScript: the login page's helper waits for hydration, which never comes there.
    await noScript.context.addCookies(await tp.context.cookies());
  }, 120_000);

  afterAll(async () => {
    await tp?.close();
    await noScript?.close();
    await browser?.close();
    await server?.stop();
  });

  async function fillEmployee(t: TestPage, weeklyHours: string) {
    const { page } = t;
    await page.getByLabel("Navn", { exact: true }).fill("Ida Engelsk");
    await page.getByLabel("Fødselsdato").fill("5.3.1980");
    await page.getByLabel("Bopælskommune").selectOption({ label: "Aarhus (751)" });
    await page.getByLabel("Ansat siden").fill("05.03.2026");
    await page.getByLabel("Stilling").fill("Tømrer");
    await page.getByLabel("Ugentlige timer").fill(weeklyHours);
  }

  it("is a text field with the format as its hint, on a number pad", async () => {
    const { page } = tp;
    await visit(page, "/virksomhed/medarbejdere/ny");
    await waitForHydration(page);
    const field = page.getByLabel("Ansat siden");
    expect(await field.getAttribute("type")).toBe("text");
    expect(await field.getAttribute("inputmode")).toBe("numeric");
    const hintId = (await field.getAttribute("aria-describedby"))!.split(" ")[0]!;
    expect(await page.locator(`[id="${hintId}"]`).textContent()).toContain("dd.mm.åååå");
    expect(await page.locator('input[type="date"]').count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
  });

  it("keeps the dates as typed when the server refuses the form", async () => {
    const { page } = noScript;
    // Without JavaScript the refusal is the server's own re-render.
    await page.goto("/virksomhed/medarbejdere/ny");
    await fillEmployee(noScript, "mange");
    await page.getByRole("button", { name: "Opret medarbejder" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Indtast ugentlige timer som et tal");
    expect(await page.getByLabel("Ansat siden").inputValue()).toBe("05.03.2026");
    expect(await page.getByLabel("Fødselsdato").inputValue()).toBe("5.3.1980");
    expect(await page.getByLabel("Ugentlige timer").inputValue()).toBe("mange");
    // With JavaScript off the browser refuses to fetch the scripts ("csp"): that is the point here, not a fault.
  });

  it("saves 05.03.2026 typed in an English browser and shows it back as 05.03.2026", async () => {
    const { page } = tp;
    await visit(page, "/virksomhed/medarbejdere/ny");
    await waitForHydration(page);
    await fillEmployee(tp, "37,5");
    await page.getByRole("button", { name: "Opret medarbejder" }).click();
    await page.waitForURL(/\/virksomhed\/medarbejdere\/(\d+)\?gemt=oprettet/);
    const employeeId = /medarbejdere\/(\d+)/.exec(page.url())![1];
    await expect.poll(() => page.locator("main").textContent()).toContain("37,5 timer om ugen");
    await visit(page, `/virksomhed/medarbejdere/${employeeId}/rediger`);
    expect(await page.getByLabel("Ansat siden").inputValue()).toBe("05.03.2026");
    expect(await page.getByLabel("Fødselsdato").inputValue()).toBe("05.03.1980");
    expect(await page.getByLabel("Ugentlige timer").inputValue()).toBe("37,5");
    tp.expectNoProblems();
  });
});
