import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { issueCredential } from "../credentials.ts";
import { readJsonObject } from "../http/body.ts";
import { sendError, sendJson } from "../http/respond.ts";
import type { Handler } from "../http/router.ts";
import { parseOr400 } from "../http/validate.ts";
import { PRE_CLAIM_SCOPES } from "../protocol.ts";
import { newAccessToken, newApiKey, sameHash, sha256Hex } from "../secrets.ts";
import type { ClaimAttempt } from "../store.ts";
import { forgetLiveOtp, isAnyLiveOtp, isEarlierOtp, plaintextOtp } from "./fault-state.ts";
import { applyNoStoreFault } from "./otp.ts";
import { lockoutEnabled, normaliseSubmittedOtp, registrationByPresentedClaimToken } from "../faults/fuzz-behaviour.ts";
import { sendClaimUnauthorized } from "./unauthorized.ts";

const CompleteRequest = z.object({
  claim_token: z.string().min(1).max(256),
  // Exactly six ASCII digits: no spaces, no Unicode digits, no numbers.
  otp: z.string().regex(/^[0-9]{6}$/, "otp must be exactly 6 ASCII digits"),
});
// otp-five-digits: the service mints 5-digit codes and must take them back.
const FiveDigitCompleteRequest = CompleteRequest.extend({ otp: z.string().regex(/^[0-9]{5,6}$/) });

/** POST /agent/auth/claim/complete: check the OTP and finish the claim. */
export function completeHandler(ctx: ServiceContext): Handler {
  return async (req, res) => {
    const { faults } = ctx;
    applyNoStoreFault(ctx, res);
    const body = await readJsonObject(req, res, ctx.config.maxBodyBytes);
    if (body === undefined) return;
    // *-500-on-garbage: the bug of trusting the JSON types before validating them.
    if (faults.has("claim-500-on-garbage") && typeof body.claim_token !== "string") throw new TypeError("claim_token.toString");
    if (faults.has("otp-500-on-garbage") && typeof body.otp !== "string") throw new TypeError("otp.trim");
    body.otp = normaliseSubmittedOtp(ctx, body.otp);
    const request = parseOr400(faults.has("otp-five-digits") ? FiveDigitCompleteRequest : CompleteRequest, body, res);
    if (request === undefined) return;
    const registration = registrationByPresentedClaimToken(ctx, request.claim_token);
    const claim = registration?.claim ?? null;
    if (registration === undefined || claim === null) {
      sendClaimUnauthorized(ctx, res, "invalid_claim_token", "unknown claim_token");
      return;
    }
    const now = ctx.now();
    if (claim.claimed && !acceptsAgainAfterClaim(ctx, claim.currentAttempt, request.otp, now)) {
      sendError(res, 409, "previously_claimed", "this claim was already completed");
      return;
    }
    if (now >= claim.expiresAt) {
      sendError(res, 410, "claim_expired", "the claim window has closed; register again");
      return;
    }
    const attempt = claim.currentAttempt;
    if (attempt === null || attempt.otp === null) {
      sendError(res, 400, "otp_not_generated", "no code has been generated yet; the user must open the emailed link");
      return;
    }
    // otp-lockout-after-50: a limit within NIST's ceiling of 100, but not a tight one.
    const maxAttempts = faults.has("otp-lockout-after-50") ? 50 : ctx.config.otpMaxAttempts;
    if (attempt.wrongOtpCount >= maxAttempts && lockoutEnabled(ctx)) {
      sendError(res, 429, "otp_attempts_exceeded", "too many wrong codes; this claim attempt is locked");
      return;
    }
    if (now >= attempt.otp.expiresAt) {
      sendError(res, 410, "otp_expired", "the code has expired; the user can press the button again for a new one");
      return;
    }
    const hash = sha256Hex(request.otp);
    const matches =
      sameHash(hash, attempt.otp.hash) ||
      (faults.has("otp-not-rotated") && isEarlierOtp(attempt, hash)) ||
      (faults.has("cross-registration-otp") && isAnyLiveOtp(ctx.store, hash));
    if (!matches) {
      attempt.wrongOtpCount += 1;
      if (faults.has("otp-mismatch-undocumented-code")) {
        sendError(res, 400, "wrong_code", "wrong code");
        return;
      }
      const leaked = faults.has("otp-leaked-in-complete-error") ? plaintextOtp(attempt) : undefined;
      sendClaimUnauthorized(ctx, res, "otp_invalid", leaked === undefined ? "wrong code" : `wrong code; the current code is ${leaked}`);
      return;
    }

    // Single use: the claim_token now answers previously_claimed, the OTP is gone.
    claim.claimed = true;
    if (!faults.has("otp-reusable")) attempt.otp = null;
    forgetLiveOtp(ctx.store, attempt.id);
    if (registration.type === "anonymous") {
      if (faults.has("complete-new-key-for-anonymous")) {
        const fresh = issueCredential(ctx, registration.id, "api_key", claim.postClaimScopes, null);
        sendJson(res, 200, { registration_id: registration.id, status: "claimed", ...fresh, scopes: [...claim.postClaimScopes] });
        return;
      }
      // In-place scope swap: the agent keeps the same key (agent-services README, OTP Claim Flow).
      for (const credential of ctx.store.credentialsOf(registration)) {
        if (!faults.has("scope-not-upgraded")) credential.scopes = [...claim.postClaimScopes];
        credential.revokeAt = null;
      }
      sendJson(res, 200, { registration_id: registration.id, status: "claimed" });
      return;
    }
    const type = faults.has("complete-wrong-credential-type") ? "api_key" : registration.requestedCredentialType;
    const scopes = faults.has("vem-credential-pre-claim-scopes") ? [...PRE_CLAIM_SCOPES] : [...claim.postClaimScopes];
    const credential = faults.has("vem-credential-not-usable")
      ? { credential_type: type, credential: type === "api_key" ? newApiKey() : newAccessToken(), credential_expires: null }
      : issueCredential(ctx, registration.id, type, scopes, null);
    sendJson(res, 200, {
      registration_id: registration.id,
      status: "claimed",
      ...credential,
      scopes,
    });
  };
}

/**
 * A finished claim accepts nothing more, except under the faults that break exactly that: the
 * accepted code kept live (otp-reusable), or a code minted after the claim (claim-token-reusable).
 */
function acceptsAgainAfterClaim(ctx: ServiceContext, attempt: ClaimAttempt | null, otp: string, now: number): boolean {
  if (!ctx.faults.has("otp-reusable") && !ctx.faults.has("claim-token-reusable")) return false;
  if (attempt === null || attempt.otp === null || now >= attempt.otp.expiresAt) return false;
  return sameHash(sha256Hex(otp), attempt.otp.hash);
}
