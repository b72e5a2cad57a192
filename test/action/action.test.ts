/**
 * The CI action (action.yml + action/run.mjs): the inputs become the CLI arguments, the CLI's exit
 * code comes out as the step output the last step fails the job with, and the step summary is
 * written to $GITHUB_STEP_SUMMARY. The CLI is this clone's (input source = its bin script).
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { buildArgs, cliCommand, readInputs, stepSummary } from "../../action/run.mjs";
import { repoRoot, tempDir } from "../support/cli.ts";

const script = path.join(repoRoot, "action", "run.mjs");
const bin = path.join(repoRoot, "bin", "authmd-conformance.mjs");

interface StepRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Run the action's step as the runner does: inputs as INPUT_*, summary and outputs files set. */
async function runStep(inputs: Record<string, string>): Promise<StepRun> {
  const dir = await tempDir("authmd-action-");
  const summaryFile = path.join(dir, "step-summary.md");
  const outputFile = path.join(dir, "github-output");
  await writeFile(summaryFile, "");
  await writeFile(outputFile, "");
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_OUTPUT: outputFile };
  for (const [k, v] of Object.entries({ source: bin, ...inputs })) env[`INPUT_${k.toUpperCase()}`] = v;
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.resume();
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (c) => {
      clearTimeout(timer);
      resolve({ code: c, stdout });
    });
  });
  const outputs = Object.fromEntries(
    (await readFile(outputFile, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return { code, stdout, outputs, summary: await readFile(summaryFile, "utf8") };
}

describe("action inputs → CLI arguments", () => {
  it("maps each set input to its flag and leaves the empty ones out", () => {
    const inputs = readInputs({
      INPUT_TARGET: "https://staging.example.com",
      INPUT_CONFIG: "authmd.yaml",
      INPUT_BASELINE: "expected-failures.yaml",
      INPUT_PROFILE: "v0.1",
      INPUT_OUT: "reports",
      INPUT_ARGS: "--only 'DISC-*'  --seed 7",
    });
    expect(buildArgs(inputs)).toEqual([
      "run",
      "--target",
      "https://staging.example.com",
      "--config",
      "authmd.yaml",
      "--baseline",
      "expected-failures.yaml",
      "--profile",
      "v0.1",
      "--out",
      "reports",
      "--only",
      "'DISC-*'",
      "--seed",
      "7",
    ]);
    expect(buildArgs(readInputs({ INPUT_TARGET: " https://x.example " }))).toEqual(["run", "--target", "https://x.example", "--out", "authmd-conformance-reports"]);
    expect(() => buildArgs(readInputs({ INPUT_COMMAND: "lint" }))).toThrow(/run or demo/);
  });

  it("finds the CLI: a script path, the project's devDependency, else the registry at the version", async () => {
    const dir = await tempDir("authmd-action-cli-");
    expect(cliCommand(readInputs({ INPUT_SOURCE: "./bin/cli.mjs" }), dir)).toEqual([process.execPath, path.join(dir, "bin", "cli.mjs")]);
    expect(cliCommand(readInputs({}), dir)).toEqual(["npx", "--yes", "--package", "authmd-conformance@latest", "--", "authmd-conformance"]);
    expect(cliCommand(readInputs({ INPUT_VERSION: "0.1.0" }), dir)).toContain("authmd-conformance@0.1.0");
    expect(cliCommand(readInputs({ INPUT_SOURCE: "./authmd-conformance-0.1.0.tgz" }), dir)).toContain("./authmd-conformance-0.1.0.tgz");
    await mkdir(path.join(dir, "node_modules", ".bin"), { recursive: true });
    await writeFile(path.join(dir, "node_modules", ".bin", "authmd-conformance"), "");
    expect(cliCommand(readInputs({}), dir)).toEqual([path.join(dir, "node_modules", ".bin", "authmd-conformance")]);
  });

  it("says why there is no report when the CLI wrote none", () => {
    const text = stepSummary({ code: 2, verdict: undefined, summary: undefined, stderr: "error [config] (target): bad\n", out: "reports" });
    expect(text).toContain("exit 2");
    expect(text).toContain("error [config] (target): bad");
  });
});

describe("the action's step against the real CLI", () => {
  it("exit 0: outputs exit-code 0 and the verdict, the summary carries summary.md", async () => {
    const step = await runStep({ command: "demo", profile: "v0.1", out: "reports", args: "--only DISC-PRM-*" });
    expect(step.code).toBe(0);
    expect(step.outputs["exit-code"]).toBe("0");
    expect(step.outputs.verdict).toBe("conformant");
    expect(step.summary).toMatch(/^### authmd-conformance: conformant — exit 0/);
    const summaryMd = await readFile(path.join(step.outputs.reports!, "summary.md"), "utf8");
    expect(step.summary).toContain(summaryMd.trim());
    // Written once: the CLI's own $GITHUB_STEP_SUMMARY append is turned off under the action.
    expect(step.summary.split(summaryMd.trim()).length).toBe(2);
  });

  it("exit 1: a failing MUST comes out as exit-code 1 (the step itself succeeds, so the upload runs)", async () => {
    const step = await runStep({ command: "demo", profile: "v0.1", out: "reports", args: "--only DISC-PRM-* --fault prm-no-resource" });
    expect(step.code).toBe(0);
    expect(step.outputs["exit-code"]).toBe("1");
    expect(step.outputs.verdict).toBe("not conformant");
    expect(step.summary).toContain("exit 1");
    expect(step.summary).toContain("DISC-PRM-02");
  });

  it("exit 2: a config error comes out as exit-code 2, with the error in the summary", async () => {
    const step = await runStep({ target: "http://127.0.0.1:1", config: "missing.yaml" });
    expect(step.outputs["exit-code"]).toBe("2");
    expect(step.outputs.verdict).toBe("");
    expect(step.summary).toContain("No report was written");
    expect(step.summary).toContain("missing.yaml");
  });
});

describe("action.yml", () => {
  it("is a composite action with the inputs, passes each to the script, uploads, and fails the job on the CLI's exit code", async () => {
    const action = parse(await readFile(path.join(repoRoot, "action.yml"), "utf8")) as {
      inputs: Record<string, unknown>;
      outputs: Record<string, { value: string }>;
      runs: { using: string; steps: Array<{ id?: string; uses?: string; if?: string; run?: string; env?: Record<string, string> }> };
    };
    expect(action.runs.using).toBe("composite");
    for (const input of ["target", "config", "baseline", "profile", "out", "version", "source"]) expect(action.inputs, input).toHaveProperty(input);
    const run = action.runs.steps.find((s) => s.id === "run")!;
    expect(run.run).toContain("action/run.mjs");
    for (const input of ["command", "target", "config", "baseline", "profile", "out", "args", "version", "source"]) {
      expect(run.env?.[`INPUT_${input.toUpperCase()}`], input).toBe(`\${{ inputs.${input} }}`);
    }
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))!;
    expect(upload.if).toContain("always()");
    const last = action.runs.steps.at(-1)!;
    expect(last.if).toBe("always() && steps.run.outputs.exit-code != '0'");
    expect(last.run).toContain("exit ${{ steps.run.outputs.exit-code || 2 }}");
    expect(action.outputs["exit-code"]!.value).toBe("${{ steps.run.outputs.exit-code }}");
  });
});
