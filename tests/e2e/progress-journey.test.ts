/**
 * Long work as a user sees it (issue 28): HR starts a case export of many rows from the case
 * list, watches its page count the rows until the download button appears, and downloads the
 * file; HR confirms a large import and watches it count the rows saved. On a phone (390 px)
 * and a desktop (1280 px), without sideways scrolling and with no serious axe finding. The
 * server slows each step and lowers the export's threshold (test-only hooks) so the progress
 * can be watched with the demo data.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, type TestPage } from "../support/browser";
import { TMP_DIR } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!chromiumAvailable())("progress of long work in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({
        FASTHOLD_TEST_EXPORT_BACKGROUND_ROWS: "1",
        FASTHOLD_TEST_EXPORT_STEP_ROWS: "1",
        FASTHOLD_TEST_EXPORT_STEP_MS: "1500",
        FASTHOLD_TEST_IMPORT_STEP_MS: "1200",
      }),
      launchBrowser(),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await tp?.close();
    tp?.expectNoProblems();
  });

  for (const [label, viewport] of [
    ["at 390 px", { width: 390, height: 844 }],
    ["at 1280 px", { width: 1280, height: 900 }],
  ] as const) {
    it(`starts a large case export, sees rows written of total, and downloads the file when it is ready ${label}`, async () => {
      tp = await newPage(browser, server.baseUrl);
      const { page } = tp;
      await page.setViewportSize(viewport);
      await login(page, "hr@nordbyg.example");
      await visit(page, "/virksomhed/sager?status=aaben");
      await page.getByRole("form", { name: "Hent listen som fil" }).getByRole("button", { name: "CSV" }).click();
      const status = page.getByRole("status").filter({ hasText: /Skrevet \d+ af \d+ rækker/ });
      await status.waitFor();
      await page.getByRole("heading", { name: "Eksporten laves" }).waitFor();
      expect(await page.getByText("Status: Åbne").count()).toBe(1);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: path.join(TMP_DIR, `export-progress-${viewport.width}.png`), fullPage: true });
      // The page asks again by itself until the file is ready.
      const download = page.getByRole("link", { name: "Hent filen" });
      await download.waitFor({ timeout: 30_000 });
      expect(await page.getByRole("heading", { name: "Eksporten er klar" }).count()).toBe(1);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: path.join(TMP_DIR, `export-done-${viewport.width}.png`), fullPage: true });
      const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
      expect(file.suggestedFilename()).toMatch(/^sager-\d{4}-\d{2}-\d{2}\.csv$/);
      const text = fs.readFileSync((await file.path())!, "utf8");
      expect(text.startsWith("\uFEFFSag;Medarbejdernummer;Navn")).toBe(true);
      // Back on the case list, the export is listed.
      await visit(page, "/virksomhed/sager");
      await page.getByText(/Dine eksporter \(\d+\)/).click();
      expect(await page.getByRole("link", { name: /CSV-fil, startet/ }).count()).toBeGreaterThan(0);
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: path.join(TMP_DIR, `case-list-exports-${viewport.width}.png`), fullPage: true });
    }, 90_000);

    it(`confirms a large import and sees rows saved of total until it is done ${label}`, async () => {
      tp = await newPage(browser, server.baseUrl);
      const { page } = tp;
      await page.setViewportSize(viewport);
      await login(page, "hr@nordbyg.example");
      await visit(page, "/virksomhed/medarbejdere/import");
      const prefix = `G${viewport.width}-`;
      const upload = path.join(TMP_DIR, `import-progress-${viewport.width}.csv`);
      fs.writeFileSync(
        upload,
        ["Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden;Afdeling", ...Array.from({ length: 2_500 }, (_, i) => `${prefix}${i};Gem ${prefix}${i};05.05.1990;Aarhus;01.09.2024;Lager ${i % 3}`)].join("\r\n"),
      );
      await page.getByLabel("Fil med medarbejdere").setInputFiles(upload);
      await page.getByRole("button", { name: "Vis forhåndsvisning" }).click();
      const confirm = page.getByRole("button", { name: "Bekræft import af 2.500 rækker" });
      await confirm.waitFor({ timeout: 60_000 });
      await confirm.click();
      await page.getByRole("status").filter({ hasText: /Gemt [1-9][\d.]* af 2\.500 rækker/ }).waitFor();
      await page.getByRole("heading", { name: "Importen gemmes" }).waitFor();
      await page.screenshot({ path: path.join(TMP_DIR, `import-saving-${viewport.width}.png`), fullPage: true });
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);
      await page.getByRole("heading", { name: "Importen er gennemført" }).waitFor({ timeout: 60_000 });
      // The upload page lists the import, as it does while one runs.
      await visit(page, "/virksomhed/medarbejdere/import");
      const row = page.getByTestId("recent-imports").getByRole("row").filter({ hasText: `import-progress-${viewport.width}.csv` });
      expect(await row.getByRole("cell").last().textContent()).toBe("Gennemført");
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: path.join(TMP_DIR, `import-list-${viewport.width}.png`), fullPage: false });
    }, 120_000);
  }
});
