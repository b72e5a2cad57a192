#!/usr/bin/env node
// The installed package runs the compiled dist/ (no TypeScript loader). A clone has src/ and runs
// the TypeScript sources through tsx, so development needs no build step.
import { existsSync } from "node:fs";

const sources = new URL("../src/cli.ts", import.meta.url);
let main;
if (existsSync(sources)) {
  // Commands that launch the suites load vitest's node API. Loaded natively before tsx's hooks are
  // registered, it costs ~85 MB; through the hooks, ~260 MB (the demo's peak RSS falls by ~140 MB).
  if (["run", "demo"].includes(process.argv[2] ?? "") && !process.argv.includes("--list-faults")) await import("vitest/node");
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import("../dist/src/cli.js"));
}
await main(process.argv);
