#!/usr/bin/env node
// The logic of the composite action (action.yml): turn the action's inputs into CLI arguments,
// run authmd-conformance, write the step summary and the step outputs, and hand back the CLI's
// exit code as an output (the action's last step fails the job with it, after the upload).
// Plain JavaScript on purpose: the action runs from its checkout, where nothing is built.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * @typedef {object} ActionInputs
 * @property {string} command   run (default) or demo
 * @property {string} target
 * @property {string} config
 * @property {string} baseline
 * @property {string} profile
 * @property {string} out
 * @property {string} args      extra CLI arguments, split on whitespace
 * @property {string} version   package version when installed from the registry (default latest)
 * @property {string} source    where the CLI comes from: empty (the project's own devDependency,
 *                              else the registry), an npm install spec (tarball, git URL,
 *                              name@version), or a path to a CLI script (*.mjs/*.js)
 */

/** The action's inputs from the environment (action.yml passes each as INPUT_<NAME>). */
export function readInputs(env = process.env) {
  const get = (name, fallback = "") => (env[`INPUT_${name.toUpperCase()}`] ?? "").trim() || fallback;
  return {
    command: get("command", "run"),
    target: get("target"),
    config: get("config"),
    baseline: get("baseline"),
    profile: get("profile"),
    out: get("out", "authmd-conformance-reports"),
    args: get("args"),
    version: get("version", "latest"),
    source: get("source"),
  };
}

/** The CLI arguments the inputs ask for (an empty input adds nothing). */
export function buildArgs(inputs) {
  if (!["run", "demo"].includes(inputs.command)) throw new Error(`input command must be run or demo, got "${inputs.command}"`);
  const args = [inputs.command];
  if (inputs.target) args.push("--target", inputs.target);
  if (inputs.config) args.push("--config", inputs.config);
  if (inputs.baseline) args.push("--baseline", inputs.baseline);
  if (inputs.profile) args.push("--profile", inputs.profile);
  args.push("--out", inputs.out);
  if (inputs.args) args.push(...inputs.args.split(/\s+/).filter(Boolean));
  return args;
}

/** How to start the CLI: [command, ...prefix arguments]. */
export function cliCommand(inputs, cwd = process.cwd()) {
  if (/\.(mjs|cjs|js)$/.test(inputs.source)) return [process.execPath, path.resolve(cwd, inputs.source)];
  const local = path.join(cwd, "node_modules", ".bin", "authmd-conformance");
  if (!inputs.source && existsSync(local)) return [local];
  const spec = inputs.source || `authmd-conformance@${inputs.version}`;
  return ["npx", "--yes", "--package", spec, "--", "authmd-conformance"];
}

/** Run the CLI, streaming its output to the log; answers its exit code and the tail of its stderr. */
function runCli(command, env) {
  return new Promise((resolve) => {
    // The action writes the step summary itself; the CLI would append summary.md a second time.
    const child = spawn(command[0], command.slice(1), { stdio: ["ignore", "inherit", "pipe"], env: { ...env, GITHUB_STEP_SUMMARY: "" } });
    let stderr = "";
    child.stderr.on("data", (d) => {
      process.stderr.write(d);
      stderr = (stderr + d).slice(-8000);
    });
    child.on("error", (err) => resolve({ code: 2, stderr: `${stderr}\ncould not start ${command[0]}: ${err.message}` }));
    child.on("close", (code, signal) => resolve({ code: code ?? 2, stderr: signal ? `${stderr}\nkilled by ${signal}` : stderr }));
  });
}

/** The step summary: the run's summary.md under a verdict line, or why there is no report. */
export function stepSummary({ code, verdict, summary, stderr, out }) {
  const meaning = { 0: "passed", 1: "failed: a MUST failed, could not be tested, or a baseline entry is new or stale", 2: "could not judge (usage, config or harness error)" };
  const lines = [`### authmd-conformance: ${verdict ?? "no verdict"} — exit ${code} (${meaning[code] ?? "failed"})`, ""];
  if (summary) lines.push(summary.trim(), "");
  else lines.push("No report was written. The end of the CLI's error output:", "", "```", stderr.trim().split("\n").slice(-30).join("\n"), "```", "");
  lines.push(`Reports: \`${out}/\` (uploaded as the job's artifact).`, "");
  return lines.join("\n");
}

/** The whole step. Answers the CLI's exit code (also written to the step outputs). */
export async function main(env = process.env, cwd = process.cwd()) {
  const inputs = readInputs(env);
  const command = [...cliCommand(inputs, cwd), ...buildArgs(inputs)];
  process.stdout.write(`authmd-conformance action: ${command.join(" ")}\n`);
  const { code, stderr } = await runCli(command, env);
  const out = path.resolve(cwd, inputs.out);
  const summary = await readFile(path.join(out, "summary.md"), "utf8").catch(() => undefined);
  const verdict = await readFile(path.join(out, "report.json"), "utf8")
    .then((t) => JSON.parse(t).verdict)
    .catch(() => undefined);
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, stepSummary({ code, verdict, summary, stderr, out: inputs.out }));
  if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, `exit-code=${code}\nverdict=${verdict ?? ""}\nreports=${out}\n`);
  return code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // This step always succeeds once the CLI ran: the action's last step fails the job with the
  // CLI's exit code, after the reports are uploaded. Only a crash of this script fails here.
  const code = await main();
  process.stdout.write(`authmd-conformance exited ${code}\n`);
}
