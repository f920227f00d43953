import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "~db": path.resolve(__dirname, "db"),
      "~": path.resolve(__dirname, "app"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-file.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // Generous: browser journeys and load tests share two cores with another test file.
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
