#!/usr/bin/env node
// The installed package runs the compiled dist/ (no TypeScript loader). A clone has src/ and runs
// the TypeScript sources through tsx, so development needs no build step.
import { existsSync } from "node:fs";

const sources = new URL("../src/cli.ts", import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import("../dist/src/cli.js"));
}
await main(process.argv);
