import { describe, expect, it } from "vitest";
import { DEFAULT_DEMO_PROFILE, demoProfile, runDemo } from "../../src/demo.ts";
import { runCli, tempDir } from "../support/cli.ts";

// `demo` plays DEFAULT_DEMO_PROFILE unless --profile names one (the issue: the latest profile once
// it has ≥ 100 checks; flipping the constant is the one change). `demo --profile v0.1` and
// `demo --profile v0.7 --variant <name>` are explicit.

describe("the demo's profile", () => {
  it("is DEFAULT_DEMO_PROFILE without --profile or with auto, else the forced one", () => {
    expect(["v0.1", "v0.7"]).toContain(DEFAULT_DEMO_PROFILE);
    expect(demoProfile(undefined)).toBe(DEFAULT_DEMO_PROFILE);
    expect(demoProfile({ profile: "auto" })).toBe(DEFAULT_DEMO_PROFILE);
    expect(demoProfile({ profile: "v0.1" })).toBe("v0.1");
    expect(demoProfile({ profile: "v0.7" })).toBe("v0.7");
    expect(() => demoProfile({ profile: "v0.9" })).toThrow(/Unknown profile for demo/);
  });

  it.each([
    [undefined, DEFAULT_DEMO_PROFILE],
    ["v0.1", "v0.1"],
    ["v0.7", "v0.7"],
  ] as const)("--profile %s plays the %s sample service and records it", async (profile, expected) => {
    const out = await tempDir("authmd-demo-profile-");
    // DISC-AS-01 is an id of both profiles (v0.7.md reuses it), so one selection serves each.
    const { report, exitCode } = await runDemo({ faults: [], print: false, flags: { ...(profile ? { profile } : {}), out, only: ["DISC-AS-01"] } });
    expect(report.profile).toBe(expected);
    expect(report.profileDetection).toMatchObject({ chosen: expected, how: "forced" });
    expect(exitCode).toBe(0);
  });

  it("demo --profile v0.7 --variant <name> builds that variant with its harness config; an unknown name is a usage error", async () => {
    const out = await tempDir("authmd-demo-variant-");
    const ok = await runCli(["demo", "--profile", "v0.7", "--variant", "v07-aud-resource-reading", "--only", "IDJ-02", "--out", out], { timeoutMs: 90_000 });
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toContain("v0.7 sample service (variant v07-aud-resource-reading)");
    expect(ok.code).toBe(0);
    const bad = await runCli(["demo", "--profile", "v0.7", "--variant", "no-such-variant", "--out", out], { timeoutMs: 60_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/error \[usage\] \(variant\): Unknown v0\.7 variant: no-such-variant/);
  });
});
