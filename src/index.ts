/**
 * The library entry of the package (`import { runConformance } from "authmd-conformance"`): run the
 * suite from code, read the catalogue, verify a certification record. The CLI (src/cli.ts) is a
 * thin layer over these.
 */
export { runConformance, type RunConformanceOptions, type RunConformanceResult } from "./run.ts";
export { runDemo, type DemoOptions } from "./demo.ts";
export { loadConfig, type ConfigOverrides } from "./config/load.ts";
export { catalogue } from "./requirements/catalogue.ts";
export { profiles, getProfile, type Profile } from "./profiles/index.ts";
export type { CheckResult, CheckStatus, Report, Summary } from "./report/model.ts";
export { EXIT } from "./report/exit-code.ts";
export { HarnessError } from "./errors.ts";
export { tool } from "./version.ts";
