// Hand-assembled compact JWS pieces. jose refuses to produce any of these on purpose (alg "none",
// HMAC keyed with a public key, missing/zeroed/altered signatures, duplicate JSON members), and
// producing them is the point of the forge, so we base64url-join header.payload.signature here.
import { createHmac } from "node:crypto";
import { base64url } from "jose";
import type { SigningAlg } from "./keys.ts";

export function encodeSegment(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

export function splitCompact(token: string): [string, string, string] {
  const parts = token.split(".");
  if (parts.length !== 3) throw new Error(`expected a compact JWS with 3 parts, got ${parts.length}`);
  return [parts[0] ?? "", parts[1] ?? "", parts[2] ?? ""];
}

/** `header.payload.` with an empty signature (alg none, or a stripped signature). */
export function unsignedJws(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  return `${encodeSegment(header)}.${encodeSegment(claims)}.`;
}

/** HS256 over the signing input with an arbitrary secret, e.g. the provider's public key PEM (RFC 8725 §2.1). */
export function hs256Jws(header: Record<string, unknown>, claims: Record<string, unknown>, secret: string | Uint8Array): string {
  const signingInput = `${encodeSegment(header)}.${encodeSegment(claims)}`;
  const signature = createHmac("sha256", secret).update(signingInput).digest();
  return `${signingInput}.${base64url.encode(signature)}`;
}

/** Keep header and payload, drop the signature. */
export function stripSignature(token: string): string {
  const [header, payload] = splitCompact(token);
  return `${header}.${payload}.`;
}

/** Signature byte lengths of each alg, for an all-zero signature (ES256: r = s = 0, CVE-2022-21449). */
const SIGNATURE_BYTES: Record<SigningAlg, number> = { ES256: 64, RS256: 256, EdDSA: 64 };

export function zeroSignature(token: string, alg: SigningAlg): string {
  const [header, payload] = splitCompact(token);
  return `${header}.${payload}.${base64url.encode(new Uint8Array(SIGNATURE_BYTES[alg]))}`;
}

/**
 * Change one character of a string claim inside the signed payload, keeping the JSON valid so the
 * only thing wrong is the signature.
 */
export function tamperPayload(token: string, claim = "sub"): string {
  const [header, payload, signature] = splitCompact(token);
  const json = new TextDecoder().decode(base64url.decode(payload));
  const marker = `"${claim}":"`;
  const start = json.indexOf(marker);
  if (start < 0) throw new Error(`claim ${claim} is not a string in the payload`);
  const end = json.indexOf('"', start + marker.length);
  const at = end - 1;
  if (at < start + marker.length) throw new Error(`claim ${claim} is empty`);
  const replacement = json[at] === "a" ? "b" : "a";
  const tampered = json.slice(0, at) + replacement + json.slice(at + 1);
  return `${header}.${base64url.encode(tampered)}.${signature}`;
}

/**
 * JSON text of `claims` preceded by an extra, earlier member `name: firstValue`, so `name` appears
 * twice. JSON.parse keeps the last one (the value in `claims`); RFC 7519 §4 requires a verifier to
 * reject or to use the last.
 */
export function jsonWithDuplicateMember(claims: Record<string, unknown>, name: string, firstValue: unknown): string {
  const rest = JSON.stringify(claims);
  const first = `${JSON.stringify(name)}:${JSON.stringify(firstValue)}`;
  return rest === "{}" ? `{${first}}` : `{${first},${rest.slice(1)}`;
}
