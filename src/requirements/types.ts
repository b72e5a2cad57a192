/** A normative requirement the suite certifies. The catalogue is data; a test pins the ids. */
export type RequirementLevel = "MUST" | "SHOULD" | "MAY";

export type Flow =
  | "discovery"
  | "id-jag"
  | "signature"
  | "replay"
  | "revocation"
  | "verified-email"
  | "anonymous"
  | "claim"
  | "otp"
  | "scopes"
  | "http"
  | "fuzz"
  // v0.7 flows (src/requirements/v0_7/)
  | "registration"
  | "auth-time"
  | "step-up"
  | "service-auth"
  | "claim-endpoint"
  | "token"
  | "jwt-bearer"
  | "claim-grant"
  | "revocation-7009"
  | "set-events"
  | "api"
  | "errors"
  | "claim-page";

export interface SpecSource {
  /** Short name of the document: "AUTH.md", "agent-services/README.md", "RFC 9728", "ID-JAG draft", … */
  spec: string;
  /** Section inside it, as written there ("§3.3", "Step 1b", "Verifying ID-JAGs"). */
  section: string;
  url: string;
}

export interface Requirement {
  /** Stable id, e.g. DISC-PRM-01. Never reuse or renumber. */
  id: string;
  level: RequirementLevel;
  title: string;
  flow: Flow;
  /** Profiles this requirement belongs to ("v0.1"). */
  profiles: readonly string[];
  sources: readonly SpecSource[];
  /**
   * Why the entry has its level: the source's wording (a BCP 14 keyword of an RFC or draft; for
   * lower-case or example-only wording of the auth.md docs, the suite's reading, marked as such),
   * and any conflict between the sources. Required: a level nobody can justify is not a level.
   */
  basis: string;
  /** Anything else worth knowing about the check (how it observes, what it tolerates). */
  note?: string;
  /** The check only reads (GET): it runs under --passive, like a scanner. */
  passive?: true;
}
