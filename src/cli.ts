import path from "node:path";
import { Command, CommanderError, Option } from "commander";
// Only what every command needs is imported here: each command imports its own modules when it
// runs, so `--version`, `--help`, `requirements` or `lint` never load vitest, zod or the servers.
import type { ConfigOverrides } from "./config/load.ts";
import { HarnessError } from "./errors.ts";
import { PROFILE_CHOICES, profiles } from "./profiles/index.ts";
import { EXIT } from "./report/exit-code.ts";
import type { Report } from "./report/model.ts";
import { tool } from "./version.ts";

interface RunFlags {
  target?: string;
  config?: string;
  out?: string;
  profile?: string;
  only?: string[];
  skip?: string[];
  seed?: string;
  requestTimeout?: string;
  runTimeout?: string;
  budget?: string;
  passive?: boolean;
  slow?: boolean;
  baseline?: string;
  allowStale?: boolean;
  runs?: string;
  proveOtpBruteforce?: boolean;
  bruteforceMaxAttempts?: string;
  certify?: boolean;
  certifyKey?: string;
}

function addRunOptions(cmd: Command): Command {
  return cmd
    .option("-c, --config <file>", "YAML config file (see authmd-conformance schema)")
    .option("-o, --out <dir>", "folder for the reports", undefined)
    .addOption(new Option("--profile <id>", "protocol revision to certify; auto (default) detects it from the discovery documents").choices([...PROFILE_CHOICES]))
    .option("--only <glob...>", "run only requirement ids matching these globs (e.g. 'DISC-*')")
    .option("--skip <glob...>", "do not run requirement ids matching these globs (e.g. 'FUZZ-*')")
    .option("--seed <n>", "seed for every random choice (replay a run)")
    .option("--request-timeout <ms>", "timeout of one HTTP exchange")
    .option("--run-timeout <ms>", "timeout of the whole run")
    .option("--budget <n>", "maximum number of requests sent to the target")
    .option("--passive", "run only the read-only discovery checks; send no registration (GET/HEAD only)")
    .option("--slow", "the slow tier: run the checks that must wait out a lifetime the target cannot shorten (a 600 s user_code, a 24 h claim window), with the wait shown")
    .option("--baseline <file>", "expected failures (a previous report.json or expected-failures.yaml): exit 0 unless a new failure appears")
    .option("--allow-stale", "with --baseline: a baselined check that now passes does not fail the run")
    .option("--runs <n>", "generated cases per fuzz property (fuzz.runs)")
    .option("--prove-otp-bruteforce", "attack mode, opt-in: FUZZ-OTP-LOCK-01 searches the whole OTP space of one claim, with its own request budget and no rate limit")
    .option("--bruteforce-max-attempts <n>", "with --prove-otp-bruteforce: most guesses to send (default 1000000)")
    .option("--certify", "sign a certification record of the run (certification.jws in --out): versions, target, seed, verdict, SHA-256 of every report file")
    .option("--certify-key <file>", "with --certify: the private JWK (EC, OKP or RSA) to sign the record with");
}

/** --certify needs its key; check before anything is sent. */
function certifyOption(flags: RunFlags): string | undefined {
  if (!flags.certify) {
    if (flags.certifyKey) throw new HarnessError("usage", "--certify-key needs --certify", "certify-key");
    return undefined;
  }
  if (!flags.certifyKey) throw new HarnessError("usage", "--certify needs --certify-key <private JWK file>", "certify-key");
  return flags.certifyKey;
}

/** A path as the user would type it: relative when under the working folder. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** After the reports are written: sign the record over them and say where it is. */
async function certify(keyFile: string | undefined, report: Report, exitCode: number, files: { json: string } | undefined): Promise<void> {
  if (!keyFile || !files) return;
  const { certifyRun } = await import("./certify/record.ts");
  const { file, kid } = await certifyRun(report, exitCode, path.dirname(files.json), keyFile);
  process.stdout.write(`certification record: ${file} (key ${kid}); check it with: authmd-conformance verify ${displayPath(file)}\n`);
}

