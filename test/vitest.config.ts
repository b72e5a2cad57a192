import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// One temp folder per test run: tempDir() (test/support/cli.ts) creates its folders inside it,
// workers and the CLIs they spawn inherit it, and test/support/temp-root.ts removes it at the end.
process.env.AUTHMD_TEST_TMP ??= mkdtempSync(path.join(tmpdir(), "authmd-test-run-"));

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
    globalSetup: ["./test/support/temp-root.ts"],
    env: { AUTHMD_TEST_TMP: process.env.AUTHMD_TEST_TMP },
    reporters: ["default", "./test/support/closing-line-reporter.ts"],
  },
});
