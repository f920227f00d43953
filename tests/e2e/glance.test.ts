/**
 * The pictures as a user sees them: the absence timeline and the statistics page
 * at desktop and phone widths, with axe, and the timeline on an A4 print.
 * Screenshots go to tests/.tmp/glance-*.png for a person to look at.
 */
import path from "node:path";
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayInCopenhagen } from "~/domain/dates";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, type TestPage } from "../support/browser";
import { TMP_DIR } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

const WIDTHS = [1280, 390] as const;

describe.skipIf(!chromiumAvailable())("the pictures of absence", () => {
  let server: RunningServer;
  let browser: Browser;
  let tp: TestPage;
  let absenceId: number;
  const today = todayInCopenhagen(new Date());

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const db = new Database(server.databasePath);
    ({ absenceId } = db.prepare("select a.id as absenceId from absences a join employees e on e.id = a.employee_id where e.name = 'Mette Kjær'").get() as { absenceId: number });
    // A department, a few past absences and the company's policy turned on, so every part of the statistics page shows.
    const company = (db.prepare("select company_id as id from users where email = 'hr@nordbyg.example'").get() as { id: number }).id;
    const department = Number(db.prepare("insert into departments (company_id, name) values (?, 'Montage')").run(company).lastInsertRowid);
    db.prepare("update employees set department_id = ? where company_id = ?").run(department, company);
    const employee = (db.prepare("select id from employees where company_id = ? and name = 'Jonas Bøgh'").get(company) as { id: number }).id;
    for (const back of [40, 90, 150]) {
      db.prepare("insert into absences (company_id, employee_id, first_absence_day, extent, pay, expected_over_8_weeks, returned_on, conversation_held_on) values (?, ?, ?, 'full', 'salary', 0, ?, ?)").run(
        company,
        employee,
        addDays(today, -back),
        addDays(today, -back + 3),
        addDays(today, -back + 2),
      );
    }
    db.prepare("update companies set absence_prompt_min_periods = 2, absence_prompt_months = 12 where id = ?").run(company);
    db.close();
    tp = await newPage(browser, server.baseUrl);
    await login(tp.page, "hr@nordbyg.example");
  });

  afterAll(async () => {
    await tp?.close();
    await browser?.close();
    await server?.stop();
  });

  const pages = () => [
    { name: "absence", path: `/virksomhed/fravaer/${absenceId}`, picture: '[data-testid="absence-timeline"]' },
    { name: "calculator", path: `/frister?firstAbsenceDay=${addDays(today, -20)}&pay=salary&expectedOver8Weeks=on`, picture: '[data-testid="absence-timeline"]' },
    { name: "statistics", path: "/virksomhed/statistik", picture: '[data-testid="monthly-chart"]' },
  ];

  for (const width of WIDTHS) {
    it.each(["absence", "calculator", "statistics"])(`%s fits ${width} px, draws its picture and passes axe`, async (name) => {
      const { page } = tp;
      const target = pages().find((p) => p.name === name)!;
      await page.setViewportSize({ width, height: 900 });
      await visit(page, target.path);
      await expect.poll(() => page.locator(target.picture).count()).toBe(1);
      // The picture scrolls inside its own box; the page itself never scrolls sideways.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      if (name !== "statistics") {
        expect(await page.locator('[data-testid="timeline-today"]').count()).toBe(1);
        const listed = await page.locator(".timeline-list li").count();
        expect(listed).toBe(await page.locator(".timeline-marker-group").count());
        expect(listed).toBeGreaterThan(2);
      } else {
        expect(await page.locator('[data-testid="frequent-table"] tr[data-employee]').count()).toBe(1);
      }
      await page.screenshot({ path: path.join(TMP_DIR, `glance-${name}-${width}.png`), fullPage: true });
      await expectNoSeriousAxeViolations(page);
      tp.expectNoProblems();
    });
  }

  it("prints the absence timeline within an A4 page", async () => {
    const { page } = tp;
    await page.setViewportSize({ width: 1280, height: 900 });
    await visit(page, `/virksomhed/fravaer/${absenceId}`);
    await page.emulateMedia({ media: "print" });
    try {
      // A4 at 96 dpi less the 15 mm side margins: 180 mm ≈ 680 px.
      await page.setViewportSize({ width: 680, height: 900 });
      const box = await page.locator(".absence-timeline-scroll > svg").boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(681);
      expect(await page.locator(".absence-timeline-scroll").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
      await page.pdf({ path: path.join(TMP_DIR, "glance-absence-print.pdf"), format: "A4" });
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
  });
});
