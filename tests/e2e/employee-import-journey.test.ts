/**
 * HR imports employees from a file as a user would: from the employee list to the upload
 * page, a preview that shows each row's outcome, and the confirmation, on a desktop
 * (1280 px) and on a phone (390 px), without sideways scrolling and with no serious axe finding.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, type TestPage } from "../support/browser";
import { TMP_DIR } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

function file(name: string, rows: string[]): string {
  const target = path.join(TMP_DIR, name);
  fs.writeFileSync(target, ["Medarbejdernummer;Navn;Fødselsdato;Bopælskommune;Ansat siden;Afdeling", ...rows].join("\r\n"));
  return target;
}

describe.skipIf(!chromiumAvailable())("importing employees in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await tp?.close();
    tp?.expectNoProblems();
  });

  for (const [label, viewport, prefix] of [
    ["at 1280 px", { width: 1280, height: 900 }, "D"],
    ["at 390 px", { width: 390, height: 844 }, "P"],
  ] as const) {
    it(`uploads a file, previews new, moved and refused rows, and confirms ${label}`, async () => {
      tp = await newPage(browser, server.baseUrl);
      const { page } = tp;
      await page.setViewportSize(viewport);
      await login(page, "hr@nordbyg.example");
      await visit(page, "/virksomhed/medarbejdere");
      await page.getByRole("link", { name: "Importér fra fil" }).click();
      await page.getByRole("heading", { name: "Importér medarbejdere" }).waitFor();
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);

      const upload = file(`import-${prefix}.csv`, [
        `${prefix}-1;Ida Vang ${prefix};05.05.1990;Aarhus;01.09.2024;Lager`,
        `${prefix}-2;Uden Kommune ${prefix};05.05.1990;Atlantis;01.09.2024;Lager`,
        // Søren, demo employee 1001, has moved to København.
        prefix === "D" ? "1001;Søren Ærø Åberg;14.03.1968;101;01.08.2011;Byggeplads" : `${prefix}-3;Ole Bach ${prefix};30.06.1975;461;01.01.2020;Kontor`,
      ]);
      await page.getByLabel("Fil med medarbejdere").setInputFiles(upload);
      await page.getByRole("button", { name: "Vis forhåndsvisning" }).click();
      await page.getByRole("heading", { name: "Forhåndsvisning af import" }).waitFor();
      const preview = page.getByTestId("import-preview");
      await expect.poll(() => preview.getByRole("row").count()).toBe(4);
      expect(await preview.textContent()).toContain("«Atlantis» er ikke en dansk kommune");
      if (prefix === "D") expect(await preview.textContent()).toContain("Flytning: Aarhus Kommune → Københavns Kommune");
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: path.join(TMP_DIR, `import-preview-${viewport.width}.png`), fullPage: true });

      await page.getByRole("button", { name: /Bekræft import af 2 rækker/ }).click();
      await page.getByRole("heading", { name: "Importen er gennemført" }).waitFor();
      await page.getByRole("link", { name: "Gå til medarbejdere" }).click();
      await page.getByRole("searchbox").fill(`Ida Vang ${prefix}`);
      await page.getByRole("button", { name: "Søg" }).click();
      await page.getByRole("link", { name: `Ida Vang ${prefix}` }).click();
      await page.getByRole("heading", { name: `Ida Vang ${prefix}` }).waitFor();
      expect(await page.locator("dl.summary-list").textContent()).toContain("Lager");
    });
  }
});

describe.skipIf(!chromiumAvailable())("a large import in the browser", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;

  beforeAll(async () => {
    // Each planning step of 1,000 rows is slowed (a test-only hook), so the progress stays on screen long enough to see.
    [server, browser] = await Promise.all([startServer({ FASTHOLD_TEST_IMPORT_STEP_MS: "700" }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await tp?.close();
    tp?.expectNoProblems();
  });

  for (const [label, viewport] of [
    ["at 1280 px", { width: 1280, height: 900 }],
    ["at 390 px", { width: 390, height: 844 }],
  ] as const) {
    it(`uploads 4,000 rows, sees the progress until the preview, confirms and sees the result ${label}`, async () => {
      tp = await newPage(browser, server.baseUrl);
      const { page } = tp;
      await page.setViewportSize(viewport);
      await login(page, "hr@nordbyg.example");
      await visit(page, "/virksomhed/medarbejdere/import");
      const prefix = `L${viewport.width}-`;
      const upload = file(
        `import-large-${viewport.width}.csv`,
        Array.from({ length: 4_000 }, (_, i) => `${prefix}${i};Stor Import ${prefix}${i};05.05.1990;Aarhus;01.09.2024;Lager ${i % 5}`),
      );
      await page.getByLabel("Fil med medarbejdere").setInputFiles(upload);
      await page.getByRole("button", { name: "Vis forhåndsvisning" }).click();
      const status = page.getByRole("status").filter({ hasText: /Behandler række [\d.]+ af 4\.000/ });
      await status.waitFor();
      expect(await page.getByRole("progressbar").getAttribute("max")).toBe("4000");
      expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
      await expectNoSeriousAxeViolations(page);
      await page.screenshot({ path: path.join(TMP_DIR, `import-progress-${viewport.width}.png`), fullPage: true });
      // The page asks again by itself until the preview is there.
      const confirm = page.getByRole("button", { name: "Bekræft import af 4.000 rækker" });
      await confirm.waitFor({ timeout: 30_000 });
      await confirm.click();
      await page.getByRole("heading", { name: "Importen er gennemført" }).waitFor({ timeout: 30_000 });
      expect(await page.getByRole("status").first().textContent()).toContain("4000 nye og 0 opdaterede medarbejdere er gemt");
    }, 90_000);
  }
});
