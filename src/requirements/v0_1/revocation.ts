import { src } from "../sources.ts";
import { DOCS_ONLY, V0_1_PROFILES } from "./common.ts";
import type { Requirement, RequirementLevel, SpecSource } from "../types.ts";

const BCL_STRICTER =
  "The services guide's 'On receipt' steps (Revocation) verify the signature and enforce jti only, and its token omits exp: the auth.md docs adopt the Back-Channel Logout token in part, so a rule only Back-Channel Logout states is an RFC reading stricter than the docs: SHOULD, the conflict named in the message.";

/** `basis`: why the level (the source's wording); `note`: anything else worth knowing. */
function req(id: string, level: RequirementLevel, title: string, sources: SpecSource[], basis: string, note?: string): Requirement {
  return { id, level, title, flow: "revocation", profiles: V0_1_PROFILES, sources, basis, ...(note ? { note } : {}) };
}

/**
 * Logout-token refusals: the services guide says "Return 200 on success, 400 on verification
 * failure" and names no error code, so any 4xx refusal passes; the code seen is reported only.
 */
const REFUSAL_ONLY = "The v0.1 docs give a failed logout token no error code ('400 on verification failure'): any 4xx refusal passes and the code is only reported (a service answering invalid_signature for every failure is conformant).";

const REVOCATION = src.servicesGuide("Revocation");
const PROVIDER_REVOCATION = src.providersGuide("Tracking and Revocation");

/**
 * Provider-driven revocation: a logout token (typ logout+jwt, Content-Type application/logout+jwt)
 * posted to agent_auth.revocation_uri invalidates every credential of its (iss, sub, aud), and
 * nothing else. Broken tokens come from the mock provider's forge (logout-* cases).
 */
