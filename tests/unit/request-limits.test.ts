import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BODY_BYTES } from "~/forms/mulighedserklaering";
import { bodyLimitFor, fieldCount, MAX_FORM_BYTES, refusal } from "~/utils/request-limits.server";

describe("the body cap of a path", () => {
  it.each([
    ["/login", MAX_FORM_BYTES],
    ["/virksomhed/dokumenter/12/laegens-svar", MAX_UPLOAD_BODY_BYTES],
    ["/virksomhed/dokumenter/12/laegens-svar/", MAX_UPLOAD_BODY_BYTES],
    // Written differently, the upload path gets the ordinary cap: never more than the route needs.
    ["/virksomhed/dokumenter/12/laegens%2Dsvar", MAX_FORM_BYTES],
    ["//virksomhed/dokumenter/12/laegens-svar", MAX_FORM_BYTES],
    ["/virksomhed/dokumenter/12/laegens-svar/extra", MAX_FORM_BYTES],
    ["/api/v1/deadlines", 16 * 1024],
    ["/api/v2/anything", 16 * 1024],
  ])("%s takes at most %i bytes", (pathname, bytes) => {
    expect(bodyLimitFor(pathname).maxBytes).toBe(bytes);
  });

  it("keeps the upload cap above the file limit and the form cap far below it", () => {
    expect(MAX_UPLOAD_BODY_BYTES).toBeGreaterThan(10 * 1024 * 1024);
    expect(MAX_FORM_BYTES).toBeLessThan(MAX_UPLOAD_BODY_BYTES / 5);
  });
});

describe("counting a form's fields", () => {
  const multipart = (n: number, boundary = "b0undary") => {
    const parts = Array.from({ length: n }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nv\r\n`).join("");
    return Buffer.from(`${parts}--${boundary}--\r\n`);
  };

  it("counts multipart parts by their delimiter, the closing one too", () => {
    expect(fieldCount(multipart(3), "multipart/form-data; boundary=b0undary")).toBe(4);
    expect(fieldCount(multipart(250, "x y"), 'multipart/form-data; boundary="x y"')).toBe(251);
    expect(fieldCount(multipart(3), "multipart/form-data")).toBe(0);
  });

  it("counts url-encoded pairs", () => {
    expect(fieldCount(Buffer.from("a=1&b=2&c"), "application/x-www-form-urlencoded")).toBe(3);
    expect(fieldCount(Buffer.from("&".repeat(999)), "application/x-www-form-urlencoded; charset=UTF-8")).toBe(1000);
    expect(fieldCount(Buffer.alloc(0), "application/x-www-form-urlencoded")).toBe(0);
  });

  it("counts nothing in a body that is not a form", () => {
    expect(fieldCount(Buffer.from('{"a":"&&&"}'), "application/json")).toBe(0);
    expect(fieldCount(Buffer.from("a&b"), undefined)).toBe(0);
  });
});

describe("a refusal before the app ran", () => {
  it("is JSON for the API and a Danish page with a way back for a page", () => {
    const api = refusal({ status: 413, message: "Forespørgslen må højst fylde 16 kB.", pathname: "/api/v1/deadlines" });
    expect(api.contentType).toBe("application/json; charset=utf-8");
    expect(JSON.parse(api.body)).toEqual({ errors: { body: ["Forespørgslen må højst fylde 16 kB."] } });
    expect(JSON.parse(refusal({ status: 405, message: "Brug POST.", pathname: "/api/v1/deadlines" }).body)).toEqual({ errors: { method: ["Brug POST."] } });

    const page = refusal({ status: 413, message: "Formularen er for stor.", pathname: "/virksomhed/medarbejdere/ny" });
    expect(page.contentType).toBe("text/html; charset=utf-8");
    expect(page.body).toContain('<html lang="da">');
    expect(page.body).toContain("<h1>Forespørgslen er for stor</h1>");
    expect(page.body).toContain('<a href="/virksomhed/medarbejdere/ny">');
  });

  it("links a strange path back to the front page, never into the page", () => {
    for (const pathname of ['/"><script>alert(1)</script>', "//evil.example/x", "/a b"]) {
      const page = refusal({ status: 413, message: "x", pathname }).body;
      expect(page).toContain('<a href="/">');
      expect(page).not.toContain("<script>");
    }
  });
});
