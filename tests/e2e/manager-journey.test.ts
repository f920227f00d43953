/**
 * The nearest manager at work, as they would click, at 1280 px and on a phone (390 px):
 * they sign in, the dashboard and the case list hold their own department's cases only,
 * HR's pages are not in the menu, and another department's absence is "not found".
 * The administrator's departments page and the invitation of a manager on /brugere pass axe too.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, waitForHydration } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const SIZES = [
  { name: "1280 px", width: 1280, height: 900 },
  { name: "390 px", width: 390, height: 844 },
] as const;

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!chromiumAvailable())("the nearest manager", () => {
  let server: RunningServer;
  let browser: Browser;
  let metteAbsenceId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = new Database(server.databasePath, { readonly: true });
    metteAbsenceId = (db.prepare("select a.id from absences a join employees e on e.id = a.employee_id where e.name = 'Mette Kjær'").get() as { id: number }).id;
    db.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(SIZES)("sees only the building site on the dashboard and the case list at $name", async (size) => {
    const { page } = await newPage(browser, server.baseUrl);
    await page.setViewportSize({ width: size.width, height: size.height });
    await login(page, "leder@nordbyg.example");
    await page.waitForURL("**/virksomhed");
    await waitForHydration(page);
    const dashboard = page.locator("main");
    await expect.poll(() => dashboard.innerText()).toContain("Søren Ærø Åberg");
    expect(await dashboard.innerText()).not.toContain("Mette Kjær");
    expect(await page.getByTestId("open-absences").innerText()).toBe("2");
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousAxeViolations(page);

    if (size.width < 992) await page.getByRole("button", { name: "Menu" }).click();
    // HR's pages are not offered.
    expect(await page.getByRole("link", { name: "Statistik", exact: true }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Indstillinger", exact: true }).count()).toBe(0);
    await page.getByRole("link", { name: "Sager", exact: true }).first().click();
    await page.waitForURL("**/virksomhed/sager");
    await waitForHydration(page);
    // A client-side navigation changes the address before React has drawn the new list: wait for the rows.
    await expect.poll(async () => (await page.locator("[data-case]").allInnerTexts()).some((t) => t.includes("Søren Ærø Åberg")), { timeout: 10_000 }).toBe(true);
    const names = await page.locator("[data-case]").allInnerTexts();
    expect(names.some((t) => t.includes("Łukasz Nowak"))).toBe(true);
    expect(names.some((t) => t.includes("Mette Kjær"))).toBe(false);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousAxeViolations(page);

    const other = await page.goto(`${server.baseUrl}/virksomhed/fravaer/${metteAbsenceId}`);
    expect(other?.status()).toBe(404);
  });

  it.each(SIZES)("the administrator's departments page and the manager invitation work at $name", async (size) => {
    const { page } = await newPage(browser, server.baseUrl);
    await page.setViewportSize({ width: size.width, height: size.height });
    await login(page, "hr@nordbyg.example");
    await page.goto(`${server.baseUrl}/brugere`);
    await waitForHydration(page);
    expect(await page.getByRole("radio", { name: /Nærmeste leder/ }).count()).toBe(1);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousAxeViolations(page);
    await page.goto(`${server.baseUrl}/virksomhed/afdelinger`);
    await waitForHydration(page);
    expect(await page.getByTestId("user-access").innerText()).toContain("Nærmeste leder: Byggeplads");
    await page.getByRole("link", { name: "Skift adgang for Kim Byg" }).click();
    await page.getByRole("heading", { name: "Adgang for Kim Byg" }).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectNoSeriousAxeViolations(page);
  });
});
