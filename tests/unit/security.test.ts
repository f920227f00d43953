import { describe, expect, it } from "vitest";
import { isCrossSiteRequest, safeRedirect, securityHeaders } from "~/utils/security.server";

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
    // A Location header holds Latin-1 at most: other characters go percent-encoded.
    ["/中", "/%E4%B8%AD"],
    ["/virksomhed?q=Åberg 🙂", "/virksomhed?q=%C3%85berg%20%F0%9F%99%82"],
    ["/a%20b", "/a%20b"],
    ["/\uD800", "/home"],
    ["/x\u0000", "/home"],
  ])("%s → %s", (to, expected) => {
    expect(safeRedirect(to, "/home")).toBe(expected);
  });

  it("gives a value a Location header accepts, whatever the path holds", () => {
    for (const to of ["/中", "/ø", "/\u00ff\u0100", "/\u2028", "/\uFEFF"]) {
      expect(() => new Headers({ Location: safeRedirect(to, "/home") })).not.toThrow();
    }
  });
});

describe("securityHeaders", () => {
  it("sends Strict-Transport-Security only when asked (the cookie is Secure)", () => {
    expect(securityHeaders("n")["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders("n", { hsts: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
  });
});
