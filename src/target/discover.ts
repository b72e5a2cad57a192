import { HarnessError } from "../errors.ts";
import type { HttpClient } from "../http/client.ts";
import type { Profile } from "../profiles/types.ts";
import { deriveClaimEndpoints } from "../profiles/v0_1/endpoints.ts";
import type { ApiProbe, Target } from "./target.ts";

export interface DiscoverOptions {
  targetUrl: string;
  profile: Profile;
  http: HttpClient;
  api: { read?: { method: string; path: string; body?: unknown }; write?: { method: string; path: string; body?: unknown } };
  allowedOrigins: string[];
}

/**
 * Best-effort discovery: follow the documents as an agent would and keep what they say. It
 * never judges (the discovery suite does); it only fails when the target cannot be reached at all.
 */
export async function discoverTarget(options: DiscoverOptions): Promise<Target> {
  const base = options.targetUrl.replace(/\/+$/, "");
  const origin = new URL(base).origin;
  const { profile, http } = options;
  const notes: string[] = [];

  const prmUrl = `${origin}${profile.wellKnown.protectedResource}`;
  const prmRes = await http.get(prmUrl).catch((err: unknown) => {
    if (err instanceof HarnessError && (err.code === "target_unreachable" || err.code === "timeout")) throw err;
    notes.push(`PRM fetch failed: ${(err as Error).message}`);
    return undefined;
  });
  const prm = prmRes?.status === 200 && isObject(prmRes.json) ? prmRes.json : undefined;
  if (!prm) notes.push(`No PRM JSON at ${prmUrl} (status ${prmRes?.status ?? "none"})`);

  const resource = typeof prm?.resource === "string" ? prm.resource : undefined;
  const servers = Array.isArray(prm?.authorization_servers) ? prm.authorization_servers : [];
  const authorizationServer = typeof servers[0] === "string" ? servers[0] : undefined;

  let asMetadataUrl: string | undefined;
  let asMetadata: Record<string, unknown> | undefined;
  if (authorizationServer) {
    asMetadataUrl = wellKnownUrl(authorizationServer, profile.wellKnown.authorizationServer);
    if (asMetadataUrl && http.isAllowed(asMetadataUrl)) {
      const res = await http.get(asMetadataUrl).catch((err: unknown) => {
        notes.push(`AS metadata fetch failed: ${(err as Error).message}`);
        return undefined;
      });
      if (res?.status === 200 && isObject(res.json)) asMetadata = res.json;
      else notes.push(`No AS metadata JSON at ${asMetadataUrl} (status ${res?.status ?? "none"})`);
    } else if (asMetadataUrl) {
      notes.push(`Authorization server ${asMetadataUrl} is outside the allowed origins; add it to http.allowedOrigins`);
    }
  } else {
    notes.push("The PRM names no authorization server");
  }

  const agentAuth = isObject(asMetadata?.agent_auth) ? asMetadata.agent_auth : undefined;
  if (asMetadata && !agentAuth) notes.push("The AS metadata has no agent_auth block");
  const str = (key: string) => absolute(agentAuth?.[key], authorizationServer ?? base);
  const register = str("register_uri");
  const claim = str("claim_uri");
  const endpoints = {
    ...(register ? { register } : {}),
    ...(claim ? { claim } : {}),
    ...(str("revocation_uri") ? { revocation: str("revocation_uri") } : {}),
    ...deriveClaimEndpoints(claim, register),
  };
  const manifestUrl = str("skill") ?? `${base}${profile.wellKnown.manifest}`;

  const probe = (p: { method: string; path: string; body?: unknown } | undefined): ApiProbe | undefined =>
    p ? { method: p.method, url: new URL(p.path, resource ?? `${base}/`).toString(), ...(p.body !== undefined ? { body: p.body } : {}) } : undefined;
  const read = probe(options.api.read) ?? { method: "GET", url: resource ?? `${base}/` };
  const write = probe(options.api.write);

  return {
    url: base,
    origin,
    profile: profile.id,
    prmUrl,
    ...(prm ? { prm } : {}),
    ...(resource ? { resource } : {}),
    ...(authorizationServer ? { authorizationServer } : {}),
    ...(asMetadataUrl ? { asMetadataUrl } : {}),
    ...(asMetadata ? { asMetadata } : {}),
    ...(agentAuth ? { agentAuth } : {}),
    manifestUrl,
    endpoints,
    api: { read, ...(write ? { write } : {}) },
    allowedOrigins: options.allowedOrigins,
    notes,
  };
}

/**
 * RFC 8414 §3: insert the well-known segment between host and path. For an issuer with no path
 * this equals AUTH.md's "append" form; for one with a path the two differ and we follow the RFC.
 */
export function wellKnownUrl(issuer: string, wellKnownPath: string): string | undefined {
  try {
    const url = new URL(issuer);
    const path = url.pathname.replace(/\/+$/, "");
    return `${url.origin}${wellKnownPath}${path}`;
  } catch {
    return undefined;
  }
}

function absolute(value: unknown, base: string): string | undefined {
  if (typeof value !== "string" || value.length === 0) return undefined;
  try {
    return new URL(value, base).toString();
  } catch {
    return undefined;
  }
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
