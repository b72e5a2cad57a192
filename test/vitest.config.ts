import { defineConfig } from "vitest/config";

// The project's own tests (unit and end to end against sample-service).
// The conformance checks under suites/ are launched by the CLI, not by this config.
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    // e2e tests spawn whole demo runs; more than this at once only thrashes a 2-core machine.
    maxConcurrency: 3,
    hookTimeout: 60_000,
    reporters: ["default", "./test/support/closing-line-reporter.ts"],
  },
});
