// Broken (and two valid) Security Event Tokens for the v0.7 events_endpoint (v0.7.md §9), in the
// style of forge.ts: each case names what it breaks and the source, what a conforming receiver
// does with it (RFC 8935 §2.3/§2.4 `err` values, whether anything is revoked), the receiver check
// it defeats (`faults`, so a test can prove it breaks nothing else) and the v0.7 ids that cite it.
import { ProviderKey } from "./keys.ts";
import { randomId, epochSeconds } from "./ids.ts";
import { stripSignature, tamperPayload, unsignedJws } from "./jws-raw.ts";
import { LOGOUT_TYP, randomSubject } from "./mint.ts";
import type { TokenOverrides, TokenParts } from "./mint.ts";
import { SET_CONTENT_TYPE, secEventParts } from "./set.ts";
import type { ErrorKey, ForgeCase, ForgeContext, ForgeDeps, ForgeExpectation, ForgeOutput } from "./forge.ts";

/** RFC 8935 §2.4 error codes. */
export const RFC8935_ERRS = ["invalid_request", "invalid_key", "invalid_issuer", "invalid_audience", "authentication_failed", "access_denied"] as const;
export type Rfc8935Err = (typeof RFC8935_ERRS)[number];

/** The receiver checks a SET case defeats (a conforming receiver performs them all). */
export type SetFault =
  | "content-type" // RFC 8935 §2.2
  | "typ" // RFC 8417 §2.3
  | "issuer" // trust list (S6; RFC 8935 §2.4 invalid_issuer)
  | "signature" // RFC 7515 §5.2; RFC 8725 §3.1
  | "audience" // RFC 8935 §2.4 invalid_audience
  | "expiry" // RFC 7519 §4.1.4
  | "iat" // RFC 8417 §2.2 (iat REQUIRED)
  | "events" // RFC 8417 §2.2 (events REQUIRED, a non-empty JSON object)
  | "replay" // S6 step 2 (jti uniqueness)
  | "unknown-event"; // nothing to revoke: RFC 8417 §2.2, S6 step 3

export interface SecEventExpectation {
  /** RFC 8935: 202 Accepted, or 400 with one of `errs`. */
  delivery: "accepted" | "refused";
  errs: readonly Rfc8935Err[];
  /** Whether a conforming receiver revokes the (iss, sub, aud) after this delivery. */
  revokes: boolean;
  faults: readonly SetFault[];
  /** v0.7 requirement ids (src/requirements/v0_7) whose checks submit this case. */
  requirements: readonly string[];
}

const OTHER_SERVICE = "https://other-service.example";
const UNKNOWN_EVENT = "https://schemas.example.invalid/events/unknown/event";
const reject = (...errorKeys: ErrorKey[]): ForgeExpectation => ({ accept: false, errorKeys });
const refused = (errs: Rfc8935Err[], faults: SetFault[], requirements: string[]): SecEventExpectation => ({
  delivery: "refused", errs, revokes: false, faults, requirements,
});

