import type { LintRevision } from "../types.ts";

/** Each revision's field names and paths (NOTES v0.1 Discovery; v0.7.md §1 DISC-AA-01, §13). */
export interface RevisionNames {
  registerKey: string;
  claimKey: string;
  eventsKey: string;
  registerPath: string;
  tokenPath?: string;
  /** The claim body's identity field. */
  claimHintField: "email" | "login_hint";
  /** Names that belong to the other revision only. */
  foreign: string[];
}

export const NAMES: Record<LintRevision, RevisionNames> = {
  "v0.1": {
    registerKey: "register_uri",
    claimKey: "claim_uri",
    eventsKey: "revocation_uri",
    registerPath: "/agent/auth",
    claimHintField: "email",
    foreign: ["identity_endpoint", "claim_endpoint", "events_endpoint", "/agent/identity", "urn:workos:agent-auth:grant-type:claim", "service_auth"],
  },
  "v0.7": {
    registerKey: "identity_endpoint",
    claimKey: "claim_endpoint",
    eventsKey: "events_endpoint",
    registerPath: "/agent/identity",
    tokenPath: "/oauth2/token",
    claimHintField: "login_hint",
    foreign: ["register_uri", "claim_uri", "revocation_uri", "requested_credential_type", "/agent/auth", "logout+jwt"],
  },
};

/** `/agent/auth` inside the revoked-event schema URI (…/events/agent/auth/…) is not the v0.1 endpoint. */
export function excusedOccurrence(text: string, at: number, needle: string): boolean {
  return needle === "/agent/auth" && text.slice(Math.max(0, at - 6), at) === "events";
}
