import type { Flow, RequirementLevel } from "../types.ts";

// How the v0.1 catalogue carries into v0.7. Three kinds of data:
// 1. DELEGATED_ROWS: v0.7.md rows that are the same rule as v0.1 requirements (v0.7.md Δ "same";
//    §4: "every v0.1 ID-JAG verification rule carries over"). They get no v0.7 entry of their own:
//    the v0.1 ids below run in both profiles, keeping their ids (no duplicate ids, no duplicate checks).
// 2. SHARED_WITH_V0_1: each v0.1 id that runs in v0.7 too, the v0.7.md rows it implements, and
//    whether its rule is unchanged there (else what the v0.7 run must add, or its v0.7 level).
// 3. REMOVED_IN_V0_7: each v0.1 id that does not apply to v0.7 (v0.7.md §13), with the reason and
//    the v0.7 ids that replace it. Every v0.1 id is in exactly one of 2 and 3 (a test checks it).
//
// ID REUSE. v0.7.md was written with ids that partly repeat v0.1 ids for different rules
// (DISC-AUTHMD-02, DISC-PRM-02, DISC-AS-01, DISC-AS-03, DISC-AA-01…05, ANON-01/02/03/05). Those
// v0.7 entries keep the v0.7.md id as the brief asks; the v0.1 rule of the same spelling is then
// never shared (it is in REMOVED_IN_V0_7), so inside one profile an id names one rule. A report or
// baseline that mixes profiles must key requirements by (profile, id): see ID_REUSE.

/** A v0.7.md row implemented by v0.1 requirements (no v0.7 entry of its own). */
export interface DelegatedRow {
  /** Level and flow as v0.7.md gives them (§16 counts include these rows). */
  level: RequirementLevel;
  flow: Flow;
  title: string;
  basis: string;
}

