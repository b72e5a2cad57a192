import { randomBytes } from "node:crypto";
import { base64url } from "jose";

/** A random url-safe identifier of `bytes` random bytes (default 96 bits). */
export function randomId(bytes = 12): string {
  return base64url.encode(randomBytes(bytes));
}

export function epochSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
