import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { issueCredential } from "../credentials.ts";
import { readJsonObject } from "../http/body.ts";
import { sendError, sendJson } from "../http/respond.ts";
import type { Handler } from "../http/router.ts";
import { parseOr400 } from "../http/validate.ts";
import { sendClaimUnauthorized } from "./unauthorized.ts";
import { sameHash, sha256Hex } from "../secrets.ts";

const CompleteRequest = z.object({
  claim_token: z.string().min(1).max(256),
  // Exactly six ASCII digits: no spaces, no Unicode digits, no numbers.
  otp: z.string().regex(/^[0-9]{6}$/, "otp must be exactly 6 ASCII digits"),
});

/** POST /agent/auth/claim/complete: check the OTP and finish the claim. */
export function completeHandler(ctx: ServiceContext): Handler {
  return async (req, res) => {
    const body = await readJsonObject(req, res, ctx.config.maxBodyBytes);
    if (body === undefined) return;
    const request = parseOr400(CompleteRequest, body, res);
    if (request === undefined) return;
    const registration = ctx.store.registrationByClaimToken(request.claim_token);
    const claim = registration?.claim ?? null;
    if (registration === undefined || claim === null) {
      sendClaimUnauthorized(ctx, res, "invalid_claim_token", "unknown claim_token");
      return;
    }
    if (claim.claimed) {
      sendError(res, 409, "previously_claimed", "this claim was already completed");
      return;
    }
    const now = ctx.now();
    if (now >= claim.expiresAt) {
      sendError(res, 410, "claim_expired", "the claim window has closed; register again");
      return;
    }
    const attempt = claim.currentAttempt;
    if (attempt === null || attempt.otp === null) {
      sendError(res, 400, "otp_not_generated", "no code has been generated yet; the user must open the emailed link");
      return;
    }
    if (attempt.wrongOtpCount >= ctx.config.otpMaxAttempts) {
      sendError(res, 429, "otp_attempts_exceeded", "too many wrong codes; this claim attempt is locked");
      return;
    }
    if (now >= attempt.otp.expiresAt) {
      sendError(res, 410, "otp_expired", "the code has expired; the user can press the button again for a new one");
      return;
    }
    if (!sameHash(sha256Hex(request.otp), attempt.otp.hash)) {
      attempt.wrongOtpCount += 1;
      sendClaimUnauthorized(ctx, res, "otp_invalid", "wrong code");
      return;
    }

    // Single use: the claim_token now answers previously_claimed, the OTP is gone.
    claim.claimed = true;
    attempt.otp = null;
    if (registration.type === "anonymous") {
      // In-place scope swap: the agent keeps the same key (agent-services README, OTP Claim Flow).
      for (const credential of ctx.store.credentialsOf(registration)) {
        credential.scopes = [...claim.postClaimScopes];
        credential.revokeAt = null;
      }
      sendJson(res, 200, { registration_id: registration.id, status: "claimed" });
      return;
    }
    const credential = issueCredential(ctx, registration.id, registration.requestedCredentialType, claim.postClaimScopes, null);
    sendJson(res, 200, {
      registration_id: registration.id,
      status: "claimed",
      ...credential,
      scopes: [...claim.postClaimScopes],
    });
  };
}
