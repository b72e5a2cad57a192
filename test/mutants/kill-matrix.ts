/**
 * The kill matrix: run the suite against the sample service once clean and once per fault switch,
 * and judge whether each switch fails exactly the requirement ids it declares.
 *
 *   npm run test:mutants                    the whole suite per switch, 2 shards in parallel;
 *                                           prints the table and `mutants: K/N killed`
 *   … kill-matrix.ts --scope flow           only the checks of the flows a switch touches (npm test)
 *   … kill-matrix.ts --shard 1/2 --json f   one shard in this process (used by the above)
 *   … kill-matrix.ts --faults a,b           just these switches, in this process
 *   … kill-matrix.ts --profile v0.7 [--faults a,b]   the v0.7 preview matrix alone (npm run
 *                                           test:mutants runs it after the v0.1 matrix)
 *                                           the v0.7 switches whose ids all have checks (preview)
 *
 * A shard runs its demos one after another in one process (no CLI start-up per switch), which is
 * what keeps ~150 full runs affordable on a 2-core machine.
 */
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { EXCUSED_REQUIREMENTS } from "../../sample-service/faults/excused.ts";
import { EXCUSED_REQUIREMENTS_V07 } from "../../sample-service/v0_7/excused.ts";
import { FAULTS } from "../../sample-service/index.ts";
import { FAULTS_V07 } from "../../sample-service/v0_7/index.ts";
import { runDemo } from "../../src/demo.ts";
import { catalogue, findRequirement, requirementsForProfile } from "../../src/requirements/catalogue.ts";
import { SHARED_WITH_V0_1 } from "../../src/requirements/v0_7/index.ts";
import type { FaultDefinition } from "../../sample-service/faults/types.ts";
import { tempDir } from "../support/cli.ts";
import { judgeFault } from "../support/kill.ts";

export interface MatrixRow {
  fault: string;
  expected: string[];
  failed: string[];
  exitCode: number | null;
  expectedExitCode: number;
  /** Downstream ids declared by the switch (alsoFails) that are allowed, and required, to fail too. */
  alsoFails: string[];
  verdict: "killed" | "survived" | "collateral" | "stale" | "wrong-exit" | "crashed";
  detail: string;
  /** Wall time of this switch's run. */
  seconds: number;
}

type Scope = "flow" | "full";

/** Requests per second against the matrix's own sample service (the default 50/s paces staging servers). */
const MATRIX_RATE_PER_SECOND = 5_000;

function flowScope(ids: readonly string[]): string[] {
  const flows = new Set(ids.map((id) => findRequirement(id)?.flow));
  return catalogue.filter((r) => flows.has(r.flow)).map((r) => r.id);
}

/** The v0.7 checks of the flows these ids belong to (a switch's own flows, and those it is declared to break too). */
function flowScopeV07(ids: readonly string[]): string[] {
  const flows = new Set(ids.map((id) => findRequirement(id, "v0.7")?.flow));
  return requirementsForProfile("v0.7").filter((r) => flows.has(r.flow)).map((r) => r.id);
}

/** Checks that only run under --prove-otp-bruteforce (v0.1's FUZZ-OTP-LOCK-01 also runs without it). */
const ATTACK_MODE_IDS: ReadonlySet<string> = new Set(["FUZZ-UC-BRUTE-01"]);

