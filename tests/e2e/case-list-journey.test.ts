/**
 * Finding a case as a user would, at 1280 px and on a phone (390 px): open
 * "Sager" from the menu, filter with the form (the address then holds the
 * filters), sort by a column, follow a row to the absence, and download the
 * list; the caseworker filters their list and follows a row to the submission.
 */
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration } from "../support/browser";
import { todayInCopenhagen } from "~/domain/dates";
import { signedIn } from "../support/http";
import { startServer, type RunningServer } from "../support/server";

const SIZES = [
  { name: "1280 px", width: 1280, height: 900 },
  { name: "390 px", width: 390, height: 844 },
] as const;

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!chromiumAvailable())("finding a case", () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // Søren (Aarhus) gets a fast-track request sent, so the caseworker's row has a submission to open.
    const hr = await signedIn(server.baseUrl, "hr@nordbyg.example");
    const db = new Database(server.databasePath, { readonly: true });
    const { absenceId } = db.prepare("select a.id as absenceId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'").get() as { absenceId: number };
    db.close();
    const created = await hr.postForm(`/virksomhed/fravaer/${absenceId}/fast-track`, {
      affectedFunctions: "Tunge løft.",
      affectedDuration: "Siden første fraværsdag.",
      adaptations: "Lettere opgaver.",
      requestedOn: todayInCopenhagen(new Date()),
      employeeConsent: "agreed",
    });
    const documentId = Number(/dokumenter\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
    expect((await hr.postForm(`/virksomhed/dokumenter/${documentId}`, { intent: "submit" })).status).toBe(302);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(SIZES)("HR filters the case list, sorts it, follows a row and exports it at $name", async (size) => {
    const tp = await newPage(browser, server.baseUrl);
    const { page } = tp;
    await page.setViewportSize({ width: size.width, height: size.height });
    await login(page, "hr@nordbyg.example");
    // Through the main menu: the phone's sits behind the menu button.
    if (size.width < 992) await page.getByRole("button", { name: "Menu" }).click();
    await page.getByRole("link", { name: "Sager", exact: true }).first().click();
    await page.waitForURL("**/virksomhed/sager");
    await waitForHydration(page);
    await expect.poll(() => page.locator("[data-case]").count()).toBeGreaterThan(1);

    await page.getByRole("searchbox", { name: /^Søg/ }).fill("mette");
    await page.getByLabel("Status").selectOption("aaben");
    await page.getByRole("button", { name: "Vis" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "mette" && url.searchParams.get("status") === "aaben");
    await expect.poll(() => page.locator("[data-case]").count()).toBe(1);
    await expect.poll(() => page.locator("[data-case]").first().innerText()).toContain("Mette Kjær");
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoSeriousAxeViolations(page);

    // The address is the list: opened again, it shows the same filter.
    const bookmarked = page.url();
    await visit(page, "/virksomhed");
    await visit(page, new URL(bookmarked).pathname + new URL(bookmarked).search);
    expect(await page.getByRole("searchbox", { name: /^Søg/ }).inputValue()).toBe("mette");
    await expect.poll(() => page.locator("[data-case]").count()).toBe(1);

    // The export keeps the filters.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^sager-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((stream) => {
        let text = "";
        stream.on("data", (c: Buffer) => (text += c.toString("utf8")));
        stream.on("end", () => resolve(text));
        stream.on("error", reject);
      }, reject);
    });
    expect(csv.trimEnd().split("\r\n")).toHaveLength(2);
    expect(csv).toContain("Mette Kjær");

    // Sorting by a column, then following a row to the absence.
    await visit(page, "/virksomhed/sager");
    await page.getByRole("link", { name: /^Medarbejder\W.*sortér$/ }).click();
    await page.waitForURL((url) => url.searchParams.get("sorter") === "navn");
    await expect.poll(() => page.locator("th[aria-sort='ascending']").count()).toBe(1);
    const first = page.locator("[data-case]").first();
    const reference = await first.getAttribute("data-case");
    // The row's link is a plain anchor whose click the table hands to the router
    // (app/components/row-links.tsx): the page changes in the app, without a full load.
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    await first.getByRole("link", { name: reference! }).click();
    await page.waitForURL(/\/virksomhed\/fravaer\/\d+$/);
    await expect.poll(() => page.locator("h1").innerText()).not.toBe("");
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    tp.expectNoProblems();
    await tp.close();
  });

  it.each(SIZES)("the caseworker filters their list and follows a row to the submission at $name", async (size) => {
    const tp = await newPage(browser, server.baseUrl);
    const { page } = tp;
    await page.setViewportSize({ width: size.width, height: size.height });
    await login(page, "aarhus@jobcenter.example");
    await visit(page, "/jobcenter/sager");
    await page.getByLabel("Fast track").selectOption("ja");
    await page.getByRole("button", { name: "Vis" }).click();
    await page.waitForURL((url) => url.searchParams.get("fasttrack") === "ja");
    const rows = page.locator("[data-case]");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoSeriousAxeViolations(page);
    const linked = rows.filter({ has: page.locator("a") }).first();
    await page.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));
    await linked.locator("a").first().click();
    await page.waitForURL(/\/jobcenter\/indsendelser\/\d+$/);
    await expect.poll(() => page.getByTestId("citizen-contact").innerText()).toContain("Fødselsdato");
    expect(await page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
    tp.expectNoProblems();
    await tp.close();
  });
});
