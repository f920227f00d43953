/**
 * The doctor's PDF round trip in a browser: HR downloads the declaration, the doctor fills part 2
 * in a PDF viewer, HR uploads the file and confirms the answer the portal read back from it.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { addDays, formatDanishDate, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, visit, waitForHydration } from "../support/browser";
import { createDeclaration, signedIn } from "../support/http";
import { useJourney } from "../support/journey";
import { queryOne } from "../support/server";

const JOURNEY_STEP_TIMEOUT = 90_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fasthold-doctor-journey-"));

describe.skipIf(!chromiumAvailable())("the doctor's PDF in a browser", () => {
  const journey = useJourney({ hr: "hr@nordbyg.example" });
  const today = todayInCopenhagen(new Date());
  let documentId = 0;

  it("HR downloads the declaration, and the doctor's filled-in PDF comes back prefilled for HR to confirm", async () => {
    const { absenceId, employeeId } = (await queryOne<{ absenceId: number; employeeId: number }>(
      journey.server,
      "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = 'Søren Ærø Åberg'",
    ));
    documentId = await createDeclaration(await signedIn(journey.server.baseUrl, "hr@nordbyg.example"), { employeeId, absenceId, meetingDate: today, doctorDeadline: addDays(today, 14) });

    const { page } = journey.pages.hr;
    await visit(page, `/virksomhed/dokumenter/${documentId}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Hent PDF" }).click()]);
    const doc = await PDFDocument.load(fs.readFileSync(await download.path()));
    const form = doc.getForm();
    form.getRadioGroup("doctorSoundness").select("ja");
    form.getRadioGroup("doctorCapacity").select("som-aftalt");
    form.getTextField("doctorExpectedDuration").setText("2 uger");
    form.getTextField("doctorRemarks").setText("Kan begynde med fire timer om dagen og øge gradvis.");
    form.getTextField("doctorDate").setText(formatDanishDate(today));
    form.getTextField("doctorName").setText("Åse Ørum");
    const filled = path.join(tmp, "svar.pdf");
    fs.writeFileSync(filled, await doc.save());

    await page.getByRole("link", { name: "Registrér lægens svar eller upload PDF" }).click();
    await page.waitForURL(/laegens-svar$/);
    await waitForHydration(page);
    await page.getByLabel("PDF-fil").setInputFiles(filled);
    await page.getByRole("button", { name: "Upload PDF" }).click();
    await page.waitForURL(/laegens-svar\?bilag=\d+/);
    await waitForHydration(page);
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Lægens svar er læst fra PDF-filen");
    await expect.poll(() => page.getByLabel("Lægen finder ordningen helbredsmæssigt forsvarlig").isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel("Forventet varighed af fraværet").inputValue()).toBe("2 uger");
    await expect.poll(() => page.getByLabel("Lægens bemærkninger om arbejdet").inputValue()).toBe(
      "Som aftalt i del 1.\n\nKan begynde med fire timer om dagen og øge gradvis.",
    );
    await expectNoSeriousAxeViolations(page);
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `no sideways scrolling at ${width} px`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: path.join(tmp, `prefilled-${width}.png`), fullPage: true });
    }
    await page.getByRole("button", { name: "Gem lægens svar" }).click();
    await page.waitForURL(/gemt=laegesvar/);
    await expect.poll(() => page.locator("main").textContent()).toContain("Lægen finder ordningen helbredsmæssigt forsvarlig");
    await expect.poll(() => page.locator("main").textContent()).toContain("Kan begynde med fire timer om dagen");
    journey.pages.hr.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);

  it("HR prints the employee's notice of the doctor's deadline", async () => {
    const { absenceId, employeeId } = (await queryOne<{ absenceId: number; employeeId: number }>(
      journey.server,
      "select a.id as absenceId, e.id as employeeId from absences a join employees e on e.id = a.employee_id where e.name = 'Mette Kjær'",
    ));
    const other = await createDeclaration(await signedIn(journey.server.baseUrl, "hr@nordbyg.example"), { employeeId, absenceId, meetingDate: today, doctorDeadline: addDays(today, 10) });
    const { page } = journey.pages.hr;
    await page.setViewportSize({ width: 390, height: 900 });
    await visit(page, `/virksomhed/dokumenter/${other}`);
    await page.getByRole("link", { name: "Påmindelse til medarbejderen om lægens frist" }).click();
    await page.waitForURL(/paamindelse$/);
    await expect.poll(() => page.locator("main").textContent()).toContain(formatDanishDate(addDays(today, 10)));
    await expectNoSeriousAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(tmp, "notice-390.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(tmp, "notice-print.png"), fullPage: true });
    journey.pages.hr.expectNoProblems();
  }, JOURNEY_STEP_TIMEOUT);
});
