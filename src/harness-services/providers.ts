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
}

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

  const primary = await startMockProvider({
    host: provider.host,
    port: provider.port,
    alg: provider.alg,
    cimd: true,
    ...(provider.issuer ? { issuer: provider.issuer } : {}),
    ...(signingKey ? { signingKey } : {}),
  });
  let second: RunningMockProvider | undefined;
  if (provider.mode === "live" && provider.second.enabled) {
    second = await startMockProvider({
      host: provider.host,
      port: provider.second.port,
      alg: provider.alg,
      ...(provider.second.issuer ? { issuer: provider.second.issuer } : {}),
    });
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
    ...(second ? { second: describe(second) } : {}),
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
      return lines.join("\n");
    },
    async close() {
      await Promise.all(all.map((p) => p.close()));
    },
  };
}
