import { SampleServiceError } from "../errors.ts";
import type { SampleServiceV07Options } from "./config.ts";
import { DEFAULT_ACCOUNTS } from "./config.ts";

/**
 * One conformant variant of the v0.7 sample service: built differently from the default service,
 * within what v0.7.md allows. The tolerance matrix (`npm run test:tolerance`, after the v0.1
 * variants) runs the v0.7 suite against each and requires every check to pass or skip, except the
 * SHOULD/MAY ids the variant declares it does not implement (`allowedToFail`). A MUST that does
 * not pass, or an undeclared failure, is a false finding of the suite, never a bug of the variant.
 *
 * A variant is data only, so new checks are judged against every variant as they are merged:
 * - `service`: options of startSampleServiceV07 (its `choices`, lifetimes, opt-outs, limits);
 * - `harness`: what a user of the suite would declare for such a service (config overrides shaped
 *   like the YAML config: `audience`, `userActor`, …);
 * - `allowedToFail`: SHOULD/MAY ids the variant deliberately does not implement (a test refuses MUST ids).
 */
export interface VariantV07 {
  readonly name: string;
  /** What differs from the default service, and which source allows it. */
  readonly description: string;
  readonly service: Readonly<Omit<SampleServiceV07Options, "host" | "port" | "faults" | "trustedIssuers" | "now" | "log">>;
  readonly harness?: Readonly<Record<string, unknown>>;
  readonly allowedToFail?: readonly string[];
  /** Requirement id globs the fast subset in `npm test` runs for this variant (empty: the whole v0.7 suite). */
  readonly fastScope: readonly string[];
}

// --- the table: add variants as a contiguous block per slice --------------------------------------