export const DELEGATED_ROWS: Readonly<Record<string, DelegatedRow>> = {
  "DISC-AUTHMD-01": { level: "MUST", flow: "discovery", title: "`agent_auth.skill` (else `/auth.md`) answers 200 as `text/markdown`/`text/plain`, not HTML", basis: "(docs) A7 Step 1b advertises `agent_auth.skill` as the agent's instructions; serving them as Markdown is shown, not required with a keyword. MUST: an HTML page is not the document agents read." },
  "DISC-PRM-01": { level: "MUST", flow: "discovery", title: "`GET /.well-known/oauth-protected-resource` → JSON with `resource`, `authorization_servers` (non-empty)", basis: "BCP 14: RFC 9728 §3.2 (the PRM response is a JSON object; `resource` REQUIRED in §2)." },
  "DISC-AS-02": { level: "MUST", flow: "discovery", title: "`issuer` equals the AS base URL the metadata was fetched from, with no trailing-slash mismatch (RFC 8414 §3.3). PRM lists `…/` while `issuer` has none, so the comparison needs normalising (§15 P3)", basis: "BCP 14: RFC 8414 §3.3 (the `issuer` value MUST be identical to the issuer identifier the metadata URL was built from); the trailing-slash normalisation is §15 P3." },
  "DISC-401-01": { level: "MUST", flow: "discovery", title: "A 401 from the protected API carries `WWW-Authenticate: Bearer resource_metadata=\"<PRM URL>\"`", basis: "(docs) A7 Step 1 and S6 'Minimum Consumer Implementation' item 2 describe the header as part of the minimum implementation; RFC 9728 §5.1 makes it a MAY for resource servers in general. MUST for the auth.md profile: discovery starts from it." },
  "DISC-401-02": { level: "SHOULD", flow: "discovery", title: "The `resource_metadata` URL resolves to the same PRM document", basis: "(docs) RFC 9728 §5.1 defines resource_metadata as the URL of the resource's PRM (no keyword on the server side); a hint that does not resolve to the same PRM defeats discovery. SHOULD, as v0.7.md grades it." },
  "REG-05": { level: "MUST", flow: "registration", title: "`claim_token` (when returned) is returned once, is high-entropy and prefixed, and is stored hashed. Black-box checks: two registrations never share one; length ≥ 128 bits of base64url", basis: "(docs) A7 Step 3 and S6 'type: anonymous' step 3 and 'Security Considerations' describe a high-entropy, prefixed token returned once; RFC 6749 §10.10 (guessing probability ≤ 2^-128) makes the entropy part a MUST." },
  "ANON-04": { level: "MUST", flow: "anonymous", title: "The pre-claim access_token works on the API within `pre_claim_scopes`, and the API refuses scopes beyond them", basis: "(docs) A7 Step 3 'anonymous' describes a usable pre-claim token limited to pre_claim_scopes. MUST." },
  "IDJ-03": { level: "MUST", flow: "id-jag", title: "Untrusted `iss` → 400 (`issuer_not_enabled` per A7; the reference says `invalid_issuer`)", basis: "BCP 14: S6 'Verifying ID-JAGs' (trust list) and RFC 8725 §3.8 (validate the issuer). Error code per §15 P2." },
  "IDJ-04": { level: "MUST", flow: "id-jag", title: "Bad signature, unknown `kid` after one JWKS refetch, `alg:none` → 400", basis: "BCP 14: RFC 8725 §3.1 (libraries MUST let the caller specify algorithms, reject none) and RFC 7515 §5.2 (signature validation)." },
  "IDJ-05": { level: "MUST", flow: "id-jag", title: "`aud` must be the value the service expects. A7 Step 3 says the PRM `resource`; S6 and c6:verify.ts require the AS issuer. Wrong aud → 400 `invalid_audience`", basis: "BCP 14: RFC 7519 §4.1.3 (reject when the recipient does not identify itself with aud). Which value is expected is §15 P1 (A7 Step 3: resource; S6 and the code: issuer)." },
  "IDJ-06": { level: "MUST", flow: "id-jag", title: "Expired `exp` → 400; `iat` far in the future → 400 (skew ≈ 60 s)", basis: "BCP 14: RFC 7519 §4.1.4 (MUST NOT accept at or after exp); the future-iat refusal with ≈60 s skew is S6 'Clock skew'." },
  "IDJ-07": { level: "MUST", flow: "id-jag", title: "A replayed `jti` → 400 (`replay_detected`), including a replay of a token that the service rejected", basis: "(docs) S6 'Replay protection' says to keep a cache of seen jti values and 'Reject' (an imperative, no keyword); RFC 7523 §3 leaves jti checks to the AS. MUST, as v0.1 RPL-01." },
  "IDJ-08": { level: "MUST", flow: "id-jag", title: "Neither `email_verified:true` nor `phone_number_verified:true` → 400 (`missing_verified_email`)", basis: "(docs) S6 'User Matching': 'Reject ID-JAGs with neither a verified email nor a verified phone' (an imperative, no keyword); A7 Step 3's mint list. MUST: there is no basis for matching otherwise." },
  "IDJ-09": { level: "SHOULD", flow: "id-jag", title: "`client_id` resolves to a known provider or a CIMD document whose `jwks_uri` matches; otherwise 400 `invalid_client_id`. The reference (c6, c7) never checks `client_id`.", basis: "(conflict) S6 step 5 and 'CIMD resolution' require client_id resolution, but the reference (c6, c7) never checks client_id; a rule the reference itself does not implement is SHOULD." },
  "IDJ-10": { level: "MUST", flow: "id-jag", title: "`typ` header `oauth-id-jag+jwt` is required (a missing or different typ → 400)", basis: "BCP 14: ID-JAG draft §3.1/§4.4.1 (typ oauth-id-jag+jwt) and RFC 8725 §3.11 (explicit typing); S6 'Verifying ID-JAGs'." },
};

export interface SharedV01 {
  /** v0.7.md rows this v0.1 requirement implements (wholly or in part). Empty: carried by the §4 preamble only. */
  rows: readonly string[];
  /** The rule is the same in v0.7; only the endpoint and request shape change, through the profile's agent driver. */
  unchanged: boolean;
  /** When not unchanged: what the v0.7 run adds or changes. */
  change?: string;
  /** The level v0.7.md gives the rule when it differs from the v0.1 level. */
  levelInV07?: RequirementLevel;
  /**
   * Why the v0.1 check does not run in a v0.7 run yet (an honest gap: the id stays out of the v0.7
   * plan, and its rows count as unchecked). Every other shared id runs in v0.7 through the agent
   * driver (src/profiles/v0_7/shared.ts).
   */
  notRunInV07?: string;
}

