/**
 * axe (WCAG 2.1 A/AA) and a clean console on the pages the journeys pass
 * through only briefly or not at all.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import Database from "better-sqlite3";
import { chromiumAvailable, expectNoSeriousAxeViolations, launchBrowser, login, newPage, visit, type TestPage } from "../support/browser";
import { startServer, type RunningServer } from "../support/server";

/** axe on a big page takes seconds on a shared 2-core machine. */
const SWEEP_TIMEOUT = 60_000;

describe.skipIf(!chromiumAvailable())("accessibility of every page kind", () => {
  let server: RunningServer;
  let browser: Browser;
  let hr: TestPage;
  let jc: TestPage;
  let ids: { employeeId: number; absenceId: number };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    hr = await newPage(browser, server.baseUrl);
    jc = await newPage(browser, server.baseUrl);
    await login(hr.page, "hr@nordbyg.example");
    await login(jc.page, "koebenhavn@jobcenter.example");
    const db = new Database(server.databasePath, { readonly: true });
    ids = db
      .prepare("select e.id as employeeId, a.id as absenceId from absences a join employees e on e.id = a.employee_id where e.name = 'Mette Kjær'")
      .get() as { employeeId: number; absenceId: number };
    db.close();
  });

  afterAll(async () => {
    await hr?.close();
    await jc?.close();
    await browser?.close();
    await server?.stop();
  });

  // Paths take the ids found once the server runs; one test a page, so each has its own time.
  const hrPages: Array<(ids: { employeeId: number; absenceId: number }) => string> = [
    () => "/virksomhed/medarbejdere",
    () => "/virksomhed/medarbejdere/ny",
    (i) => `/virksomhed/medarbejdere/${i.employeeId}`,
    (i) => `/virksomhed/medarbejdere/${i.employeeId}/rediger`,
    (i) => `/virksomhed/medarbejdere/${i.employeeId}/flyt`,
    (i) => `/virksomhed/medarbejdere/${i.employeeId}/sociale-kapitler`,
    (i) => `/virksomhed/medarbejdere/${i.employeeId}/sociale-kapitler/rediger`,
    (i) => `/virksomhed/medarbejdere/${i.employeeId}/mulighedserklaering/ny`,
    (i) => `/virksomhed/fravaer/${i.absenceId}`,
    (i) => `/virksomhed/fravaer/${i.absenceId}/rediger`,
    (i) => `/virksomhed/fravaer/${i.absenceId}/fast-track`,
    (i) => `/virksomhed/fravaer/${i.absenceId}/fastholdelsesplan`,
    () => "/virksomhed/indsendelser",
    () => "/virksomhed/indstillinger",
    () => "/virksomhed/sager",
    () => "/virksomhed/sager?aar=20x6&status=aaben&sorter=navn",
    () => "/notifikationer",
    () => "/konto",
    () => "/brugere",
    () => "/virksomhed/afdelinger",
    () => "/virksomhed/kalender",
    () => "/virksomhed/revisionslog",
    () => "/virksomhed/revisionslog?fra=2026-02-30&til=2026-01-01",
  ];

  it.each(hrPages.map((path, n) => [n + 1, path] as const))("HR page %i", async (_n, path) => {
    await visit(hr.page, path(ids));
    await expectNoSeriousAxeViolations(hr.page);
    hr.expectNoProblems();
  }, SWEEP_TIMEOUT);

  it.each(["/jobcenter", "/jobcenter/sager", "/jobcenter/sager?frist=snart&sorter=opfoelgning", "/jobcenter/sager?foedt=14.03", "/jobcenter?type=fast-track&status=received&sort=deadline", "/notifikationer", "/konto", "/brugere"])(
    "jobcenter page %s",
    async (path) => {
      await visit(jc.page, path);
      await expectNoSeriousAxeViolations(jc.page);
      jc.expectNoProblems();
    },
    SWEEP_TIMEOUT,
  );

  it("a link from an e-mail that does not work", async () => {
    const visitor = await newPage(browser, server.baseUrl);
    for (const path of [`/nulstil/${"A".repeat(43)}`, `/invitation/${"A".repeat(43)}`]) {
      await visit(visitor.page, path);
      await expectNoSeriousAxeViolations(visitor.page);
    }
    visitor.expectNoProblems();
    await visitor.close();
  }, SWEEP_TIMEOUT);
});
