#!/usr/bin/env node
// `npm run report:allure [-- <results dir> <report dir>]`: render the Allure results of a run
// (default reports/allure-results) into ONE self-contained HTML file (default
// reports/allure-report/index.html) that opens from disk, with no server. Uses allurerc.json
// (the awesome report, singleFile). Allure's template also loads Google Analytics; that tag is
// removed, so opening the report contacts nobody (it shows the target's URLs and exchanges).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const results = path.resolve(process.argv[2] ?? "reports/allure-results");
const output = path.resolve(process.argv[3] ?? "reports/allure-report");

if (!existsSync(results)) {
  process.stderr.write(`No Allure results at ${results}: run the suite first (npm start, or authmd-conformance run --out <dir>)\n`);
  process.exit(2);
}
const allure = path.join(root, "node_modules", ".bin", "allure");
const code = await new Promise((resolve) => {
  const child = spawn(allure, ["generate", "-c", path.join(root, "allurerc.json"), results, "-o", output], { stdio: "inherit" });
  child.on("error", (err) => {
    process.stderr.write(`could not start allure: ${err.message}\n`);
    resolve(2);
  });
  child.on("close", (c) => resolve(c ?? 2));
});
if (code !== 0) process.exit(code);

const index = path.join(output, "index.html");
const html = await readFile(index, "utf8");
const offline = html.replace(/<script async src="https:\/\/www\.googletagmanager\.com\/[^"]*"><\/script>\s*<script>[\s\S]*?gtag\('config'[\s\S]*?<\/script>/, "");
await writeFile(index, offline);
process.stdout.write(`Allure report (one file, opens from disk): ${index}\n  open it in a browser: file://${index}\n`);