async function runOne(fault: string | undefined, expected: string[], scope: Scope, alsoFails: string[] = [], profile: "v0.1" | "v0.7" = "v0.1", byChance: string[] = [], variant?: string): Promise<MatrixRow> {
  const name = fault ?? "(clean)";
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  const out = await tempDir("authmd-mutant-");
  try {
    // On a variant only the switch's own checks run: the state it needs (a rate limit) would
    // otherwise turn every other check away too.
    const only = variant ? expected : scope === "flow" && fault ? (profile === "v0.7" ? flowScopeV07([...expected, ...alsoFails, ...byChance]) : flowScope(expected)) : [];
    // Mail arrives in ~150 ms on loopback; a short wait keeps "no mail" switches fast. The target
    // is the harness's own loopback service, so the politeness rate (tested on its own) is lifted.
    const result = await runDemo({
      faults: fault ? [fault] : [],
      // A switch that needs a state the default service never reaches runs on the variant that has it.
      ...(variant ? { variants: [variant] } : {}),
      print: false,
      flags: {
        out,
        seed: 7,
        only,
        mail: { waitMs: 3000 },
        http: { maxRatePerSecond: MATRIX_RATE_PER_SECOND },
        profile,
        // A switch judged by an opt-in attack check runs with that attack on (bounded: 30 s of guessing).
        ...(expected.some((id) => ATTACK_MODE_IDS.has(id)) ? { fuzz: { proveOtpBruteforce: true, bruteforce: { maxMs: 30_000 } } } : {}),
      },
    });
    const report = result.report;
    const ran = new Set(report.checks.map((c) => c.id));
    const failedByChance = byChance.filter((id) => report.checks.some((c) => c.id === id && c.status === "fail"));
    const expectedExitCode = [...expected, ...alsoFails.filter((id) => ran.has(id)), ...failedByChance].some((id) => findRequirement(id, profile)?.level === "MUST") ? 1 : 0;
    const failed = report.checks.filter((c) => c.status === "fail" || c.status === "warn" || c.status === "error").map((c) => c.id);
    const { survived, collateral, stale } = judgeFault(report, expected, alsoFails, byChance);
    const verdict = survived.length
      ? "survived"
      : collateral.length
        ? "collateral"
        : stale.length
          ? "stale"
          : result.exitCode !== expectedExitCode
            ? "wrong-exit"
            : "killed";
    const detail = [
      ...survived.map((s) => `survived ${s}`),
      ...collateral,
      ...stale.map((s) => `${s} is declared in alsoFails but passed`),
      ...(verdict === "wrong-exit" ? [`exit ${result.exitCode}, expected ${expectedExitCode}`] : []),
    ].join("; ");
    return { fault: name, expected, alsoFails, failed, exitCode: result.exitCode, expectedExitCode, verdict, detail, seconds: seconds() };
  } catch (err) {
    return { fault: name, expected, alsoFails, failed: [], exitCode: null, expectedExitCode: -1, verdict: "crashed", detail: (err as Error).message, seconds: seconds() };
  } finally {
    // The row carries everything the matrix needs; the reports of ~130 runs would pile up in /tmp.
    await rm(out, { recursive: true, force: true });
  }
}

/** Run shard `index` of `count` in this process (faults by position; shard 1 also runs the clean service). */
export async function runShard(index: number, count: number, scope: Scope, only?: string[]): Promise<MatrixRow[]> {
  const faults = FAULTS.filter((f) => !only || only.includes(f.name)).filter((_, i) => i % count === index - 1);
  const rows: MatrixRow[] = [];
  if (index === 1 && !only) rows.push(await runOne(undefined, [], "full"));
  for (const f of faults) rows.push(await runOne(f.name, f.requirementIds, scope, [...(f.alsoFails?.ids ?? [])], "v0.1", [...(f.mayAlsoFail?.ids ?? [])]));
  return rows;
}