export const VARIANTS_V07: readonly VariantV07[] = Object.freeze([
  // --- tolerance07: the first v0.7 variants (issue 14) ---
  {
    name: "v07-auth-md-vocabulary",
    description:
      "ID-JAG refusals at /agent/identity[/claim] use AUTH.md's Errors table (issuer_not_enabled; invalid_request for signature, jti, aud, expiry and unverified identity) instead of the guide's codes, and 400s there carry `message` instead of `error_description`, as the reference does on its 400s (§15 P2, ERR-03/ERR-04).",
    service: { choices: { idJagErrorCodes: "auth.md", profileErrorDescription: "message" } },
    fastScope: ["REG-*", "IDJ-*", "AT-*", "ERR-*", "IDJAG-*", "RPL-*", "SIG-*", "CLMEP-*"],
  },
  {
    name: "v07-reference-codes",
    description:
      "The reference's readings where RFCs give another code: an unknown claim_token at the claim grant answers expired_token (§15 P4, S6), and a SET whose signature or key fails answers invalid_key instead of authentication_failed (§15 P14, RFC 8935 §2.4 lists both).",
    service: { choices: { unknownClaimTokenCode: "expired_token", setKeyFailureCode: "invalid_key" } },
    fastScope: ["TOK-*", "SET-*", "ERR-*"],
  },
  {
    name: "v07-prm-trailing-slash",
    description:
      "PRM authorization_servers lists the AS with a trailing slash (AUTH.md's example \"https://auth.service.example.com/\") while the AS metadata issuer has none; v0.7.md §15 P3 normalises one trailing slash.",
    service: { choices: { prmAuthorizationServerTrailingSlash: true } },
    fastScope: ["DISC-*", "REG-04", "IDJ-*", "TOK-JWTB-*", "SET-01"],
  },
  {
    name: "v07-aud-resource-reading",
    description:
      "Provider ID-JAGs and SETs must carry aud = the PRM resource (A7 Step 3: 'aud = the resource from the PRM'), the other documented reading of §15 P1; the AS issuer is refused. The harness is told so (audience: resource).",
    service: { choices: { audience: "resource" } },
    harness: { audience: "resource" },
    fastScope: ["IDJ-*", "AT-*", "SET-*", "IDJAG-*", "CLMEP-IDJ-*", "STEP-*"],
  },
  {
    name: "v07-direct-claim-page",
    description:
      "verification_uri points straight at /claim?claim_attempt_token=… (A7 Step 4a-alt's example, §15 P11) instead of /login?return_to=…; the claim page itself sends a visitor without a session to sign in.",
    service: { choices: { verificationUri: "direct" } },
    fastScope: ["PAGE-*", "SA-*", "CLMEP-*", "STEP-*", "TOK-CLM-*"],
  },
  {
    name: "v07-shoulds-not-implemented",
    description:
      "What the reference leaves out, all SHOULDs: no slow_down however fast the claim grant is polled (TOK-CLM-07, §15 P15), no limit on wrong user_codes (PAGE-06), and token_type_hint other than access_token refused with 400 invalid_request (REV7009-05, §15 P5).",
    service: { maxWrongCodes: 1000, choices: { slowDown: false, tokenTypeHints: "access_token-only" } },
    allowedToFail: ["TOK-CLM-07", "PAGE-06", "REV7009-05", "FUZZ-POLL-01", "FUZZ-UCODE-LOCK-01"],
    fastScope: ["TOK-*", "REV7009-*", "PAGE-*"],
  },
  {
    name: "v07-opted-out",
    description:
      "The service opts out of anonymous and service_auth registration (A7 Step 2 and Errors: anonymous_not_enabled, service_auth_not_enabled; ANON-05 and SA-03 are MAY) and still lists every identity type, which A7 Step 2 calls informational for those two; only ID-JAG registration works.",
    service: { anonymousEnabled: false, serviceAuthEnabled: false },
    fastScope: ["REG-*", "ANON-*", "SA-*", "TOK-*", "REV7009-*", "API-*", "DISC-AA-*"],
  },
  {
    name: "v07-registration-429",
    description:
      "Registrations are limited to 8 per 2 s per address: past that /agent/identity answers 429 rate_limited with Retry-After (S6 'Rate Limiting', RFC 6585 §4). v0.7.md §15 P9: a 429 is inconclusive, never a failure; the harness waits it out (http.slowDown, with the total wait a throttled run needs).",
    service: { registrationsPerMinute: 8, choices: { rateLimitWindowSeconds: 2 } },
    // What a user would declare for a throttling service: wait out every 429 of the run (P9).
    harness: { http: { slowDown: { maxRetries: 10, maxWaitMs: 5_000, maxTotalWaitMs: 600_000 } } },
    fastScope: ["REG-*", "ANON-*", "IDJ-*", "TOK-JWTB-*"],
  },
  {
    name: "v07-own-sign-in",
    description:
      "The service's own sign-in page: the account field is `username` and the session cookie `app_session` (the sample's are `email` and `sid`, the reference's connect.sid); nothing in the sources names either. The harness declares both in userActor, as a user of the suite would.",
    service: { choices: { sessionCookie: "app_session", signInField: "username" } },
    harness: {
      userActor: {
        adapter: "form",
        accounts: { confirm: { email: DEFAULT_ACCOUNTS[0] }, other: { email: DEFAULT_ACCOUNTS[1] } },
        sessionCookie: "app_session",
        signIn: { accountField: "username" },
        claim: { formAction: "/agent/identity/claim/complete", codeField: "user_code" },
        text: { invalidLink: "already claimed" },
        signOut: { url: "/logout" },
      },
    },
    fastScope: ["PAGE-*", "SA-*", "STEP-*", "CLMEP-*", "TOK-CLM-*"],
  },
  {
    name: "v07-http-details",
    description:
      "HTTP details a JSON/OAuth client must tolerate: Cache-Control: no-store, private on token responses (RFC 6749 §5.1 asks for no-store, other directives may join it), Content-Type application/json; charset=utf-8 (RFC 8259 §11), an extra unknown member in every 200 JSON object, and a 10 s poll interval.",
    service: { pollIntervalSeconds: 10, choices: { cacheControl: "no-store, private", jsonContentType: "application/json; charset=utf-8", extraResponseFields: true } },
    fastScope: ["DISC-*", "REG-*", "ANON-*", "TOK-*", "REV7009-*", "SET-01"],
  },
  // --- end tolerance07 ---
] satisfies VariantV07[]);

const KNOWN: ReadonlyMap<string, VariantV07> = new Map(VARIANTS_V07.map((v) => [v.name, v]));

/** The variant of this name; an unknown name throws SampleServiceError "unknown_variant" (field "variants"). */
export function variantV07(name: string): VariantV07 {
  const variant = KNOWN.get(name);
  if (!variant) throw new SampleServiceError("unknown_variant", "variants", `unknown v0.7 variant name: ${JSON.stringify(name)}`);
  return variant;
}
