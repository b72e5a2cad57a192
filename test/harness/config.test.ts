import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envOverrides, loadConfig, parseConfig } from "../../src/config/load.ts";
import { HarnessError } from "../../src/errors.ts";
import { tempDir } from "../support/cli.ts";

describe("config", () => {
  it("applies defaults", () => {
    const config = parseConfig({ target: "https://staging.example.test" });
    // `auto`: the revision is detected from the target's discovery documents (src/profiles/detect.ts).
    expect(config.profile).toBe("auto");
    expect(config.out).toBe("reports");
    expect(config.timeouts.requestMs).toBe(10_000);
    expect(config.http.requestBudget).toBeGreaterThan(0);
  });

  it("names the offending field and what was expected", () => {
    const err = (() => {
      try {
        parseConfig({ timeouts: { requestMs: "soon" } });
      } catch (e) {
        return e as HarnessError;
      }
    })();
    expect(err).toBeInstanceOf(HarnessError);
    expect(err?.code).toBe("config_invalid");
    expect(err?.field).toBe("timeouts.requestMs");
    expect(err?.message).toMatch(/expected number/);
  });

  it("rejects unknown fields by name", () => {
    expect(() => parseConfig({ targt: "https://x.test" })).toThrow(/unknown field "targt"/);
  });

  it("layers file < environment < flags", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "c.yaml");
    await writeFile(file, "target: https://file.example.test\nout: from-file\nseed: 1\n");
    const config = await loadConfig({
      file,
      env: { AUTHMD_OUT: "from-env", AUTHMD_SEED: "2" },
      flags: { seed: 3 },
    });
    expect(config.target).toBe("https://file.example.test");
    expect(config.out).toBe("from-env");
    expect(config.seed).toBe(3);
  });

  it("reads environment variables into config paths", () => {
    expect(envOverrides({ AUTHMD_TARGET: "https://t.test", AUTHMD_ONLY: "DISC-*,IDJAG-*" })).toEqual({
      target: "https://t.test",
      only: ["DISC-*", "IDJAG-*"],
    });
  });

  it("reports unreadable and non-YAML files with their own codes", async () => {
    await expect(loadConfig({ file: "/nonexistent/authmd.yaml" })).rejects.toMatchObject({ code: "config_not_found" });
    const dir = await tempDir();
    const file = path.join(dir, "bad.yaml");
    await writeFile(file, "target: [unclosed\n");
    await expect(loadConfig({ file })).rejects.toMatchObject({ code: "config_invalid", field: "config" });
  });
});
