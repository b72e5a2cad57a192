import { rm } from "node:fs/promises";

/**
 * vitest globalSetup: when the run ends, remove the run's temp folder (AUTHMD_TEST_TMP, created by
 * test/vitest.config.ts) with every folder test/support/cli.ts tempDir made inside it.
 */
export default function setup(): () => Promise<void> {
  return async () => {
    const root = process.env.AUTHMD_TEST_TMP;
    if (root) await rm(root, { recursive: true, force: true });
  };
}
