/**
 * Every page prints cleanly on A4: no navigation, buttons or forms, the DKFDS font, and no table
 * row split across two pages.
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, launchBrowser, login, newPage, visit, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

describe.skipIf(!chromiumAvailable())("printing a page", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;
  let jc: TestPage;
  let absenceId: number;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = new Database(server.databasePath, { readonly: true });
    ({ absenceId } = db.prepare("select a.id as absenceId from absences a join employees e on e.id = a.employee_id where e.name = 'Mette Kjær'").get() as { absenceId: number });
    db.close();
    tp = await newPage(browser, server.baseUrl);
    await login(tp.page, "hr@nordbyg.example");
    jc = await newPage(browser, server.baseUrl);
    await login(jc.page, "aarhus@jobcenter.example");
  });

  afterAll(async () => {
    await tp?.close();
    await jc?.close();
    await browser?.close();
    await server?.stop();
  });

  it.each(["/virksomhed", "/virksomhed/medarbejdere", "absence", "/virksomhed/sager", "jobcenter:/jobcenter/sager"])("prints %s without navigation, buttons or forms", async (path) => {
    const { page } = path.startsWith("jobcenter:") ? jc : tp;
    path = path.replace(/^jobcenter:/, "");
    await visit(page, path === "absence" ? `/virksomhed/fravaer/${absenceId}` : path);
    await page.emulateMedia({ media: "print" });
    try {
      const shown = await page.evaluate(() => {
        const visible = (el: Element) => getComputedStyle(el).display !== "none" && (el as HTMLElement).offsetParent !== null;
        return {
          nav: [...document.querySelectorAll("nav")].filter(visible).length,
          buttons: [...document.querySelectorAll("main button, main .button, header button")].filter(visible).length,
          forms: [...document.querySelectorAll("main form")].filter(visible).length,
          exportAndHelp: [...document.querySelectorAll("main .case-export, main .case-reference-help")].filter(visible).length,
          footer: [...document.querySelectorAll("footer")].filter(visible).length,
          font: getComputedStyle(document.body).fontFamily,
          rowsThatMaySplit: [...document.querySelectorAll("tr")].filter((tr) => getComputedStyle(tr).breakInside !== "avoid").length,
          heading: document.querySelector("h1")?.textContent ?? "",
        };
      });
      expect(shown).toMatchObject({ nav: 0, buttons: 0, forms: 0, exportAndHelp: 0, footer: 0, rowsThatMaySplit: 0 });
      expect(shown.font).toContain("IBM Plex Sans");
      expect(shown.heading).not.toBe("");
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
    tp.expectNoProblems();
    jc.expectNoProblems();
  });
});
