import { src } from "../sources.ts";
import { V0_1_PROFILES } from "./common.ts";
import type { Requirement, RequirementLevel, SpecSource } from "../types.ts";

function req(id: string, level: RequirementLevel, title: string, sources: SpecSource[], note?: string): Requirement {
  return { id, level, title, flow: "revocation", profiles: V0_1_PROFILES, sources, ...(note ? { note } : {}) };
}

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
    [REVOCATION, PROVIDER_REVOCATION, src.authMd("Revocation"), src.backChannelLogout("§2.7, §2.8")]),
  req("REV-02", "MUST",
    "Revoking one sub leaves the credentials of another sub of the same issuer working",
    [src.servicesGuide("Revocation, step 3 ('credentials issued for (iss, sub, aud)')")]),
  req("REV-03", "MUST",
    "Revoking a sub at one issuer leaves the same sub's credentials from another trusted issuer working",
    [src.servicesGuide("Revocation, step 3 ('credentials issued for (iss, sub, aud)')"), src.rfc(7519, "§4.1.2 (sub is unique per issuer)")]),
  req("REV-04", "MUST",
    "A logout token with a bad signature or alg none is refused with 400 and revokes nothing",
    [src.servicesGuide("Revocation, steps 1 and 4"), src.backChannelLogout("§2.6 (step 3)"), src.rfc(8725, "§3.1")]),
  req("REV-05", "MUST",
    "A logout token whose aud is another service is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.6 (step 4)"), REVOCATION]),
  req("REV-06", "MUST",
    "A logout token from an untrusted issuer is refused with 400",
    [src.backChannelLogout("§2.6 (step 4)"), src.servicesGuide("Revocation, step 1 ('same trust path as ID-JAG verification')")]),
  req("REV-07", "MUST",
    "A logout token whose events claim is missing, lacks the revocation event, or holds a non-object member is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.4"), src.backChannelLogout("§2.6 (step 6)"), PROVIDER_REVOCATION]),
  req("REV-08", "MUST",
    "A logout token carrying nonce is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.4"), src.backChannelLogout("§2.6 (step 7)")]),
  req("REV-09", "MUST",
    "A logout token without sub is refused with 400",
    [src.backChannelLogout("§2.4, §2.6 (step 5)"), src.servicesGuide("Revocation, step 3")],
    "Back-Channel Logout accepts sid instead of sub; auth.md revokes by (iss, sub, aud) and has no sessions, so sub is required."),
  req("REV-10", "MUST",
    "A logout token without iat is refused with 400 and revokes nothing",
    [src.backChannelLogout("§2.4"), src.backChannelLogout("§2.6 (step 4)")]),
  req("REV-11", "MUST",
    "A replayed logout token (same iss and jti) is refused with replay_detected and does not revoke credentials issued since",
    [src.servicesGuide("Revocation, step 2 ('Enforce jti uniqueness')"), src.backChannelLogout("§2.6 (step 8)")],
    "Stated by the auth.md services guide as a step of the procedure, without a BCP 14 keyword; Back-Channel Logout makes the jti check a MAY. MUST for auth.md."),
  req("REV-12", "MUST",
    "A valid ID-JAG posted as a logout token is refused with 400 and revokes nothing (no cross-JWT confusion)",
    [src.rfc(8725, "§3.12"), src.backChannelLogout("§4.1")]),
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
    [src.servicesGuide("Revocation, step 4 ('Return 200 on success')"), src.backChannelLogout("§2.8")]),
];
