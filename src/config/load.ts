import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { HarnessError } from "../errors.ts";
import { type Config, configSchema } from "./schema.ts";

/** Flag or environment values, already shaped like the config (undefined = not given). */
export type ConfigOverrides = Record<string, unknown>;

/** Environment variables the harness reads, and the config path each sets. */
const ENV_KEYS: Record<string, { path: string[]; parse?: (v: string) => unknown }> = {
  AUTHMD_TARGET: { path: ["target"] },
  AUTHMD_PROFILE: { path: ["profile"] },
  AUTHMD_OUT: { path: ["out"] },
  AUTHMD_SEED: { path: ["seed"], parse: Number },
  AUTHMD_ONLY: { path: ["only"], parse: (v) => v.split(",") },
  AUTHMD_SKIP: { path: ["skip"], parse: (v) => v.split(",") },
  AUTHMD_REQUEST_TIMEOUT_MS: { path: ["timeouts", "requestMs"], parse: Number },
  AUTHMD_RUN_TIMEOUT_MS: { path: ["timeouts", "runMs"], parse: Number },
  AUTHMD_USER_EMAIL: { path: ["user", "email"] },
  AUTHMD_PROVIDER_STATE_DIR: { path: ["provider", "stateDir"] },
};

export function envOverrides(env: NodeJS.ProcessEnv = process.env): ConfigOverrides {
  const out: ConfigOverrides = {};
  for (const [key, spec] of Object.entries(ENV_KEYS)) {
    const raw = env[key];
    if (raw === undefined || raw === "") continue;
    setPath(out, spec.path, spec.parse ? spec.parse(raw) : raw);
  }
  return out;
}

/** Precedence: flags > environment > file > defaults. */
export async function loadConfig(options: {
  file?: string;
  env?: NodeJS.ProcessEnv;
  flags?: ConfigOverrides;
}): Promise<Config> {
  let fromFile: unknown = {};
  if (options.file) {
    let text: string;
    try {
      text = await readFile(options.file, "utf8");
    } catch (err) {
      throw new HarnessError("config_not_found", `Cannot read config file ${options.file}: ${(err as Error).message}`, "config");
    }
    try {
      fromFile = parseYaml(text) ?? {};
    } catch (err) {
      throw new HarnessError("config_invalid", `Config file ${options.file} is not valid YAML: ${(err as Error).message}`, "config");
    }
    if (typeof fromFile !== "object" || Array.isArray(fromFile)) {
      throw new HarnessError("config_invalid", `Config file ${options.file} must hold a mapping at the top level`, "config");
    }
  }
  const merged = deepMerge(deepMerge(fromFile as ConfigOverrides, envOverrides(options.env)), options.flags ?? {});
  return parseConfig(merged, options.file);
}

export function parseConfig(input: unknown, origin = "configuration"): Config {
  const result = configSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new HarnessError("config_invalid", `Invalid ${origin}: ${describeIssue(issue)}`, issuePath(issue));
}

function issuePath(issue: z.core.$ZodIssue): string {
  const keys = issue.code === "unrecognized_keys" ? [...issue.path, ...issue.keys] : issue.path;
  return keys.length ? keys.map(String).join(".") : "(root)";
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issuePath(issue);
  if (issue.code === "unrecognized_keys") return `unknown field "${field}" (not part of the config schema)`;
  return `field "${field}": ${issue.message}`;
}

function setPath(target: ConfigOverrides, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as ConfigOverrides;
  }
  node[path[path.length - 1]!] = value;
}

/** `over` on top of `base`: plain objects merge key by key, an undefined value keeps the base one. */
export function deepMerge(base: ConfigOverrides, over: ConfigOverrides): ConfigOverrides {
  const out: ConfigOverrides = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] =
      isPlainObject(prev) && isPlainObject(value) ? deepMerge(prev as ConfigOverrides, value as ConfigOverrides) : value;
  }
  return out;
}

function isPlainObject(v: unknown): boolean {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
