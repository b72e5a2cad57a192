/**
 * Hygiene: under `npm test` every tempDir() lives in the run's own folder, which
 * test/support/temp-root.ts removes when the run ends (so a failing test leaves nothing in /tmp).
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import setup from "../support/temp-root.ts";
import { tempDir } from "../support/cli.ts";

describe("test temp folders", () => {
  it("are created inside the run's folder, not loose in the system temp folder", async () => {
    const root = process.env.AUTHMD_TEST_TMP;
    expect(root, "test/vitest.config.ts sets AUTHMD_TEST_TMP").toBeTruthy();
    expect(path.dirname(root!)).toBe(tmpdir());
    const dir = await tempDir("authmd-hygiene-");
    expect(path.dirname(dir)).toBe(root);
    expect(existsSync(dir)).toBe(true);
  });

  it("the run's folder is removed by the global teardown", async () => {
    const saved = process.env.AUTHMD_TEST_TMP;
    const fake = await tempDir("authmd-fake-root-");
    await mkdir(path.join(fake, "authmd-mutant-x"));
    await writeFile(path.join(fake, "authmd-mutant-x", "report.json"), "{}");
    process.env.AUTHMD_TEST_TMP = fake;
    try {
      await setup()();
      expect(existsSync(fake)).toBe(false);
    } finally {
      process.env.AUTHMD_TEST_TMP = saved;
    }
  });
});
