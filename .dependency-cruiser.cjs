/**
 * The module graph's rules (../shared/design.md, "The flow"): imports point down, models form a
 * graph without cycles, pure law imports nothing from the app. `npm run depcheck` runs them; CI
 * fails on any violation.
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle means a helper lives in the wrong module: move what both sides need below them.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "app/domain is the law: it takes facts and returns values, and imports nothing else of the app or the database.",
      from: { path: "^app/domain/" },
      to: { path: "^(app/(?!domain/)|db/|templates/)" },
    },
    {
      name: "db-imports-no-app",
      severity: "error",
      comment: "db/ is the data layer: it knows no app code.",
      from: { path: "^db/" },
      to: { path: "^(app|templates)/" },
    },
    {
      name: "lib-is-standalone",
      comment: "lib/ holds small helpers the domain and the database both use: it imports nothing of the app, the database or the templates.",
      severity: "error",
      from: { path: "^lib/" },
      to: { path: "^(app|db|templates)/" },
    },
    {
      name: "utils-import-no-models",
      severity: "error",
      comment: "Utilities sit below the models.",
      from: { path: "^app/utils/" },
      to: { path: "^app/models/" },
    },
    {
      name: "ui-imports-no-models",
      severity: "error",
      comment: "Components and forms run in the browser too: they never reach the models or the database.",
      from: { path: "^app/(components|forms)/" },
      to: { path: "^(app/models/|db/)" },
    },
    {
      name: "server-imports-no-components",
      severity: "error",
      comment: "A server module renders nothing: it never imports a component.",
      from: { path: "\\.server\\.tsx?$", pathNot: "^app/entry\\.server\\.tsx$" },
      to: { path: "^(app/components/|app/documents/(summaries\\.ts|.*\\.summary\\.tsx|summary\\.tsx)$)" },
    },
    {
      name: "summaries-import-no-server",
      severity: "error",
      comment: "A document kind's screen summary runs in the browser: it never reaches server code (its server half is <kind>.server.ts).",
      from: { path: "^app/documents/(summaries\\.ts|.*\\.summary\\.tsx|summary\\.tsx)$" },
      to: { path: "(\\.server\\.tsx?$|^app/models/|^db/|^app/documents/(index|kind)\\.ts$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(build|public|tests/\\.tmp)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] },
  },
};
