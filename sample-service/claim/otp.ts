import type { ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { newOtp, sha256Hex } from "../secrets.ts";
import type { ClaimAttempt } from "../store.ts";
import { rememberEarlierOtp, rememberLiveOtp, rememberPlaintextOtp } from "./fault-state.ts";
import { mintOtpValue } from "../faults/fuzz-behaviour.ts";

/**
 * Mints a fresh code for `attempt`, replacing the previous one (a page refresh rotates the code).
 * Only the hash is kept; the plaintext goes to the user's page once.
 */
export function mintOtp(ctx: ServiceContext, attempt: ClaimAttempt, now: number): { otp: string; expiresAt: number } {
  const { faults } = ctx;
  const { otp, shown } = mintOtpValue(ctx, faults.has("otp-five-digits") ? newOtp().slice(1) : newOtp());
  const ttlSeconds = faults.has("otp-ttl-too-long") ? 30 * 60 : ctx.config.otpTtlSeconds;
  const expiresAt = Math.min(now + ttlSeconds * 1000, attempt.expiresAt);
  const hash = sha256Hex(otp);
  if (faults.has("otp-not-rotated") && attempt.otp !== null) rememberEarlierOtp(attempt, attempt.otp.hash);
  if (faults.has("otp-leaked-in-complete-error")) rememberPlaintextOtp(attempt, otp);
  if (faults.has("cross-registration-otp")) rememberLiveOtp(ctx.store, attempt.id, hash);
  attempt.otp = { hash, expiresAt };
  return { otp: shown, expiresAt };
}

/** claim-no-store-missing: undo the no-store the server sets on every /agent/auth* response. */
export function applyNoStoreFault(ctx: ServiceContext, res: ServerResponse): void {
  if (!ctx.faults.has("claim-no-store-missing")) return;
  res.removeHeader("Cache-Control");
  res.removeHeader("Pragma");
}
