import { readFile } from "node:fs/promises";
import type { JWK } from "jose";
import { type RunningMockProvider, startMockProvider } from "../../mock-provider/index.ts";
import type { Config } from "../config/schema.ts";
import { HarnessError } from "../errors.ts";

/** What the suites need to reach the mock providers (control API), as plain JSON. */
export interface ProviderSettings {
  mode: "live" | "key";
  issuer: string;
  jwksUri: string;
  controlUrl: string;
  controlToken: string;
  second?: { issuer: string; jwksUri: string; controlUrl: string; controlToken: string };
  /** Why there is no second issuer (the checks that need two trusted issuers skip with it). */
  oneIssuerReason?: string;
  /** Wait before the one retry of a valid baseline refused with a key-lookup error. */
  baselineRetryMs: number;
}

/** `run` keeps the provider's keys here (relative to the working directory) unless provider.stateDir says otherwise. */
export const DEFAULT_STATE_DIR = ".authmd-conformance";

/** The second issuer's path on the primary's listener (provider.second without a port). */
export const SECOND_ISSUER_PATH = "/second-issuer";

export interface RunningProviders {
  settings: ProviderSettings;
  /** Origins of the harness's own servers (always allowed). */
  origins: string[];
  /** The exact trust-list entries the target must carry, in words and JSON. */
  trustInstructions(): string;
  close(): Promise<void>;
}

/** Start the mock provider(s) the config asks for, or undefined when provider.mode is off. */
export async function startProviders(config: Config): Promise<RunningProviders | undefined> {
  const { provider } = config;
  if (provider.mode === "off") return undefined;

  let signingKey: { privateJwk: JWK; alg: "ES256" | "RS256" | "EdDSA" } | undefined;
  if (provider.mode === "key") {
    if (!provider.signingKeyFile || !provider.issuer) {
      throw new HarnessError("config_invalid", "provider.mode key needs provider.signingKeyFile and provider.issuer", "provider.signingKeyFile");
    }
    let jwk: JWK;
    try {
      jwk = JSON.parse(await readFile(provider.signingKeyFile, "utf8")) as JWK;
    } catch (err) {
      throw new HarnessError("config_invalid", `Cannot read a JWK from provider.signingKeyFile: ${(err as Error).message}`, "provider.signingKeyFile");
    }
    signingKey = { privateJwk: jwk, alg: provider.alg };
  }

  if (provider.second.issuer && provider.second.port === undefined) {
    throw new HarnessError("config_invalid", `provider.second.issuer needs provider.second.port; without a port the second issuer is \${provider issuer}${SECOND_ISSUER_PATH}`, "provider.second.issuer");
  }
  const primary = await startMockProvider({
    host: provider.host,
    port: provider.port,
    alg: provider.alg,
    cimd: true,
    ...(provider.issuer ? { issuer: provider.issuer } : {}),
    ...(signingKey ? { signingKey } : {}),
    ...(provider.stateDir ? { stateDir: provider.stateDir, stateName: "primary" } : {}),
  });
  let second: RunningMockProvider | undefined;
  try {
    if (provider.mode === "live" && provider.second.enabled === true) second = await startSecond(config, primary);
  } catch (err) {
    await primary.close();
    throw err;
  }
  if (second) {
    primary.linkPeer(second);
    second.linkPeer(primary);
  }

  const describe = (p: RunningMockProvider) => ({
    issuer: p.issuer,
    jwksUri: p.jwksUri,
    controlUrl: p.controlUrl!,
    controlToken: p.controlToken!,
  });
  const settings: ProviderSettings = {
    mode: provider.mode,
    ...describe(primary),
    ...(second ? { second: describe(second) } : { oneIssuerReason: oneIssuerReason(config) }),
    baselineRetryMs: provider.baselineRetryMs,
  };
  const all = [primary, ...(second ? [second] : [])];
  return {
    settings,
    origins: all.flatMap((p) => [new URL(p.url).origin, new URL(p.issuer).origin]),
    trustInstructions() {
      const entries = all.map((p) => ({ issuer: p.issuer, jwks_uri: p.jwksUri }));
      const lines = [
        "The service under test must trust the mock agent provider:",
        ...entries.map((e) => `  issuer ${e.issuer}  (JWKS ${e.jwks_uri})`),
        `  trust-list entries: ${JSON.stringify(entries)}`,
      ];
      if (provider.mode === "key") lines.push(`  JWKS to pin: ${JSON.stringify(primary.keys.publicJwks())}`);
      if (provider.mode === "live") {
        lines.push(provider.stateDir
          ? `  signing keys kept in ${provider.stateDir} (kid ${all.map((p) => p.keys.current().kid).join(", ")}): the same on the next run`
          : "  signing keys are fresh for this run (set provider.stateDir to keep them)");
      }
      if (!second) lines.push(`  one trusted issuer: ${settings.oneIssuerReason}`);
      if (provider.port === 0 && !provider.issuer) {
        lines.push("  the issuer's port is random this run (provider.port 0): fix provider.port so the trust-list entry stays valid");
      }
      return lines.join("\n");
    },
    async close() {
      await Promise.all(all.map((p) => p.close()));
    },
  };
}

function oneIssuerReason(config: Config): string {
  return config.provider.mode === "key"
    ? "provider.mode is key: the target trusts the one issuer whose key you bring"
    : "provider.second.enabled is not true: the target is declared to trust one issuer";
}

/** The second issuer: on the primary's listener under SECOND_ISSUER_PATH, or on a port of its own. */
function startSecond(config: Config, primary: RunningMockProvider): Promise<RunningMockProvider> {
  const { provider } = config;
  const state = provider.stateDir ? { stateDir: provider.stateDir, stateName: "second" } : {};
  if (provider.second.port === undefined) {
    return startMockProvider({ alg: provider.alg, mount: { on: primary, path: SECOND_ISSUER_PATH }, ...state });
  }
  return startMockProvider({
    host: provider.host,
    port: provider.second.port,
    alg: provider.alg,
    ...(provider.second.issuer ? { issuer: provider.second.issuer } : {}),
    ...state,
  });
}
