/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium) through
 * playwright-core; no browser is ever downloaded. Each test file starts one
 * server (startServer) and one browser, and opens a fresh context per journey
 * so cookies never leak between users.
 */
import fs from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_INSTALL_COMMAND = "apt-get install -y chromium";

/**
 * Without these flags Chromium tries to reach Google's services (updates,
 * sync, QUIC probes), which this machine cannot, and the GPU is absent.
 */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The Chromium binary to drive: CHROMIUM_PATH when set (also to simulate a missing browser), else Debian's. */
export function chromiumPath(): string | null {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find(isExecutable) ?? null;
}

/**
 * Call once at the top of a browser test file and pass the result to
 * `describe.skipIf(!available)`. A missing Chromium skips the file with the
 * install command locally, and fails it in CI, where skipping would hide
 * that the browser journeys never ran.
 */
export function chromiumAvailable(): boolean {
  if (chromiumPath()) return true;
  const where = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const message = `Chromium was not found at ${where}; install it with \`${CHROMIUM_INSTALL_COMMAND}\`.`;
  if (process.env.CI === "true") throw new Error(`${message} Browser tests cannot be skipped when CI=true.`);
  console.warn(`${message} The browser tests are skipped.`);
  return false;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error(`Chromium is not installed: ${CHROMIUM_INSTALL_COMMAND}`);
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, uncaught page errors and failed or broken requests, in order. */
  problems: string[];
  /** Fails with every recorded problem, then forgets them (so one test's problems are reported once). */
  expectNoProblems: () => void;
  close: () => Promise<void>;
}

/** Static assets that must load: a 4xx here is a broken page, unlike a 403/404 document or a 400 form reply. */
const ASSET_TYPES = new Set(["stylesheet", "script", "image", "font", "media", "manifest"]);

/**
 * A page in its own browser context (own cookies) that records what a user
 * would not see but a broken page produces: CSP refusals of scripts and
 * styles and React hydration errors reach the console as errors; uncaught
 * exceptions arrive as page errors.
 */
export async function newPage(browser: Browser, baseUrl: string, options: { locale?: string; javaScriptEnabled?: boolean } = {}): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? "da-DK",
    timezoneId: "Europe/Copenhagen",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    // Chromium logs every 4xx/5xx response this way, including the intended
    // 400 of a failed login and the 403/404 pages; responses are judged below.
    if (msg.text().startsWith("Failed to load resource: the server responded with a status of")) return;
    problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.stack ?? error.message}`));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "unknown";
    // A navigation cancels the previous page's pending requests; that is the browser's choice, not a fault.
    if (failure === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${request.method()} ${request.url()} (${failure})`);
  });
  page.on("response", (response) => {
    const status = response.status();
    const type = response.request().resourceType();
    if (status >= 500 || (status >= 400 && ASSET_TYPES.has(type))) {
      problems.push(`HTTP ${status} for ${type} ${response.url()}`);
    }
  });
  return {
    page,
    context,
    problems,
    expectNoProblems() {
      const found = problems.splice(0);
      if (found.length) throw new Error(`The browser reported ${found.length} problem(s):\n${found.join("\n")}`);
    },
    close: () => context.close(),
  };
}

/**
 * Waits until React has hydrated the page and DKFDS has initialised: root.tsx
 * loads the DKFDS script from an effect, so its presence means effects ran.
 * Before that a click submits the form natively, which works but skips the
 * client-side behaviour (focus management) a test may want to check.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const w = window as unknown as { DKFDS?: unknown; __remixRouter?: { state: { initialized: boolean } } };
    return Boolean(w.DKFDS) && Boolean(w.__remixRouter?.state.initialized);
  });
}

/** Opens a path and waits for hydration. */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForHydration(page);
}

/**
 * Logs in through the real form, as a user would. Stays on /login (keeping a
 * redirectTo in the address) when already there; waits until the next page
 * has rendered.
 */
export async function login(page: Page, email: string, password = "demo-fasthold"): Promise<void> {
  if (!page.url().includes("/login")) await page.goto("/login");
  await waitForHydration(page);
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Adgangskode", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log ind", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  // Remix updates the address before React renders the next page; the form leaving means it has.
  await page.locator("form#login").waitFor({ state: "detached" });
}

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Runs axe for WCAG 2.1 A and AA and fails on any serious or critical violation, listing rule, help and nodes. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length === 0) return;
  const report = serious
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 10)
        .map((n) => `    - ${n.target.join(" ")}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, "\n      ")}` : ""}`)
        .join("\n");
      const more = v.nodes.length > 10 ? `\n    … and ${v.nodes.length - 10} more` : "";
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join("\n");
  throw new Error(`axe found ${serious.length} serious/critical violation(s) on ${page.url()}:\n${report}`);
}
