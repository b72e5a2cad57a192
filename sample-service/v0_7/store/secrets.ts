import { createHash, randomBytes, randomInt } from "node:crypto";

/** A prefixed 256-bit base64url secret (claim_token, claim_attempt_token, access token, session id). */
export function newSecret(prefix: string, bytes = 32): string {
  // A six-digit run could be mistaken for a user_code inside a URI (PAGE-01); draw again (rare).
  for (let i = 0; i < 8; i++) {
    const value = `${prefix}_${randomBytes(bytes).toString("base64url")}`;
    if (!/\d{6}/.test(value)) return value;
  }
  return `${prefix}_${randomBytes(bytes).toString("base64url").replace(/\d/g, "x")}`;
}

/** A non-secret identifier (registration_id, claim_attempt_id, jti). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}

/** `digits` (6) decimal digits from a CSPRNG, uniform over 000000–999999. */
export function newUserCode(digits = 6): string {
  return randomInt(0, 10 ** digits).toString().padStart(digits, "0");
}

/** Secrets are stored only as their SHA-256 (S6 "Security Considerations"). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("base64url");
}
