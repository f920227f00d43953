/**
 * The frame of a browser journey: a started server, one Chromium, and a
 * signed-in page per demo user, set up before the file's tests and closed after.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser, login, newPage, type TestPage } from "./browser";
import { startServer, type RunningServer } from "./server";

export interface Journey<K extends string> {
  server: RunningServer;
  browser: Browser;
  pages: Record<K, TestPage>;
}

export function useJourney<K extends string>(logins: Record<K, string>): Journey<K> {
  const journey = { pages: {} } as Journey<K>;
  beforeAll(async () => {
    [journey.server, journey.browser] = await Promise.all([startServer(), launchBrowser()]);
    for (const [who, email] of Object.entries(logins) as Array<[K, string]>) {
      journey.pages[who] = await newPage(journey.browser, journey.server.baseUrl);
      await login(journey.pages[who].page, email);
    }
  });
  afterAll(async () => {
    for (const page of Object.values<TestPage>(journey.pages)) await page.close();
    await journey.browser?.close();
    await journey.server?.stop();
  });
  return journey;
}
