import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { readJsonObject } from "../http/body.ts";
import { sendError, sendJson } from "../http/respond.ts";
import type { Handler } from "../http/router.ts";
import { parseOr400 } from "../http/validate.ts";
import { applyNoStoreFault, mintOtp } from "./otp.ts";

const ChallengeRequest = z.object({ claim_attempt_token: z.string().min(1).max(256) });

/**
 * POST /agent/auth/claim/attempt/challenge, called by the claim page in the user's browser:
 * mints a fresh OTP for the live attempt, replacing any earlier one.
 */
export function challengeHandler(ctx: ServiceContext): Handler {
  return async (req, res) => {
    const { faults } = ctx;
    applyNoStoreFault(ctx, res);
    const body = await readJsonObject(req, res, ctx.config.maxBodyBytes);
    if (body === undefined) return;
    const request = parseOr400(ChallengeRequest, body, res);
    if (request === undefined) return;
    const found = ctx.store.attemptByToken(request.claim_attempt_token);
    const claim = found?.registration.claim ?? null;
    if (found === undefined || claim === null) {
      sendError(res, 410, "claim_superseded", "this link is not valid (unknown or replaced by a newer one)");
      return;
    }
    if (claim.claimed && !faults.has("claim-token-reusable")) {
      sendError(res, 409, "claim_completed", "this registration is already claimed");
      return;
    }
    const now = ctx.now();
    if (now >= claim.expiresAt) {
      sendError(res, 410, "claim_expired", "the claim window has closed");
      return;
    }
    const attempt = claim.currentAttempt;
    const superseded = attempt !== null && attempt.id !== found.attemptId && !faults.has("superseded-link-still-mints");
    if (attempt === null || superseded) {
      sendError(res, 410, "claim_superseded", "a newer claim email replaced this link");
      return;
    }
    if (now >= attempt.expiresAt) {
      sendError(res, 410, "claim_expired", "this claim attempt has expired");
      return;
    }
    const { otp, expiresAt } = mintOtp(ctx, attempt, now);
    sendJson(res, 200, { type: "otp", challenge: otp, expires_at: new Date(expiresAt).toISOString() });
  };
}
