/**
 * The whole conversation about a fastholdelsesplan, as both users click it: HR sends the plan
 * and gets a receipt; the caseworker asks for more; HR sees the question, adds a step and changes
 * the goal, and answers with the new version; the caseworker sees "Nyt svar fra virksomheden" and
 * the changes field by field, and approves after confirming; HR sees "Godkendt" and the receipt.
 * At every step each side's page, and HR's list, is checked for what that side should read.
 */
import { describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, visit, waitForHydration } from "../support/browser";
import { useJourney } from "../support/journey";

const STEP_TIMEOUT = 90_000;
const RECEIPT = /Modtaget af jobcentret \d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2}, sagsreference FH-\d{6}\./;

describe.skipIf(!chromiumAvailable())("the round trip of a fastholdelsesplan between HR and the caseworker", () => {
  const journey = useJourney({ hr: "hr@nordbyg.example", caseworker: "aarhus@jobcenter.example" });
  const today = todayInCopenhagen(new Date());
  let documentUrl = "";
  let reviewUrl = "";
  const main = (who: "hr" | "caseworker") => () => journey.pages[who].page.locator("main").textContent();
  const submissionsRow = async () => {
    const { page } = journey.pages.hr;
    await visit(page, "/virksomhed/indsendelser");
    return page.getByTestId("employer-submissions").locator("tbody tr").filter({ hasText: "Fastholdelsesplan" }).textContent();
  };

  it("HR writes the plan with one step, sends it and gets a receipt", async () => {
    const { page } = journey.pages.hr;
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Søren Ærø Åberg" }).click();
    await page.getByRole("link", { name: /^FH-\d{6}$/ }).first().click();
    await page.getByRole("link", { name: "Fastholdelsesplan" }).click();
    await page.waitForURL(/fastholdelsesplan$/);
    await waitForHydration(page);
    await page.getByLabel("Vi laver en fastholdelsesplan").check();
    await page.getByLabel("Mål for planen").fill("Tilbage på fuld tid.");
    const step = page.locator("fieldset.plan-step").first();
    await step.getByLabel("Dato").fill(formatDanishDate(addDays(today, 7)));
    await step.getByLabel("Hvad skal ske").fill("Opstart 3 timer om dagen");
    await step.getByLabel("Ansvarlig").fill("Lise Holm");
    await page.getByRole("button", { name: "Gem fastholdelsesplan" }).click();
    await page.waitForURL(/dokumenter\/\d+\?gemt=oprettet$/);
    documentUrl = page.url().split("?")[0]!;
    await page.getByRole("button", { name: "Send til jobcenter" }).click();
    await page.waitForURL(/gemt=sendt/);
    await expect.poll(main("hr")).toContain("Sendt – venter på jobcentret");
    await expect.poll(() => page.getByTestId("submission-receipt").textContent()).toMatch(RECEIPT);
    expect(await page.getByTestId("history-receipt").count()).toBe(1);
    expect(await submissionsRow()).toContain("Sendt – venter på jobcentret");
    journey.pages.hr.expectNoProblems();
  }, STEP_TIMEOUT);

  it("the caseworker sees a new submission, takes it and asks for more information", async () => {
    const { page } = journey.pages.caseworker;
    await visit(page, "/jobcenter");
    const row = page.getByTestId("jobcenter-inbox").locator("tbody tr").filter({ hasText: "Fastholdelsesplan" });
    await expect.poll(() => row.textContent()).toContain("Ny indsendelse");
    await row.getByRole("link").first().click();
    await page.waitForURL(/\/jobcenter\/indsendelser\/\d+/);
    reviewUrl = page.url().split("?")[0]!;
    // The first version has nothing to compare with.
    expect(await page.getByText(/Se ændringer/).count()).toBe(0);
    await page.getByRole("button", { name: "Tag sagen" }).click();
    await page.waitForURL(/gemt=take/);
    await expect.poll(main("caseworker")).toContain("Under behandling");
    await page.getByLabel("Besked til arbejdsgiveren").fill("Hvornår forventes fuld tid? Tilføj gerne et trin for det.");
    await page.getByRole("button", { name: "Send anmodning" }).click();
    await page.waitForURL(/gemt=request-information/);
    await expect.poll(main("caseworker")).toContain("Venter på virksomheden");
    journey.pages.caseworker.expectNoProblems();
  }, STEP_TIMEOUT);

  it("HR sees the question on the page, in the list and beside the form, adds a step, changes the goal and answers", async () => {
    const { page } = journey.pages.hr;
    expect(await submissionsRow()).toContain("Jobcentret venter på jeres svar");
    await visit(page, documentUrl);
    await expect.poll(main("hr")).toContain("Jobcentret venter på jeres svar");
    await expect.poll(main("hr")).toContain("Hvornår forventes fuld tid?");
    await page.getByRole("link", { name: "Ret (giver en ny version)" }).click();
    await waitForHydration(page);
    await expect.poll(() => page.getByRole("complementary", { name: "Jobcentrets spørgsmål" }).textContent()).toContain("Hvornår forventes fuld tid?");
    await page.getByLabel("Mål for planen").fill("Tilbage på fuld tid i egen funktion.");
    await page.getByRole("button", { name: "Tilføj trin" }).click();
    const second = page.locator("fieldset.plan-step").nth(1);
    await second.getByLabel("Dato").fill(formatDanishDate(addDays(today, 28)));
    await second.getByLabel("Hvad skal ske").fill("Fuld tid");
    await second.getByLabel("Ansvarlig").fill("Søren Ærø Åberg");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Gem", exact: true }).click();
    await page.waitForURL(/gemt=rettet/);
    await page.getByLabel("Dit svar til jobcentret").fill("Fuld tid efter fire uger; trinnet er tilføjet.");
    await page.getByRole("button", { name: "Send ny version med svar" }).click();
    await page.waitForURL(/gemt=svar/);
    await expect.poll(main("hr")).toContain("Svar sendt – jobcentret behandler sagen");
    await expect.poll(() => page.getByTestId("submission-receipt").textContent()).toMatch(RECEIPT);
    expect(await page.getByTestId("history-receipt").count()).toBe(2);
    expect(await submissionsRow()).toContain("Svar sendt – jobcentret behandler sagen");
    journey.pages.hr.expectNoProblems();
  }, STEP_TIMEOUT);

  it("the caseworker sees the new answer and what changed field by field, and approves after confirming", async () => {
    const { page } = journey.pages.caseworker;
    await visit(page, "/jobcenter");
    const row = page.locator(`tr[data-submission="${reviewUrl.split("/").at(-1)}"]`);
    await expect.poll(() => row.textContent()).toContain("Nyt svar fra virksomheden");
    await visit(page, reviewUrl);
    await expect.poll(main("caseworker")).toContain("Nyt svar fra virksomheden");
    await expect.poll(main("caseworker")).toContain("Fuld tid efter fire uger; trinnet er tilføjet.");
    const changes = page.getByTestId("version-changes-2");
    await changes.getByText("Se ændringer i version 2").click();
    const goal = changes.locator('[data-change="goal"]');
    await expect.poll(() => goal.textContent()).toBe("Mål for planenFør: Tilbage på fuld tid. → Nu: Tilbage på fuld tid i egen funktion.");
    await expect.poll(() => changes.locator('[data-change="steps"]').textContent()).toBe(
      `TrinTilføjet: ${formatDanishDate(addDays(today, 28))}: Fuld tid (ansvarlig: Søren Ærø Åberg)`,
    );
    // Only what changed: the first step and the request date are the same.
    expect(await changes.locator("[data-change]").count()).toBe(2);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Godkend", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain('Arbejdsgiveren ser status "Godkendt"');
    await expect.poll(main("caseworker")).toContain("Nyt svar fra virksomheden");
    await page.getByRole("button", { name: "Ja, godkend" }).click();
    await page.waitForURL(/gemt=approve/);
    await expect.poll(main("caseworker")).toContain("Godkendt");
    journey.pages.caseworker.expectNoProblems();
  }, STEP_TIMEOUT);

  it("HR sees Godkendt, the receipts and the same changes on the document page", async () => {
    const { page } = journey.pages.hr;
    expect(await submissionsRow()).toContain("Godkendt");
    await visit(page, documentUrl);
    await expect.poll(main("hr")).toContain("Godkendt");
    await expect.poll(() => page.getByTestId("submission-receipt").textContent()).toMatch(RECEIPT);
    expect(await page.getByTestId("history-receipt").count()).toBe(2);
    const changes = page.getByTestId("version-changes-2");
    await changes.getByText("Se ændringer i version 2").click();
    await expect.poll(() => changes.locator('[data-change="goal"]').textContent()).toContain("Nu: Tilbage på fuld tid i egen funktion.");
    await expectNoSeriousAxeViolations(page);
    journey.pages.hr.expectNoProblems();
  }, STEP_TIMEOUT);
});
