import { createHash, createHmac, createPublicKey, timingSafeEqual } from "node:crypto";
import { base64url, compactVerify, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, importJWK } from "jose";
import type { CryptoKey, JWK, JWTPayload, JWTVerifyGetKey, ProtectedHeaderParameters } from "jose";
import { VerificationError } from "./errors.ts";
import type { JwksCache } from "./jwks.ts";

/** Asymmetric algorithms only (RFC 8725 §3.1): no `none`, no HMAC keyed with public material. */
export const ALLOWED_ALGORITHMS = ["ES256", "RS256", "PS256", "EdDSA"] as const;

/** Headers that would point the verifier at attacker-chosen keys (RFC 8725 §3.10); never followed. */
const KEY_REFERENCE_HEADERS = ["jwk", "jku", "x5u", "x5c"] as const;

/**
 * Deliberate weaknesses, switched on only by fault switches (sample-service/faults/id-jag.ts) so
 * the conformance suite can prove each of its checks fails. The clean service passes none.
 */
export interface JwtLeniency {
  ignoreTyp?: boolean;
  typCaseSensitive?: boolean;
  trustAnyIssuer?: boolean;
  issuerIgnoresTrailingSlash?: boolean;
  acceptAlgNone?: boolean;
  acceptEmptySignature?: boolean;
  hmacWithPublicKey?: boolean;
  trustEmbeddedJwk?: boolean;
  followJku?: boolean;
  acceptZeroSignature?: boolean;
  skipSignature?: boolean;
  anyTrustedIssuerKey?: boolean;
  ignoreCrit?: boolean;
  firstDuplicateWins?: boolean;
}

export interface VerifiedJwt {
  header: ProtectedHeaderParameters;
  claims: Record<string, unknown>;
  issuer: string;
}

/** RFC 7515 §4.1.9: compare media types case-insensitively, "application/" prefix optional. */
export function typMatches(typ: unknown, expected: string): boolean {
  if (typeof typ !== "string") return false;
  const lower = typ.toLowerCase();
  const bare = lower.startsWith("application/") ? lower.slice("application/".length) : lower;
  return bare === expected;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

const trimSlash = (s: string): string => s.replace(/\/+$/, "");

/**
 * Checks structure, `typ`, `alg`, key-reference headers and the issuer trust list, then the
 * signature against the issuer's JWKS. Claims are returned unchecked; callers validate them.
 */
export async function verifySignedJwt(
  token: string,
  expectedTyp: string,
  trustedIssuers: readonly string[],
  jwks: JwksCache,
  lenient: JwtLeniency = {},
): Promise<VerifiedJwt> {
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    throw new VerificationError("invalid_request", "assertion", "not a compact JWS (three base64url segments)");
  }
  let header: ProtectedHeaderParameters;
  let unverified: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch {
    throw new VerificationError("invalid_request", "assertion", "JWT header or payload is not a JSON object");
  }
  const typOk = lenient.typCaseSensitive ? header.typ === expectedTyp : typMatches(header.typ, expectedTyp);
  if (!lenient.ignoreTyp && !typOk) {
    throw new VerificationError("invalid_request", "typ", `header typ must be ${expectedTyp}`);
  }
  const [, payloadSegment = "", signatureSegment = ""] = token.split(".");
  const algNone = typeof header.alg === "string" && header.alg.toLowerCase() === "none";
  const hmac = header.alg === "HS256" && lenient.hmacWithPublicKey;
  if (!(algNone && lenient.acceptAlgNone) && !hmac && (typeof header.alg !== "string" || !(ALLOWED_ALGORITHMS as readonly string[]).includes(header.alg))) {
    throw new VerificationError("invalid_signature", "alg", `alg must be one of ${ALLOWED_ALGORITHMS.join(", ")}`);
  }
  for (const name of KEY_REFERENCE_HEADERS) {
    if ((name === "jwk" && lenient.trustEmbeddedJwk) || (name === "jku" && lenient.followJku)) continue;
    if (Object.hasOwn(header, name)) {
      throw new VerificationError("invalid_signature", name, `the ${name} header is not accepted; keys come from the issuer's JWKS`);
    }
  }
  const payloadJson = new TextDecoder().decode(base64url.decode(payloadSegment));
  const routedIssuer = lenient.firstDuplicateWins ? (firstMember(payloadJson, "iss") ?? unverified.iss) : unverified.iss;
  const issuer = typeof routedIssuer === "string" ? routedIssuer : undefined;
  const trustedAs = issuer === undefined ? undefined : trustedIssuers.find((t) => t === issuer || (lenient.issuerIgnoresTrailingSlash && trimSlash(t) === trimSlash(issuer)));
  if (issuer === undefined || (trustedAs === undefined && !lenient.trustAnyIssuer)) {
    throw new VerificationError("invalid_issuer", "iss", "issuer is not on this service's trust list");
  }
  const keyIssuer = trustedAs ?? issuer;

  const unsigned =
    lenient.skipSignature ||
    (algNone && lenient.acceptAlgNone) ||
    (signatureSegment === "" && lenient.acceptEmptySignature) ||
    (lenient.acceptZeroSignature && signatureSegment !== "" && base64url.decode(signatureSegment).every((b) => b === 0));
  let payloadBytes: Uint8Array;
  if (unsigned) {
    payloadBytes = base64url.decode(payloadSegment);
  } else if (hmac) {
    payloadBytes = await verifyHmacWithPublicKey(token, header, jwks, keyIssuer);
  } else {
    try {
      const key = await keyFor(header, jwks, keyIssuer, trustedIssuers, lenient);
      const crit = lenient.ignoreCrit && Array.isArray(header.crit) ? Object.fromEntries(header.crit.map((name) => [name, true])) : undefined;
      const result = await compactVerify(token, key, { algorithms: [...ALLOWED_ALGORITHMS], ...(crit ? { crit } : {}) });
      payloadBytes = result.payload;
    } catch (error) {
      throw new VerificationError("invalid_signature", "signature", signatureFailureMessage(error));
    }
  }
  let claims: unknown;
  try {
    claims = JSON.parse(strictUtf8.decode(payloadBytes));
  } catch {
    throw new VerificationError("invalid_request", "assertion", "JWT payload is not JSON");
  }
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) {
    throw new VerificationError("invalid_request", "assertion", "JWT payload is not a JSON object");
  }
  const record = claims as Record<string, unknown>;
  if (lenient.firstDuplicateWins) {
    for (const name of ["iss", "aud"]) {
      const first = firstMember(payloadJson, name);
      if (first !== undefined) record[name] = first;
    }
  }
  return { header, claims: record, issuer };
}

