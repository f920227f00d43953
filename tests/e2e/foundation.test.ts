/**
 * The foundation as a user meets it in Chromium: logging in and out for each
 * role, Danish form errors, access rules, keyboard use, the 404 and
 * accessibility statement pages, axe (WCAG 2.1 A/AA) and a clean console
 * (no CSP refusals, no hydration errors) on every page visited.
 */
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  chromiumAvailable,
  expectNoSeriousAxeViolations,
  launchBrowser,
  login,
  newPage,
  visit,
  waitForHydration,
  type TestPage,
} from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

const available = chromiumAvailable();

const DEMO_USERS = [
  { email: "hr@nordbyg.example", name: "Lise Holm", organisation: "Nordbyg ApS", landing: "/virksomhed", h1: /^Overblik$/ },
  { email: "hr@solskin.example", name: "Anders Vestergaard", organisation: "Solskin Pleje A/S", landing: "/virksomhed", h1: /^Overblik$/ },
  { email: "aarhus@jobcenter.example", name: "Camilla Krogh", organisation: "Jobcenter Aarhus Kommune", landing: "/jobcenter", h1: /^Indbakke – Aarhus/ },
  { email: "koebenhavn@jobcenter.example", name: "Rasmus Juul", organisation: "Jobcenter Københavns Kommune", landing: "/jobcenter", h1: /^Indbakke – København/ },
];

