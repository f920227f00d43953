import { describe, expect, it } from "vitest";
import { isCrossSiteRequest, safeRedirect } from "~/utils/security.server";

const base = { path: "/login", expectedOrigin: "http://localhost:3000" };

describe("isCrossSiteRequest", () => {
  it.each([
    ["GET from anywhere", { method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" }, false],
    ["same-origin POST", { method: "POST", origin: "http://localhost:3000", secFetchSite: "same-origin" }, false],
    ["cross-site POST", { method: "POST", origin: "https://evil.example", secFetchSite: "cross-site" }, true],
    ["same-site POST from a sibling host", { method: "POST", origin: "http://a.localhost:3000", secFetchSite: "same-site" }, true],
    ["POST with a foreign Origin only", { method: "POST", origin: "https://evil.example", secFetchSite: undefined }, true],
    ["POST with Origin null", { method: "POST", origin: "null", secFetchSite: undefined }, true],
    ["POST from a non-browser client", { method: "POST", origin: undefined, secFetchSite: undefined }, false],
  ])("%s", (_name, req, expected) => {
    expect(isCrossSiteRequest({ ...base, ...req })).toBe(expected);
  });

  it("lets the stateless JSON API be called from other sites", () => {
    expect(
      isCrossSiteRequest({ ...base, path: "/api/v1/deadlines", method: "POST", origin: "https://x.example", secFetchSite: "cross-site" }),
    ).toBe(false);
  });
});

describe("safeRedirect", () => {
  it.each([
    ["/virksomhed", "/virksomhed"],
    ["/virksomhed/medarbejdere?q=a", "/virksomhed/medarbejdere?q=a"],
    ["//evil.example", "/home"],
    ["/\\evil.example", "/home"],
    ["https://evil.example", "/home"],
    ["", "/home"],
    [null, "/home"],
  ])("%s → %s", (to, expected) => {
    expect(safeRedirect(to, "/home")).toBe(expected);
  });
});
