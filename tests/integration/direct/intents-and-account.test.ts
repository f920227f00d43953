/**
 * One way to read a form's intent (readIntent in app/utils/forms.server.ts) on the actions with
 * several buttons, and the account page's role rule, now in its model: called directly
 * (tests/support/direct.ts).
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, one } from "~db/client.server";
import { users } from "~db/schema";
import * as usersPage from "~/routes/brugere";
import * as accountPage from "~/routes/konto";
import * as settingsPage from "~/routes/virksomhed.indstillinger";
import { callAction, seedForDirectCalls, sessionCookieFor } from "../../support/direct";

let nordbyg: string;
let jobcenter: string;

const preferencesOf = async (email: string) => (await one(getDb().select({ digest: users.mailDigest, immediate: users.mailImmediate }).from(users).where(eq(users.email, email)).limit(1)))!;

beforeAll(async () => {
  await seedForDirectCalls();
  nordbyg = await sessionCookieFor("hr@nordbyg.example");
  jobcenter = await sessionCookieFor("aarhus@jobcenter.example");
});

describe("the intent of a form with several buttons", () => {
  const pages = [
    { name: "/konto", action: accountPage.action, cookie: () => nordbyg },
    { name: "/brugere", action: usersPage.action, cookie: () => nordbyg },
    { name: "/virksomhed/indstillinger", action: settingsPage.action, cookie: () => nordbyg },
  ];

  it.each(pages)("answers $name with 400 and a Danish message when the intent is unknown or missing", async (page) => {
    for (const fields of [{ intent: "delete-everything" }, {}] as Record<string, string>[]) {
      const res = await callAction(page.action, page.name, fields, { cookie: page.cookie() });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(await res.text()).toBe("Handlingen kendes ikke. Brug en af knapperne på siden.");
    }
  });

  it("sends a repeated intent to no action at all", async () => {
    const before = await preferencesOf("hr@nordbyg.example");
    const body = new URLSearchParams([["intent", "preferences"], ["intent", "preferences"], ["digest", "on"]]);
    const res = await accountPage.action({
      request: new Request("http://localhost/konto", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: nordbyg }, body }),
      params: {},
      context: { cspNonce: "", clientAddress: "10.9.8.7" },
    }).catch((thrown: unknown) => thrown as Response);
    expect(res.status).toBe(400);
    expect(await preferencesOf("hr@nordbyg.example")).toEqual(before);
  });
});

describe("the account page's e-mail choices", () => {
  it("saves an employer's immediate e-mails as posted", async () => {
    const res = await callAction(accountPage.action, "/konto", { intent: "preferences", digest: "on" }, { cookie: nordbyg });
    expect(res.status).toBe(302);
    expect(await preferencesOf("hr@nordbyg.example")).toEqual({ digest: true, immediate: false });
  });

  it("keeps a caseworker's immediate e-mails as they are, since the page does not offer them", async () => {
    const before = await preferencesOf("aarhus@jobcenter.example");
    const off = await callAction(accountPage.action, "/konto", { intent: "preferences" }, { cookie: jobcenter });
    expect(off.status).toBe(302);
    expect(await preferencesOf("aarhus@jobcenter.example")).toEqual({ digest: false, immediate: before.immediate });
    await callAction(accountPage.action, "/konto", { intent: "preferences", digest: "on", immediate: "on" }, { cookie: jobcenter });
    expect(await preferencesOf("aarhus@jobcenter.example")).toEqual({ digest: true, immediate: before.immediate });
  });
});