export const revocationRequirements: readonly Requirement[] = [
  req("REV-01", "MUST",
    "A valid logout token answers 200 and every credential of its (iss, sub, aud) (access_token and api_key) is then refused by the API; the delay is reported",
    [REVOCATION, PROVIDER_REVOCATION, src.authMd("Revocation"), src.backChannelLogout("§2.7, §2.8")],
    `Services guide 'Revocation' step 3: 'Find all credentials issued for (iss, sub, aud) and invalidate them', step 4: 'Return 200 on success' (procedure steps, no BCP 14 keyword); AUTH.md promises the agent 'Your credential will be invalidated'; Back-Channel Logout §2.8: the RP MUST answer 200 on success. MUST.`),
  req("REV-02", "MUST",
    "Revoking one sub leaves the credentials of another sub of the same issuer working",
    [src.servicesGuide("Revocation, step 3 ('credentials issued for (iss, sub, aud)')")],
    `${DOCS_ONLY} the services guide revokes 'all credentials issued for (iss, sub, aud)', that set and no other; revoking more is a denial of service any trusted provider could cause. The suite's reading: MUST.`),
  req("REV-03", "MUST",
    "Revoking a sub at one issuer leaves the same sub's credentials from another trusted issuer working",
    [src.servicesGuide("Revocation, step 3 ('credentials issued for (iss, sub, aud)')"), src.rfc(7519, "§4.1.2 (sub is unique per issuer)")],
    `${DOCS_ONLY} the revoked set is keyed by (iss, sub, aud), and RFC 7519 §4.1.2 makes sub unique only per issuer. The suite's reading: MUST.`),
  req("REV-04", "MUST",
    "A logout token with a bad signature or alg none is refused with 400 and revokes nothing",
    [src.servicesGuide("Revocation, steps 1 and 4"), src.backChannelLogout("§2.6 (step 3)"), src.rfc(8725, "§3.1")],
    `Back-Channel Logout §2.6 step 3: the RP MUST validate the logout token's signature like an ID Token's (RFC 8725 §3.1 forbids alg none); services guide step 1 'Verify the logout token's signature'. MUST. ${REFUSAL_ONLY}`),
  req("REV-05", "MUST",
    "A logout token whose aud is another service is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.6 (step 4)"), REVOCATION],
    `Back-Channel Logout §2.6 step 4: aud MUST be validated as for ID Tokens (the token is refused when this service is not its audience). MUST. ${REFUSAL_ONLY} Known false failure fixed: a service refusing with 400 invalid_signature used to fail this check.`),
  req("REV-06", "MUST",
    "A logout token from an untrusted issuer is refused with 400",
    [src.backChannelLogout("§2.6 (step 4)"), src.servicesGuide("Revocation, step 1 ('same trust path as ID-JAG verification')")],
    `Back-Channel Logout §2.6 step 4 (iss validated as for ID Tokens); services guide step 1: 'same trust path as ID-JAG verification'. MUST. ${REFUSAL_ONLY}`),
  req("REV-07", "SHOULD",
    "A logout token whose events claim is missing, lacks the revocation event, or holds a non-object member is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.4"), src.backChannelLogout("§2.6 (step 6)"), PROVIDER_REVOCATION],
    `Back-Channel Logout §2.4 / §2.6 step 6: events is REQUIRED and MUST be verified to hold the logout event (auth.md's revocation URI, per the providers guide's example) with a JSON object value. ${BCL_STRICTER} ${REFUSAL_ONLY}`),
  req("REV-08", "SHOULD",
    "A logout token carrying nonce is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.4"), src.backChannelLogout("§2.6 (step 7)")],
    `Back-Channel Logout §2.4: a logout token MUST NOT contain nonce; §2.6 step 7 verifies it. ${BCL_STRICTER} ${REFUSAL_ONLY}`),
  req("REV-09", "MUST",
    "A logout token without sub is refused with 400",
    [src.backChannelLogout("§2.4, §2.6 (step 5)"), src.servicesGuide("Revocation, step 3")],
    `Back-Channel Logout §2.6 step 5 requires sub or sid; auth.md revokes by (iss, sub, aud) and has no sessions, so sub is the only identifier left: MUST. ${REFUSAL_ONLY}`),
  req("REV-10", "SHOULD",
    "A logout token without iat is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.4"), src.backChannelLogout("§2.6 (step 4)")],
    `Back-Channel Logout §2.4: iat REQUIRED, validated per §2.6 step 4. ${BCL_STRICTER} ${REFUSAL_ONLY}`),
  req("REV-11", "MUST",
    "A replayed logout token (same iss and jti) is refused with 400 and does not revoke credentials issued since",
    [src.servicesGuide("Revocation, step 2 ('Enforce jti uniqueness')"), src.backChannelLogout("§2.6 (step 8)")],
    `Services guide 'Revocation' step 2: 'Enforce jti uniqueness for replay protection' (a procedure step, no BCP 14 keyword); Back-Channel Logout §2.6 step 8 makes the jti check optional. MUST for auth.md (a replay must neither be accepted nor revoke credentials issued since). ${REFUSAL_ONLY} AUTH.md's replay_detected is listed for /agent/auth only, so a logout replay's code is not judged.`),
  req("REV-12", "MUST",
    "A valid ID-JAG posted as a logout token is refused with 400 and revokes nothing (no cross-JWT confusion)",
    [src.rfc(8725, "§3.12"), src.backChannelLogout("§4.1")],
    `Back-Channel Logout §2.6 step 6 (an ID-JAG has no events claim, so it fails validation) and RFC 8725 §3.12 (mutually exclusive validation rules per JWT kind). MUST. ${REFUSAL_ONLY} Known false failure fixed: a service refusing with 400 invalid_signature used to fail this check.`),
  req("REV-13", "MAY",
    "A logout token without typ is refused (explicit typing logout+jwt, as in the auth.md example)",
    [src.backChannelLogout("§4.1"), PROVIDER_REVOCATION],
    "Back-Channel Logout recommends explicit typing without requiring it; the auth.md example uses typ logout+jwt. Reported, MAY."),
  req("REV-14", "SHOULD",
    "A logout token without exp, shaped like the auth.md example, is accepted",
    [PROVIDER_REVOCATION, REVOCATION, src.backChannelLogout("§2.4 (exp REQUIRED)")],
    "The docs conflict: the auth.md examples carry no exp, Back-Channel Logout requires it. A v0.1 service that insists on exp refuses logout tokens from docs-following providers. SHOULD, reported."),
  req("REV-15", "SHOULD",
    "A valid logout token for a sub with no credentials answers 200 (success does not reveal which subs have credentials)",
    [src.servicesGuide("Revocation, step 4 ('Return 200 on success')"), src.backChannelLogout("§2.8")],
    `Services guide 'Revocation' step 4: 'Return 200 on success'; Back-Channel Logout §2.8 answers 200 when the token is valid, whether or not a session matched. Answering otherwise reveals which subs hold credentials. SHOULD: no source says so for the no-match case in a BCP 14 keyword.`),
];
