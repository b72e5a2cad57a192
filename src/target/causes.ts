import type { Cause } from "../report/model.ts";
import type { Target } from "./target.ts";

/**
 * Causes found by discovery itself (before any check runs). Discovery is done once, early, by the
 * runner; these are pure functions of its outcome, so the runner and every check name the same
 * cause with the same evidence.
 */

/** The target serves no auth.md discovery documents at all (no PRM JSON): not an auth.md service. */
export const NO_DISCOVERY = "no-discovery";
/** The PRM was found but no agent_auth block (AS metadata missing, off the allowlist, or without it). */
export const NO_AGENT_AUTH = "no-agent-auth";

export function noDiscoveryCause(target: Target): Cause | undefined {
  if (target.prm) return undefined;
  return {
    id: NO_DISCOVERY,
    title: `Not an auth.md service: ${target.origin} serves no auth.md discovery documents (no Protected Resource Metadata JSON at ${target.prmUrl})`,
    evidence: {
      message: `Discovery found nothing to follow: ${target.notes.join("; ") || "no PRM"}. Check the target URL (it must be the service's base URL, where /.well-known/oauth-protected-resource is served).`,
      data: { prmUrl: target.prmUrl, notes: target.notes },
    },
  };
}

export function noAgentAuthCause(target: Target): Cause | undefined {
  if (!target.prm || target.agentAuth) return undefined;
  return {
    id: NO_AGENT_AUTH,
    title: `No agent_auth block was discovered${target.asMetadataUrl ? ` in the AS metadata at ${target.asMetadataUrl}` : ""}`,
    evidence: {
      message: `Registration, claim and revocation need agent_auth (register_uri, claim_uri, …): ${target.notes.join("; ") || "the AS metadata has none"}.`,
      data: { ...(target.asMetadataUrl ? { asMetadataUrl: target.asMetadataUrl } : {}), notes: target.notes },
    },
  };
}

/** The first discovery cause that blocks checks needing agent_auth, if any. */
export function discoveryCause(target: Target): Cause | undefined {
  return noDiscoveryCause(target) ?? noAgentAuthCause(target);
}
