// Pure helpers of the claim suites (no network, no runtime): unit-tested in test/claim/.

/**
 * `local+tag@domain` from the configured user address, so each check reads only its own mail.
 * An address that already has a `+` gets `-tag` appended to its sub-address instead.
 */
export function plusAddress(address: string, tag: string): string {
  const at = address.lastIndexOf("@");
  if (at <= 0) throw new Error(`user.email is not an address: ${address}`);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const cleanTag = tag.toLowerCase().replace(/[^a-z0-9-]/g, "-");
  return `${local}${local.includes("+") ? "-" : "+"}${cleanTag}@${domain}`;
}

/** Exactly six ASCII digits, as a string (so leading zeros survive). */
export function isSixDigitCode(value: unknown): value is string {
  return typeof value === "string" && /^[0-9]{6}$/.test(value);
}

export const MAX_OTP_TTL_MS = 10 * 60_000;
export const CLOCK_SKEW_MS = 60_000;

/** Why an OTP's expires_at breaks the ≤ 10 minute rule, or undefined when it does not. */
export function otpExpiryProblem(expiresAt: unknown, now: number): string | undefined {
  if (typeof expiresAt !== "string") return `expires_at is ${expiresAt === undefined ? "missing" : `not a string (${JSON.stringify(expiresAt)})`}`;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return `expires_at is not a date: ${JSON.stringify(expiresAt)}`;
  if (at <= now - CLOCK_SKEW_MS) return `expires_at ${expiresAt} is already past`;
  const ahead = at - now;
  if (ahead > MAX_OTP_TTL_MS + CLOCK_SKEW_MS) return `expires_at ${expiresAt} is ${Math.round(ahead / 60_000)} minutes ahead (at most 10 allowed)`;
  return undefined;
}

/** A well-formed 6-digit code that differs from every code in `avoid` (deterministic). */
export function differentCode(avoid: readonly string[], start = "000000"): string {
  let n = /^[0-9]{6}$/.test(start) ? Number(start) : 0;
  for (let i = 0; i < 1_000; i++) {
    n = (n + 1) % 1_000_000;
    const code = String(n).padStart(6, "0");
    if (!avoid.includes(code)) return code;
  }
  throw new Error("no free code found");
}

/**
 * Does `text` contain `secret`? Digit-only secrets (OTPs) count only as a whole number, so an
 * OTP is not "found" inside a longer digit run such as a timestamp.
 */
export function containsSecret(text: string, secret: string): boolean {
  if (secret.length === 0) return false;
  if (!/^[0-9]+$/.test(secret)) return text.includes(secret);
  return new RegExp(`(?<![0-9])${secret}(?![0-9])`).test(text);
}

/** Same members, order ignored. */
export function sameScopeSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((s) => right.has(s));
}

/** A claim_token_expires-style member: a parseable date in the future. */
export function futureDateProblem(value: unknown, name: string, now: number): string | undefined {
  if (typeof value !== "string") return `${name} is ${value === undefined ? "missing" : "not a string"}`;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return `${name} is not a date: ${JSON.stringify(value)}`;
  if (at <= now - CLOCK_SKEW_MS) return `${name} ${value} is already past`;
  return undefined;
}