const same = (...rows: string[]): SharedV01 => ({ rows, unchanged: true });
/** A shared id whose check does not run in v0.7 yet (none today; kept for the next revision's gaps). */
export const notYet = (shared: SharedV01, reason: string): SharedV01 => ({ ...shared, notRunInV07: reason });
const changed = (rows: string[], change: string, levelInV07?: RequirementLevel): SharedV01 =>
  levelInV07 ? { rows, unchanged: false, change, levelInV07 } : { rows, unchanged: false, change };

const SECTION_4 = "v0.7.md §4: every v0.1 ID-JAG verification rule carries over to POST /agent/identity";

export const SHARED_WITH_V0_1: Readonly<Record<string, SharedV01>> = {
  // Discovery --------------------------------------------------------------------------------------
  "DISC-AUTHMD-01": same("DISC-AUTHMD-01"),
  "DISC-PRM-01": changed(["DISC-PRM-01"],
    "the v0.7 row also requires `resource` in the PRM; v0.1 checked it under DISC-PRM-02, an id v0.7 reuses for another rule, so the v0.7 run of DISC-PRM-01 must check `resource` too"),
  "DISC-PRM-03": same("DISC-PRM-01"),
  "DISC-PRM-04": same("DISC-PRM-01"),
  "DISC-AS-02": changed(["DISC-AS-02"], "v0.7 normalises one trailing slash between PRM authorization_servers and issuer unless strict (§15 P3)"),
  "DISC-401-01": same("DISC-401-01"),
  "DISC-401-02": changed(["DISC-401-01"], "v0.7 adds a third case: an access_token revoked through RFC 7009 (REV7009-01) answers 401 with the hint"),
  "DISC-401-03": changed(["DISC-401-02"], "same rule; v0.7.md grades it SHOULD (RFC 9728 §5.1)", "SHOULD"),
  "DISC-401-04": same("DISC-401-01"),
  "DISC-EP-01": changed(["DISC-AA-05"], "the advertised endpoints are identity_endpoint, claim_endpoint, events_endpoint, token_endpoint and revocation_endpoint, each probed with its own media type (JSON, form, application/secevent+jwt); v0.7.md grades the row SHOULD", "SHOULD"),
  // Registration and scopes --------------------------------------------------------------------
  "FUZZ-CT-ENTROPY-01": changed(["REG-05"], "the claim_tokens come from POST /agent/identity (anonymous) through the agent driver"),
  "SCO-01": changed(["ANON-04"], "the pre-claim credential is the jwt-bearer access_token (TOK-JWTB-01), not the registration's api_key"),
  "SCO-02": changed(["ANON-04"], "the pre-claim credential is the jwt-bearer access_token (TOK-JWTB-01), not the registration's api_key"),
  "SCO-03": same("ANON-04"),
  // ID-JAG verification (v0.7.md §4) -----------------------------------------------------------
  "IDJAG-BASE-03": changed(["IDJ-02"], "checked on the `scopes` of the v0.7 identity_assertion response and the token's `scope`"),
  "IDJAG-TYP-01": same("IDJ-10"),
  "IDJAG-TYP-02": same("IDJ-10"),
  "IDJAG-ISS-01": same("IDJ-03"),
  "IDJAG-ISS-02": same("IDJ-03"),
  "IDJAG-SUB-01": same(),
  "IDJAG-AUD-01": same("IDJ-05"),
  "IDJAG-AUD-02": same("IDJ-05"),
  "IDJAG-AUD-03": changed(["IDJ-05"],
    "v0.1 requires one reading and the other refused; v0.7 makes the reading a parameter (idjag.aud = issuer|resource|either, default issuer; §15 P1): under `either` the refusal half does not apply"),
  "IDJAG-AUD-04": same("IDJ-05"),
  "IDJAG-AUD-05": same("IDJ-05"),
  "IDJAG-EXP-01": same("IDJ-06"),
  "IDJAG-EXP-02": same("IDJ-06"),
  "IDJAG-EXP-03": same("IDJ-06"),
  "IDJAG-IAT-01": same("IDJ-06"),
  // v0.7.md puts the future-iat refusal in the MUST row IDJ-06, whose MUST rests on its exp half
  // (RFC 7519 §4.1.4). The iat half has only S6's checklist ('iat is not unreasonably future', no
  // keyword) and RFC 7519 does not require it; the reference (c6 verify.ts: jose without
  // maxTokenAge) accepts such a token. The conflict is named; the level stays v0.1's SHOULD.
  "IDJAG-IAT-02": changed(["IDJ-06"], "same rule and level: v0.7.md folds the future-iat refusal into the MUST row IDJ-06, but its only source is S6's checklist (no BCP 14 keyword; RFC 7519 does not require it) and the reference accepts a future iat, so it stays SHOULD with the conflict named"),
  "IDJAG-NBF-01": same("IDJ-06"),
  "IDJAG-JTI-01": same("IDJ-07"),
  "IDJAG-CID-01": changed(["IDJ-09"], "same rule; v0.7.md grades client_id checks SHOULD because the reference (c6, c7) never checks client_id", "SHOULD"),
  "IDJAG-CID-02": changed(["IDJ-09"], "same rule; v0.7.md grades client_id checks SHOULD because the reference (c6, c7) never checks client_id", "SHOULD"),
  "IDJAG-VER-01": same("IDJ-08"),
  "IDJAG-VER-02": same("IDJ-08"),
  "IDJAG-VER-03": same("IDJ-08"),
  "SIG-01": same("IDJ-04"),
  "SIG-02": same("IDJ-04"),
  "SIG-03": same("IDJ-04"),
  "SIG-04": same("IDJ-04"),
  "SIG-05": same("IDJ-04"),
  "SIG-06": same("IDJ-04"),
  "SIG-07": same("IDJ-04"),
  "SIG-08": same("IDJ-04"),
  "SIG-09": same("IDJ-04"),
  "SIG-10": same("IDJ-04"),
  "SIG-11": same("IDJ-04"),
  "SIG-12": same("IDJ-04"),
  "RPL-01": changed(["IDJ-07"],
    "v0.7 also requires the replay of a token the service rejected to be refused (c6 records the jti before the email and auth_time checks): the v0.7 run adds that case"),
  "RPL-02": same("IDJ-07"),
  "RPL-03": same("IDJ-07"),
};

