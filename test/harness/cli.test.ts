import { createServer } from "node:net";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/schema.ts";
import { repoRoot, runCli, tempDir } from "../support/cli.ts";

describe("CLI contract", () => {
  it("prints help for each command", async () => {
    const run = await runCli(["run", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("--target <url>");
    expect(run.stdout).toContain("--only <glob...>");
    const demo = await runCli(["demo", "--help"]);
    expect(demo.stdout).toContain("--fault <name>");
    expect(demo.stdout).toContain("--list-faults");
  });

  it("exits 2 on a usage error", async () => {
    const res = await runCli(["run", "--no-such-flag"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/unknown option/);
  });

  it("exits 2 naming the field when the config is wrong", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "bad.yaml");
    await writeFile(file, "target: http://127.0.0.1:9\ntimeouts:\n  requestMs: soon\n");
    const res = await runCli(["run", "--config", file]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("config_invalid");
    expect(res.stderr).toContain("timeouts.requestMs");
  });

  it("exits 2 without a target", async () => {
    const res = await runCli(["run", "--out", await tempDir()]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("No target");
  });

  it("exits 2 within the request timeout when the target is unreachable", async () => {
    // A port we held and released: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const res = await runCli(["run", "--target", `http://127.0.0.1:${port}`, "--request-timeout", "2000", "--out", await tempDir()], {
      timeoutMs: 60_000,
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("target_unreachable");
  });

  it("prints the requirement catalogue", async () => {
    const res = await runCli(["requirements", "--profile", "v0.1"]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/DISC-PRM-01\s+MUST/);
    const json = await runCli(["requirements", "--json"]);
    expect(JSON.parse(json.stdout).length).toBeGreaterThan(20);
  });

  it("exports the config JSON Schema, and the committed copy is current", async () => {
    const res = await runCli(["schema"]);
    expect(res.code).toBe(0);
    const printed = JSON.parse(res.stdout);
    expect(printed).toEqual(configJsonSchema());
    const committed = JSON.parse(await readFile(path.join(repoRoot, "authmd-conformance.schema.json"), "utf8"));
    expect(committed).toEqual(printed);
  });

  it("lists the fault switches as name<TAB>ids", async () => {
    const res = await runCli(["demo", "--list-faults"]);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(20);
    for (const line of lines) expect(line).toMatch(/^[a-z0-9-]+\t[A-Z0-9-]+(,[A-Z0-9-]+)*$/);
  });
});
