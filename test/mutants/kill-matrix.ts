/**
 * `npm run test:mutants`: run the suite against the sample service once per fault switch (and
 * once clean) and print the kill matrix: does each switch fail exactly the requirement ids it
 * declares? Ends with `mutants: K/N killed` and the catalogue's coverage by switches.
 */
import { FAULTS } from "../../sample-service/index.ts";
import { EXCUSED_REQUIREMENTS } from "../../sample-service/faults/excused.ts";
import { catalogue } from "../../src/requirements/catalogue.ts";
import { readReport, runCli, tempDir } from "../support/cli.ts";
import { judgeFault } from "../support/kill.ts";

const CONCURRENCY = Number(process.env.MUTANTS_CONCURRENCY ?? 2);

interface Row {
  fault: string;
  expected: string[];
  failed: string[];
  verdict: "killed" | "survived" | "collateral" | "crashed";
  detail: string;
}

async function runOne(fault: string | undefined, expected: string[]): Promise<Row> {
  const out = await tempDir("authmd-mutant-");
  const res = await runCli(["demo", ...(fault ? ["--fault", fault] : []), "--out", out, "--seed", "7"], { timeoutMs: 300_000 });
  let report;
  try {
    report = await readReport(out);
  } catch {
    return { fault: fault ?? "(clean)", expected, failed: [], verdict: "crashed", detail: `exit ${res.code}: ${res.stderr.slice(-200)}` };
  }
  const failed = report.checks.filter((c) => c.status === "fail" || c.status === "warn" || c.status === "error").map((c) => c.id);
  const { survived, collateral } = judgeFault(report, expected);
  const verdict = survived.length ? "survived" : collateral.length ? "collateral" : "killed";
  return { fault: fault ?? "(clean)", expected, failed, verdict, detail: [...survived.map((s) => `survived ${s}`), ...collateral].join("; ") };
}

async function pool<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(size, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!);
      }
    }),
  );
  return results;
}

async function main() {
  const started = Date.now();
  const clean = await runOne(undefined, []);
  const rows = await pool([...FAULTS], CONCURRENCY, (f) => runOne(f.name, f.requirementIds));
  const width = Math.max(...rows.map((r) => r.fault.length), 10);
  process.stdout.write(`${"fault".padEnd(width)}  verdict     expected ids → failed ids\n`);
  for (const r of [clean, ...rows]) {
    process.stdout.write(`${r.fault.padEnd(width)}  ${r.verdict.padEnd(10)}  ${r.expected.join(",") || "-"} → ${r.failed.join(",") || "-"}${r.detail ? `\n${" ".repeat(width + 14)}${r.detail}` : ""}\n`);
  }
  const killed = rows.filter((r) => r.verdict === "killed").length;
  const named = new Set(FAULTS.flatMap((f) => f.requirementIds));
  const uncovered = catalogue.filter((r) => !named.has(r.id) && !EXCUSED_REQUIREMENTS[r.id]).map((r) => r.id);
  const excused = catalogue.filter((r) => !named.has(r.id) && EXCUSED_REQUIREMENTS[r.id]).length;
  process.stdout.write(`\nclean service: ${clean.verdict === "killed" ? "passes everything" : `NOT CLEAN: ${clean.failed.join(", ")}`}\n`);
  process.stdout.write(`catalogue coverage: ${catalogue.length - uncovered.length - excused}/${catalogue.length} ids named by a switch, ${excused} excused in writing, ${uncovered.length} uncovered${uncovered.length ? `: ${uncovered.join(", ")}` : ""}\n`);
  process.stdout.write(`time: ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.stdout.write(`mutants: ${killed}/${rows.length} killed\n`);
  process.exitCode = killed === rows.length && clean.verdict === "killed" && uncovered.length === 0 ? 0 : 1;
}

await main();
