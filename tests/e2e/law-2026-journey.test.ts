/**
 * HR registers an absence 40 days old: a fast-track request after F + 34 is
 * refused at the field, in the browser and on the absence page; the overdue
 * absence report is recorded as made in NemRefusion and shows as done late.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("the law as of 2026 in a browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;
  const today = todayInCopenhagen(new Date());
  const first = addDays(today, -40);
  const refusal = `Fristen udløb ${formatDanishDate(addDays(first, 34))}`;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    tp = await newPage(browser, server.baseUrl);
    await login(tp.page, "hr@nordbyg.example");
  });

  afterAll(async () => {
    await tp?.close();
    await browser?.close();
    await server?.stop();
  });

  it("refuses a late fast-track request at the field of the new-absence form, keeping the input", async () => {
    const { page } = tp;
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Aisha Hansen" }).click();
    await page.getByRole("link", { name: "Registrér sygefravær" }).click();
    await waitForHydration(page);
    await page.getByLabel("Første fraværsdag").fill(first);
    await page.getByLabel("Fuldt fravær").check();
    await page.getByLabel("Fuld løn under fraværet").check();
    await page.getByLabel("Fraværet forventes at vare mere end 8 uger").check();
    await page.getByLabel("Nej, eller det vides ikke").check();
    const fastTrack = page.getByLabel("Fast track anmodet den");
    await fastTrack.fill(addDays(first, 35));
    await page.getByRole("button", { name: "Registrér fravær" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain(refusal);
    // At the field itself, tied to the input for screen readers.
    const errorId = (await fastTrack.getAttribute("aria-describedby"))!.split(" ").find((id) => id.endsWith("-error"))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain(refusal);
    expect(await page.getByLabel("Første fraværsdag").inputValue()).toBe(first);
    await expectNoSeriousAxeViolations(page);
    await fastTrack.fill("");
    await page.getByRole("button", { name: "Registrér fravær" }).click();
    await page.waitForURL(/\/virksomhed\/fravaer\/\d+\?gemt=oprettet/);
    tp.expectNoProblems();
  });

  it("refuses it on the absence page's quick form too", async () => {
    const { page } = tp;
    await waitForHydration(page);
    const field = page.getByLabel("Anmodningen blev sendt den");
    await field.fill(today);
    await page.getByRole("button", { name: "Registrér anmodning", exact: true }).click();
    const errorIdOf = async () => (await field.getAttribute("aria-describedby"))?.split(" ").find((id) => id.endsWith("-error")) ?? null;
    await expect.poll(errorIdOf).not.toBeNull();
    const errorId = (await errorIdOf())!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain(refusal);
    expect(await page.locator('tr[data-deadline="first-follow-up"]').textContent()).toContain(formatDanishDate(addDays(first, 55)));
    tp.expectNoProblems();
  });

  it("records the absence report made in NemRefusion five days late and shows it done late", async () => {
    const { page } = tp;
    const report = page.locator('tr[data-deadline="absence-report"]');
    expect(await report.getAttribute("data-status")).toBe("overdue");
    await page.getByLabel("Anmeldt i NemRefusion den").fill(today);
    await page.getByLabel("Reference fra NemRefusion").first().fill("NR-55123");
    await page.getByRole("button", { name: "Registrér anmeldelse" }).click();
    await page.waitForURL(/gemt=absence-report/);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Anmeldelsen i NemRefusion er registreret");
    await expect.poll(() => report.getAttribute("data-status")).toBe("done");
    expect(await report.locator(".badge").textContent()).toBe("Udført 5 dage efter fristen");
    expect(await page.locator(".summary-list").first().textContent()).toContain("(reference NR-55123)");
    await expectNoSeriousAxeViolations(page);
    await page.screenshot({ path: "/tmp/law-2026-absence-page.png", fullPage: true });
    tp.expectNoProblems();
  });

  it("the dashboard no longer lists the report", async () => {
    const { page } = tp;
    const absencePath = new URL(page.url()).pathname;
    await visit(page, "/virksomhed");
    expect(await page.locator(`a[href="${absencePath}#frist-absence-report"]`).count()).toBe(0);
  });
});
