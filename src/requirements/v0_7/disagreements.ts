// The places where the v0.7 sources (AUTH.md, the services guide, the changelog, the reference code
// and the RFCs the profile composes) disagree: v0.7.md §15 P1–P19. Each becomes a parameter of the
// v0.7 profile, or a level decision, and reports name the disagreement next to the requirement.

export interface Disagreement {
  id: string;
  topic: string;
  /** The conflict, paraphrased. */
  conflict: string;
  /**
   * What it becomes: a config key of the v0.7 profile ("config"), a level the catalogue sets
   * ("level"), or a rule of the harness's behaviour ("behaviour").
   */
  kind: "config" | "level" | "behaviour";
  parameter: string;
  /** The default (config) or the decision (level, behaviour). */
  default: string | readonly string[];
  /** Requirement ids it affects: v0.7 entries or v0.1 ids shared with v0.7. */
  affects: readonly string[];
}

export const DISAGREEMENTS_V07: readonly Disagreement[] = [
  {
    id: "P1", topic: "ID-JAG aud",
    conflict: "A6/A7 Step 3 say the PRM resource; S6 step 5, the ID-JAG draft and the reference's verify use the AS issuer (no trailing slash). Unchanged since v0.1.",
    kind: "config", parameter: "idjag.aud", default: "issuer",
    affects: ["IDJAG-AUD-01", "IDJAG-AUD-03", "CLMEP-IDJ-01"],
  },
  {
    id: "P2", topic: "/agent/identity error codes",
    conflict: "A7's table says issuer_not_enabled and invalid_request for signature/jti/aud failures; S6 and the code say invalid_issuer, invalid_signature, expired, replay_detected, invalid_audience, invalid_client_id, missing_verified_email. The description field is `message` on 400s and `error_description` on 401s.",
    kind: "config", parameter: "vocabulary.identityErrors", default: "accept-aliases",
    affects: ["ERR-02", "ERR-03", "ERR-04", "IDJAG-ISS-01", "CLMEP-IDJ-06"],
  },
  {
    id: "P3", topic: "issuer vs PRM authorization_servers",
    conflict: "The PRM example lists the AS with a trailing slash, issuer has none; the reference serves both without. RFC 8414 §3.3 requires an exact match.",
    kind: "config", parameter: "discovery.issuerTrailingSlash", default: "normalise-one",
    affects: ["DISC-AS-02"],
  },
  {
    id: "P4", topic: "unknown claim_token on the claim grant",
    conflict: "The reference and S6 answer expired_token; RFC 6749 §5.2 says invalid_grant.",
    kind: "config", parameter: "claimGrant.unknownTokenErrors", default: ["invalid_grant", "expired_token"],
    affects: ["TOK-CLM-09"],
  },
  {
    id: "P5", topic: "RFC 7009 token_type_hint",
    conflict: "The reference accepts only access_token (400 otherwise); RFC 7009 §2.1 lets the AS ignore the hint.",
    kind: "level", parameter: "REV7009-05 level", default: "SHOULD",
    affects: ["REV7009-05"],
  },
  {
    id: "P6", topic: "/claim body",
    conflict: "v0.4–v0.6 take {claim_token, email}; v0.7 takes {type:\"login_hint\", claim_token, login_hint}. CL v0.7.0 calls the old shape {claim_token, login_hint}, which never shipped; A7 Step 4c still says \"same email\".",
    kind: "config", parameter: "claim.body", default: "v0.7",
    affects: ["CLMEP-01", "CLMEP-02", "CLMEP-07"],
  },
  {
    id: "P7", topic: "who may re-initiate at /claim",
    conflict: "CL v0.4.0 and A6/A7 Step 4c: anonymous and service_auth (the code: any unclaimed registration, step-up included). S6 'Anonymous claim entry': anonymous-only.",
    kind: "behaviour", parameter: "claim.reinitiation", default: "any-unclaimed (CL and code)",
    affects: ["CLMEP-04"],
  },
  {
    id: "P8", topic: "changing the email on re-initiation",
    conflict: "v0.4 (f3bb938): the hint must match the first one. v0.6 (e81b334): it may change, and the current attempt's hint wins.",
    kind: "config", parameter: "claim.hintMutable", default: "true",
    affects: ["CLMEP-06"],
  },
  {
    id: "P9", topic: "rate limits vs test volume",
    conflict: "S6 suggests 5/h per IP for anonymous registration; a conforming service would throttle a suite that registers dozens of times.",
    kind: "config", parameter: "budget.registrations", default: "429 is inconclusive, not a failure",
    affects: ["REG-06"],
  },
  {
    id: "P10", topic: "status code for 'confirmation required'",
    conflict: "/agent/identity answers 401 interaction_required; the v0.7 /claim ID-JAG body answers 200 status \"initiated\" for the same condition.",
    kind: "behaviour", parameter: "encode both as specified", default: "401 at /agent/identity, 200 at /claim",
    affects: ["STEP-01", "CLMEP-IDJ-03"],
  },
  {
    id: "P11", topic: "where the claim page lives",
    conflict: "A7 Step 4a-alt shows …/claim?claim_attempt_token= directly; the code always goes through /login?return_to=.",
    kind: "behaviour", parameter: "userActor follows verification_uri as given", default: "follow the URI",
    affects: ["PAGE-01", "PAGE-03"],
  },
  {
    id: "P12", topic: "poll vocabulary in prose",
    conflict: "A7's Errors footnote still says the poll returns status pending/expired and Step 1b says claim_endpoint polls at /view (v0.1 leftovers); the normative text is RFC 8628's errors.",
    kind: "behaviour", parameter: "ignore the prose leftovers", default: "cite A7 Step 4c",
    affects: ["TOK-CLM-01", "TOK-CLM-05"],
  },
  {
    id: "P13", topic: "identity_endpoint always returns an assertion",
    conflict: "S6 'Hosting…' says every path returns one; service_auth and step-up do not.",
    kind: "behaviour", parameter: "follow A7", default: "no assertion before the user confirms",
    affects: ["REG-02", "SA-01", "STEP-01"],
  },
  {
    id: "P14", topic: "SET claims and error codes",
    conflict: "RFC 8417 §2.2 requires iat; the reference does not check it and accepts a SET without exp. RFC 8935 has invalid_key, which the reference never sends (it uses authentication_failed).",
    kind: "level", parameter: "SET-05 accepts both codes; SET-14 is SHOULD", default: "SHOULD",
    affects: ["SET-05", "SET-13", "SET-14"],
  },
  {
    id: "P15", topic: "slow_down and lockout",
    conflict: "A7 and S6 say the service uses slow_down and retry limits; the reference implements neither.",
    kind: "level", parameter: "TOK-CLM-07, PAGE-06 level", default: "SHOULD",
    affects: ["TOK-CLM-07", "PAGE-06"],
  },
  {
    id: "P16", topic: "claim_token after success",
    conflict: "A7 tells the agent to drop it after Step 4, nothing tells the service to invalidate it, and the reference keeps minting; RFC 8628 device codes are single-grant.",
    kind: "level", parameter: "TOK-CLM-10 level", default: "SHOULD",
    affects: ["TOK-CLM-10"],
  },
  {
    id: "P17", topic: "WWW-Authenticate scheme",
    conflict: "AgentAuth (an unregistered scheme) on the /agent/identity 401s vs Bearer on the API.",
    kind: "config", parameter: "strict.authScheme", default: "false (check the auth-params, not the scheme name)",
    affects: ["AT-03", "STEP-02"],
  },
  {
    id: "P18", topic: "max_age window and skew",
    conflict: "The reference uses 3600 s and 60 s skew; A7 only says 'the service's max_age'.",
    kind: "config", parameter: "authTime.maxAge", default: "learnt from the login_required response (AT-03)",
    affects: ["AT-02", "AT-03", "AT-06"],
  },
  {
    id: "P19", topic: "real-world forks",
    conflict: "cloudinary/auth.md: no ID-JAG, an email-link claim with no poll, an inert API key before the claim, no resource_metadata on 401 (a MAY in RFC 9728), provisioning at a proprietary path.",
    kind: "behaviour", parameter: "capability detection", default: "not applicable (not failed) when agent_auth is absent",
    affects: ["DISC-AA-01", "DISC-AS-03", "DISC-401-01"],
  },
];
