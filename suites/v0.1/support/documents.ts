import type { HttpResponse } from "../../../src/http/client.ts";
import { wellKnownUrl } from "../../../src/target/discover.ts";
import { blocked, type CheckContext, notTestable } from "../../../src/suite/index.ts";
import { discoveryCause, noDiscoveryCause } from "../../../src/target/causes.ts";
import { profileV01 } from "../../../src/profiles/v0_1/index.ts";

/** Fetching the discovery documents inside a check, so the exchanges land in its evidence. */
export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Whether this run certifies v0.7: a check shared with v0.7 adds what v0.7.md changes (SHARED_WITH_V0_1). */
export function isV07(ctx: Pick<CheckContext, "target">): boolean {
  return ctx.target.profile === "v0.7";
}

/** The discovered agent_auth block, or blocked by the discovery cause that explains its absence. */
export function requireAgentAuth(target: CheckContext["target"]): Json {
  if (isObject(target.agentAuth)) return target.agentAuth;
  blocked(
    discoveryCause(target) ?? {
      id: "no-agent-auth",
      title: "No agent_auth block was discovered",
      evidence: { message: target.notes.join("; ") || "discovery found no agent_auth block" },
    },
  );
}

export async function fetchPrm(ctx: CheckContext): Promise<{ url: string; doc: Json }> {
  const url = ctx.target.prmUrl;
  const res = await ctx.http.get(url);
  const doc = res.json;
  if (res.status !== 200 || !isObject(doc)) {
    // Missing at discovery too: one cause (DISC-PRM-01 judges the document itself).
    const cause = noDiscoveryCause(ctx.target);
    if (cause) blocked(cause);
    notTestable(`no Protected Resource Metadata JSON at ${url} (status ${res.status})`);
  }
  return { url, doc };
}

export async function fetchAsMetadata(ctx: CheckContext): Promise<{ url: string; issuerId: string; doc: Json }> {
  const { doc: prm } = await fetchPrm(ctx);
  // Missing at discovery too: one cause (DISC-PRM-03 and DISC-AS-01 judge the documents themselves).
  const missing: (reason: string) => never = (reason) => {
    const cause = discoveryCause(ctx.target);
    if (cause && !ctx.target.asMetadata) blocked(cause);
    notTestable(reason);
  };
  const servers = prm.authorization_servers;
  const issuerId = Array.isArray(servers) && typeof servers[0] === "string" ? servers[0] : undefined;
  if (!issuerId) missing("the PRM names no authorization server (authorization_servers[0])");
  const url = wellKnownUrl(issuerId, profileV01.wellKnown.authorizationServer);
  if (!url) missing(`authorization_servers[0] is not a URL: ${issuerId}`);
  if (!ctx.http.isAllowed(url)) {
    missing(`the authorization server ${new URL(url).origin} is outside the allowed origins (add it to http.allowedOrigins)`);
  }
  const res = await ctx.http.get(url);
  const doc = res.json;
  if (res.status !== 200 || !isObject(doc)) missing(`no AS metadata JSON at ${url} (status ${res.status})`);
  return { url, issuerId, doc };
}

export async function fetchAgentAuth(ctx: CheckContext): Promise<{ url: string; block: Json; doc: Json }> {
  const { url, doc } = await fetchAsMetadata(ctx);
  const block = doc.agent_auth;
  if (!isObject(block)) {
    const cause = discoveryCause(ctx.target);
    if (cause && !ctx.target.agentAuth) blocked(cause);
    notTestable(`the AS metadata at ${url} has no agent_auth object`);
  }
  return { url, block, doc };
}

export async function fetchManifest(ctx: CheckContext): Promise<{ url: string; res: HttpResponse }> {
  const url = ctx.target.manifestUrl;
  if (!ctx.http.isAllowed(url)) notTestable(`the manifest ${url} is outside the allowed origins`);
  const res = await ctx.http.get(url, { headers: { accept: "text/markdown, text/plain;q=0.9, */*;q=0.1" } });
  return { url, res };
}

/** The manifest's text, or not-testable when it is not served at all. */
export async function manifestText(ctx: CheckContext): Promise<string> {
  const { url, res } = await fetchManifest(ctx);
  if (res.status !== 200) notTestable(`the manifest at ${url} answered ${res.status}`);
  return res.text;
}

export function looksLikeHtml(text: string): boolean {
  // Markdown may embed HTML snippets; an HTML *document* starts as one.
  return /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

export function stringArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? v : undefined;
}
