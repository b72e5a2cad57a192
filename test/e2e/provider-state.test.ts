import { readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../support/cli.ts";

/** The kid(s) `run` prints in its trust instructions. */
function printedKids(stdout: string): string {
  const match = /signing keys kept in (.+) \(kid ([^)]+)\)/.exec(stdout);
  expect(match, stdout).not.toBeNull();
  return match![2]!;
}

describe("run keeps the mock provider's identity between invocations", () => {
  it("stores its keys in ./.authmd-conformance by default and signs with the same kids on the next run", async () => {
    const cwd = await tempDir("authmd-cwd-");
    try {
      // An unreachable target: the providers start (and print their trust set-up) before discovery fails.
      const args = ["run", "--target", "http://127.0.0.1:1", "--out", path.join(cwd, "reports"), "--only", "IDJAG-BASE-01", "--config", "cfg.yaml"];
      await writeFile(path.join(cwd, "cfg.yaml"), "provider:\n  second: { enabled: true }\n");
      // An empty AUTHMD_PROVIDER_STATE_DIR leaves run's own default in force.
      const first = await runCli(args, { cwd, env: { AUTHMD_PROVIDER_STATE_DIR: "" }, timeoutMs: 60_000 });
      const second = await runCli(args, { cwd, env: { AUTHMD_PROVIDER_STATE_DIR: "" }, timeoutMs: 60_000 });
      expect(first.code, first.stderr).toBe(2);
      const kids = printedKids(first.stdout);
      expect(kids.split(", ")).toHaveLength(2);
      expect(printedKids(second.stdout)).toBe(kids);
      const dir = path.join(cwd, ".authmd-conformance");
      expect((await readdir(dir)).sort()).toEqual([".gitignore", "primary-ES256.private.jwk.json", "second-ES256.private.jwk.json"]);
      expect((await stat(path.join(dir, "primary-ES256.private.jwk.json"))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
