/**
 * patches/@remix-run+server-runtime+*.patch, patches/@remix-run+react+*.patch and
 * patches/react-router-dom+*.patch (applied by patch-package on npm install, decision 003) make a
 * document render reuse one route tree per build instead of building and ranking a new one for
 * every page. What a render matches must stay what it was; only the identity of the trees changes.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import type * as RemixRouter from "@remix-run/router";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const entry = require("@remix-run/server-runtime/dist/entry.js") as {
  createEntryRouteModules: (manifest: Record<string, { module: unknown }>) => Record<string, unknown>;
};
const staticServer = require("react-router-dom/server") as {
  createStaticHandler: (routes: unknown[]) => { query: (request: Request) => Promise<unknown> };
  createStaticRouter: (routes: unknown[], context: unknown) => { routes: RemixRouter.AgnosticDataRouteObject[]; state: { matches: Array<{ route: { id: string } }> } };
};

describe("the render route-tree patches", () => {
  it("are applied to the files the server runs", () => {
    expect(fs.readFileSync(require.resolve("@remix-run/react/dist/server.js"), "utf8")).toContain("function serverRoutesFor(");
    expect(fs.readFileSync(require.resolve("@remix-run/server-runtime/dist/entry.js"), "utf8")).toContain("entryRouteModulesByManifest");
    expect(fs.readFileSync(require.resolve("react-router-dom/server"), "utf8")).toContain("dataRoutesByRoutes");
  });

  it("give one route-module table per build, and a new one for a new build", () => {
    const moduleA = { default: () => null };
    const build = { root: { module: moduleA }, "routes/frister": { module: { default: () => null } } };
    const first = entry.createEntryRouteModules(build);
    expect(entry.createEntryRouteModules(build)).toBe(first);
    expect(first.root).toBe(moduleA);
    const rebuilt = { root: { module: { default: () => null } } };
    const second = entry.createEntryRouteModules(rebuilt);
    expect(second).not.toBe(first);
    expect(second.root).toBe(rebuilt.root.module);
  });

  it("give a static router the same converted tree for the same routes, with each request's own matches", async () => {
    const routes = [
      { id: "root", path: "/", children: [
        { id: "calculator", path: "frister" },
        { id: "absence", path: "virksomhed/fravaer/:absenceId" },
      ] },
    ];
    const handler = staticServer.createStaticHandler(routes);
    const contextA = await handler.query(new Request("http://localhost/frister"));
    const contextB = await handler.query(new Request("http://localhost/virksomhed/fravaer/17"));
    const routerA = staticServer.createStaticRouter(routes, contextA);
    const routerB = staticServer.createStaticRouter(routes, contextB);
    expect(routerB.routes).toBe(routerA.routes);
    expect(routerA.state.matches.map((m) => m.route.id)).toEqual(["root", "calculator"]);
    expect(routerB.state.matches.map((m) => m.route.id)).toEqual(["root", "absence"]);
    // The matches point into the converted tree, as they did when it was converted per render.
    expect(routerB.state.matches[1]?.route).toBe(routerB.routes[0]?.children?.[1]);
    // Other routes get a tree of their own.
    const other = staticServer.createStaticRouter([{ id: "root", path: "/" }], await handler.query(new Request("http://localhost/")));
    expect(other.routes).not.toBe(routerA.routes);
  });
});