/** The §4 preamble note for shared ids with no row of their own (e.g. IDJAG-SUB-01). */
export const SECTION_4_CARRY_OVER = SECTION_4;

export interface RemovedV01 {
  reason: string;
  /** v0.7 ids (own entries or shared v0.1 ids) that take over the rule, if any. */
  replacedBy: readonly string[];
}

const gone = (reason: string, ...replacedBy: string[]): RemovedV01 => ({ reason, replacedBy });

const OTP = "the OTP ceremony (/claim/attempt/challenge, /claim/view, OTP, service emails) is removed (v0.7.md §13; CL v0.4.0): the user_code ceremony replaces it";
const VEM = "the verified_email assertion type and the email-verification label are removed (CL v0.6.0): service_auth + login_hint replaces them";
const CRED = "registration no longer returns a credential (CL v0.2.0): identity_assertion → access_token at /oauth2/token replaces it";
const LOGOUT = "logout+jwt at revocation_uri is removed (CL v0.3.0): Security Event Tokens at events_endpoint replace it";
const FUZZ_V01 = "the v0.1 fuzz models drive /agent/auth and the OTP ceremony; v0.7 fuzzing is its own issue";
const NOT_A_ROW = "not a row of v0.7.md; the v0.7 profile does not carry it over (the lint rules may still apply to the manifest)";

