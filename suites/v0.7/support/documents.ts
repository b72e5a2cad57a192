import { blocked, type CheckContext, notTestable } from "../../../src/suite/index.ts";
import { discoveryCause } from "../../../src/target/causes.ts";
import { isObject, type Json } from "./agent.ts";

/** GET the PRM inside the check (its exchange is the evidence). */
export async function fetchPrmV07(ctx: CheckContext): Promise<{ url: string; doc: Json }> {
  const url = ctx.target.prmUrl;
  const res = await ctx.http.get(url);
  if (res.status !== 200 || !isObject(res.json)) {
    const cause = discoveryCause(ctx.target);
    if (cause) blocked(cause);
    notTestable(`no Protected Resource Metadata JSON at ${url} (status ${res.status})`);
  }
  return { url, doc: res.json };
}

/** GET the AS metadata discovery found (RFC 8414 §3), or blocked by the discovery cause. */
export async function fetchAsMetadataV07(ctx: CheckContext): Promise<{ url: string; doc: Json }> {
  const url = ctx.target.asMetadataUrl;
  if (!url || !ctx.target.asMetadata) {
    const cause = discoveryCause(ctx.target);
    if (cause) blocked(cause);
    notTestable("discovery found no AS metadata");
  }
  const res = await ctx.http.get(url);
  if (res.status !== 200 || !isObject(res.json)) notTestable(`GET ${url} answered ${res.status}, no JSON object`);
  return { url, doc: res.json };
}

/** The agent_auth block of the AS metadata, or blocked by the discovery cause (no agent_auth). */
export async function fetchAgentAuthV07(ctx: CheckContext): Promise<{ url: string; doc: Json; agentAuth: Json }> {
  const { url, doc } = await fetchAsMetadataV07(ctx);
  if (!isObject(doc.agent_auth)) {
    const cause = discoveryCause(ctx.target);
    if (cause) blocked(cause);
    notTestable("the AS metadata has no agent_auth block");
  }
  return { url, doc, agentAuth: doc.agent_auth };
}