/** Spawn `count` shard processes and merge their rows. */
export async function runMatrix(count: number, scope: Scope, profile: "v0.1" | "v0.7" = "v0.1"): Promise<MatrixRow[]> {
  const self = fileURLToPath(import.meta.url);
  const dir = await tempDir("authmd-matrix-");
  const shards = Array.from({ length: count }, (_, i) => i + 1);
  await Promise.all(
    shards.map(
      (i) =>
        new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, ["--import", "tsx", self, "--profile", profile, "--shard", `${i}/${count}`, "--scope", scope, "--json", path.join(dir, `${i}.json`)], {
            stdio: ["ignore", "ignore", "inherit"],
          });
          child.on("error", reject);
          child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`shard ${i} exited ${code}`))));
        }),
    ),
  );
  const rows: MatrixRow[] = [];
  try {
    for (const i of shards) rows.push(...(JSON.parse(await readFile(path.join(dir, `${i}.json`), "utf8")) as MatrixRow[]));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

function printTable(rows: MatrixRow[], seconds: number): boolean {
  const clean = rows.find((r) => r.fault === "(clean)");
  const mutants = rows.filter((r) => r.fault !== "(clean)");
  const width = Math.max(...rows.map((r) => r.fault.length), 10);
  const out = process.stdout;
  out.write(`${"fault".padEnd(width)}  ${"verdict".padEnd(10)}  ${"time".padStart(6)}  expected ids → failed ids\n`);
  for (const r of rows) {
    const downstream = r.alsoFails.length ? ` (+ downstream ${r.alsoFails.join(",")})` : "";
    out.write(`${r.fault.padEnd(width)}  ${r.verdict.padEnd(10)}  ${`${r.seconds.toFixed(1)}s`.padStart(6)}  ${r.expected.join(",") || "-"}${downstream} → ${r.failed.join(",") || "-"}\n`);
    if (r.detail) out.write(`${" ".repeat(width + 22)}${r.detail}\n`);
  }
  const killed = mutants.filter((r) => r.verdict === "killed").length;
  const named = new Set(FAULTS.flatMap((f) => f.requirementIds));
  const excused = catalogue.filter((r) => !named.has(r.id) && EXCUSED_REQUIREMENTS[r.id]);
  const uncovered = catalogue.filter((r) => !named.has(r.id) && !EXCUSED_REQUIREMENTS[r.id]).map((r) => r.id);
  out.write(`\nclean service: ${clean?.verdict === "killed" ? "passes every check" : `NOT CLEAN: ${clean?.failed.join(", ") ?? "not run"} ${clean?.detail ?? ""}`}\n`);
  out.write(`catalogue coverage: ${named.size}/${catalogue.length} ids named by a switch, ${excused.length} excused in writing${excused.length ? ` (${excused.map((r) => r.id).join(", ")})` : ""}, ${uncovered.length} uncovered${uncovered.length ? `: ${uncovered.join(", ")}` : ""}\n`);
  out.write(`time: ${seconds.toFixed(0)} s\n`);
  out.write(`mutants: ${killed}/${mutants.length} killed\n`);
  return killed === mutants.length && clean?.verdict === "killed" && uncovered.length === 0;
}

/**
 * The v0.7 preview matrix: every v0.7 switch whose requirement ids all have an implemented check
 * must fail exactly those ids; the other switches wait for their checks (listed, not judged).
 */
/**
 * The ids a v0.7 switch must fail: its requirementIds, where a row that its sharedCheckIds
 * implement (SHARED_WITH_V0_1 `rows`: a delegated row, or an own row a shared check also covers)
 * is replaced by those shared checks. A delegated row without sharedCheckIds stays, so the switch
 * waits until a check names it.
 */
export function expectedIdsV07(fault: Pick<FaultDefinition, "requirementIds" | "sharedCheckIds">): string[] {
  if (!fault.sharedCheckIds) return [...fault.requirementIds];
  const implemented = new Set(fault.sharedCheckIds.flatMap((id) => SHARED_WITH_V0_1[id]?.rows ?? []));
  const own = fault.requirementIds.filter((id) => !implemented.has(id));
  return [...new Set([...own, ...fault.sharedCheckIds])];
}

/** The v0.7 switches to run: the picked ones (with at least one checked id), else every judged one. */
function planV07(picked?: string[]): { checked: Set<string>; judged: FaultDefinition[]; run: FaultDefinition[] } {
  // The v0.7 plan: its own checked entries and the shared v0.1 ids (SHARED_IDS_V07).
  const checked = new Set(requirementsForProfile("v0.7").map((r) => r.id));
  const judged = FAULTS_V07.filter((f) => expectedIdsV07(f).every((id) => checked.has(id)));
  const unknown = (picked ?? []).filter((name) => !FAULTS_V07.some((f) => f.name === name));
  if (unknown.length) throw new Error(`unknown v0.7 fault switches: ${unknown.join(", ")}`);
  // A switch named with --faults runs even while some of its ids wait for a check: it must fail
  // exactly its checked ids (the unchecked ones are not planned in a v0.7 run).
  const run = picked ? FAULTS_V07.filter((f) => picked.includes(f.name) && expectedIdsV07(f).some((id) => checked.has(id))) : judged;
  return { checked, judged, run };
}

/** Shard `index` of `count` of the v0.7 switches, in this process (shard 1 also runs the clean service, always in full). */
export async function runShardV07(index: number, count: number, scope: Scope, picked?: string[]): Promise<MatrixRow[]> {
  const { checked, run } = planV07(picked);
  const rows: MatrixRow[] = [];
  if (index === 1 && !picked) rows.push(await runOne(undefined, [], "full", [], "v0.7"));
  for (const f of run.filter((_, i) => i % count === index - 1)) {
    rows.push(
      await runOne(f.name, expectedIdsV07(f).filter((id) => checked.has(id)), scope, [...(f.alsoFails?.ids ?? [])], "v0.7", [...(f.mayAlsoFail?.ids ?? [])], f.onVariant),
    );
  }
  return rows;
}

export async function runV07(picked: string[] | undefined, scope: Scope, concurrency: number): Promise<boolean> {
  const started = Date.now();
  const { judged } = planV07(picked);
  const rows = picked || concurrency <= 1 ? await runShardV07(1, 1, scope, picked) : await runMatrix(concurrency, scope, "v0.7");
  const out = process.stdout;
  const width = Math.max(...rows.map((r) => r.fault.length), 10);
  for (const r of rows) {
    out.write(`${r.fault.padEnd(width)}  ${r.verdict.padEnd(10)}  ${`${r.seconds.toFixed(1)}s`.padStart(6)}  ${r.expected.join(",") || "-"} → ${r.failed.join(",") || "-"}\n`);
    if (r.detail) out.write(`${" ".repeat(width + 22)}${r.detail}\n`);
  }
  const clean = rows.find((r) => r.fault === "(clean)");
  const mutants = rows.filter((r) => r.fault !== "(clean)");
  const killed = mutants.filter((r) => r.verdict === "killed").length;
  // Every planned v0.7 id is named by a switch (its requirementIds or sharedCheckIds), or excused in writing.
  const planned = requirementsForProfile("v0.7").map((r) => r.id);
  const named = new Set(FAULTS_V07.flatMap((f) => expectedIdsV07(f)));
  const uncovered = planned.filter((id) => !named.has(id) && !EXCUSED_REQUIREMENTS_V07[id]);
  const excused = planned.filter((id) => !named.has(id) && EXCUSED_REQUIREMENTS_V07[id]);
  if (clean) out.write(`\nclean v0.7 service: ${clean.verdict === "killed" ? "passes every check" : `NOT CLEAN: ${clean.failed.join(", ")} ${clean.detail}`}\n`);
  out.write(`v0.7 switches judged: ${judged.length} of ${FAULTS_V07.length} (the other ${FAULTS_V07.length - judged.length} name ids without a check)${scope === "flow" ? "; each run with the checks of the flows it touches" : ""}\n`);
  out.write(`v0.7 catalogue coverage: ${planned.length - uncovered.length - excused.length}/${planned.length} planned ids named by a switch, ${excused.length} excused in writing${excused.length ? ` (${excused.join(", ")})` : ""}, ${uncovered.length} uncovered${uncovered.length ? `: ${uncovered.join(", ")}` : ""}\n`);
  out.write(`time: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  out.write(`v0.7 mutants: ${killed}/${mutants.length} killed\n`);
  return killed === mutants.length && (!clean || clean.verdict === "killed") && (picked !== undefined || uncovered.length === 0);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scope = (arg("--scope") ?? "full") as Scope;
  const shard = arg("--shard");
  const picked = arg("--faults")?.split(",");
  const concurrency = Number(process.env.MUTANTS_CONCURRENCY ?? 2);
  // v0.7's full demo takes minutes: its matrix runs each switch with the checks of the flows it touches.
  const scopeV07 = (arg("--scope") ?? "flow") as Scope;
  if (shard) {
    const [index, count] = shard.split("/").map(Number) as [number, number];
    const rows = arg("--profile") === "v0.7" ? await runShardV07(index, count, scopeV07) : await runShard(index, count, scope);
    await writeFile(arg("--json")!, JSON.stringify(rows));
  } else if (arg("--profile") === "v0.7") {
    process.exitCode = (await runV07(picked, scopeV07, concurrency)) ? 0 : 1;
  } else if (picked) {
    // A few switches, in this process, for checking a fix (not a verdict on the whole matrix).
    const started = Date.now();
    const rows = await runShard(1, 1, scope, picked);
    printTable(rows, (Date.now() - started) / 1000);
    process.exitCode = rows.every((r) => r.verdict === "killed") ? 0 : 1;
  } else {
    const started = Date.now();
    const rows = await runMatrix(concurrency, scope);
    const v01 = printTable(rows, (Date.now() - started) / 1000);
    // Both profiles: the v0.7 matrix follows.
    process.stdout.write("\n");
    const v07 = await runV07(undefined, scopeV07, concurrency);
    process.exitCode = v01 && v07 ? 0 : 1;
  }
}
