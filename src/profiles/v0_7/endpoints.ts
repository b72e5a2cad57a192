import type { Target } from "../../target/target.ts";

/** The v0.7 endpoints an agent reads from discovery (v0.7.md §1: agent_auth and RFC 8414 members). */
export interface EndpointsV07 {
  identity?: string;
  claim?: string;
  events?: string;
  token?: string;
  revocation?: string;
  /** The service's JWKS (REG-04): not advertised in the AS metadata (no jwks_uri), so a fixed path. */
  jwks?: string;
}

export type EndpointNameV07 = keyof EndpointsV07;

/** Where each endpoint is advertised, for messages ("agent_auth.identity_endpoint"). */
export const ENDPOINT_SOURCES_V07: Readonly<Record<EndpointNameV07, string>> = {
  identity: "agent_auth.identity_endpoint",
  claim: "agent_auth.claim_endpoint",
  events: "agent_auth.events_endpoint",
  token: "token_endpoint",
  revocation: "revocation_endpoint",
  jwks: "jwks_uri (else <issuer>/.well-known/jwks.json)",
};

/**
 * Read the endpoints from what discovery found. A relative value is resolved against the AS
 * (DISC-AA-05 judges that it should be absolute; the other checks still reach the endpoint).
 */
export function endpointsV07(target: Pick<Target, "asMetadata" | "agentAuth" | "authorizationServer" | "url">): EndpointsV07 {
  const base = target.authorizationServer ?? `${target.url}/`;
  const resolve = (value: unknown): string | undefined => {
    if (typeof value !== "string" || value.length === 0) return undefined;
    try {
      return new URL(value, base).toString();
    } catch {
      return undefined;
    }
  };
  const aa = target.agentAuth ?? {};
  const as = target.asMetadata ?? {};
  const issuer = typeof as.issuer === "string" ? as.issuer : base;
  const jwks = resolve(as.jwks_uri) ?? resolve(`${issuer.replace(/\/+$/, "")}/.well-known/jwks.json`);
  const out: EndpointsV07 = {};
  const set = (key: EndpointNameV07, value: string | undefined) => {
    if (value) out[key] = value;
  };
  set("identity", resolve(aa.identity_endpoint));
  set("claim", resolve(aa.claim_endpoint));
  set("events", resolve(aa.events_endpoint));
  set("token", resolve(as.token_endpoint));
  set("revocation", resolve(as.revocation_endpoint));
  set("jwks", jwks);
  return out;
}
