import { readFileSync } from "node:fs";
import { packageRoot } from "./runner/package-root.ts";
import path from "node:path";

/** The tool's name and version, from package.json (one source of truth). */
export const tool: { name: string; version: string } = (() => {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
})();