export const REMOVED_IN_V0_7: Readonly<Record<string, RemovedV01>> = {
  "DISC-AUTHMD-02": gone("v0.7 reuses the id for the sections rule; its 'not an HTML page' rule is covered in v0.7 by DISC-AUTHMD-01's Content-Type check (an SPA fallback answers text/html)", "DISC-AUTHMD-01"),
  "DISC-AUTHMD-03": gone(NOT_A_ROW),
  "DISC-AUTHMD-04": gone("A7 has Steps 1–6 (Step 5 'Exchange the assertion', Step 6 'Use the access_token')", "DISC-AUTHMD-02"),
  "DISC-AUTHMD-05": gone(NOT_A_ROW),
  "DISC-PRM-02": gone("v0.7 reuses the id for the PRM members rule; the `resource` presence moves into the v0.7 run of DISC-PRM-01", "DISC-PRM-01"),
  "DISC-PRM-05": gone("widened by v0.7 DISC-PRM-02 (also resource_name, resource_logo_uri)", "DISC-PRM-02"),
  "DISC-AS-01": gone("v0.7 DISC-AS-01 (same id) widens it: issuer, token_endpoint, revocation_endpoint, grant_types_supported", "DISC-AS-01"),
  "DISC-AS-03": gone(`${NOT_A_ROW}; v0.7 reuses the id for grant_types_supported`, "DISC-AS-03"),
  "DISC-AA-01": gone("register_uri/claim_uri/revocation_uri are renamed (CL v0.2.0, v0.3.0); v0.7 DISC-AA-01 (same id) checks the new members", "DISC-AA-01"),
  "DISC-AA-02": gone("v0.7 reuses the id; absolute endpoint URLs are v0.7 DISC-AA-05", "DISC-AA-05"),
  "DISC-AA-03": gone("credential_types_supported sub-blocks are gone with credentials; the v0.7 vocabulary rule is DISC-AA-02", "DISC-AA-02"),
  "DISC-AA-04": gone("the v0.1 vocabulary (verified_email, credential types, logout events) is removed", "DISC-AA-02", "DISC-AA-03"),
  "DISC-AA-05": gone(NOT_A_ROW),
  "VEM-01": gone(VEM, "SA-01"),
  "VEM-02": gone(VEM, "SA-01"),
  "VEM-03": gone(VEM, "SA-06"),
  "VEM-04": gone(VEM, "SA-06"),
  "VEM-05": gone(VEM, "CLMEP-03", "TOK-CLM-10"),
  "VEM-06": gone(VEM, "CLMEP-04"),
  "ANON-01": gone(`${CRED}; v0.7 ANON-01 (same id) checks the new response`, "ANON-01"),
  "ANON-02": gone("the /claim body and response changed (login_hint, claim_attempt block)", "CLMEP-02"),
  "ANON-03": gone("the fresh-attempt rule is CLMEP-05 in v0.7", "CLMEP-05"),
  "ANON-04": gone("/complete is gone; completion is the claim grant poll, and pre-claim tokens are revoked, not upgraded", "TOK-CLM-02", "TOK-CLM-03"),
  "ANON-05": gone("the claimed-token codes are CLMEP-03 in v0.7", "CLMEP-03"),
  "ANON-06": gone(CRED, "REG-03"),
  "CLM-01": gone(OTP, "PAGE-08"),
  "CLM-02": gone(OTP, "CLMEP-03", "ERR-06"),
  "CLM-03": gone(`${OTP}; the verification_uri now carries the claim_attempt_token by design (PAGE-01 keeps the user_code out of it)`, "PAGE-01"),
  "CLM-04": gone(`${CRED}; no-store is TOK-03 on the token endpoint`, "TOK-03"),
  "CLM-05": gone(OTP, "CLMEP-05"),
  "OTP-01": gone(OTP, "PAGE-02"),
  "OTP-02": gone(OTP, "PAGE-02"),
  "OTP-03": gone(OTP, "CLMEP-05", "STEP-04"),
  "OTP-04": gone(`${OTP}; "GET must not mint an OTP" becomes PAGE-01/03`, "PAGE-01", "PAGE-03"),
  "OTP-05": gone(OTP, "PAGE-08"),
  "OTP-06": gone(OTP, "PAGE-05"),
  "OTP-07": gone(OTP, "PAGE-05"),
  "SCO-04": gone("the scope rise now happens at the claim grant; the pending cap is ANON-03/TOK-JWTB-05", "ANON-03", "TOK-JWTB-05"),
  "SCO-05": gone("the in-place scope swap of the same api_key is removed: pre-claim tokens are revoked on claim (v0.7.md §13)", "TOK-CLM-03"),
  "SCO-06": gone(VEM, "SA-06"),
  "MAIL-01": gone(`${OTP}; services send no mail`, "SA-07"),
  "MAIL-02": gone(`${OTP}; services send no mail`, "SA-07"),
  "MAIL-03": gone(`${OTP}; services send no mail`, "SA-07"),
  "MAIL-04": gone(`${OTP}; services send no mail`, "SA-07"),
  "FUZZ-OTP-LOCK-01": gone(`${FUZZ_V01}; the v0.7 lockout rule is PAGE-06`, "PAGE-06"),
  "FUZZ-OTP-WRONG-01": gone(`${FUZZ_V01}`, "PAGE-05"),
  "FUZZ-OTP-FORMAT-01": gone(`${FUZZ_V01}`, "PAGE-02"),
  "FUZZ-OTP-UNIFORM-01": gone(`${FUZZ_V01}`, "PAGE-02"),
  "FUZZ-CT-GARBAGE-01": gone(FUZZ_V01, "CLMEP-03"),
  "FUZZ-CT-BIND-01": gone(FUZZ_V01, "PAGE-08"),
  "FUZZ-MODEL-01": gone(`${FUZZ_V01}; v0.7 FUZZ-MODEL-01 (same id) models the v0.7 life`, "FUZZ-MODEL-01"),
  "FUZZ-INPUT-01": gone(FUZZ_V01, "TOK-05", "ERR-06"),
  "FUZZ-INPUT-02": gone(FUZZ_V01, "REG-01"),
  "IDJAG-BASE-01": gone(`${CRED}; the v0.7 success shape is IDJ-02`, "IDJ-02"),
  "IDJAG-BASE-02": gone(`${CRED}; the token from jwt-bearer is used on the API`, "TOK-JWTB-01", "API-01"),
  "IDJAG-BASE-04": gone(`${CRED}; no refresh_token is TOK-04 on the token endpoint`, "TOK-04"),
  "IDJAG-BASE-05": gone(`${CRED}; no-store is TOK-03`, "TOK-03"),
  "IDJAG-CRED-01": gone("credential types and unsupported_credential_type are removed (CL v0.2.0)", "REG-03"),
  "IDJAG-OFF-01": gone("identity_types_supported is informational for anonymous/service_auth in v0.7 (DISC-AA-04), so an unadvertised method may succeed", "DISC-AA-04", "ANON-05", "SA-03"),
  "IDJAG-VOC-01": gone("the vocabulary rule is ERR-03 (SHOULD) in v0.7", "ERR-03"),
  "IDJAG-CODE-01": gone("the documented codes of issuer, audience and expiry refusals are ERR-03 (SHOULD) in v0.7 (§15 P2)", "ERR-03"),
  "SCO-07": gone(`${CRED}; the pre-claim cap is judged on the access_token`, "ANON-02"),
  "DISC-AS-04": gone("in v0.7 issuer is REQUIRED by the protocol itself (CL v0.2.0): part of DISC-AS-01 (MUST)", "DISC-AS-01"),
  "FUZZ-OTP-LOCK-02": gone(`${FUZZ_V01}; the v0.7 lockout rule is PAGE-06`, "PAGE-06"),
  "RATE-01": gone("registration rate limits are REG-06 (SHOULD) on identity_endpoint in v0.7", "REG-06"),
  "REV-01": gone(LOGOUT, "SET-01", "SET-09"),
  "REV-02": gone(LOGOUT, "SET-15"),
  "REV-03": gone(LOGOUT, "SET-15"),
  "REV-04": gone(LOGOUT, "SET-05"),
  "REV-05": gone(LOGOUT, "SET-04"),
  "REV-06": gone(LOGOUT, "SET-03"),
  "REV-07": gone(LOGOUT, "SET-06"),
  "REV-08": gone(`${LOGOUT}; a SET has no nonce rule`),
  "REV-09": gone(`${LOGOUT}; the SET subject rule is part of SET-01`, "SET-01"),
  "REV-10": gone(LOGOUT, "SET-14"),
  "REV-11": gone(LOGOUT, "SET-08"),
  "REV-12": gone(LOGOUT, "SET-13"),
  "REV-13": gone(LOGOUT, "SET-13"),
  "REV-14": gone(LOGOUT, "SET-14"),
  "REV-15": gone(LOGOUT, "SET-01"),
};

/**
 * v0.7 ids that spell a v0.1 id naming a different rule. Both profiles keep their id (the brief:
 * ids as given in v0.7.md); never compare results across profiles by id alone.
 */
export const ID_REUSE: readonly string[] = [
  "DISC-AUTHMD-02", "DISC-PRM-02", "DISC-AS-01", "DISC-AS-03",
  "DISC-AA-01", "DISC-AA-02", "DISC-AA-03", "DISC-AA-04", "DISC-AA-05",
  "ANON-01", "ANON-02", "ANON-03", "ANON-05",
  // fuzz (issue 16)
  "FUZZ-MODEL-01",
];