function baselineOption(flags: RunFlags): { baseline?: { file: string; allowStale: boolean } } {
  if (!flags.baseline) {
    if (flags.allowStale) throw new HarnessError("usage", "--allow-stale needs --baseline <file>", "allow-stale");
    return {};
  }
  return { baseline: { file: flags.baseline, allowStale: flags.allowStale === true } };
}

/** --prove-otp-bruteforce lifts the politeness contract for one check: say so before anything is sent. */
function warnAttackMode(flags: RunFlags): void {
  if (!flags.proveOtpBruteforce) return;
  const cap = flags.bruteforceMaxAttempts ?? "1000000";
  process.stdout.write(
    `ATTACK MODE (--prove-otp-bruteforce): FUZZ-OTP-LOCK-01 (v0.1) or FUZZ-UC-BRUTE-01 (v0.7) will guess the OTP or user_code of one claim with its own budget of up to ${cap} requests and no rate limit, outside http.requestBudget and maxRatePerSecond; every other check keeps the normal budget.\n`,
  );
}

function flagsToOverrides(flags: RunFlags): ConfigOverrides {
  const int = (v: string | undefined, field: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new HarnessError("usage", `--${field} expects a whole number, got "${v}"`, field);
    return n;
  };
  return {
    target: flags.target,
    out: flags.out,
    profile: flags.profile,
    only: flags.only?.flatMap((g) => g.split(",")),
    skip: flags.skip?.flatMap((g) => g.split(",")),
    seed: int(flags.seed, "seed"),
    timeouts: { requestMs: int(flags.requestTimeout, "request-timeout"), runMs: int(flags.runTimeout, "run-timeout") },
    http: { requestBudget: int(flags.budget, "budget") },
    passive: flags.passive,
    slow: flags.slow,
    fuzz: {
      runs: int(flags.runs, "runs"),
      proveOtpBruteforce: flags.proveOtpBruteforce,
      bruteforce: { maxAttempts: int(flags.bruteforceMaxAttempts, "bruteforce-max-attempts") },
    },
  };
}