describe.skipIf(!available)("the foundation in a browser", () => {
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

  beforeEach(async () => {
    tp = await newPage(browser, server.baseUrl);
  });

  // Every journey ends with a clean console: a CSP refusal or a hydration mismatch fails the test that caused it.
  afterEach(async () => {
    await tp.close();
    tp.expectNoProblems();
  });

  const h1 = () => tp.page.getByRole("heading", { level: 1 });

  describe("logging in and out", () => {
    it.each(DEMO_USERS)("$email lands on $landing with name and organisation in the header, and logs out by POST", async (user) => {
      const { page } = tp;
      await login(page, user.email);
      expect(new URL(page.url()).pathname).toBe(user.landing);
      await expect.poll(() => h1().textContent()).toMatch(user.h1);
      const banner = page.getByRole("banner");
      expect(await banner.textContent()).toContain(`${user.name}, ${user.organisation}`);
      await expectNoSeriousAxeViolations(page);

      const logoutRequest = page.waitForRequest((r) => new URL(r.url()).pathname === "/logout");
      await banner.getByRole("button", { name: "Log af" }).click();
      expect((await logoutRequest).method()).toBe("POST");
      await page.waitForURL((url) => url.pathname === "/login");
      // The address changes before React renders the login page, so the page is polled.
      await expect.poll(() => h1().textContent()).toBe("Log ind");
      expect(await page.getByRole("status").textContent()).toContain("Du er nu logget af.");
      expect(await banner.textContent()).not.toContain(user.name);
    });

    it("shows a wrong password in the error summary, keeps the e-mail and moves focus to the summary", async () => {
      const { page } = tp;
      await visit(page, "/login");
      await page.getByLabel("E-mail", { exact: true }).fill("hr@nordbyg.example");
      await page.getByLabel("Adgangskode", { exact: true }).fill("forkert-kode");
      await page.getByRole("button", { name: "Log ind" }).click();

      const summary = page.locator(".alert-error[data-module='error-summary']");
      await summary.waitFor();
      expect(await summary.textContent()).toContain("Forkert e-mail eller adgangskode.");
      expect(await page.getByLabel("E-mail", { exact: true }).inputValue()).toBe("hr@nordbyg.example");
      expect(await page.getByLabel("Adgangskode", { exact: true }).inputValue()).toBe("");
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest("[data-module='error-summary']") !== null)).toBe(true);
      expect(new URL(page.url()).pathname).toBe("/login");
      await expectNoSeriousAxeViolations(page);
    });

    it("shows each field's error next to the field after an empty submit", async () => {
      const { page } = tp;
      await visit(page, "/login");
      await page.getByRole("button", { name: "Log ind" }).click();

      const email = page.getByLabel("E-mail", { exact: true });
      const password = page.getByLabel("Adgangskode", { exact: true });
      await expect.poll(() => email.getAttribute("aria-invalid")).toBe("true");
      for (const [input, message] of [
        [email, "Indtast din e-mailadresse."],
        [password, "Indtast din adgangskode."],
      ] as const) {
        const group = page.locator(".form-group.form-error").filter({ has: input });
        expect(await group.locator(".form-error-message").textContent()).toContain(message);
        const errorId = await group.locator(".form-error-message").getAttribute("id");
        expect((await input.getAttribute("aria-describedby"))?.split(" ")).toContain(errorId);
      }
      const summary = page.locator("[data-module='error-summary']");
      expect(await summary.getByRole("link").allTextContents()).toEqual(["Indtast din e-mailadresse.", "Indtast din adgangskode."]);
      await expectNoSeriousAxeViolations(page);
    });

    it("sends an anonymous visitor to the login page and back to the page they asked for", async () => {
      const { page } = tp;
      await visit(page, "/virksomhed");
      const url = new URL(page.url());
      expect(url.pathname + url.search).toBe("/login?redirectTo=%2Fvirksomhed");
      await login(page, "hr@solskin.example");
      expect(new URL(page.url()).pathname).toBe("/virksomhed");
      await expect.poll(() => h1().textContent()).toBe("Overblik");
    });

    it("answers an HR user who opens the jobcenter with the Danish 403 page", async () => {
      const { page } = tp;
      await login(page, "hr@nordbyg.example");
      const response = await page.goto("/jobcenter");
      expect(response?.status()).toBe(403);
      await waitForHydration(page);
      expect(await h1().textContent()).toBe("Ingen adgang");
      expect(await page.title()).toBe("Ingen adgang – Fasthold");
      await expectNoSeriousAxeViolations(page);
    });
  });

  describe("keyboard", () => {
    it("makes the skip link the first Tab stop and lets it move to the content", async () => {
      const { page } = tp;
      await visit(page, "/login");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Gå til sidens indhold");
      await page.keyboard.press("Enter");
      expect(new URL(page.url()).hash).toBe("#main-content");
      // The next Tab starts from the main content, so it skips the header's links.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
    });

    it("logs in with the keyboard only: Tab to the fields, type, Enter", async () => {
      const { page } = tp;
      await visit(page, "/login");
      const focusedId = () => page.evaluate(() => document.activeElement?.id ?? "");
      const emailId = await page.getByLabel("E-mail", { exact: true }).getAttribute("id");
      const passwordId = await page.getByLabel("Adgangskode", { exact: true }).getAttribute("id");
      let tabs = 0;
      while ((await focusedId()) !== emailId) {
        expect(++tabs, "the e-mail field is reachable with Tab").toBeLessThan(20);
        await page.keyboard.press("Tab");
      }
      await page.keyboard.type("aarhus@jobcenter.example");
      await page.keyboard.press("Tab");
      expect(await focusedId()).toBe(passwordId);
      await page.keyboard.type("demo-fasthold");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname === "/jobcenter");
      await expect.poll(() => h1().textContent()).toMatch(/^Indbakke – Aarhus/);
    });
  });

  describe("pages every visitor can reach", () => {
    it("has no serious accessibility problem on the login page", async () => {
      await visit(tp.page, "/login");
      expect(await tp.page.locator("html").getAttribute("lang")).toBe("da");
      expect(await tp.page.title()).toBe("Log ind – Fasthold");
      await expectNoSeriousAxeViolations(tp.page);
    });

    it("answers an unknown address with a Danish 404 page", async () => {
      const { page } = tp;
      const response = await page.goto("/findes-ikke");
      expect(response?.status()).toBe(404);
      await waitForHydration(page);
      expect(await h1().textContent()).toBe("Siden findes ikke");
      expect(await page.title()).toBe("Siden findes ikke – Fasthold");
      expect(await page.locator("html").getAttribute("lang")).toBe("da");
      expect(await page.getByRole("link", { name: "Gå til forsiden" }).count()).toBe(1);
      await expectNoSeriousAxeViolations(page);
    });

    it("links the accessibility statement from the footer", async () => {
      const { page } = tp;
      await visit(page, "/");
      await expectNoSeriousAxeViolations(page);
      await page.getByRole("contentinfo").getByRole("link", { name: "Tilgængelighedserklæring" }).click();
      await page.waitForURL((url) => url.pathname === "/tilgaengelighed");
      await expect.poll(() => h1().textContent()).toBe("Tilgængelighedserklæring");
      await expectNoSeriousAxeViolations(page);
    });
  });
});
