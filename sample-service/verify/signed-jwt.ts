import { compactVerify, decodeJwt, decodeProtectedHeader, errors } from "jose";
import type { JWTPayload, ProtectedHeaderParameters } from "jose";
import { VerificationError } from "./errors.ts";
import type { JwksCache } from "./jwks.ts";

/** Asymmetric algorithms only (RFC 8725 §3.1): no `none`, no HMAC keyed with public material. */
export const ALLOWED_ALGORITHMS = ["ES256", "RS256", "PS256", "EdDSA"] as const;

/** Headers that would point the verifier at attacker-chosen keys (RFC 8725 §3.10); never followed. */
const KEY_REFERENCE_HEADERS = ["jwk", "jku", "x5u", "x5c"] as const;

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

/**
 * Checks structure, `typ`, `alg`, key-reference headers and the issuer trust list, then the
 * signature against the issuer's JWKS. Claims are returned unchecked; callers validate them.
 */
export async function verifySignedJwt(
  token: string,
  expectedTyp: string,
  trustedIssuers: readonly string[],
  jwks: JwksCache,
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
  if (!typMatches(header.typ, expectedTyp)) {
    throw new VerificationError("invalid_request", "typ", `header typ must be ${expectedTyp}`);
  }
  if (typeof header.alg !== "string" || !(ALLOWED_ALGORITHMS as readonly string[]).includes(header.alg)) {
    throw new VerificationError("invalid_signature", "alg", `alg must be one of ${ALLOWED_ALGORITHMS.join(", ")}`);
  }
  for (const name of KEY_REFERENCE_HEADERS) {
    if (Object.hasOwn(header, name)) {
      throw new VerificationError("invalid_signature", name, `the ${name} header is not accepted; keys come from the issuer's JWKS`);
    }
  }
  const issuer = unverified.iss;
  if (typeof issuer !== "string" || !trustedIssuers.includes(issuer)) {
    throw new VerificationError("invalid_issuer", "iss", "issuer is not on this service's trust list");
  }
  let payloadBytes: Uint8Array;
  try {
    const result = await compactVerify(token, jwks.forIssuer(issuer), { algorithms: [...ALLOWED_ALGORITHMS] });
    payloadBytes = result.payload;
  } catch (error) {
    throw new VerificationError("invalid_signature", "signature", signatureFailureMessage(error));
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
  return { header, claims: claims as Record<string, unknown>, issuer };
}

function signatureFailureMessage(error: unknown): string {
  if (error instanceof errors.JWKSNoMatchingKey) return "no key in the issuer's JWKS matches kid/alg";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "signature verification failed";
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return "could not load the issuer's JWKS";
  if (error instanceof errors.JOSENotSupported) return "unsupported JWS header or key";
  return "signature could not be verified";
}
