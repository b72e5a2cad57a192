import { fileURLToPath } from "node:url";

/** The installed package's root folder (where suites/ lives), wherever the CLI was launched from. */
export const packageRoot = fileURLToPath(new URL("../..", import.meta.url));
