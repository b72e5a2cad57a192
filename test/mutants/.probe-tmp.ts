import { runDemo } from "/work/wt/driver/src/demo.ts";
import { tempDir } from "/work/wt/driver/test/support/cli.ts";
const faults = process.argv.slice(2);
for (const f of faults) {
  const out = await tempDir("probe-");
  const { report, exitCode } = await runDemo({ faults: f === "clean" ? [] : [f], print: false, flags: { profile: "v0.7", out, seed: 7, http: { maxRatePerSecond: 5000 } } as never });
  const bad = report.checks.filter((c) => ["fail", "warn", "error"].includes(c.status)).map((c) => `${c.id}:${c.status}${c.message.startsWith("Not testable") ? "(NT)" : ""}`);
  const blocked = report.checks.filter((c) => c.status === "blocked").length;
  console.log(`${f} exit=${exitCode} blocked=${blocked} -> ${bad.join(" ")}`);
}
