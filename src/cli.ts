import { Command, CommanderError, Option } from "commander";
import { loadConfig, type ConfigOverrides } from "./config/load.ts";
import { configJsonSchema } from "./config/schema.ts";
import { printResult, printSummary } from "./console-progress.ts";
import { runDemo, listFaults } from "./demo.ts";
import { HarnessError } from "./errors.ts";
import { profiles } from "./profiles/index.ts";
import { EXIT } from "./report/exit-code.ts";
import { catalogue } from "./requirements/catalogue.ts";
import { runConformance } from "./run.ts";
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
  baseline?: string;
  allowStale?: boolean;
  runs?: string;
  proveOtpBruteforce?: boolean;
  bruteforceMaxAttempts?: string;
}

function addRunOptions(cmd: Command): Command {
  return cmd
    .option("-c, --config <file>", "YAML config file (see authmd-conformance schema)")
    .option("-o, --out <dir>", "folder for the reports", undefined)
    .addOption(new Option("--profile <id>", "protocol profile to certify").choices(profiles.map((p) => p.id)))
    .option("--only <glob...>", "run only requirement ids matching these globs (e.g. 'DISC-*')")
    .option("--skip <glob...>", "do not run requirement ids matching these globs (e.g. 'FUZZ-*')")
    .option("--seed <n>", "seed for every random choice (replay a run)")
    .option("--request-timeout <ms>", "timeout of one HTTP exchange")
    .option("--run-timeout <ms>", "timeout of the whole run")
    .option("--budget <n>", "maximum number of requests sent to the target")
    .option("--passive", "run only the read-only discovery checks; send no registration (GET/HEAD only)")
    .option("--baseline <file>", "expected failures (a previous report.json or expected-failures.yaml): exit 0 unless a new failure appears")
    .option("--allow-stale", "with --baseline: a baselined check that now passes does not fail the run")
    .option("--runs <n>", "generated cases per fuzz property (fuzz.runs)")
    .option("--prove-otp-bruteforce", "attack mode, opt-in: FUZZ-OTP-LOCK-01 searches the whole OTP space of one claim, with its own request budget and no rate limit")
    .option("--bruteforce-max-attempts <n>", "with --prove-otp-bruteforce: most guesses to send (default 1000000)");
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
    `ATTACK MODE (--prove-otp-bruteforce): FUZZ-OTP-LOCK-01 will guess the OTP of one claim with its own budget of up to ${cap} requests and no rate limit, outside http.requestBudget and maxRatePerSecond; every other check keeps the normal budget.\n`,
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
    const config = await loadConfig({ ...(flags.config ? { file: flags.config } : {}), flags: flagsToOverrides(flags) });
    process.stdout.write(`authmd-conformance ${tool.version}: ${config.profile} against ${config.target ?? "(no target)"}\n`);
    warnAttackMode(flags);
    const { report, exitCode, files } = await runConformance({ config, ...baselineOption(flags), onResult: (r) => printResult(r) });
    printSummary(report, files as unknown as Record<string, string>, exitCode);
    process.exitCode = exitCode;
  });

  addRunOptions(
    program
      .command("demo")
      .description("run the whole suite against the built-in sample service (and its mock provider and mail sink)")
      .option("--fault <name>", "break the sample service with a named fault switch (repeatable)", collect, [])
      .option("--list-faults", "list the fault switches: name<TAB>requirement ids"),
  ).action(async (flags: RunFlags & { fault: string[]; listFaults?: boolean }) => {
    if (flags.listFaults) {
      for (const line of listFaults()) process.stdout.write(`${line}\n`);
      return;
    }
    warnAttackMode(flags);
    const { exitCode } = await runDemo({
      faults: flags.fault,
      flags: flagsToOverrides(flags),
      ...baselineOption(flags),
      ...(flags.config ? { configFile: flags.config } : {}),
    });
    process.exitCode = exitCode;
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
    .action(async (flags: { issuer?: string; host: string; port: string; alg: string; controlPort: string }) => {
      const { serveProvider } = await import("./serve-provider.ts");
      await serveProvider(flags);
    });

  program
    .command("requirements")
    .description("print the requirement catalogue")
    .addOption(new Option("--profile <id>", "only this profile").choices(profiles.map((p) => p.id)))
    .option("--json", "print JSON")
    .option("--coverage", "print how many normative statements of the v0.1 sources the checks cover, and list the uncovered ones")
    .action(async (flags: { profile?: string; json?: boolean; coverage?: boolean }) => {
      if (flags.coverage) {
        const { renderCoverage, coverageReport } = await import("./requirements/coverage.ts");
        const coverage = coverageReport();
        process.stdout.write(flags.json ? `${JSON.stringify(coverage, null, 2)}\n` : renderCoverage(coverage));
        return;
      }
      const list = catalogue.filter((r) => !flags.profile || r.profiles.includes(flags.profile));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      for (const r of list) {
        process.stdout.write(`${r.id.padEnd(16)} ${r.level.padEnd(6)} ${r.flow.padEnd(14)} ${r.title}\n`);
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
    .command("lint")
    .description("check an auth.md document (file or URL) offline: sections, JSON blocks, placeholders, error table, metadata consistency")
    .argument("<file|url>", "path of an auth.md file, or its URL (then the scanner criteria and the discovery documents are checked too)")
    .option("--metadata <file>", "AS metadata JSON (with agent_auth) to check the document's flows and URLs against")
    .option("--json", "print the findings as JSON")
    .option("--request-timeout <ms>", "timeout of one HTTP exchange (URL mode)", "10000")
    .action(async (input: string, flags: { metadata?: string; json?: boolean; requestTimeout: string }) => {
      const { runLint } = await import("./lint/index.ts");
      const { renderLint, lintExitCode } = await import("./lint/render.ts");
      const timeout = Number(flags.requestTimeout);
      if (!Number.isInteger(timeout) || timeout <= 0) throw new HarnessError("usage", `--request-timeout expects a positive whole number, got "${flags.requestTimeout}"`, "request-timeout");
      const result = await runLint({ input, ...(flags.metadata ? { metadataFile: flags.metadata } : {}), requestTimeoutMs: timeout });
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderLint(result));
      process.exitCode = lintExitCode(result);
    });

  program
    .command("schema")
    .description("print the JSON Schema of the config file (for editors)")
    .action(() => {
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
