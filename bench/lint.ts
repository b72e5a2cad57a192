/**
 * lint's cost (part of `npm run bench`; alone with BENCH_ONLY=lint): throughput in MB/s on a 1 MB
 * document (the v0.7 fixture repeated), and the two inputs that used to hang it: a heading with
 * 5,000 spaces inside (~56 s before markdown-it) and one 80 KB line of `a.a.a…` (~10 s before the
 * example-host pattern was replaced by indexOf). Each is linted REPEATS times; the median is shown.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { lintDocumentReport } from "../src/lint/document-rules.ts";

const REPEATS = Number(process.env.BENCH_LINT_REPEATS ?? 5);
const root = path.join(import.meta.dirname, "..");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeLint(text: string): { ms: number; findings: number } {
  const ms: number[] = [];
  let findings = 0;
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    findings = lintDocumentReport(text).findings.length;
    ms.push(performance.now() - started);
  }
  return { ms: median(ms), findings };
}

export function lintSection(): string[] {
  const unit = readFileSync(path.join(root, "test/lint/fixtures/v0_7.md"), "utf8");
  const oneMb = unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024);
  timeLint(unit); // warm up
  const big = timeLint(oneMb);
  const hostile: Array<[string, string]> = [
    ["heading with 5,000 spaces inside", `# a${" ".repeat(5000)}b\n`],
    ["one 80 KB line of a.a.a…", "a.".repeat(40_000)],
    ["one 80 KB line of a_a_a…", "a_".repeat(40_000)],
    ["100,000 unclosed [", "[".repeat(100_000)],
  ];
  const rows = hostile.map(([name, text]) => {
    const r = timeLint(text);
    return `| ${name} | ${(text.length / 1024).toFixed(1)} KB | ${r.ms.toFixed(0)} ms | ${r.ms < 1000 ? "yes" : "NO"} |`;
  });
  return [
    "## lint (one document in process, median of " + REPEATS + ")",
    "",
    `1 MB document (test/lint/fixtures/v0_7.md repeated): ${big.ms.toFixed(0)} ms, ${((1024 * 1024) / 1e6 / (big.ms / 1000)).toFixed(2)} MB/s, ${big.findings} findings`,
    "",
    "| hostile input | size | time | under 1 s |",
    "|---|---:|---:|---|",
    ...rows,
  ];
}
