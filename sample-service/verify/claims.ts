import { VerificationError } from "./errors.ts";

/** `aud` must be exactly `expected`, or an array holding only `expected` (ID-JAG §4.4.1). */
export function checkAudience(aud: unknown, expected: string): void {
  const ok = aud === expected || (Array.isArray(aud) && aud.length === 1 && aud[0] === expected);
  if (!ok) throw new VerificationError("invalid_audience", "aud", `aud must be ${expected}`);
}

/** A required NumericDate claim (RFC 7519 §2): a finite JSON number. */
export function requireNumericDate(claims: Record<string, unknown>, name: string): number {
  const value = claims[name];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new VerificationError("invalid_request", name, `${name} must be a numeric date`);
  }
  return value;
}

export function optionalNumericDate(claims: Record<string, unknown>, name: string): number | undefined {
  return claims[name] === undefined ? undefined : requireNumericDate(claims, name);
}

export function requireNonEmptyString(claims: Record<string, unknown>, name: string): string {
  const value = claims[name];
  if (typeof value !== "string" || value.length === 0) {
    throw new VerificationError("invalid_request", name, `${name} must be a non-empty string`);
  }
  return value;
}

/** exp present and not past (with skew); nbf, if present, not in the future beyond skew. */
export function checkExpiry(exp: number, nowSeconds: number, skew: number): void {
  if (exp <= nowSeconds - skew) throw new VerificationError("expired", "exp", "token has expired");
}

export function checkNotBefore(claims: Record<string, unknown>, nowSeconds: number, skew: number): void {
  const nbf = optionalNumericDate(claims, "nbf");
  if (nbf !== undefined && nbf > nowSeconds + skew) {
    throw new VerificationError("invalid_request", "nbf", "token is not valid yet (nbf)");
  }
}

export function checkIssuedAtNotFuture(iat: number, nowSeconds: number, skew: number): void {
  if (iat > nowSeconds + skew) throw new VerificationError("invalid_request", "iat", "iat is in the future");
}
