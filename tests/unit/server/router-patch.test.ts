/**
 * patches/@remix-run+router+*.patch (applied by patch-package on npm install) makes route
 * matching compile each route path once and rank a route tree once. Matching must give
 * exactly what it gave before.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const routerFile = require.resolve("@remix-run/router");
const router = require("@remix-run/router") as typeof RemixRouter;

describe("the route-matching patch", () => {
  it("is applied to the router the server runs", () => {
    expect(routerFile).toMatch(/router\.cjs\.js$/);
    const source = fs.readFileSync(routerFile, "utf8");
    expect(source).toContain("function compilePathUncached(");
    expect(source).toContain("function rankedBranches(");
  });

  it("matches paths, parameters and splats the same on every call", () => {
    const routes = [
      { id: "root", path: "/", children: [
        { id: "employee", path: "virksomhed/medarbejdere/:employeeId" },
        { id: "step", path: "virksomhed/dokumenter/:documentId/trin/:step" },
        { id: "calendar", path: "kalender/:file" },
        { id: "splat", path: "*" },
      ] },
    ];
    for (let i = 0; i < 3; i++) {
      const step = router.matchRoutes(routes, "/virksomhed/dokumenter/12/trin/parter");
      expect(step?.map((m) => m.route.id)).toEqual(["root", "step"]);
      expect(step?.at(-1)?.params).toEqual({ documentId: "12", step: "parter" });
      const employee = router.matchRoutes(routes, "/virksomhed/medarbejdere/7/");
      expect(employee?.at(-1)?.params).toEqual({ employeeId: "7" });
      expect(router.matchRoutes(routes, "/ukendt/side")?.at(-1)?.params).toEqual({ "*": "ukendt/side" });
      expect(router.matchPath({ path: "/kalender/:file", caseSensitive: true }, "/Kalender/x.ics")).toBeNull();
      expect(router.matchPath({ path: "/kalender/:file" }, "/Kalender/x.ics")?.params).toEqual({ file: "x.ics" });
    }
  });

  it("ranks a tree again when routes are added to it", () => {
    const children: Array<{ id: string; path: string }> = [{ id: "splat", path: "*" }];
    const routes = [{ id: "root", path: "/", children }];
    expect(router.matchRoutes(routes, "/frister")?.at(-1)?.route.id).toBe("splat");
    children.push({ id: "deadlines", path: "frister" });
    expect(router.matchRoutes(routes, "/frister")?.at(-1)?.route.id).toBe("deadlines");
  });

  it("ranks static segments before parameters and splats, whatever the order of definition", () => {
    const routes = [
      { id: "splat", path: "/*" },
      { id: "param", path: "/jobcenter/:id" },
      { id: "static", path: "/jobcenter/sager" },
    ];
    for (let i = 0; i < 2; i++) {
      expect(router.matchRoutes(routes, "/jobcenter/sager")?.at(-1)?.route.id).toBe("static");
      expect(router.matchRoutes(routes, "/jobcenter/17")?.at(-1)?.route.id).toBe("param");
      expect(router.matchRoutes(routes, "/andet")?.at(-1)?.route.id).toBe("splat");
    }
  });
});