export function buildCli(): Command {
  const program = new Command("authmd-conformance")
    .description("Conformance test suite and protocol fuzzer for auth.md agent registration")
    .version(tool.version)
    .showHelpAfterError()
    .exitOverride();

  addRunOptions(
    program
      .command("run")
      .description("certify a service: discover it, run every check, write the reports")
      .option("-t, --target <url>", "base URL of the service under test"),
  ).action(async (flags: RunFlags) => {
    const { loadConfig } = await import("./config/load.ts");
    const { ConsoleProgress, printSummary } = await import("./console-progress.ts");
    const { plannedChecks, runConformance } = await import("./run.ts");
    const { DEFAULT_STATE_DIR } = await import("./harness-services/providers.ts");
    const certifyKey = certifyOption(flags);
    const config = await loadConfig({ ...(flags.config ? { file: flags.config } : {}), flags: flagsToOverrides(flags) });
    // A real service caches the provider's JWKS: keep the same keys from run to run.
    config.provider.stateDir ??= DEFAULT_STATE_DIR;
    process.stdout.write(`authmd-conformance ${tool.version}: ${config.profile} against ${config.target ?? "(no target)"}\n`);
    warnAttackMode(flags);
    const { printProfileLines, previewLine } = await import("./profile-lines.ts");
    const progress = new ConsoleProgress(plannedChecks(config).length);
    const onProfile = (detection: Parameters<typeof printProfileLines>[0], coverage: Parameters<typeof printProfileLines>[1]): void => {
      printProfileLines(detection, coverage);
      // Under --profile auto the plan is known once the documents named the revision.
      if (detection.chosen) progress.setTotal(plannedChecks(config, detection.chosen).length);
    };
    const { report, exitCode, files } = await runConformance({ config, ...baselineOption(flags), onResult: progress.onResult, onProgress: progress.onProgress, onProfile }).finally(() => progress.close());
    printSummary(report, files as unknown as Record<string, string>, exitCode);
    const preview = previewLine(report.coverage, report.profile);
    if (preview) process.stdout.write(`${preview}\n`);
    await certify(certifyKey, report, exitCode, files);
    process.exitCode = exitCode;
  });

  addRunOptions(
    program
      .command("demo")
      .description("run the whole suite against the built-in sample service (and its mock provider and mail sink)")
      .option("--fault <name>", "break the sample service with a named fault switch (repeatable)", collect, [])
      .option("--variant <name>", "build the sample service as a named conformant variant (the tolerance matrix's; repeatable for v0.1)", collect, [])
      .option("--list-faults", "list the fault switches: name<TAB>requirement ids"),
  ).action(async (flags: RunFlags & { fault: string[]; variant: string[]; listFaults?: boolean }) => {
    if (flags.listFaults) {
      const { listFaults } = await import("./list-faults.ts");
      for (const line of listFaults()) process.stdout.write(`${line}\n`);
      return;
    }
    const certifyKey = certifyOption(flags);
    warnAttackMode(flags);
    const { runDemo } = await import("./demo.ts");
    const { exitCode, report, files } = await runDemo({
      faults: flags.fault,
      ...(flags.variant.length ? { variants: flags.variant } : {}),
      flags: flagsToOverrides(flags),
      ...baselineOption(flags),
      ...(flags.config ? { configFile: flags.config } : {}),
    });
    await certify(certifyKey, report, exitCode, files);
    process.exitCode = exitCode;
  });

  program
    .command("init")
    .description("read a target's discovery documents and write a starter config (every field commented) and an empty baseline")
    .requiredOption("-t, --target <url>", "base URL of the service to certify")
    .option("-o, --out <file>", "config file to write", "authmd-conformance.yaml")
    .option("--baseline-out <file>", "baseline file to write (default: expected-failures.yaml next to the config)")
    .option("--force", "overwrite existing files")
    .option("--request-timeout <ms>", "timeout of one HTTP exchange", "10000")
    .action(async (flags: { target: string; out: string; baselineOut?: string; force?: boolean; requestTimeout: string }) => {
      const { runInit } = await import("./init.ts");
      const timeout = Number(flags.requestTimeout);
      if (!Number.isInteger(timeout) || timeout <= 0) throw new HarnessError("usage", `--request-timeout expects a positive whole number, got "${flags.requestTimeout}"`, "request-timeout");
      const result = await runInit({ target: flags.target, out: flags.out, ...(flags.baselineOut ? { baselineOut: flags.baselineOut } : {}), force: flags.force === true, requestTimeoutMs: timeout });
      process.stdout.write(
        [
          `profile ${result.profile}${result.target.agentAuth ? "" : " (no agent_auth block found: check the notes in the config)"}`,
          `wrote ${result.configFile}`,
          `wrote ${result.baselineFile}`,
          "next: set up the trust list, the mailbox and the API probes as the config's header says, then",
          `  npx authmd-conformance run --config ${displayPath(result.configFile)} --baseline ${displayPath(result.baselineFile)}`,
          "",
        ].join("\n"),
      );
    });

  program
    .command("sample-service")
    .description("serve the sample v0.1 service (the demo target) until interrupted")
    .option("--host <host>", "listen address", "127.0.0.1")
    .option("--port <n>", "listen port (0 = any free port)", "8000")
    .option("--fault <name>", "fault switch to turn on (repeatable)", collect, [])
    .option("--trust-issuer <url>", "agent provider issuer to trust (repeatable)", collect, [])
    .option("--smtp <host:port>", "SMTP server that receives claim mail")
    .option("--quiet", "do not log each request (a line per request costs a synchronous write under load)")
    .action(async (flags: { host: string; port: string; fault: string[]; trustIssuer: string[]; smtp?: string; quiet?: boolean }) => {
      const { serveSampleService } = await import("./serve-sample-service.ts");
      await serveSampleService(flags);
    });

  program
    .command("provider")
    .description("serve the mock agent provider (JWKS, CIMD, mint/forge control API) until interrupted")
    .option("--issuer <url>", "public issuer URL (default: the listen URL); may differ from it behind a tunnel")
    .option("--host <host>", "listen address", "127.0.0.1")
    .option("--port <n>", "listen port (0 = any free port)", "4000")
    .option("--alg <alg>", "signing algorithm: ES256, RS256 or EdDSA", "ES256")
    .option("--control-port <n>", "control API port on 127.0.0.1 (0 = any free port)", "0")
    .option("--state-dir <dir>", "keep the signing key in this directory, so the kid survives restarts (default: a fresh key per start)")
    .action(async (flags: { issuer?: string; host: string; port: string; alg: string; controlPort: string; stateDir?: string }) => {
      const { serveProvider } = await import("./serve-provider.ts");
      await serveProvider(flags);
    });

  program
    .command("requirements")
    .description("print the requirement catalogue")
    .addOption(new Option("--profile <id>", "only this profile").choices(profiles.map((p) => p.id)))
    .option("--json", "print JSON")
    .option("--coverage", "print how many normative statements of the sources the checks cover (v0.1; with --profile v0.7 the v0.7.md rows and statements), and list the uncovered ones")
    .action(async (flags: { profile?: string; json?: boolean; coverage?: boolean }) => {
      if (flags.coverage && flags.profile === "v0.7") {
        const { coverageReportV07, renderCoverageV07 } = await import("./requirements/v0_7/coverage.ts");
        const coverage = coverageReportV07();
        process.stdout.write(flags.json ? `${JSON.stringify(coverage, null, 2)}\n` : renderCoverageV07(coverage));
        return;
      }
      if (flags.coverage) {
        const { renderCoverage, coverageReport } = await import("./requirements/coverage.ts");
        const coverage = coverageReport();
        process.stdout.write(flags.json ? `${JSON.stringify(coverage, null, 2)}\n` : renderCoverage(coverage));
        return;
      }
      const { catalogue, coverageOfProfile, requirementsForProfile } = await import("./requirements/catalogue.ts");
      // v0.7 (preview): its own catalogue, each entry marked with whether a check exists yet.
      const { catalogueV07 } = await import("./requirements/v0_7/index.ts");
      const unchecked = new Set(flags.profile === "v0.7" ? coverageOfProfile("v0.7").unchecked : []);
      // …then the v0.1 requirements shared with v0.7 (same id, run through the v0.7 agent driver).
      const sharedV07 = requirementsForProfile("v0.7").filter((r) => !catalogueV07.some((own) => own.id === r.id));
      const list = flags.profile === "v0.7" ? [...catalogueV07, ...sharedV07] : catalogue.filter((r) => !flags.profile || r.profiles.includes(flags.profile));
      if (flags.profile === "v0.7") {
        const c = coverageOfProfile("v0.7");
        process.stdout.write(`v0.7 preview: ${c.checked} of ${c.total} requirements checked (entries marked "unchecked" are not planned in a run)\n`);
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const r of list) {
        const shared = flags.profile === "v0.7" && sharedV07.includes(r) ? "[shared v0.1] " : "";
        process.stdout.write(`${r.id.padEnd(16)} ${r.level.padEnd(6)} ${r.flow.padEnd(14)} ${unchecked.has(r.id) ? "[unchecked] " : ""}${shared}${r.title}\n`);
        process.stdout.write(`${" ".repeat(38)}${r.sources.map((s) => `${s.spec} ${s.section}`).join("; ")}\n`);
      }
      process.stdout.write(`${list.length} requirements\n`);
    });

  program
    .command("diff")
    .description("print what changed between two report.json files (new failures, fixed, changed evidence)")
    .argument("<old>", "the earlier report.json")
    .argument("<new>", "the later report.json")
    .option("--json", "print the diff as JSON")
    .action(async (oldFile: string, newFile: string, flags: { json?: boolean }) => {
      const { diffReports, readReportFile, renderDiff } = await import("./report/diff.ts");
      const diff = diffReports(await readReportFile(oldFile), await readReportFile(newFile));
      process.stdout.write(flags.json ? `${JSON.stringify(diff, null, 2)}\n` : renderDiff(diff));
    });

  program
    .command("verify")
    .description("check a certification record (run --certify): its signature and the SHA-256 of every report file it lists")
    .argument("<record>", "the record, e.g. reports/certification.jws")
    .option("--key <file>", "the publisher's public JWK (default: the key the record embeds, which proves integrity, not identity)")
    .option("--dir <folder>", "where the report files are (default: the record's folder)")
    .option("--json", "print the verification as JSON")
    .action(async (record: string, flags: { key?: string; dir?: string; json?: boolean }) => {
      const { verifyRecord, renderVerification } = await import("./certify/verify.ts");
      const result = await verifyRecord(record, { ...(flags.key ? { keyFile: flags.key } : {}), ...(flags.dir ? { dir: flags.dir } : {}) });
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderVerification(result, record));
      process.exitCode = result.valid ? EXIT.ok : EXIT.mustFailed;
    });

  program
    .command("lint")
    .description("check an auth.md document (file or URL): detects its protocol revision (v0.1/v0.7) and runs that revision's rules: sections, JSON blocks, placeholders, error codes, self-consistency, metadata consistency")
    .argument("<file|url>", "path of an auth.md file, or its URL (then the scanner criteria and the discovery documents are checked too)")
    .option("--metadata <file>", "AS metadata JSON (with agent_auth) to check the document's flows and URLs against")
    .option("--json", "print the findings as JSON")
    .option("--profile <revision>", "protocol revision whose rules apply (v0.1 or v0.7); detected from the document when absent")
    .option("--request-timeout <ms>", "timeout of one HTTP exchange (URL mode)", "10000")
    .action(async (input: string, flags: { metadata?: string; json?: boolean; profile?: string; requestTimeout: string }) => {
      const { runLint, parseLintProfile } = await import("./lint/index.ts");
      const { renderLint, lintExitCode } = await import("./lint/render.ts");
      const timeout = Number(flags.requestTimeout);
      if (!Number.isInteger(timeout) || timeout <= 0) throw new HarnessError("usage", `--request-timeout expects a positive whole number, got "${flags.requestTimeout}"`, "request-timeout");
      const profile = flags.profile === undefined ? undefined : parseLintProfile(flags.profile);
      const result = await runLint({ input, ...(flags.metadata ? { metadataFile: flags.metadata } : {}), ...(profile ? { profile } : {}), requestTimeoutMs: timeout });
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderLint(result));
      process.exitCode = lintExitCode(result);
    });

  program
    .command("schema")
    .description("print the JSON Schema of the config file (for editors)")
    .action(async () => {
      const { configJsonSchema } = await import("./config/schema.ts");
      process.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    });

  return program;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Entry point: usage, config and harness errors exit 2 with a message naming the field. */
export async function main(argv: string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit 0 through the same path.
      process.exitCode = err.exitCode === 0 ? 0 : EXIT.harness;
      return;
    }
    if (err instanceof HarnessError) {
      process.stderr.write(`error [${err.code}]${err.field ? ` (${err.field})` : ""}: ${err.message}\n`);
      process.exitCode = EXIT.harness;
      return;
    }
    process.stderr.write(`error [internal]: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = EXIT.harness;
  }
}
