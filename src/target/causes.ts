import type { Cause } from "../report/model.ts";
import type { Target } from "./target.ts";

/**
 * Causes found by discovery itself (before any check runs). Discovery is done once, early, by the
 * runner; these are pure functions of its outcome, so the runner and every check name the same
 * cause with the same evidence.
 */

/** The target serves no PRM JSON: discovery cannot go on (with no manifest either, it is not an auth.md service). */
export const NO_DISCOVERY = "no-discovery";
/** The PRM was found but no AS metadata JSON (missing, off the allowlist, no authorization server). */
export const NO_AS_METADATA = "no-as-metadata";
/** The AS metadata was found but has no agent_auth block. */
export const NO_AGENT_AUTH = "no-agent-auth";

export function noDiscoveryCause(target: Target): Cause | undefined {
  if (target.prm) return undefined;
  return {
    id: NO_DISCOVERY,
    title: `No auth.md discovery: ${target.origin} serves no Protected Resource Metadata JSON at ${target.prmUrl}`,
    evidence: {
      message: `Discovery found nothing to follow: ${target.notes.join("; ") || "no PRM"}. Check the target URL (it must be the service's base URL, where /.well-known/oauth-protected-resource is served).`,
      data: { prmUrl: target.prmUrl, notes: target.notes },
    },
  };
}

export function noAsMetadataCause(target: Target): Cause | undefined {
  if (!target.prm || target.asMetadata) return undefined;
  return {
    id: NO_AS_METADATA,
    title: `No authorization server metadata was discovered${target.asMetadataUrl ? ` at ${target.asMetadataUrl}` : " (the PRM names no authorization server)"}`,
    evidence: {
      message: `Registration, claim and revocation are advertised in the AS metadata's agent_auth block: ${target.notes.join("; ") || "none was found"}.`,
      data: { ...(target.asMetadataUrl ? { asMetadataUrl: target.asMetadataUrl } : {}), notes: target.notes },
    },
  };
}

export function noAgentAuthCause(target: Target): Cause | undefined {
  if (!target.asMetadata || target.agentAuth) return undefined;
  return {
    id: NO_AGENT_AUTH,
    title: `The AS metadata${target.asMetadataUrl ? ` at ${target.asMetadataUrl}` : ""} has no agent_auth block`,
    evidence: {
      message: `Registration, claim and revocation need agent_auth (register_uri, claim_uri, …): ${target.notes.join("; ") || "the AS metadata has none"}.`,
      data: { ...(target.asMetadataUrl ? { asMetadataUrl: target.asMetadataUrl } : {}), notes: target.notes },
    },
  };
}

/** The first discovery cause that blocks checks needing agent_auth, if any. */
export function discoveryCause(target: Target): Cause | undefined {
  return noDiscoveryCause(target) ?? noAsMetadataCause(target) ?? noAgentAuthCause(target);
}
