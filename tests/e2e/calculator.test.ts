/** The public deadline calculator, used without logging in. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, newPage, visit, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("the public deadline calculator", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    tp = await newPage(browser, server.baseUrl);
  });

  afterAll(async () => {
    await tp?.close();
    await browser?.close();
    await server?.stop();
  });

  it("shows the errors first, then the timeline for the facts entered", async () => {
    const { page } = tp;
    await visit(page, "/frister");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Beregn frister" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Angiv første fraværsdag");
    await page.getByLabel("Første fraværsdag").fill("2026-03-02");
    await page.getByLabel("Fraværet forventes at vare mere end 8 uger").check();
    await page.getByLabel("Beregn status pr. dato").fill("2026-03-20");
    await page.getByRole("button", { name: "Beregn frister" }).click();
    await page.waitForURL(/firstAbsenceDay=2026-03-02/);
    await expect.poll(() => page.locator('tr[data-deadline="absence-conversation"]').textContent()).toContain("30.03.2026");
    expect(await page.locator('tr[data-deadline="fast-track-request"]').getAttribute("data-status")).toBe("upcoming");
    await expectNoSeriousAxeViolations(page);
    tp.expectNoProblems();
  });
});
