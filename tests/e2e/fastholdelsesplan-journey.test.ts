/**
 * A fastholdelsesplan in a browser: HR makes the plan the employee asked for
 * on a long absence, with steps and the first follow-up as its target, then
 * uploads the doctor's returned declaration on the employee's mulighedserklæring.
 */
import { describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { createDeclaration, signedIn } from "../support/http";
import { chromiumAvailable, expectNoSeriousAxeViolations, visit, waitForHydration } from "../support/browser";
import { useJourney } from "../support/journey";
import { queryOne } from "../support/server";

/** A journey step submits several forms and runs axe: slow when other suites share the two cores. */
const JOURNEY_STEP_TIMEOUT = 90_000;

describe.skipIf(!chromiumAvailable())("a fastholdelsesplan and an uploaded doctor's answer in a browser", () => {
  const journey = useJourney({ hr: "hr@nordbyg.example" });
  const today = todayInCopenhagen(new Date());

  it("HR writes the plan, adding steps as needed and removing one again", async () => {
    const { page } = journey.pages.hr;
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Søren Ærø Åberg" }).click();
    await page.getByRole("link", { name: /^FH-\d{6}$/ }).first().click();
    await page.getByRole("link", { name: "Fastholdelsesplan" }).click();
    await page.waitForURL(/fastholdelsesplan$/);
    await waitForHydration(page);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Vi laver en fastholdelsesplan").check();
    await page.getByLabel("Mål for planen").fill("Fuld tilbagevenden til tømrerarbejdet.");
    const steps = page.locator("fieldset.plan-step");
    await expect.poll(() => steps.count()).toBe(1);
    await page.getByRole("button", { name: "Tilføj trin" }).click();
    await page.getByRole("button", { name: "Tilføj trin" }).click();
    await expect.poll(() => steps.count()).toBe(3);
    await steps.nth(2).getByLabel("Hvad skal ske").fill("Et trin, der fjernes igen");
    await page.getByRole("button", { name: "Fjern trin 3" }).click();
    await expect.poll(() => steps.count()).toBe(2);
    await steps.nth(0).getByLabel("Hvad skal ske").fill("Opstart 3 timer om dagen");
    await steps.nth(0).getByLabel("Dato").fill(addDays(today, 7));
    await steps.nth(0).getByLabel("Ansvarlig").fill("Lise Holm");
    await steps.nth(1).getByLabel("Hvad skal ske").fill("Fuld tid uden tunge løft");
    await steps.nth(1).getByLabel("Dato").fill(addDays(today, 21));
    await page.getByRole("button", { name: "Gem fastholdelsesplan" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Angiv hvem der er ansvarlig.");
    await steps.nth(1).getByLabel("Ansvarlig").fill("Søren Ærø Åberg");
    // Enter saves the plan; it does not press the first "Fjern trin" button.
    await steps.nth(1).getByLabel("Ansvarlig").press("Enter");
    await page.waitForURL(/dokumenter\/\d+\?gemt=oprettet$/);
    const main = () => page.locator("main").textContent();
    await expect.poll(main).toContain(`${formatDanishDate(addDays(today, 7))}: Opstart 3 timer om dagen (ansvarlig: Lise Holm)`);
    await expect.poll(main).toContain("Fuld tid uden tunge løft (ansvarlig: Søren Ærø Åberg)");
    await expect.poll(() => page.locator("main ol li").count()).toBe(2);
    journey.pages.hr.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);

  it("HR uploads the doctor's returned PDF, and a file that is not a PDF is refused at the field", async () => {
    const { page } = journey.pages.hr;
    const { employeeId, absenceId } = (await queryOne<{ employeeId: number; absenceId: number }>(
      journey.server,
      "select e.id as employeeId, a.id as absenceId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
    ));
    const client = await signedIn(journey.server.baseUrl, "hr@nordbyg.example");
    const documentId = await createDeclaration(client, { employeeId, absenceId, meetingDate: today, doctorDeadline: addDays(today, 14) });
    await visit(page, `/virksomhed/dokumenter/${documentId}/laegens-svar`);
    await page.getByLabel("PDF-fil").setInputFiles({ name: "svar.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf") });
    await page.getByRole("button", { name: "Upload PDF" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("Filen er ikke en gyldig PDF.");
    await page.getByLabel("PDF-fil").setInputFiles({ name: "svar.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%%EOF\n") });
    await page.getByRole("button", { name: "Upload PDF" }).click();
    // Stored at once; a file that is not the portal's own filled-in form leaves HR to type the answer.
    await page.waitForURL(/bilag=\d+/);
    await expect.poll(() => page.locator("main").textContent()).toContain("PDF-filen er gemt");
    await expect.poll(() => page.locator("main").textContent()).toContain("Læs lægens svar i filen, og registrér det herunder.");
    await visit(page, `/virksomhed/dokumenter/${documentId}`);
    await expect.poll(() => page.locator("main").textContent()).toContain("Lægens returnerede erklæring");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Hent PDF 1/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^mulighedserklaering-laegens-svar-\d+\.pdf$/);
    journey.pages.hr.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);
});
