import type { FaultTableEntry } from "./types.ts";

/** Faults that break discovery rules (auth.md, PRM, AS metadata, agent_auth, 401 hints, endpoints). */
export const DISCOVERY_FAULTS = [
  {
    name: "authmd-wrong-content-type",
    requirementIds: ["DISC-AUTHMD-01"],
    description: "/auth.md is served as application/octet-stream (body unchanged).",
  },
  {
    name: "authmd-html-fallback",
    // The body becomes an SPA shell, so every content rule on the manifest fails with it.
    requirementIds: ["DISC-AUTHMD-02", "DISC-AUTHMD-03", "DISC-AUTHMD-04", "DISC-AUTHMD-05", "DISC-AA-05"],
    description: "/auth.md answers 200 text/plain with an HTML single-page-app shell instead of Markdown.",
  },
  {
    name: "authmd-no-title",
    requirementIds: ["DISC-AUTHMD-03"],
    description: "The auth.md manifest has no H1 title line.",
  },
  {
    name: "authmd-missing-sections",
    requirementIds: ["DISC-AUTHMD-04"],
    description: "The auth.md manifest lacks the Errors and Revocation sections.",
  },
  {
    name: "authmd-no-prm-link",
    requirementIds: ["DISC-AUTHMD-05"],
    description: "The auth.md manifest never mentions the protected resource metadata path.",
  },
  {
    name: "prm-missing",
    // The 401 hint names the PRM URL, so a missing PRM also breaks the hint.
    requirementIds: ["DISC-PRM-01", "DISC-401-03"],
    description: "GET /.well-known/oauth-protected-resource answers 404.",
  },
  {
    name: "prm-no-resource",
    requirementIds: ["DISC-PRM-02"],
    description: "The protected resource metadata has no `resource` member.",
  },
  {
    name: "prm-no-authorization-servers",
    requirementIds: ["DISC-PRM-03"],
    description: "The protected resource metadata lists no authorization servers ([]).",
  },
  {
    name: "prm-resource-mismatch",
    requirementIds: ["DISC-PRM-04"],
    description: "The protected resource metadata `resource` is <origin>/api/, not the identifier its URL derives from.",
  },
  {
    name: "prm-no-header-bearer",
    requirementIds: ["DISC-PRM-05"],
    description: "bearer_methods_supported is [\"body\"] although the API only reads the Authorization header.",
  },
  {
    name: "as-metadata-missing",
    requirementIds: ["DISC-AS-01"],
    description: "GET /.well-known/oauth-authorization-server answers 404.",
  },
  {
    name: "as-no-issuer",
    requirementIds: ["DISC-AS-04"],
    description: "The authorization server metadata has no `issuer` (as in the AUTH.md example).",
  },
  {
    name: "as-issuer-other-host",
    requirementIds: ["DISC-AS-02"],
    description: "The authorization server metadata names an issuer on another host (https://auth.sample-notes.test) than the one it is served for.",
    alsoFails: { ids: ["IDJAG-BASE-01"], why: "the harness addresses the baseline ID-JAG to the advertised issuer (the ID-JAG draft's aud), which the service does not answer to" },
  },
  {
    name: "as-scopes-differ",
    requirementIds: ["DISC-AS-03"],
    description: "The authorization server metadata restates scopes_supported as [\"api.read\"] while the PRM lists both scopes.",
  },
  {
    name: "agent-auth-missing-register-uri",
    requirementIds: ["DISC-AA-01"],
    description: "The agent_auth block has no register_uri.",
  },
  {
    name: "agent-auth-relative-uris",
    requirementIds: ["DISC-AA-02"],
    description: "agent_auth.claim_uri and agent_auth.revocation_uri are relative paths.",
  },
  {
    name: "agent-auth-inconsistent-supported",
    requirementIds: ["DISC-AA-03"],
    description: "identity_types_supported lists \"anonymous\" but the `anonymous` sub-block is missing.",
  },
  {
    name: "agent-auth-unknown-values",
    requirementIds: ["DISC-AA-04"],
    description: "identity_assertion.credential_types_supported contains \"refresh_token\".",
  },
  {
    name: "authmd-inconsistent-flows",
    requirementIds: ["DISC-AA-05"],
    description: "auth.md never mentions the anonymous flow while the metadata advertises it.",
  },
  {
    name: "401-no-www-authenticate",
    requirementIds: ["DISC-401-01"],
    description: "A 401 for a request without a token carries no WWW-Authenticate header.",
  },
  {
    name: "401-bad-token-no-hint",
    requirementIds: ["DISC-401-02"],
    description: "A 401 for a presented invalid token lacks resource_metadata (the no-token 401 keeps it).",
  },
  {
    name: "401-hint-wrong-url",
    requirementIds: ["DISC-401-03"],
    description: "401 resource_metadata points at <origin>/.well-known/oauth-protected-resource/wrong, which is 404.",
  },
  {
    name: "401-no-invalid-token-error",
    requirementIds: ["DISC-401-04"],
    description: "A 401 for a presented invalid token carries resource_metadata but no error=\"invalid_token\".",
  },
  {
    name: "revocation-endpoint-missing",
    requirementIds: ["DISC-EP-01"],
    description: "POST /agent/auth/revoke answers 404.",
    // The checks of broken logout tokens (REV-04..13) are blocked by logout-baseline: a 404 is no refusal.
    alsoFails: { ids: ["REV-01", "REV-02", "REV-03", "REV-14", "REV-15", "FUZZ-MODEL-01"], why: "the advertised revocation_uri answers 404, so every valid logout token gets 404 not_found and the model's revoke step leaves its model" },
  },
] as const satisfies readonly FaultTableEntry[];