export function setForgeCases(deps: ForgeDeps): ForgeCase[] {
  const { minter, keys } = deps;
  const now = (ctx: ForgeContext): number => ctx.now ?? epochSeconds();
  const parts = (ctx: ForgeContext, overrides: TokenOverrides & { events?: string[] } = {}): TokenParts =>
    secEventParts(deps.issuer, keys.current(), { audience: ctx.audience, subject: ctx.subject ?? randomSubject(), now: now(ctx), ...overrides });
  const signed = async (p: TokenParts, key?: ProviderKey): Promise<ForgeOutput> => ({ tokens: [await minter.sign(p, key)] });
  const set = (ctx: ForgeContext, overrides?: TokenOverrides & { events?: string[] }): Promise<ForgeOutput> => signed(parts(ctx, overrides));

  return [
    {
      id: "set-baseline",
      token: "set",
      breaks: "nothing: a valid revocation SET (RFC 8417 §2.2; RFC 8935 §2.2; A7 Revocation)",
      level: "MUST",
      expect: { accept: true },
      secEvent: { delivery: "accepted", errs: [], revokes: true, faults: [], requirements: ["SET-01", "SET-09", "SET-10"] },
      build: (ctx) => set(ctx),
    },
    {
      id: "set-unknown-event-only",
      token: "set",
      breaks: `nothing to revoke: events holds only ${UNKNOWN_EVENT}, which the receiver ignores (RFC 8417 §2.2; S6 'POST /agent/event/notify' step 3)`,
      level: "MUST",
      expect: { accept: true },
      secEvent: { delivery: "accepted", errs: [], revokes: false, faults: ["unknown-event"], requirements: ["SET-07"] },
      build: (ctx) => set(ctx, { events: [UNKNOWN_EVENT] }),
    },
    {
      id: "set-events-missing",
      token: "set",
      breaks: "no events claim (RFC 8417 §2.2: events REQUIRED)",
      level: "MUST",
      expect: reject("REQ"),
      secEvent: refused(["invalid_request"], ["events"], ["SET-06"]),
      build: (ctx) => set(ctx, { omitClaims: ["events"] }),
    },
    {
      id: "set-events-empty",
      token: "set",
      breaks: "events is an empty object (RFC 8417 §2.2; commit 11ef73d)",
      level: "MUST",
      expect: reject("REQ"),
      secEvent: refused(["invalid_request"], ["events"], ["SET-06"]),
      build: (ctx) => set(ctx, { claims: { events: {} } }),
    },
    {
      id: "set-events-not-object",
      token: "set",
      breaks: "events is an array of the event URI, not a JSON object (RFC 8417 §2.2)",
      level: "MUST",
      expect: reject("REQ"),
      secEvent: refused(["invalid_request"], ["events"], ["SET-06"]),
      build: (ctx) => set(ctx, { claims: { events: [parts(ctx).claims.events] } }),
    },
    {
      id: "set-wrong-aud",
      token: "set",
      breaks: "aud is another service, not this AS's issuer (RFC 8935 §2.4 invalid_audience; commit 9b5e86e)",
      level: "MUST",
      expect: reject("AUD"),
      secEvent: refused(["invalid_audience"], ["audience"], ["SET-04"]),
      build: (ctx) => set(ctx, { claims: { aud: OTHER_SERVICE } }),
    },
    {
      id: "set-typ-logout",
      token: "set",
      breaks: "typ 'logout+jwt' (the v0.1 token) is not 'secevent+jwt' (RFC 8417 §2.3; RFC 8725 §3.11)",
      level: "SHOULD",
      expect: reject("TYP", "REQ"),
      secEvent: refused(["invalid_request", "authentication_failed"], ["typ"], ["SET-13"]),
      build: (ctx) => set(ctx, { header: { typ: LOGOUT_TYP } }),
    },
    {
      id: "set-typ-jwt",
      token: "set",
      breaks: "typ 'JWT' is not 'secevent+jwt' (RFC 8417 §2.3)",
      level: "SHOULD",
      expect: reject("TYP", "REQ"),
      secEvent: refused(["invalid_request", "authentication_failed"], ["typ"], ["SET-13"]),
      build: (ctx) => set(ctx, { header: { typ: "JWT" } }),
    },
    {
      id: "set-typ-missing",
      token: "set",
      breaks: "typ absent; explicit typing 'secevent+jwt' is recommended (RFC 8417 §2.3; the reference requires it)",
      level: "SHOULD",
      expect: reject("TYP", "REQ"),
      secEvent: refused(["invalid_request", "authentication_failed"], ["typ"], ["SET-13"]),
      build: (ctx) => set(ctx, { omitHeader: ["typ"] }),
    },
    {
      id: "set-expired",
      token: "set",
      breaks: "exp 8 minutes past, beyond any clock skew (RFC 7519 §4.1.4; RFC 8935 §2.4 authentication_failed)",
      level: "MUST",
      expect: reject("EXP"),
      secEvent: refused(["authentication_failed", "invalid_request"], ["expiry"], ["SET-05"]),
      build: (ctx) => set(ctx, { now: now(ctx) - 600 }),
    },
    {
      id: "set-iat-missing",
      token: "set",
      breaks: "no iat (RFC 8417 §2.2: iat REQUIRED); the reference does not check it (§15 P14)",
      level: "SHOULD",
      expect: reject("REQ"),
      secEvent: refused(["invalid_request"], ["iat"], ["SET-14"]),
      build: (ctx) => set(ctx, { omitClaims: ["iat"] }),
    },
    {
      id: "set-jti-replayed",
      token: "set",
      breaks: "the second SET reuses the first's jti (S6 step 2; RFC 8417 §2.2)",
      level: "MUST",
      expect: reject("RPL", "REQ"),
      secEvent: refused(["invalid_request"], ["replay"], ["SET-08"]),
      build: async (ctx) => {
        const subject = ctx.subject ?? randomSubject();
        const first = parts({ ...ctx, subject, now: now(ctx) - 5 });
        const second = parts({ ...ctx, subject });
        second.claims.jti = first.claims.jti;
        return { tokens: [await minter.sign(first), await minter.sign(second)], note: "submit both; the second reuses the first's jti and must have no effect" };
      },
    },
    {
      id: "set-alg-none",
      token: "set",
      breaks: "alg 'none' with an empty signature (RFC 8725 §3.1; RFC 8935 §2.4)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      secEvent: refused(["authentication_failed", "invalid_request", "invalid_key"], ["signature"], ["SET-05"]),
      build: async (ctx) => {
        const p = parts(ctx);
        return { tokens: [unsignedJws({ ...p.header, alg: "none" }, p.claims)] };
      },
    },
    {
      id: "set-signature-stripped",
      token: "set",
      breaks: "the original alg with the signature removed (RFC 7515 §5.2)",
      level: "MUST",
      expect: reject("SIG"),
      secEvent: refused(["authentication_failed", "invalid_request"], ["signature"], ["SET-05"]),
      build: async (ctx) => ({ tokens: [stripSignature((await set(ctx)).tokens[0] ?? "")] }),
    },
    {
      id: "set-bad-signature",
      token: "set",
      breaks: "one character of sub changed after signing (RFC 7515 §5.2; RFC 8935 §2.4 authentication_failed)",
      level: "MUST",
      expect: reject("SIG"),
      secEvent: refused(["authentication_failed"], ["signature"], ["SET-05"]),
      build: async (ctx) => ({ tokens: [tamperPayload((await set(ctx)).tokens[0] ?? "", "sub")] }),
    },
    {
      id: "set-wrong-key",
      token: "set",
      breaks: "the kid of the published key, but signed by another key (RFC 7515 §5.2; RFC 8935 §2.4)",
      level: "MUST",
      expect: reject("SIG"),
      secEvent: refused(["authentication_failed", "invalid_key"], ["signature"], ["SET-05"]),
      build: async (ctx) => signed(parts(ctx), await ProviderKey.generate(keys.current().alg)),
    },
    {
      id: "set-unknown-kid",
      token: "set",
      breaks: "a kid the issuer never published, signed by that unpublished key (RFC 8935 §2.4 invalid_key or authentication_failed)",
      level: "MUST",
      expect: reject("SIG"),
      secEvent: refused(["invalid_key", "authentication_failed"], ["signature"], ["SET-05"]),
      build: async (ctx) => {
        const key = await ProviderKey.generate(keys.current().alg, `unpublished-${randomId(6)}`);
        return signed(secEventParts(deps.issuer, key, { audience: ctx.audience, subject: ctx.subject ?? randomSubject(), now: now(ctx) }), key);
      },
    },
    {
      id: "set-untrusted-issuer",
      token: "set",
      breaks: "iss is a validly self-signed issuer on no trust list (RFC 8935 §2.4 invalid_issuer; S6 step 1)",
      level: "MUST",
      expect: reject("ISS"),
      secEvent: refused(["invalid_issuer"], ["issuer"], ["SET-03"]),
      build: async (ctx) => {
        const key = deps.untrusted.key;
        return signed(secEventParts(deps.untrusted.issuer, key, { audience: ctx.audience, subject: ctx.subject ?? randomSubject(), now: now(ctx) }), key);
      },
    },
    {
      id: "set-json-content-type",
      token: "set",
      breaks: `a valid SET delivered with Content-Type application/json instead of ${SET_CONTENT_TYPE} (RFC 8935 §2.2; CL v0.3.0)`,
      level: "SHOULD",
      expect: reject("REQ"),
      secEvent: refused(["invalid_request"], ["content-type"], ["SET-12"]),
      build: async (ctx) => ({ ...(await set(ctx)), contentType: "application/json", note: "deliver with Content-Type application/json" }),
    },
    {
      id: "set-id-jag-as-set",
      token: "set",
      breaks: "a valid ID-JAG posted as a SET: typ oauth-id-jag+jwt and no events (RFC 8725 §3.12; RFC 8417 §2.2, §2.3)",
      level: "MUST",
      expect: reject("TYP", "REQ"),
      secEvent: refused(["invalid_request", "authentication_failed"], ["typ", "events"], ["SET-06", "SET-13"]),
      build: async (ctx) => ({ tokens: [await minter.idJag({ audience: ctx.audience, subject: ctx.subject ?? randomSubject(), now: now(ctx) })] }),
    },
  ];
}