/** The verification key source: the issuer's JWKS, or (faults only) something an attacker chose. */
async function keyFor(
  header: ProtectedHeaderParameters,
  jwks: JwksCache,
  issuer: string,
  trusted: readonly string[],
  lenient: JwtLeniency,
): Promise<JWTVerifyGetKey | CryptoKey | Uint8Array> {
  if (lenient.trustEmbeddedJwk && header.jwk) return importJWK(header.jwk as JWK, header.alg);
  if (lenient.followJku && typeof header.jku === "string") return createRemoteJWKSet(new URL(header.jku));
  if (lenient.anyTrustedIssuerKey) {
    const anyIssuerKey: JWTVerifyGetKey = async (protectedHeader, token) => {
      for (const candidate of [issuer, ...trusted.filter((t) => t !== issuer)]) {
        try {
          return await jwks.resolver(candidate)(protectedHeader, token);
        } catch {
          // try the next trusted issuer's keys: the bug this fault plants
        }
      }
      throw new errors.JWKSNoMatchingKey();
    };
    return anyIssuerKey;
  }
  return jwks.resolver(issuer);
}

/** Fault only: HMAC-SHA256 keyed with the issuer's public key PEM (RFC 8725 §2.1 key confusion). */
async function verifyHmacWithPublicKey(token: string, header: ProtectedHeaderParameters, jwks: JwksCache, issuer: string): Promise<Uint8Array> {
  const set = jwks.forIssuer(issuer);
  if (!set.jwks()) await set.reload();
  const jwk = set.jwks()?.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new VerificationError("invalid_signature", "kid", "no key in the issuer's JWKS matches kid");
  const pem = createPublicKey({ key: jwk as import("node:crypto").JsonWebKey, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
  const [h = "", p = "", s = ""] = token.split(".");
  const given = createHash("sha256").update(base64url.decode(s)).digest();
  // The PEM as a file would hold it (trailing newline) or as a string without one: both are classic.
  const same = [pem, pem.trimEnd()].some((secret) => {
    const expected = createHmac("sha256", secret).update(`${h}.${p}`).digest();
    return timingSafeEqual(given, createHash("sha256").update(expected).digest());
  });
  if (!same) throw new VerificationError("invalid_signature", "signature", "signature verification failed");
  return base64url.decode(p);
}

/**
 * Fault only: the value of the FIRST top-level member `name` in a JSON text (a parser that keeps
 * the first duplicate). Strings and arrays of strings are enough for iss and aud.
 */
function firstMember(json: string, name: string): unknown {
  const match = new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|\\[[^\\]]*\\])`).exec(json);
  if (!match?.[1]) return undefined;
  try {
    return JSON.parse(match[1]);
  } catch {
    return undefined;
  }
}

function signatureFailureMessage(error: unknown): string {
  if (error instanceof errors.JWKSNoMatchingKey) return "no key in the issuer's JWKS matches kid/alg";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "signature verification failed";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return "could not load the issuer's JWKS";
  if (error instanceof errors.JOSENotSupported) return "unsupported JWS header or key";
  return "signature could not be verified";
}
