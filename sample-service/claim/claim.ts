import { z } from "zod";
import type { ServiceContext } from "../context.ts";
import { readJsonObject } from "../http/body.ts";
import { sendError, sendJson } from "../http/respond.ts";
import type { Handler } from "../http/router.ts";
import { parseOr400 } from "../http/validate.ts";
import { sendClaimUnauthorized } from "./unauthorized.ts";
import { claimViewLink, newClaimAttempt, sameEmail, sendClaimMail } from "./attempts.ts";
import { readClaimBody, registrationByPresentedClaimToken } from "../faults/fuzz-behaviour.ts";

const ClaimRequest = z.object({
  claim_token: z.string().min(1).max(256),
  email: z.email().max(254),
});

/** POST /agent/auth/claim: start (or repeat) the claim of an anonymous registration. */
export function claimHandler(ctx: ServiceContext): Handler {
  return async (req, res) => {
    const { faults } = ctx;
    const body = await readClaimBody(ctx, req, res, readJsonObject);
    if (body === undefined) return;
    const request = parseOr400(ClaimRequest, body, res);
    if (request === undefined) return;
    const registration = registrationByPresentedClaimToken(ctx, request.claim_token);
    const claim = registration?.claim ?? null;
    if (registration === undefined || claim === null) {
      sendClaimUnauthorized(ctx, res, "invalid_claim_token", "unknown claim_token");
      return;
    }
    if (registration.type !== "anonymous" && !faults.has("vem-claim-redirectable")) {
      sendError(res, 409, "claimed_or_in_flight", "this registration's claim email was sent at registration; go to /agent/auth/claim/complete");
      return;
    }
    if (claim.claimed && !faults.has("claim-token-reusable")) {
      sendError(res, 409, "claimed_or_in_flight", "this registration is already claimed");
      return;
    }
    const now = ctx.now();
    if (now >= claim.expiresAt) {
      sendError(res, 410, "claim_expired", "the claim window has closed; register again");
      return;
    }
    const live = claim.currentAttempt;
    if (live !== null && now < live.expiresAt && sameEmail(live.email, request.email)) {
      // Same user asked again while the mailed link still works: no second mail.
      sendJson(res, 200, initiated(ctx, registration.id, live.id, live.expiresAt));
      return;
    }
    const { attempt, attemptToken } = newClaimAttempt(request.email, claim.expiresAt);
    if (faults.has("claim-attempt-id-reused") && live !== null) attempt.id = live.id;
    const mail = { to: request.email, attemptToken, claimToken: request.claim_token, purpose: "claim" as const, registrationId: registration.id };
    if (!(await sendClaimMail(ctx, mail, res))) return;
    ctx.store.replaceAttempt(registration, attempt);
    if (faults.has("scope-upgrade-at-claim") && registration.type === "anonymous") {
      // The bug: trusting the mere request for a claim as if the user had confirmed it.
      for (const credential of ctx.store.credentialsOf(registration)) credential.scopes = [...claim.postClaimScopes];
    }
    sendJson(res, 200, {
      ...initiated(ctx, registration.id, attempt.id, attempt.expiresAt),
      ...(faults.has("attempt-token-leaked-in-claim-response") ? { claim_view_url: claimViewLink(ctx.origin, attemptToken) } : {}),
    });
  };
}

function initiated(ctx: ServiceContext, registrationId: string, attemptId: string, expiresAt: number): Record<string, unknown> {
  return {
    registration_id: registrationId,
    claim_attempt_id: attemptId,
    status: ctx.faults.has("claim-status-not-initiated") ? "pending" : "initiated",
    expires_at: new Date(expiresAt).toISOString(),
  };
}
