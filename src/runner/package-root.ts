import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Whether this module runs compiled (dist/…/*.js, the installed package) or from the TypeScript
 * sources (the clone, through tsx or vitest).
 */
export const compiled = import.meta.url.endsWith(".js");

/** The folder holding src/ and suites/: the clone's root, or dist/ in the package. */
export const codeRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The installed package's root folder (where package.json lives), wherever the CLI was launched from. */
export const packageRoot = compiled ? path.dirname(path.resolve(codeRoot)) : codeRoot;

/** The extension of the conformance suite files next to this module: `.check.js` compiled, `.check.ts` from sources. */
export const suiteFileGlob = compiled ? "**/*.check.js" : "**/*.check.ts";
