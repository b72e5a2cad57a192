import type { ServerResponse } from "node:http";
import type { ContextV07 } from "../context.ts";
import { sendJson } from "../http/respond.ts";
import { currentAttempt } from "../store/model.ts";
import { tokenError } from "./error.ts";
import { scopesFor, tokenResponse } from "./scopes.ts";

/** RFC 8628 §3.5 slow_down: the agent adds 5 s to its interval. */
const SLOW_DOWN_STEP_SECONDS = 5;

/**
 * The claim polling grant (A7 Step 4c): authorization_pending until the user confirms, slow_down
 * when polled faster than `interval`, expired_token when the ceremony or registration lapsed,
 * access_denied when the user refused, then one token response (single use, TOK-CLM-10).
 */
export async function claimGrant(ctx: ContextV07, res: ServerResponse, form: Record<string, string>): Promise<void> {
  const f = ctx.faults;
  if (form.claim_token === undefined || form.claim_token === "") return tokenError(ctx, res, 400, "invalid_request", "claim_token is required");
  const registration = ctx.store.byClaimTokenValue(form.claim_token);
  if (registration === undefined && f.has("v07-unknown-claim-token-pending")) return tokenError(ctx, res, 400, "authorization_pending", "the user has not confirmed yet");
  // §15 P4: the reference answers an unknown claim_token with expired_token, RFC 6749 §5.2 with invalid_grant.
  if (registration === undefined) return tokenError(ctx, res, 400, ctx.config.choices.unknownClaimTokenCode, "claim_token is not valid");
  if (registration.revoked && !f.has("v07-revoked-claim-grant-mints")) return tokenError(ctx, res, 400, "invalid_grant", "claim_token is not valid");
  if (registration.claimGrantRedeemed && !f.has("v07-claim-token-multi-use")) {
    return tokenError(ctx, res, 400, "invalid_grant", "this claim_token was already exchanged");
  }
  const now = ctx.now();
  if (!f.has("v07-slow-down-never-sent") && ctx.config.choices.slowDown) {
    if (now < registration.nextPollAt) {
      registration.pollInterval += SLOW_DOWN_STEP_SECONDS;
      registration.nextPollAt = now + registration.pollInterval * 1000;
      return tokenError(ctx, res, 400, "slow_down", `poll no more often than every ${registration.pollInterval} s`);
    }
    registration.nextPollAt = now + registration.pollInterval * 1000;
  }
  if (registration.status === "claimed") {
    const grant = registration.pendingGrant;
    if (grant === undefined) return tokenError(ctx, res, 400, "invalid_grant", "this registration was not claimed through a ceremony");
    registration.claimGrantRedeemed = true;
    const assertion = f.has("v07-claim-grant-no-assertion")
      ? {}
      : { identity_assertion: grant.assertion, assertion_expires: new Date(grant.assertionExpires * 1000).toISOString() };
    return sendJson(res, 200, { ...tokenResponse(ctx, registration, scopesFor(ctx, registration)), ...assertion });
  }
  if (now >= registration.claimExpiresAt && !f.has("v07-expired-registration-stays-pending")) return tokenError(ctx, res, 400, "expired_token", "the registration's claim window has closed");
  const attempt = currentAttempt(registration);
  if (attempt?.denied && !f.has("v07-deny-ignored")) return tokenError(ctx, res, 400, "access_denied", "the user refused the claim");
  if (attempt !== undefined && now >= attempt.expiresAt && !f.has("v07-expired-attempt-stays-pending")) {
    return tokenError(ctx, res, 400, "expired_token", "the user_code expired; start a new ceremony");
  }
  if (f.has("v07-pending-poll-200")) return sendJson(res, 200, { status: "pending" });
  tokenError(ctx, res, 400, "authorization_pending", "the user has not confirmed yet");
}
