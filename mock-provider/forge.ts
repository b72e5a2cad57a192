// The catalogue of deliberately broken (and a few deliberately valid) tokens. Each case names the
// rule it breaks and the source, and says what a conforming service must do with it. Tokens are
// signed with jose wherever jose will do it; jws-raw.ts assembles the rest by hand.
import type { AttackerMaterial } from "./attacker.ts";
import { ForgeUnavailable, MockProviderError } from "./errors.ts";
import type { ForgeUnavailableCode } from "./errors.ts";
import { epochSeconds, randomId } from "./ids.ts";
import {
  hs256Jws,
  jsonWithDuplicateMember,
  stripSignature,
  tamperPayload,
  unsignedJws,
  zeroSignature,
} from "./jws-raw.ts";
import { ProviderKey } from "./keys.ts";
import type { KeySet } from "./keys.ts";
import { ID_JAG_TYP, LOGOUT_TYP, REVOKED_EVENT, randomSubject } from "./mint.ts";
import type { Minter, TokenOverrides, TokenParts } from "./mint.ts";
import type { RunningMockProvider } from "./server.ts";
import { setForgeCases } from "./set-forge.ts";
import type { SecEventExpectation } from "./set-forge.ts";

/** Error families of the catalogue's section 0; REQ = any 400 invalid_request-class rejection. */
export type ErrorKey = "ISS" | "SIG" | "EXP" | "AUD" | "RPL" | "CID" | "VER" | "TYP" | "REQ";

/** MUST/SHOULD/MAY = BCP 14 keyword of the source; DOCS = stated by auth.md docs without a keyword. */
export type RequirementLevel = "MUST" | "SHOULD" | "MAY" | "DOCS";

export type ForgeExpectation = { accept: true } | { accept: false; errorKeys: ErrorKey[] };

export interface ForgeContext {
  /** The aud a valid token carries: the service's AS issuer. */
  audience: string;
  /** The PRM `resource`, for aud-resource. */
  resource?: string;
  /** The user; default random per build. */
  subject?: string;
  /** Epoch seconds; default now. */
  now?: number;
  /**
   * auth_time (epoch seconds) for every ID-JAG the case mints, unless the case sets or omits it
   * itself. v0.7 services answer 401 login_required without a fresh one (v0.7.md §4.1), so the
   * v0.1 ID-JAG cases shared with v0.7 pass it; v0.1 leaves it unset (no auth_time claim).
   */
  authTime?: number;
  /** A second issuer on the service's trust list, when available. */
  otherProvider?: RunningMockProvider;
}

export interface ForgeOutput {
  /** Submit all in order; the LAST is the one judged. */
  tokens: string[];
  note?: string;
  /** Run before submitting (e.g. publish a rotated key). */
  setup?: () => Promise<void>;
  /** Deliver with this Content-Type instead of the token kind's own (SET cases; RFC 8935 §2.2). */
  contentType?: string;
}

export type TokenKind = "id-jag" | "logout" | "set";

export interface ForgeCase {
  id: string;
  token: TokenKind;
  breaks: string;
  level: RequirementLevel;
  expect: ForgeExpectation;
  /** What build() needs beyond audience; without it build() throws ForgeUnavailable with that code. */
  requires?: ForgeUnavailableCode[];
  /** SET cases (token "set", set-forge.ts): the RFC 8935 answer and effect a conforming receiver gives. */
  secEvent?: SecEventExpectation;
  build(ctx: ForgeContext): Promise<ForgeOutput>;
}

/** What the forge needs from its provider. */
export interface ForgeDeps {
  issuer: string;
  keys: KeySet;
  minter: Minter;
  attacker: AttackerMaterial;
  attackerJwksUrl: string;
  attackerX5uUrl: string;
  /** A self-signed issuer that is on no trust list (its JWKS is served by the mock, fetches counted). */
  untrusted: { issuer: string; key: ProviderKey };
}

const OTHER_SERVICE = "https://other-service.example";
const ACCEPT: ForgeExpectation = { accept: true };
const reject = (...errorKeys: ErrorKey[]): ForgeExpectation => ({ accept: false, errorKeys });
const encoder = new TextEncoder();

