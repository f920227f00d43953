/**
 * A mulighedserklæring in a browser: HR fills part 1 step by step, is warned
 * about a diagnosis word and rewrites, downloads the PDF for the doctor,
 * records the doctor's answer and sends it to the jobcenter, which sees it.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, visit, waitForHydration } from "../support/browser";
import { useJourney } from "../support/journey";

/** A journey step submits several forms and runs axe: slow when other suites share the two cores. */
const JOURNEY_STEP_TIMEOUT = 90_000;

describe.skipIf(!chromiumAvailable())("a mulighedserklæring in a browser", () => {
  const journey = useJourney({ hr: "hr@nordbyg.example", caseworker: "aarhus@jobcenter.example" });
  const today = todayInCopenhagen(new Date());
  let documentUrl = "";

  it("HR starts it from the absence and fills part 1 in four steps, rewriting a diagnosis word", async () => {
    const { page } = journey.pages.hr;
    await visit(page, "/virksomhed/medarbejdere");
    await page.getByRole("link", { name: "Søren Ærø Åberg" }).click();
    await page.getByRole("link", { name: /^FH-\d{6}$/ }).first().click();
    // The employee page has a link of the same name: be on the absence page before clicking.
    await page.waitForURL(/\/virksomhed\/fravaer\/\d+$/);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Sygefravær");
    await page.getByRole("link", { name: "Start mulighedserklæring" }).click();
    await page.waitForURL(/mulighedserklaering\/ny/);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Start del 1" }).click();
    await page.waitForURL(/trin\/parter$/);
    await waitForHydration(page);
    await expect.poll(() => page.getByLabel("Kontaktperson hos arbejdsgiveren").inputValue()).toBe("Lise Holm");
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toContain("Parterne");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Gem og fortsæt" }).click();

    await page.waitForURL(/trin\/begraensninger$/);
    await waitForHydration(page);
    await page.getByLabel("1. Medarbejderens funktionsbegrænsninger i forhold til arbejdet").fill("Har en diskusprolaps og kan ikke løfte.");
    await page.getByLabel("2. Arbejdsfunktioner, der er påvirket").fill("Tunge løft og montage over skulderhøjde.");
    await page.getByRole("button", { name: "Gem og fortsæt" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("nævne en diagnose (diskusprolaps)");
    await expect.poll(() => page.getByLabel("2. Arbejdsfunktioner, der er påvirket").inputValue()).toBe("Tunge løft og montage over skulderhøjde.");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("1. Medarbejderens funktionsbegrænsninger i forhold til arbejdet").fill("Kan ikke løfte over 5 kg eller stå i længere tid.");
    await page.getByRole("button", { name: "Gem og fortsæt" }).click();

    await page.waitForURL(/trin\/tilpasninger$/);
    await waitForHydration(page);
    await page.getByLabel("Ændrede arbejdsopgaver").check();
    await page.getByLabel("Nedsat arbejdstid").check();
    await page.getByLabel("Timer om ugen under nedsat tid").fill("20");
    await page.getByLabel("Beskriv tilpasningerne").fill("Lettere opgaver ved montagebordet, 4 timer om dagen.");
    await page.getByLabel("4. Forventet varighed af tilpasningerne (uger)").fill("6");
    await page.getByRole("button", { name: "Gem og fortsæt" }).click();

    await page.waitForURL(/trin\/moede$/);
    await waitForHydration(page);
    await expect.poll(() => page.getByLabel("Frist for lægens del").inputValue()).toBe(formatDanishDate(addDays(today, 14)));
    await page.getByLabel("Arbejdsgiver og medarbejder har begge deltaget i mødet og udfyldt del 1 sammen").check();
    await page.getByRole("button", { name: "Gem og afslut del 1" }).click();
    await page.waitForURL(/dokumenter\/\d+\?gemt=del1$/);
    documentUrl = page.url().replace(/\?.*$/, "");
    await expect.poll(() => page.locator("main").textContent()).toContain("Del 1 udfyldt");
    await expect.poll(() => page.locator("main").textContent()).toContain(formatDanishDate(addDays(today, 14)));
    journey.pages.hr.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);

  it("HR downloads the PDF for the doctor and marks it sent", async () => {
    const { page } = journey.pages.hr;
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Hent PDF" }).click()]);
    expect(download.suggestedFilename()).toBe(`mulighedserklaering-${today}.pdf`);
    const file = await download.path();
    const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Søren Ærø Åberg");
    expect(text).toContain("Kan ikke løfte over 5 kg");
    expect(text).toContain("Del 2 – udfyldes af medarbejderens læge");
    await page.getByLabel("Dato erklæringen blev givet til medarbejderen til lægen").fill(today);
    await page.getByRole("button", { name: "Markér som sendt til lægen" }).click();
    await page.waitForURL(/gemt=laege/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Sendt til lægen");
    journey.pages.hr.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);

  it("HR records the doctor's answer and sends the declaration to the jobcenter", async () => {
    const { page } = journey.pages.hr;
    await page.getByRole("link", { name: "Registrér lægens svar" }).click();
    await page.waitForURL(/laegens-svar$/);
    await waitForHydration(page);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Lægen finder ordningen delvist forsvarlig").check();
    await page.getByLabel("Forventet varighed af fraværet").fill("3 uger");
    await page.getByLabel("Lægens bemærkninger om arbejdet").fill("Kan mere end aftalt efter 2 uger.");
    await page.getByRole("button", { name: "Gem lægens svar" }).click();
    await page.waitForURL(/gemt=laegesvar/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Lægen finder ordningen delvist forsvarlig");
    await page.getByRole("button", { name: "Send til jobcenter" }).click();
    await page.waitForURL(/gemt=sendt/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Sendt til Aarhus");
    expect(documentUrl).toMatch(/dokumenter\/\d+$/);
    journey.pages.hr.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);

  it("the Aarhus caseworker finds it in the inbox and reads part 1", async () => {
    const { page } = journey.pages.caseworker;
    await visit(page, "/jobcenter?type=mulighedserklaering");
    await page.getByTestId("jobcenter-inbox").getByRole("link", { name: "Mulighedserklæring" }).first().click();
    await page.waitForURL(/\/jobcenter\/indsendelser\/\d+/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Kan ikke løfte over 5 kg eller stå i længere tid.");
    journey.pages.caseworker.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);
});
