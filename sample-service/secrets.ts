import { createHash, randomInt, timingSafeEqual } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Uniform base62 string from the CSPRNG (randomInt avoids modulo bias). */
export function randomBase62(length: number): string {
  let out = "";
  for (let i = 0; i < length; i += 1) out += BASE62[randomInt(62)];
  return out;
}

let secretObserver: ((secret: string) => void) | undefined;

/**
 * Test hook: see every bearer secret this process issues, so the harness's own tests can grep
 * its reports for each one. Never set in the demo or the CLI.
 */
export function observeIssuedSecrets(observer: ((secret: string) => void) | undefined): void {
  secretObserver = observer;
}

function issued(secret: string): string {
  secretObserver?.(secret);
  return secret;
}

export const newRegistrationId = (): string => `reg_${randomBase62(26)}`;
export const newClaimAttemptId = (): string => `cla_${randomBase62(26)}`;
export const newClaimToken = (): string => issued(`clm_${randomBase62(32)}`);
export const newClaimAttemptToken = (): string => issued(`cat_${randomBase62(32)}`);
export const newApiKey = (): string => issued(`sk_test_${randomBase62(32)}`);
export const newAccessToken = (): string => issued(`at_${randomBase62(43)}`);

/** Six decimal digits, leading zeros kept. */
export function newOtp(): string {
  return issued(String(randomInt(0, 1_000_000)).padStart(6, "0"));
}

/** Secrets are stored and looked up only by this hash. */
export function sha256Hex(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
