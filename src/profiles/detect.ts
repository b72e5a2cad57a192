import type { Target } from "../target/target.ts";
import { CLAIM_GRANT } from "./v0_7/vocabulary.ts";

/** What `--profile auto` decided, and from what: recorded in report.json as `profileDetection`. */
export interface ProfileDetection {
  /** The revision picked, or null when an agent_auth block fits neither (the run then exits 2). */
  chosen: "v0.1" | "v0.7" | null;
  /** Forced by --profile / the config, or detected from the documents. */
  how: "forced" | "detected";
  reason: string;
  evidence: {
    asMetadataUrl?: string;
    agentAuthKeys?: string[];
    grantTypesSupported?: unknown;
    notes?: string[];
  };
}

/**
 * Pick the revision from the AS metadata (v0.7.md §1, §13): v0.7 advertises
 * `agent_auth.identity_endpoint` and the claim grant in `grant_types_supported` (CL v0.2.0,
 * v0.4.0); v0.1 advertises `agent_auth.register_uri`. v0.7 markers win over a leftover v0.1 name
 * (a v0.7 service that still lists register_uri is a v0.7 service with a DISC-AA-01 finding).
 */
export function detectProfile(target: Pick<Target, "asMetadata" | "asMetadataUrl" | "agentAuth" | "notes">): ProfileDetection {
  const agentAuth = target.agentAuth;
  const grants = target.asMetadata?.grant_types_supported;
  const evidence: ProfileDetection["evidence"] = {
    ...(target.asMetadataUrl ? { asMetadataUrl: target.asMetadataUrl } : {}),
    ...(agentAuth ? { agentAuthKeys: Object.keys(agentAuth) } : {}),
    ...(grants !== undefined ? { grantTypesSupported: grants } : {}),
    ...(target.notes.length ? { notes: [...target.notes] } : {}),
  };
  const v07: string[] = [];
  if (typeof agentAuth?.identity_endpoint === "string") v07.push("agent_auth.identity_endpoint is advertised");
  if (Array.isArray(grants) && grants.includes(CLAIM_GRANT)) v07.push(`grant_types_supported lists ${CLAIM_GRANT}`);
  if (v07.length) return { chosen: "v0.7", how: "detected", reason: `v0.7: ${v07.join(" and ")}`, evidence };
  if (typeof agentAuth?.register_uri === "string") {
    return { chosen: "v0.1", how: "detected", reason: "v0.1: agent_auth.register_uri is advertised (no v0.7 identity_endpoint or claim grant)", evidence };
  }
  const seen = !target.asMetadata
    ? "no AS metadata was found"
    : !agentAuth
      ? "the AS metadata has no agent_auth block"
      : "agent_auth has neither identity_endpoint (v0.7) nor register_uri (v0.1), and grant_types_supported has no claim grant";
  if (!target.asMetadata || !agentAuth) {
    // Missing or broken documents name no revision, but they break the discovery rules both
    // revisions share (PRM, AS metadata): that is the finding, reported under v0.1 with its cause,
    // not "no verdict".
    return {
      chosen: "v0.1",
      how: "detected",
      reason: `No revision is advertised (${seen}): the discovery checks, whose rules both revisions share, run under v0.1. Pass --profile v0.7 to certify against v0.7.`,
      evidence,
    };
  }
  return {
    chosen: null,
    how: "detected",
    reason: `The discovery documents fit no known revision: ${seen}. Pass --profile v0.1 or --profile v0.7 to certify against one.`,
    evidence,
  };
}

/** The record of a forced profile (--profile v0.1|v0.7 or `profile:` in the config). */
export function forcedProfile(id: "v0.1" | "v0.7", by = "--profile / the config's profile"): ProfileDetection {
  return { chosen: id, how: "forced", reason: `${id}: forced by ${by}`, evidence: {} };
}
