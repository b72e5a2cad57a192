import type { ClaimAttempt, Store } from "../store.ts";

/**
 * State only some claim fault switches need (the clean service keeps none of it): kept here, in
 * weak maps keyed by the objects it belongs to, so the shared store stays fault-free.
 */

/** otp-not-rotated: hashes of earlier codes that stay valid. */
const earlierOtpHashes = new WeakMap<ClaimAttempt, string[]>();
/** otp-leaked-in-complete-error: the plaintext of the live code (the clean service keeps only its hash). */
const plaintextOtps = new WeakMap<ClaimAttempt, string>();
/** cross-registration-otp: every live code hash of a service, by attempt id. */
const liveOtpHashes = new WeakMap<Store, Map<string, string>>();

export function rememberEarlierOtp(attempt: ClaimAttempt, hash: string): void {
  const list = earlierOtpHashes.get(attempt) ?? [];
  list.push(hash);
  earlierOtpHashes.set(attempt, list);
}

export function isEarlierOtp(attempt: ClaimAttempt, hash: string): boolean {
  return earlierOtpHashes.get(attempt)?.includes(hash) ?? false;
}

export function rememberPlaintextOtp(attempt: ClaimAttempt, otp: string): void {
  plaintextOtps.set(attempt, otp);
}

export function plaintextOtp(attempt: ClaimAttempt): string | undefined {
  return plaintextOtps.get(attempt);
}

export function rememberLiveOtp(store: Store, attemptId: string, hash: string): void {
  let map = liveOtpHashes.get(store);
  if (map === undefined) {
    map = new Map();
    liveOtpHashes.set(store, map);
  }
  map.set(attemptId, hash);
}

export function forgetLiveOtp(store: Store, attemptId: string): void {
  liveOtpHashes.get(store)?.delete(attemptId);
}

export function isAnyLiveOtp(store: Store, hash: string): boolean {
  for (const live of liveOtpHashes.get(store)?.values() ?? []) if (live === hash) return true;
  return false;
}