export class Forge {
  readonly #cases: readonly ForgeCase[];
  readonly #byId: Map<string, ForgeCase>;

  constructor(deps: ForgeDeps) {
    this.#cases = Object.freeze(catalogue(deps));
    this.#byId = new Map(this.#cases.map((forgeCase) => [forgeCase.id, forgeCase]));
    if (this.#byId.size !== this.#cases.length) throw new Error("duplicate forge case id");
  }

  cases(token?: TokenKind): readonly ForgeCase[] {
    return token ? this.#cases.filter((forgeCase) => forgeCase.token === token) : this.#cases;
  }

  get(id: string): ForgeCase {
    const forgeCase = this.#byId.get(id);
    if (!forgeCase) throw new MockProviderError("unknown_forge_case", `no forge case ${id}`, "id");
    return forgeCase;
  }

  toJSON(): Array<Omit<ForgeCase, "build">> {
    return this.#cases.map(describeCase);
  }
}

/** Add ctx.authTime to ID-JAG claims unless the case's overrides set or omit auth_time. */
function withAuthTime(ctx: ForgeContext, overrides: TokenOverrides, parts: TokenParts): TokenParts {
  const caseDecides = (overrides.claims !== undefined && "auth_time" in overrides.claims) || (overrides.omitClaims ?? []).includes("auth_time");
  if (ctx.authTime === undefined || caseDecides) return parts;
  return { header: parts.header, claims: { ...parts.claims, auth_time: ctx.authTime } };
}

export function describeCase(forgeCase: ForgeCase): Omit<ForgeCase, "build"> {
  const { build: _build, ...rest } = forgeCase;
  return rest;
}

function catalogue(deps: ForgeDeps): ForgeCase[] {
  const { minter, keys } = deps;
  const now = (ctx: ForgeContext): number => ctx.now ?? epochSeconds();

  const idJagParts = (ctx: ForgeContext, overrides: TokenOverrides = {}): TokenParts =>
    withAuthTime(ctx, overrides, minter.idJagParts({ audience: ctx.audience, subject: ctx.subject ?? randomSubject(), now: now(ctx), ...overrides }));
  const logoutParts = (ctx: ForgeContext, overrides: TokenOverrides = {}): TokenParts =>
    minter.logoutParts({ audience: ctx.audience, subject: ctx.subject ?? randomSubject(), now: now(ctx), ...overrides });
  const signed = async (parts: TokenParts, key?: ProviderKey, crit?: string[]): Promise<ForgeOutput> => ({
    tokens: [await minter.sign(parts, key, crit)],
  });
  const idJag = (ctx: ForgeContext, overrides?: TokenOverrides): Promise<ForgeOutput> => signed(idJagParts(ctx, overrides));
  const logout = (ctx: ForgeContext, overrides?: TokenOverrides): Promise<ForgeOutput> => signed(logoutParts(ctx, overrides));
  const one = (token: string, note?: string): ForgeOutput => (note ? { tokens: [token], note } : { tokens: [token] });

  /** Two tokens with the same jti and different iat: the second must be refused as a replay. */
  const replayPair = async (parts: (iat: number) => TokenParts, ctx: ForgeContext): Promise<ForgeOutput> => {
    const t = now(ctx);
    const first = parts(t - 5);
    const second = parts(t);
    second.claims.jti = first.claims.jti;
    return { tokens: [await minter.sign(first), await minter.sign(second)], note: "submit both; the second reuses the first's jti" };
  };

  const algNone = (kind: TokenKind, alg: string) => async (ctx: ForgeContext): Promise<ForgeOutput> => {
    const parts = kind === "id-jag" ? idJagParts(ctx) : logoutParts(ctx);
    return one(unsignedJws({ ...parts.header, alg }, parts.claims));
  };

  const idJagCases: ForgeCase[] = [
    {
      id: "baseline",
      token: "id-jag",
      breaks: "nothing: a valid ID-JAG (ID-JAG §3.1; PR 'Minting the Identity Assertion')",
      level: "MUST",
      expect: ACCEPT,
      build: (ctx) => idJag(ctx),
    },
    {
      id: "typ-media-type-form",
      token: "id-jag",
      breaks: "nothing: typ 'application/oauth-id-jag+jwt' is the same media type as 'oauth-id-jag+jwt' (RFC 7515 §4.1.9)",
      level: "MUST",
      expect: ACCEPT,
      build: (ctx) => idJag(ctx, { header: { typ: `application/${ID_JAG_TYP}` } }),
    },
    {
      id: "typ-uppercase",
      token: "id-jag",
      breaks: "nothing: typ 'OAUTH-ID-JAG+JWT' — media type names are case-insensitive (RFC 7515 §4.1.9; RFC 2045)",
      level: "MUST",
      expect: ACCEPT,
      build: (ctx) => idJag(ctx, { header: { typ: ID_JAG_TYP.toUpperCase() } }),
    },
    {
      id: "typ-missing",
      token: "id-jag",
      breaks: "typ must be 'oauth-id-jag+jwt' (ID-JAG §3.1, §4.4.1; RFC 8725 §3.11)",
      level: "MUST",
      expect: reject("TYP", "REQ"),
      build: (ctx) => idJag(ctx, { omitHeader: ["typ"] }),
    },
    {
      id: "typ-jwt",
      token: "id-jag",
      breaks: "typ 'JWT' is not 'oauth-id-jag+jwt' (ID-JAG §3.1, §4.4.1; RFC 8725 §3.11)",
      level: "MUST",
      expect: reject("TYP", "REQ"),
      build: (ctx) => idJag(ctx, { header: { typ: "JWT" } }),
    },
    {
      id: "typ-at-jwt",
      token: "id-jag",
      breaks: "typ 'at+jwt' (an access token) is not 'oauth-id-jag+jwt' (ID-JAG §4.4.1; RFC 8725 §3.12)",
      level: "MUST",
      expect: reject("TYP", "REQ"),
      build: (ctx) => idJag(ctx, { header: { typ: "at+jwt" } }),
    },
    {
      id: "typ-logout",
      token: "id-jag",
      breaks: "typ 'logout+jwt' (a logout token) is not 'oauth-id-jag+jwt' (ID-JAG §4.4.1; RFC 8725 §3.12)",
      level: "MUST",
      expect: reject("TYP", "REQ"),
      build: (ctx) => idJag(ctx, { header: { typ: LOGOUT_TYP } }),
    },
    {
      id: "aud-other-service",
      token: "id-jag",
      breaks: "aud must be this AS's issuer, not another service's (ID-JAG §4.4.1; RFC 7519 §4.1.3)",
      level: "MUST",
      expect: reject("AUD"),
      build: (ctx) => idJag(ctx, { claims: { aud: OTHER_SERVICE } }),
    },
    {
      id: "aud-missing",
      token: "id-jag",
      breaks: "aud is required (ID-JAG §3.1; RFC 7523 §3)",
      level: "MUST",
      expect: reject("AUD", "REQ"),
      build: (ctx) => idJag(ctx, { omitClaims: ["aud"] }),
    },
    {
      id: "aud-array-extra-member",
      token: "id-jag",
      breaks: "an aud array must have exactly one element, this AS's issuer (ID-JAG §4.4.1)",
      level: "MUST",
      expect: reject("AUD"),
      build: (ctx) => idJag(ctx, { claims: { aud: [ctx.audience, OTHER_SERVICE] } }),
    },
    {
      id: "aud-array-single",
      token: "id-jag",
      breaks: "nothing: aud as a one-element array holding this AS's issuer (ID-JAG §4.4.1; RFC 7519 §4.1.3)",
      level: "MUST",
      expect: ACCEPT,
      build: (ctx) => idJag(ctx, { claims: { aud: [ctx.audience] } }),
    },
    {
      id: "aud-trailing-slash",
      token: "id-jag",
      breaks: "aud is compared exactly: the issuer with a trailing '/' added (or removed) is another string (RFC 7519 §2 StringOrURI; ID-JAG §4.4.1)",
      level: "MUST",
      expect: reject("AUD"),
      build: (ctx) =>
        idJag(ctx, { claims: { aud: ctx.audience.endsWith("/") ? ctx.audience.slice(0, -1) : `${ctx.audience}/` } }),
    },
    {
      id: "aud-resource",
      token: "id-jag",
      breaks:
        "aud = the PRM resource instead of the AS issuer (ID-JAG §3.1 says AS issuer; AM Step 3 says resource — docs conflict, the suite decides)",
      level: "MUST",
      expect: reject("AUD"),
      requires: ["needs_distinct_resource"],
      build: async (ctx) => {
        if (!ctx.resource || ctx.resource === ctx.audience) {
          throw new ForgeUnavailable("needs_distinct_resource", "aud-resource", "the PRM resource equals the AS issuer (or is unknown)");
        }
        return idJag(ctx, { claims: { aud: ctx.resource } });
      },
    },
    {
      id: "expired-outside-skew",
      token: "id-jag",
      breaks: "exp 600 s in the past, beyond any reasonable clock skew (RFC 7519 §4.1.4; SR 'Clock skew' 1–2 min)",
      level: "MUST",
      expect: reject("EXP"),
      build: (ctx) => idJag(ctx, { now: now(ctx) - 900 }),
    },
    {
      id: "expired-inside-skew",
      token: "id-jag",
      breaks: "nothing that must be refused: exp 10 s in the past, within the allowed clock skew (RFC 7519 §4.1.4 'some small leeway'; SR 1–2 min)",
      level: "MAY",
      expect: ACCEPT,
      build: (ctx) => idJag(ctx, { now: now(ctx) - 310 }),
    },
    {
      id: "exp-missing",
      token: "id-jag",
      breaks: "exp is required (ID-JAG §3.1; RFC 7523 §3)",
      level: "MUST",
      expect: reject("REQ", "EXP"),
      build: (ctx) => idJag(ctx, { omitClaims: ["exp"] }),
    },
    {
      id: "exp-non-numeric",
      token: "id-jag",
      breaks: "exp must be a NumericDate, not the string \"123\" (RFC 7519 §2, §4.1.4)",
      level: "MUST",
      expect: reject("REQ", "EXP"),
      build: (ctx) => idJag(ctx, { claims: { exp: "123" } }),
    },
    {
      id: "iat-future",
      token: "id-jag",
      breaks: "iat an hour in the future (SR 'Clock skew'; RFC 7519 §4.1.6)",
      level: "DOCS",
      expect: reject("REQ", "EXP"),
      build: (ctx) => idJag(ctx, { now: now(ctx) + 3600 }),
    },
    {
      id: "iat-missing",
      token: "id-jag",
      breaks: "iat is required (ID-JAG §3.1)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => idJag(ctx, { omitClaims: ["iat"] }),
    },
    {
      id: "nbf-future",
      token: "id-jag",
      breaks: "nbf an hour in the future: not yet valid (RFC 7519 §4.1.5)",
      level: "MUST",
      expect: reject("REQ", "EXP"),
      build: (ctx) => idJag(ctx, { claims: { nbf: now(ctx) + 3600 } }),
    },
    {
      id: "jti-replayed",
      token: "id-jag",
      breaks: "a jti already seen from this issuer must be refused (AM; SR 'replay'; RFC 7523 §3)",
      level: "DOCS",
      expect: reject("RPL"),
      build: (ctx) => {
        const subject = ctx.subject ?? randomSubject();
        return replayPair((iat) => idJagParts({ ...ctx, subject, now: iat }), ctx);
      },
    },
    {
      id: "jti-missing",
      token: "id-jag",
      breaks: "jti is required (ID-JAG §3.1)",
      level: "MUST",
      expect: reject("REQ", "RPL"),
      build: (ctx) => idJag(ctx, { omitClaims: ["jti"] }),
    },
    {
      id: "iss-untrusted",
      token: "id-jag",
      breaks: "iss is a validly self-signed issuer that is not on the trust list (SR step 2; RFC 8725 §3.8)",
      level: "MUST",
      expect: reject("ISS"),
      build: async (ctx) => {
        const key = deps.untrusted.key;
        const parts = idJagParts(ctx, { claims: { iss: deps.untrusted.issuer, client_id: deps.untrusted.issuer } });
        parts.header = { ...parts.header, alg: key.alg, kid: key.kid };
        return signed(parts, key);
      },
    },
    {
      id: "iss-missing",
      token: "id-jag",
      breaks: "iss is required (ID-JAG §3.1; RFC 7523 §3)",
      level: "MUST",
      expect: reject("ISS", "REQ"),
      build: (ctx) => idJag(ctx, { omitClaims: ["iss"] }),
    },
    {
      id: "iss-trailing-slash",
      token: "id-jag",
      breaks: "iss is compared exactly: the trusted issuer with a trailing '/' is not on the trust list (RFC 7519 §2, §4.1.1)",
      level: "MUST",
      expect: reject("ISS"),
      build: (ctx) => {
        const iss = deps.issuer.endsWith("/") ? deps.issuer.slice(0, -1) : `${deps.issuer}/`;
        return idJag(ctx, { claims: { iss, client_id: iss } });
      },
    },
    {
      id: "sub-missing",
      token: "id-jag",
      breaks: "sub is required (ID-JAG §3.1; RFC 7523 §3)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => idJag(ctx, { omitClaims: ["sub"] }),
    },
    {
      id: "sub-empty",
      token: "id-jag",
      breaks: "sub must identify a user; the empty string does not (ID-JAG §3.1; RFC 7519 §4.1.2)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => idJag(ctx, { claims: { sub: "" } }),
    },
    {
      id: "client-id-missing",
      token: "id-jag",
      breaks: "client_id is required (ID-JAG §3.1; PR 'Minting')",
      level: "MUST",
      expect: reject("CID", "REQ"),
      build: (ctx) => idJag(ctx, { omitClaims: ["client_id"] }),
    },
    {
      id: "client-id-unknown",
      token: "id-jag",
      breaks: "client_id must be the issuer or its CIMD URL; an opaque 'unknown-client' resolves to no provider (SR step 5; PR errors 'invalid_client_id')",
      level: "DOCS",
      expect: reject("CID"),
      build: (ctx) => idJag(ctx, { claims: { client_id: "unknown-client" } }),
    },
    {
      id: "email-verified-missing",
      token: "id-jag",
      breaks: "email without email_verified, and no verified phone: neither is verified (SR; PR 'Downstream Verification')",
      level: "DOCS",
      expect: reject("VER"),
      build: (ctx) => idJag(ctx, { omitClaims: ["email_verified"] }),
    },
    {
      id: "email-verified-false",
      token: "id-jag",
      breaks: "email_verified false and no verified phone (SR; PR 'Downstream Verification')",
      level: "DOCS",
      expect: reject("VER"),
      build: (ctx) => idJag(ctx, { claims: { email_verified: false } }),
    },
    {
      id: "email-verified-string",
      token: "id-jag",
      breaks: "email_verified is the string \"true\", not the boolean true (OIDC Core §5.1; SR)",
      level: "SHOULD",
      expect: reject("VER"),
      build: (ctx) => idJag(ctx, { claims: { email_verified: "true" } }),
    },
    {
      id: "no-verified-email-or-phone",
      token: "id-jag",
      breaks: "neither email nor phone claims at all (SR; PR 'Services will reject ID-JAGs with neither a verified email nor a verified phone number')",
      level: "DOCS",
      expect: reject("VER"),
      build: (ctx) => idJag(ctx, { omitClaims: ["email", "email_verified"] }),
    },
    {
      id: "phone-verified-only",
      token: "id-jag",
      breaks: "nothing: no email, phone_number_verified true is enough (PR errors 'missing_verified_email'; SR)",
      level: "DOCS",
      expect: ACCEPT,
      build: (ctx) =>
        idJag(ctx, { omitClaims: ["email", "email_verified"], claims: { phone_number: "+15555550100", phone_number_verified: true } }),
    },
    {
      id: "unknown-kid",
      token: "id-jag",
      breaks: "kid is in no JWKS of the issuer; signed by a key the issuer never published (SR 'JWKS fetching': refetch once, then refuse)",
      level: "DOCS",
      expect: reject("SIG"),
      build: async (ctx) => {
        const key = await ProviderKey.generate(keys.current().alg, `unpublished-${randomId(6)}`);
        return signed(idJagParts(ctx, { header: { kid: key.kid } }), key);
      },
    },
    {
      id: "kid-rotation",
      token: "id-jag",
      breaks: "nothing: setup() publishes a new key and makes it current; the token is signed by it (SR 'JWKS fetching': refetch on unknown kid)",
      level: "DOCS",
      expect: ACCEPT,
      build: async (ctx) => {
        const key = await keys.stage();
        const output = await signed(idJagParts(ctx, { header: { kid: key.kid } }), key);
        return { ...output, note: `signed by staged kid ${key.kid}`, setup: async () => void keys.publish(key.kid) };
      },
    },
    {
      id: "signed-by-unpublished-key",
      token: "id-jag",
      breaks: "the kid of a published key, but the signature is by another key (RFC 7515 §5.2)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => {
        const impostor = await ProviderKey.generate(keys.current().alg);
        return signed(idJagParts(ctx), impostor); // header kid stays the current published kid
      },
    },
    {
      id: "signed-by-other-issuer-key",
      token: "id-jag",
      breaks: "iss is this issuer but the token is signed by a second trusted issuer's key and kid (RFC 8725 §3.8)",
      level: "MUST",
      expect: reject("SIG", "ISS"),
      requires: ["needs_second_provider"],
      build: async (ctx) => {
        if (!ctx.otherProvider) {
          throw new ForgeUnavailable("needs_second_provider", "signed-by-other-issuer-key", "needs a second trusted provider");
        }
        const otherKey = ctx.otherProvider.keys.current();
        return signed(idJagParts(ctx, { header: { alg: otherKey.alg, kid: otherKey.kid } }), otherKey);
      },
    },
    {
      id: "alg-none",
      token: "id-jag",
      breaks: "alg 'none' with an empty signature (RFC 8725 §2.1, §3.1)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      build: algNone("id-jag", "none"),
    },
    {
      id: "alg-none-capitalised",
      token: "id-jag",
      breaks: "alg 'None' with an empty signature (RFC 8725 §3.1; case variants slip past blocklists)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      build: algNone("id-jag", "None"),
    },
    {
      id: "alg-none-mixed-case",
      token: "id-jag",
      breaks: "alg 'nOnE' with an empty signature (RFC 8725 §3.1; case variants slip past blocklists)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      build: algNone("id-jag", "nOnE"),
    },
    {
      id: "alg-hs256-public-key",
      token: "id-jag",
      breaks: "alg HS256 with the provider's public key PEM as the HMAC secret (RFC 8725 §2.1, §3.1: key/alg confusion)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      build: async (ctx) => {
        const parts = idJagParts(ctx, { header: { alg: "HS256" } });
        return one(hs256Jws(parts.header, parts.claims, await keys.current().publicKeyPem()));
      },
    },
    {
      id: "alg-hs256-public-jwk",
      token: "id-jag",
      breaks: "alg HS256 with the provider's public JWK (JSON text) as the HMAC secret (RFC 8725 §2.1, §3.1)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      build: async (ctx) => {
        const parts = idJagParts(ctx, { header: { alg: "HS256" } });
        return one(hs256Jws(parts.header, parts.claims, JSON.stringify(keys.current().publicJwk)));
      },
    },
    {
      id: "embedded-jwk",
      token: "id-jag",
      breaks: "the header's jwk carries the attacker's key, which signed the token (RFC 8725 §3.10; CVE-2018-0114)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => {
        const parts = idJagParts(ctx);
        const header = { ...parts.header, alg: "ES256", kid: deps.attacker.kid, jwk: deps.attacker.publicJwk };
        return one(await deps.attacker.sign(header, encoder.encode(JSON.stringify(parts.claims))));
      },
    },
    {
      id: "jku-elsewhere",
      token: "id-jag",
      breaks: "the header's jku points at an attacker JWKS (served and counted by the mock); it must never be fetched or trusted (RFC 8725 §3.10)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => {
        const parts = idJagParts(ctx);
        const header = { ...parts.header, alg: "ES256", kid: deps.attacker.kid, jku: deps.attackerJwksUrl };
        return one(await deps.attacker.sign(header, encoder.encode(JSON.stringify(parts.claims))), `stats: attacker JWKS ${deps.attackerJwksUrl} must stay unfetched`);
      },
    },
    {
      id: "x5u-elsewhere",
      token: "id-jag",
      breaks: "the header's x5u points at an attacker certificate (served and counted by the mock); it must never be fetched or trusted (RFC 8725 §3.10)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => {
        const parts = idJagParts(ctx);
        const header = { ...parts.header, alg: "ES256", kid: deps.attacker.kid, x5u: deps.attackerX5uUrl };
        return one(await deps.attacker.sign(header, encoder.encode(JSON.stringify(parts.claims))), `stats: attacker certificate ${deps.attackerX5uUrl} must stay unfetched`);
      },
    },
    {
      id: "x5c-embedded",
      token: "id-jag",
      breaks: "the header's x5c carries a self-signed attacker certificate whose key signed the token (RFC 8725 §3.10)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => {
        const parts = idJagParts(ctx);
        const header = { ...parts.header, alg: "ES256", kid: deps.attacker.kid, x5c: [deps.attacker.certificateBase64()] };
        return one(await deps.attacker.sign(header, encoder.encode(JSON.stringify(parts.claims))));
      },
    },
    {
      id: "crit-unknown",
      token: "id-jag",
      breaks: "crit lists 'x-unknown', an extension the service cannot understand (RFC 7515 §4.1.11)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      build: (ctx) => signed(idJagParts(ctx, { header: { crit: ["x-unknown"], "x-unknown": true } }), undefined, ["x-unknown"]),
    },
    {
      id: "tampered-payload",
      token: "id-jag",
      breaks: "one character of sub changed after signing (RFC 7515 §5.2)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => one(tamperPayload((await idJag(ctx)).tokens[0] ?? "", "sub")),
    },
    {
      id: "signature-stripped",
      token: "id-jag",
      breaks: "the original alg with the signature removed: 'header.payload.' (RFC 7515 §5.2)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => one(stripSignature((await idJag(ctx)).tokens[0] ?? "")),
    },
    {
      id: "signature-zeroed",
      token: "id-jag",
      breaks: "an all-zero signature; for ES256 r = s = 0 (RFC 7518 §3.4; CVE-2022-21449)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => one(zeroSignature((await idJag(ctx)).tokens[0] ?? "", keys.current().alg)),
    },
    {
      id: "dup-claim-aud",
      token: "id-jag",
      breaks: "aud appears twice, first this AS, last another service: reject or use the last (RFC 7519 §4; RFC 8259 §4)",
      level: "MUST",
      expect: reject("AUD", "REQ"),
      build: async (ctx) => {
        const parts = idJagParts(ctx, { claims: { aud: OTHER_SERVICE } });
        const payload = jsonWithDuplicateMember(parts.claims, "aud", ctx.audience);
        return one(await keys.current().sign(parts.header, encoder.encode(payload)));
      },
    },
    {
      id: "dup-claim-iss",
      token: "id-jag",
      breaks: "iss appears twice, first this issuer, last an untrusted one; signed by this issuer: reject or use the last (RFC 7519 §4)",
      level: "MUST",
      expect: reject("ISS", "REQ", "SIG"),
      build: async (ctx) => {
        const parts = idJagParts(ctx, { claims: { iss: deps.untrusted.issuer } });
        const payload = jsonWithDuplicateMember(parts.claims, "iss", deps.issuer);
        return one(await keys.current().sign(parts.header, encoder.encode(payload)));
      },
    },
  ];

  const logoutCases: ForgeCase[] = [
    {
      id: "logout-baseline",
      token: "logout",
      breaks: "nothing: a valid logout token (PR 'Tracking and Revocation'; BCL §2.4)",
      level: "MUST",
      expect: ACCEPT,
      build: (ctx) => logout(ctx),
    },
    {
      id: "logout-bad-signature",
      token: "logout",
      breaks: "one character of sub changed after signing (BCL §2.6 step 3; RFC 7515 §5.2)",
      level: "MUST",
      expect: reject("SIG"),
      build: async (ctx) => one(tamperPayload((await logout(ctx)).tokens[0] ?? "", "sub")),
    },
    {
      id: "logout-wrong-aud",
      token: "logout",
      breaks: "aud must be this AS's issuer (BCL §2.6 step 4)",
      level: "MUST",
      expect: reject("AUD"),
      build: (ctx) => logout(ctx, { claims: { aud: OTHER_SERVICE } }),
    },
    {
      id: "logout-untrusted-iss",
      token: "logout",
      breaks: "iss is a validly self-signed issuer that is not on the trust list (BCL §2.6 step 4; SR)",
      level: "MUST",
      expect: reject("ISS"),
      build: async (ctx) => {
        const key = deps.untrusted.key;
        const parts = logoutParts(ctx, { claims: { iss: deps.untrusted.issuer } });
        parts.header = { ...parts.header, alg: key.alg, kid: key.kid };
        return signed(parts, key);
      },
    },
    {
      id: "logout-events-missing",
      token: "logout",
      breaks: "events is required (BCL §2.4, §2.6 step 6)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => logout(ctx, { omitClaims: ["events"] }),
    },
    {
      id: "logout-events-wrong-uri",
      token: "logout",
      breaks: `events lacks ${REVOKED_EVENT} (it carries BCL's own event instead) (SR; BCL §2.6 step 6)`,
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => logout(ctx, { claims: { events: { "http://schemas.openid.net/event/backchannel-logout": {} } } }),
    },
    {
      id: "logout-events-member-not-object",
      token: "logout",
      breaks: "the events member's value must be a JSON object, not true (BCL §2.4, §2.6 step 6)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => logout(ctx, { claims: { events: { [REVOKED_EVENT]: true } } }),
    },
    {
      id: "logout-nonce-present",
      token: "logout",
      breaks: "a logout token must not contain nonce (BCL §2.4, §2.6 step 7)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => logout(ctx, { claims: { nonce: randomId(8) } }),
    },
    {
      id: "logout-sub-missing",
      token: "logout",
      breaks: "neither sub nor sid (BCL §2.4, §2.6 step 5); auth.md revokes by (iss, sub, aud) (SR)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => logout(ctx, { omitClaims: ["sub"] }),
    },
    {
      id: "logout-iat-missing",
      token: "logout",
      breaks: "iat is required (BCL §2.4, §2.6 step 4)",
      level: "MUST",
      expect: reject("REQ"),
      build: (ctx) => logout(ctx, { omitClaims: ["iat"] }),
    },
    {
      id: "logout-jti-replayed",
      token: "logout",
      breaks: "a jti already seen from this issuer (SR; BCL §2.6 step 8 MAY)",
      level: "DOCS",
      expect: reject("RPL"),
      build: (ctx) => {
        const subject = ctx.subject ?? randomSubject();
        return replayPair((iat) => logoutParts({ ...ctx, subject, now: iat }), ctx);
      },
    },
    {
      id: "logout-exp-missing",
      token: "logout",
      breaks:
        "nothing for auth.md v0.1: PR/SR's logout example has no exp, so it is accepted; BCL §2.4/§2.6 require exp and would refuse it (docs conflict, report)",
      level: "DOCS",
      expect: ACCEPT,
      build: (ctx) => logout(ctx, { omitClaims: ["exp"] }),
    },
    {
      id: "logout-id-jag-as-logout",
      token: "logout",
      breaks: "a valid ID-JAG posted as a logout token: wrong typ, no events (RFC 8725 §3.12; BCL §2.6, §4.1)",
      level: "MUST",
      expect: reject("TYP", "REQ"),
      build: (ctx) => idJag(ctx),
    },
    {
      id: "logout-typ-missing",
      token: "logout",
      breaks: "typ absent; explicit typing 'logout+jwt' is recommended, not required, and auth.md's example uses it — report (BCL §4.1; PR 'Tracking and Revocation')",
      level: "MAY",
      expect: reject("TYP", "REQ"),
      build: (ctx) => logout(ctx, { omitHeader: ["typ"] }),
    },
    {
      id: "logout-alg-none",
      token: "logout",
      breaks: "alg 'none' with an empty signature (BCL §2.6 step 3; RFC 8725 §3.1)",
      level: "MUST",
      expect: reject("SIG", "REQ"),
      build: algNone("logout", "none"),
    },
  ];

  return [...idJagCases, ...logoutCases, ...setForgeCases(deps)];
}
