import { isSigningAlg, startMockProvider } from "../mock-provider/index.ts";
import { HarnessError } from "./errors.ts";

export interface ServeProviderFlags {
  issuer?: string;
  host: string;
  port: string;
  alg: string;
  controlPort: string;
  /** Keep the signing key here (mock-provider/key-store.ts); absent = a fresh key per start. */
  stateDir?: string;
}

function port(value: string, field: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new HarnessError("usage", `--${field} expects 0-65535, got ${value}`, field);
  return n;
}

/**
 * `authmd-conformance provider`: the mock agent provider on its own, serving its JWKS (and CIMD)
 * under the given issuer until SIGINT/SIGTERM. Prints what a service operator needs (issuer, JWKS
 * URL, trust-list entry) and what a harness in another process needs (control URL and token).
 * Private keys stay in this process.
 */
export async function serveProvider(flags: ServeProviderFlags, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<void> {
  if (!isSigningAlg(flags.alg)) throw new HarnessError("usage", `--alg expects ES256, RS256 or EdDSA, got ${flags.alg}`, "alg");
  if (flags.issuer !== undefined) {
    let url: URL;
    try {
      url = new URL(flags.issuer);
    } catch {
      throw new HarnessError("usage", `--issuer is not a URL: ${flags.issuer}`, "issuer");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new HarnessError("usage", "--issuer must be an http(s) URL", "issuer");
  }
  const provider = await startMockProvider({
    host: flags.host,
    port: port(flags.port, "port"),
    alg: flags.alg,
    cimd: true,
    controlPort: port(flags.controlPort, "control-port"),
    ...(flags.issuer ? { issuer: flags.issuer } : {}),
    ...(flags.stateDir ? { stateDir: flags.stateDir } : {}),
  });
  const entry = { issuer: provider.issuer, jwks_uri: provider.jwksUri };
  out(`mock agent provider listening at ${provider.url}`);
  out(`  issuer         ${provider.issuer}`);
  out(`  JWKS           ${provider.jwksUri}`);
  out(`  kid            ${provider.keys.current().kid}${flags.stateDir ? ` (kept in ${flags.stateDir})` : " (fresh: pass --state-dir to keep it)"}`);
  if (provider.cimdUrl) out(`  CIMD           ${provider.cimdUrl}`);
  out(`  control URL    ${provider.controlUrl ?? "(disabled)"}`);
  out(`  control token  ${provider.controlToken ?? "(disabled)"}`);
  out(`  trust-list entry for the service under test: ${JSON.stringify(entry)}`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await provider.close();
}
