/**
 * The portal on a phone (390 × 844) and on a desktop (1280 px): the header's menu button opens
 * DKFDS's drawer with the navigation, notifications and "Log af"; a user can navigate, open an
 * absence, submit a form and log out; no page scrolls sideways; the desktop header stays on one line.
 */
import type { Browser, Page } from "playwright-core";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const PHONE = { width: 390, height: 844 };

/** How far the page reaches past the viewport's right edge, in CSS pixels (0 = no sideways scrolling). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe.skipIf(!chromiumAvailable())("the portal on a phone", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;
  let ids: { employeeId: number; absenceId: number; submissionId: number | null };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = new Database(server.databasePath, { readonly: true });
    ids = db
      .prepare(
        `select e.id as employeeId, a.id as absenceId,
           (select s.id from submissions s where s.absence_id = a.id order by s.id limit 1) as submissionId
         from absences a join employees e on e.id = a.employee_id where e.name = 'Mette Kjær'`,
      )
      .get() as typeof ids;
    db.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    await tp?.close();
    tp?.expectNoProblems();
  });

  const openMenu = async (page: Page) => {
    await page.getByRole("button", { name: "Menu", exact: true }).click();
    const drawer = page.getByRole("dialog", { name: "Menu" });
    await drawer.waitFor({ state: "visible" });
    return drawer;
  };

  it("navigates with the menu, opens an absence, submits a form and logs out", async () => {
    tp = await newPage(browser, server.baseUrl);
    const { page } = tp;
    await page.setViewportSize(PHONE);
    await login(page, "hr@nordbyg.example");
    // The desktop user links are hidden at this width; the menu button is the way in.
    expect(await page.getByRole("banner").getByRole("button", { name: "Log af" }).count()).toBe(0);

    const drawer = await openMenu(page);
    expect(await drawer.getByRole("link", { name: /^Notifikationer/ }).isVisible()).toBe(true);
    expect(await drawer.getByRole("button", { name: "Log af" }).isVisible()).toBe(true);
    await expectNoSeriousAxeViolations(page);
    await drawer.getByRole("link", { name: "Medarbejdere" }).click();
    await page.waitForURL((url) => url.pathname === "/virksomhed/medarbejdere");
    // The drawer closes once the page has changed.
    await expect.poll(() => page.getByRole("dialog", { name: "Menu" }).count()).toBe(0);

    await page.getByRole("link", { name: "Mette Kjær" }).first().click();
    await page.waitForURL((url) => url.pathname === `/virksomhed/medarbejdere/${ids.employeeId}`);
    await visit(page, `/virksomhed/fravaer/${ids.absenceId}`);
    expect(await sidewaysOverflow(page)).toBe(0);

    const today = todayInCopenhagen(new Date());
    const returnForm = page.locator("form", { has: page.getByRole("button", { name: "Registrér raskmelding" }) });
    await returnForm.getByLabel("Første dag tilbage på arbejde").fill(today);
    await returnForm.getByRole("button", { name: "Registrér raskmelding" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/raskmelding|tilbage/i);
    expect(await page.locator("main").textContent()).toContain(formatDanishDate(today));

    const again = await openMenu(page);
    const logout = page.waitForRequest((r) => new URL(r.url()).pathname === "/logout");
    await again.getByRole("button", { name: "Log af" }).click();
    expect((await logout).method()).toBe("POST");
    await page.waitForURL((url) => url.pathname === "/login");
  });

  it("closes the menu with Escape and gives focus back to the menu button", async () => {
    tp = await newPage(browser, server.baseUrl);
    const { page } = tp;
    await page.setViewportSize(PHONE);
    await login(page, "koebenhavn@jobcenter.example");
    await openMenu(page);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog", { name: "Menu" }).count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Menu");
  });

  it("has no page that scrolls sideways at 390 px", async () => {
    tp = await newPage(browser, server.baseUrl);
    const { page } = tp;
    await page.setViewportSize(PHONE);
    const anonymous = ["/login", "/frister", "/glemt-adgangskode", "/tilgaengelighed"];
    for (const path of anonymous) {
      await visit(page, path);
      expect({ path, overflow: await sidewaysOverflow(page) }).toEqual({ path, overflow: 0 });
    }
    await login(page, "hr@nordbyg.example");
    const hrPages = [
      "/virksomhed",
      "/virksomhed/medarbejdere",
      "/virksomhed/medarbejdere/ny",
      `/virksomhed/medarbejdere/${ids.employeeId}`,
      `/virksomhed/medarbejdere/${ids.employeeId}/rediger`,
      `/virksomhed/medarbejdere/${ids.employeeId}/sociale-kapitler`,
      `/virksomhed/medarbejdere/${ids.employeeId}/mulighedserklaering/ny`,
      `/virksomhed/fravaer/${ids.absenceId}`,
      `/virksomhed/fravaer/${ids.absenceId}/rediger`,
      `/virksomhed/fravaer/${ids.absenceId}/fast-track`,
      "/virksomhed/indsendelser",
      "/virksomhed/indstillinger",
      "/notifikationer",
      "/konto",
      "/brugere",
    ];
    for (const path of hrPages) {
      await visit(page, path);
      expect({ path, overflow: await sidewaysOverflow(page) }).toEqual({ path, overflow: 0 });
    }
  });

  it("has no jobcenter page that scrolls sideways at 390 px", async () => {
    tp = await newPage(browser, server.baseUrl);
    const { page } = tp;
    await page.setViewportSize(PHONE);
    await login(page, "koebenhavn@jobcenter.example");
    for (const path of ["/jobcenter", "/jobcenter/sager", "/notifikationer", "/konto"]) {
      await visit(page, path);
      expect({ path, overflow: await sidewaysOverflow(page) }).toEqual({ path, overflow: 0 });
    }
  });

  it("keeps the desktop header on one line at 1280 px, also with unread notifications", async () => {
    tp = await newPage(browser, server.baseUrl);
    const { page } = tp;
    const db = new Database(server.databasePath);
    for (let i = 0; i < 12; i++) {
      db.prepare("insert into notifications (user_id, text, link) select id, 'Nyt svar', '/virksomhed' from users where email = 'hr@nordbyg.example'").run();
    }
    // A long name, as real names and company names can be.
    db.prepare("update users set name = 'Anne-Marie Christiansen-Østergaard' where email = 'hr@nordbyg.example'").run();
    db.prepare("update companies set name = 'Nordbyg Entreprise og Anlæg Sydsjælland ApS' where cvr = '12972997'").run();
    db.close();
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page, "hr@nordbyg.example");
    const banner = page.getByRole("banner");
    // The Fasthold mark, not the Virk logo.
    expect(await banner.getByRole("link", { name: "Fasthold, til forsiden" }).isVisible()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".fasthold-logo")!).backgroundImage)).toBe("none");
    expect(await banner.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
    expect(await banner.getByRole("link", { name: "Notifikationer (12 nye)" }).isVisible()).toBe(true);
    const logOff = banner.getByRole("button", { name: "Log af" });
    const box = await logOff.boundingBox();
    const lineHeight = await logOff.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    // One line of text: "Log af" never breaks into "Log / af".
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    // The links beside the name each keep to one line; only a long name itself may wrap.
    const linkHeights = await page
      .locator(".portal-user > *:not(:first-child)")
      .evaluateAll((els, line) => els.map((el) => el.getBoundingClientRect().height / line), lineHeight);
    expect(linkHeights.length).toBe(3);
    for (const lines of linkHeights) expect(lines).toBeLessThan(1.5);
  });
});
