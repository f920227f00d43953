/**
 * An administrator invites a colleague from the users page; the colleague
 * reads the e-mail (from an SMTP server in this process), opens the link,
 * chooses a password, logs in and turns off the daily digest.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, waitForHydration, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";
import { linkIn, startSmtpServer, type TestSmtpServer } from "../support/smtp";

/** Every step logs in or hashes a password (scrypt, 128 MiB) on a shared 2-core machine. */
const SLOW = 90_000;

describe.skipIf(!chromiumAvailable())("inviting a colleague", () => {
  let smtp: TestSmtpServer;
  let server: RunningServer;
  let browser: Browser;
  let admin: TestPage;
  let colleague: TestPage;
  let invitationLink = "";

  beforeAll(async () => {
    smtp = await startSmtpServer();
    [server, browser] = await Promise.all([startServer({ SMTP_URL: smtp.url, MAIL_POLL_MS: "100" }), launchBrowser()]);
    admin = await newPage(browser, server.baseUrl);
    colleague = await newPage(browser, server.baseUrl);
    await login(admin.page, "hr@nordbyg.example");
  }, SLOW);

  afterAll(async () => {
    await admin?.close();
    await colleague?.close();
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  it("the administrator sends an invitation from the users page", async () => {
    const { page } = admin;
    await page.getByRole("link", { name: "Brugere", exact: true }).click();
    await page.waitForURL(/\/brugere$/);
    await waitForHydration(page);
    await expect.poll(() => page.getByTestId("users").textContent()).toContain("Lise Holm");
    await expectNoSeriousAxeViolations(page);

    const form = page.locator("form#invite");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Indtast et navn.");
    await form.getByLabel("Navn").fill("Kim Kollega");
    await form.getByLabel("E-mail").fill("kim@nordbyg.example");
    await form.getByRole("button", { name: "Send invitation" }).click();
    await page.waitForURL(/gemt=inviteret/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Invitationen er sendt.");
    await expect.poll(() => page.locator("main").textContent()).toContain("Kim Kollega (kim@nordbyg.example)");
    admin.expectNoProblems();
  }, SLOW);

  it("the colleague gets the e-mail, opens the link and chooses a password", async () => {
    const mail = await smtp.waitFor((m) => m.to.includes("kim@nordbyg.example"));
    expect(mail.subject).toBe("Invitation til Fasthold fra Nordbyg ApS");
    invitationLink = linkIn(mail.text, "/invitation/");
    const { page } = colleague;
    await visit(page, new URL(invitationLink).pathname);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Opret din bruger");
    expect(await page.getByLabel("Dit navn").inputValue()).toBe("Kim Kollega");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Adgangskode", { exact: true }).fill("kims-blå-cykel-hjem");
    await page.getByLabel("Gentag adgangskode").fill("noget-andet");
    await page.getByRole("button", { name: "Opret bruger" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("De to adgangskoder er ikke ens.");
    await page.getByLabel("Adgangskode", { exact: true }).fill("kims-blå-cykel-hjem");
    await page.getByLabel("Gentag adgangskode").fill("kims-blå-cykel-hjem");
    await page.getByRole("button", { name: "Opret bruger" }).click();
    await page.waitForURL(/\/login\?oprettet=1/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Din bruger er oprettet.");
    colleague.expectNoProblems();
  }, SLOW);

  it("the colleague logs in, and the link does not work a second time", async () => {
    const { page } = colleague;
    await login(page, "kim@nordbyg.example", "kims-blå-cykel-hjem");
    await expect.poll(() => page.url()).toMatch(/\/virksomhed$/);
    await expect.poll(() => page.locator(".portal-user").textContent()).toContain("Kim Kollega");
    // A colleague is not an administrator: no users page in the menu.
    expect(await page.getByRole("link", { name: "Brugere", exact: true }).count()).toBe(0);

    const again = await page.goto(new URL(invitationLink).pathname);
    expect(again?.status()).toBe(410);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Invitationen er allerede brugt");
    colleague.expectNoProblems();
  }, SLOW);

  it("the colleague turns off the daily digest on Min konto", async () => {
    const { page } = colleague;
    await visit(page, "/konto");
    await expectNoSeriousAxeViolations(page);
    const digest = page.getByLabel("En daglig oversigt");
    expect(await digest.isChecked()).toBe(true);
    await digest.uncheck();
    await page.getByRole("button", { name: "Gem valg om e-mail" }).click();
    await page.waitForURL(/gemt=mail/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Dine valg om e-mail er gemt.");
    expect(await page.getByLabel("En daglig oversigt").isChecked()).toBe(false);
    expect(await page.getByLabel("Besked med det samme fra jobcentret").isChecked()).toBe(true);
    colleague.expectNoProblems();
  }, SLOW);

  it("the administrator sees the last login and deactivates the colleague", async () => {
    const { page } = admin;
    await visit(page, "/brugere");
    const row = page.getByRole("row", { name: /Kim Kollega/ });
    await expect.poll(() => row.textContent()).not.toContain("Aldrig");
    await row.getByRole("button", { name: "Deaktivér Kim Kollega" }).click();
    await page.waitForURL(/gemt=deactivate/);
    await expect.poll(() => page.getByRole("row", { name: /Kim Kollega/ }).textContent()).toContain("Deaktiveret");
    admin.expectNoProblems();

    await colleague.page.goto("/virksomhed");
    await expect.poll(() => colleague.page.url()).toContain("/login");
  }, SLOW);

  it("anyone can ask for a reset link from the login page", async () => {
    const visitor = await newPage(browser, server.baseUrl);
    const { page } = visitor;
    await visit(page, "/login");
    await page.getByRole("link", { name: "Glemt adgangskode?" }).click();
    await page.waitForURL(/\/glemt-adgangskode$/);
    await waitForHydration(page);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("E-mail").fill("hr@solskin.example");
    await page.getByRole("button", { name: "Send link" }).click();
    await page.waitForURL(/sendt=1/);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Hvis adressen hører til en bruger");
    const mail = await smtp.waitFor((m) => m.to.includes("hr@solskin.example") && m.subject.startsWith("Nulstil"));
    await visit(page, new URL(linkIn(mail.text, "/nulstil/")).pathname);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Vælg ny adgangskode");
    await expectNoSeriousAxeViolations(page);
    visitor.expectNoProblems();
    await visitor.close();
  }, SLOW);
});
