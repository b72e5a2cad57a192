import type { FaultTableEntry } from "./types.ts";

/**
 * Faults that break ID-JAG registration, signature handling, replay protection and revocation.
 * Each is a realistic bug confined to one rule; where one bug truly breaks several rules it names
 * them all. ID-JAG faults touch only the registration path, revoke-* faults only the logout path.
 */
export const ID_JAG_FAULTS = [
  // --- the happy path ---
  { name: "idjag-wrong-registration-type", requirementIds: ["IDJAG-BASE-01"], description: "ID-JAG registrations answer registration_type \"agent_provider\" instead of \"agent-provider\"." },
  { name: "idjag-credential-unusable", requirementIds: ["IDJAG-BASE-02"], description: "The credential issued for an ID-JAG is stored without any scope, so the API answers 403 (the response still lists the scopes).", alsoFails: { ids: ["FUZZ-MODEL-01"], why: "the model's ID-JAG credential cannot read, which the model says it can" } },
  { name: "idjag-scope-not-advertised", requirementIds: ["IDJAG-BASE-03"], description: "ID-JAG credentials are also granted the scope \"admin\", which scopes_supported does not list." },
  { name: "idjag-refresh-token", requirementIds: ["IDJAG-BASE-04"], description: "The ID-JAG registration response also carries a refresh_token." },
  { name: "idjag-no-cache-control", requirementIds: ["IDJAG-BASE-05"], description: "The ID-JAG registration response drops Cache-Control: no-store." },
  // --- claims ---
  { name: "idjag-ignore-typ", requirementIds: ["IDJAG-TYP-01"], description: "The ID-JAG header typ is not checked at all." },
  { name: "idjag-typ-case-sensitive", requirementIds: ["IDJAG-TYP-02"], description: "typ must be exactly \"oauth-id-jag+jwt\": the application/ form and other letter cases are refused." },
  {
    name: "idjag-trust-any-issuer",
    // ISS-02's trailing-slash issuer is still refused here (its client_id names the issuer without
    // "/"), for another reason than the issuer: only the trust list is broken.
    requirementIds: ["IDJAG-ISS-01"],
    description: "Any issuer whose {iss}/.well-known/jwks.json verifies the signature is trusted (no trust list).",
  },
  { name: "idjag-issuer-trailing-slash-normalised", requirementIds: ["IDJAG-ISS-02"], description: "iss is matched against the trust list after stripping a trailing \"/\"." },
  { name: "idjag-sub-optional", requirementIds: ["IDJAG-SUB-01"], description: "A missing or empty sub is accepted." },
  { name: "idjag-aud-optional", requirementIds: ["IDJAG-AUD-01"], description: "aud is only checked when present: an ID-JAG without aud is accepted." },
  {
    name: "idjag-aud-ignores-trailing-slash",
    // The sample's PRM resource is its issuer plus "/": the resource reading is the same token.
    requirementIds: ["IDJAG-AUD-02", "IDJAG-AUD-03"],
    description: "aud is compared after stripping trailing slashes, so the issuer with \"/\" (here also the PRM resource) is accepted.",
  },
  { name: "idjag-aud-array-any-member", requirementIds: ["IDJAG-AUD-04"], description: "An aud array is accepted when any member is this service." },
  { name: "idjag-aud-string-only", requirementIds: ["IDJAG-AUD-05"], description: "aud must be a string: a one-element array is refused." },
  { name: "idjag-ignore-exp", requirementIds: ["IDJAG-EXP-01"], description: "An expired ID-JAG is accepted (exp must be a number, but it is never compared with the clock)." },
  { name: "idjag-no-clock-skew", requirementIds: ["IDJAG-EXP-02"], description: "exp is checked without any leeway." },
  { name: "idjag-exp-optional", requirementIds: ["IDJAG-EXP-03"], description: "exp is only checked when it is a number: missing or non-numeric exp is accepted." },
  { name: "idjag-iat-optional", requirementIds: ["IDJAG-IAT-01"], description: "An ID-JAG without iat is accepted." },
  { name: "idjag-accept-future-iat", requirementIds: ["IDJAG-IAT-02"], description: "iat in the future is not checked." },
  { name: "idjag-ignore-nbf", requirementIds: ["IDJAG-NBF-01"], description: "nbf is ignored." },
  { name: "idjag-jti-optional", requirementIds: ["IDJAG-JTI-01"], description: "An ID-JAG without jti is accepted (and skips the replay cache)." },
  { name: "idjag-client-id-optional", requirementIds: ["IDJAG-CID-01"], description: "client_id is only checked when present." },
  { name: "idjag-accept-any-client-id", requirementIds: ["IDJAG-CID-02"], description: "Any client_id string is accepted." },
  { name: "idjag-contact-claims-optional", requirementIds: ["IDJAG-VER-01"], description: "An ID-JAG with neither email nor phone claims is accepted (verification is only checked for claims that are present)." },
  { name: "idjag-email-verified-truthy", requirementIds: ["IDJAG-VER-02"], description: "email_verified is tested for truthiness, so the string \"true\" counts." },
  { name: "idjag-email-required", requirementIds: ["IDJAG-VER-03"], description: "Only a verified email counts: a verified phone alone is refused." },
  { name: "idjag-accept-unknown-credential-type", requirementIds: ["IDJAG-CRED-01"], description: "An unknown requested_credential_type on an ID-JAG registration gets an api_key." },
  { name: "idjag-hide-verified-email", requirementIds: ["IDJAG-OFF-01"], description: "The metadata stops advertising verified_email, but the service still serves it (no verified_email_not_enabled)." },
  { name: "idjag-signature-code-for-claims", requirementIds: ["IDJAG-CODE-01"], description: "Issuer, audience and expiry failures are refused with 400 invalid_signature (as a JOSE library reports any failed verification), not their documented codes." },
  { name: "idjag-mixed-error-vocabulary", requirementIds: ["IDJAG-VOC-01"], description: "ID-JAG audience errors use AUTH.md's audience_mismatch while every other error uses the guides' names." },
  // --- signature and keys ---
  {
    name: "sig-decode-only",
    // jwt.decode instead of jwt.verify: every rule that needs the signature checked falls with it.
    requirementIds: ["SIG-01", "SIG-03", "SIG-05", "SIG-08", "SIG-10", "SIG-11"],
    description: "The ID-JAG signature is never verified (header and claims are only decoded).",
  },
  { name: "sig-accept-alg-none", requirementIds: ["SIG-02"], description: "An ID-JAG with alg none (any letter case) is accepted unsigned." },
  { name: "sig-accept-empty-signature", requirementIds: ["SIG-03"], description: "An ID-JAG with an empty signature segment is accepted unverified." },
  { name: "sig-hmac-with-public-key", requirementIds: ["SIG-04"], description: "alg HS256 is verified with the issuer's public key PEM as the HMAC secret." },
  { name: "sig-psychic-signature", requirementIds: ["SIG-05"], description: "An all-zero ES256 signature verifies (CVE-2022-21449)." },
  { name: "sig-trust-embedded-jwk", requirementIds: ["SIG-06"], description: "A jwk header is used as the verification key." },
  { name: "sig-follow-jku", requirementIds: ["SIG-07"], description: "A jku header is fetched and its keys trusted." },
  { name: "sig-jwks-refetch-storm", requirementIds: ["SIG-08"], description: "An unknown kid makes the service fetch the issuer's JWKS three times before refusing." },
  { name: "sig-no-jwks-refetch", requirementIds: ["SIG-09"], description: "The JWKS is never refetched on an unknown kid (only when the 10-minute cache expires)." },
  { name: "sig-any-trusted-issuer-key", requirementIds: ["SIG-10"], description: "The kid is looked up in the JWKS of every trusted issuer, not just the token's." },
  { name: "sig-ignore-crit", requirementIds: ["SIG-11"], description: "Every crit extension is treated as understood." },
  { name: "sig-first-duplicate-wins", requirementIds: ["SIG-12"], description: "Duplicate iss/aud members: the first is used for routing and checks, the last elsewhere." },
  // --- replay ---
  { name: "rpl-no-replay-check", requirementIds: ["RPL-01", "RPL-02"], description: "ID-JAG jti values are never remembered." },
  { name: "rpl-cache-keyed-on-token", requirementIds: ["RPL-02"], description: "The replay cache remembers the token bytes, not (iss, jti): a new token reusing a jti passes." },
  { name: "rpl-cache-keyed-on-jti-only", requirementIds: ["RPL-03"], description: "The replay cache ignores the issuer: the same jti from another issuer is refused as a replay." },
  // --- revocation ---
  { name: "revoke-access-tokens-only", requirementIds: ["REV-01"], description: "A logout token revokes the user's access tokens but not their api_keys." },
  { name: "revoke-ignores-sub", requirementIds: ["REV-02"], description: "A logout token revokes every credential of its (iss, aud), whatever the sub." },
  { name: "revoke-ignores-iss", requirementIds: ["REV-03"], description: "A logout token revokes every credential of its (sub, aud), whatever the issuer." },
  { name: "revoke-no-signature-check", requirementIds: ["REV-04"], description: "The logout token's signature is never verified." },
  { name: "revoke-accept-any-aud", requirementIds: ["REV-05"], description: "The logout token's aud is not checked." },
  { name: "revoke-trust-any-issuer", requirementIds: ["REV-06"], description: "A logout token from any issuer whose JWKS verifies it is accepted." },
  { name: "revoke-ignore-events", requirementIds: ["REV-07"], description: "The logout token's events claim is not checked." },
  { name: "revoke-allow-nonce", requirementIds: ["REV-08"], description: "A logout token carrying nonce is accepted." },
  { name: "revoke-sub-optional", requirementIds: ["REV-09"], description: "A logout token without sub is accepted (and revokes nothing)." },
  { name: "revoke-iat-optional", requirementIds: ["REV-10"], description: "A logout token without iat is accepted." },
  { name: "revoke-no-replay-check", requirementIds: ["REV-11"], description: "Logout token jti values are never remembered." },
  { name: "revoke-accepts-id-jag", requirementIds: ["REV-12"], description: "An ID-JAG posted to the revocation endpoint revokes its (iss, sub, aud)." },
  { name: "revoke-ignore-typ", requirementIds: ["REV-13"], description: "The logout token's typ is not checked." },
  { name: "revoke-require-exp", requirementIds: ["REV-14"], description: "Logout tokens must carry exp (Back-Channel Logout's rule), refusing the auth.md example's shape." },
  { name: "revoke-unknown-sub-404", requirementIds: ["REV-15"], description: "A valid logout token that matches no credential answers 404." },
] as const satisfies readonly FaultTableEntry[];
