import { defineConfig } from "vitest/config";

// The project's own tests (unit and end to end against sample-service).
// The conformance checks under suites/ are launched by the CLI, not by this config.
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
