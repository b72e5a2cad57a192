import type { ServerResponse } from "node:http";
import { readJsonObject } from "../../http/body.ts";
import type { Handler } from "../../http/router.ts";
import type { ContextV07 } from "../context.ts";
import { sendJson, sendOAuthError } from "../http/respond.ts";
import { matchKey, presentIdJag } from "../identity/present-id-jag.ts";
import { isEmailHint } from "../protocol.ts";
import { currentAttempt, identityKey, type Registration } from "../store/model.ts";
import { completeClaim, isoTime, startCeremony } from "./ceremony.ts";

/**
 * POST /agent/identity/claim (v0.7.md §6): `{type:"login_hint", claim_token, login_hint}` starts or
 * re-initiates a user_code ceremony for any unclaimed kind; `{type:"identity_assertion",
 * claim_token, assertion}` claims an anonymous registration with a provider ID-JAG.
 */
export function claimEndpointHandler(ctx: ContextV07): Handler {
  return async (req, res) => {
    const body = await readJsonObject(req, res, ctx.config.maxBodyBytes);
    if (body === undefined) return;
    const type = body.type === undefined && ctx.faults.has("v07-claim-type-optional") ? "login_hint" : body.type;
    if (type !== "login_hint" && type !== "identity_assertion") {
      return sendOAuthError(res, 400, "invalid_request", "type must be login_hint or identity_assertion");
    }
    if (typeof body.claim_token !== "string" || body.claim_token.length === 0) {
      return sendOAuthError(res, 400, "invalid_request", "claim_token: must be a non-empty string");
    }
    const registration = ctx.store.byClaimTokenValue(body.claim_token);
    if (registration === undefined && ctx.faults.has("v07-claim-token-not-found-code")) {
      return sendOAuthError(res, 404, "not_found", "no registration with this claim_token");
    }
    if (registration === undefined || registration.revoked) {
      if (ctx.faults.has("v07-claim-error-echoes-token")) return sendOAuthError(res, 401, "invalid_claim_token", `claim_token ${body.claim_token} is not valid`);
      return sendOAuthError(res, 401, "invalid_claim_token", "claim_token is not valid");
    }
    if (registration.status === "claimed") {
      return sendOAuthError(res, 409, "claimed_or_in_flight", "this registration has already been claimed");
    }
    if (ctx.now() >= registration.claimExpiresAt) {
      if (ctx.faults.has("v07-claim-expired-as-invalid-token")) return sendOAuthError(res, 401, "invalid_claim_token", "claim_token is not valid");
      return sendOAuthError(res, 410, "claim_expired", "the claim window of this registration has closed");
    }
    if (type === "login_hint") return initiateWithHint(ctx, res, registration, body.login_hint);
    if (typeof body.assertion !== "string" || body.assertion.length === 0) {
      return sendOAuthError(res, 400, "invalid_request", "assertion: must be a non-empty string");
    }
    return claimWithIdJag(ctx, res, registration, body.assertion);
  };
}

function initiateWithHint(ctx: ContextV07, res: ServerResponse, registration: Registration, loginHint: unknown): void {
  if (registration.type !== "anonymous" && ctx.faults.has("v07-claim-reinit-anonymous-only")) {
    return sendOAuthError(res, 409, "claimed_or_in_flight", "only anonymous registrations can be (re-)initiated here");
  }
  const hintOk = ctx.faults.has("v07-claim-hint-not-validated") ? typeof loginHint === "string" && loginHint !== "" : isEmailHint(loginHint);
  if (!hintOk) {
    return sendOAuthError(res, 400, "invalid_login_hint", "login_hint must be a recognizable identifier (an email address)");
  }
  let hint = (loginHint as string).toLowerCase();
  // A step-up binds a provider identity: only the matched account may ever confirm it.
  const matched = registration.pendingIdentity ? registration.attempts.at(-1)?.loginHint : undefined;
  if (matched !== undefined && hint !== matched) {
    return sendOAuthError(res, 400, "invalid_login_hint", "a first-link confirmation can only be sent to the matched account");
  }
  const first = registration.attempts[0];
  if (first !== undefined && ctx.faults.has("v07-claim-hint-immutable")) hint = first.loginHint;
  const { attempt, block } = startCeremony(ctx, registration, hint);
  sendJson(res, 200, {
    registration_id: registration.id,
    ...(ctx.faults.has("v07-claim-no-attempt-id") ? {} : { claim_attempt_id: ctx.faults.has("v07-claim-attempt-id-reused") ? (registration.attempts[0]?.id ?? attempt.id) : attempt.id }),
    status: "initiated",
    expires_at: isoTime(attempt.expiresAt),
    claim_attempt: block,
  });
}

async function claimWithIdJag(ctx: ContextV07, res: ServerResponse, registration: Registration, assertion: string): Promise<void> {
  const f = ctx.faults;
  if (registration.type !== "anonymous" && !f.has("v07-claim-idjag-non-anonymous-accepted")) {
    return sendOAuthError(res, 409, "claimed_or_in_flight", "only an anonymous registration can be claimed with an ID-JAG");
  }
  const verified = await presentIdJag(ctx, res, assertion, {
    consumeJti: !f.has("v07-claim-idjag-jti-not-consumed"),
    checkAuthTime: !f.has("v07-claim-idjag-no-auth-time-check"),
  });
  if (verified === undefined) return;
  const key = matchKey(verified);
  const bound = ctx.store.delegation(verified);
  const account = ctx.store.account(key);
  const clean = bound !== undefined || account === undefined || account.provisionedBy === identityKey(verified);
  if (clean) {
    const inFlight = registration.type === "anonymous" && registration.status === "pending_claim" && currentAttempt(registration) !== undefined;
    if (inFlight && !f.has("v07-claim-idjag-during-ceremony")) {
      return sendOAuthError(res, 409, "ceremony_in_flight", "a login_hint ceremony is pending for this registration");
    }
    ctx.store.provisionAccount(key, verified);
    // The fault's bug: a registration of its own for the ID-JAG; the anonymous one stays unclaimed.
    const target = f.has("v07-claim-idjag-new-registration")
      ? ctx.store.createRegistration("identity_assertion", ctx.now(), ctx.config.claimTtlSeconds, ctx.config.pollIntervalSeconds)
      : registration;
    // Unbound: this registration becomes the delegation. Bound elsewhere: keep that delegation, but
    // remember the identity so a provider revocation reaches this registration's tokens too (SET-09).
    if (bound === undefined) target.pendingIdentity = { iss: verified.iss, sub: verified.sub };
    else target.identity = { iss: verified.iss, sub: verified.sub };
    const owner = bound?.account ?? key;
    const done = await completeClaim(ctx, target, owner);
    if (f.has("v07-claim-idjag-no-poll-grant")) delete target.pendingGrant;
    return sendJson(res, 200, {
      registration_id: target.id,
      registration_type: "identity_assertion",
      status: "claimed",
      identity_assertion: done.assertion,
      assertion_expires: new Date(done.assertionExpires * 1000).toISOString(),
    });
  }
  if (f.has("v07-claim-idjag-step-up-401")) {
    return sendOAuthError(res, 401, "interaction_required", "this identity matches an existing account");
  }
  registration.pendingIdentity = { iss: verified.iss, sub: verified.sub };
  const { attempt, block } = startCeremony(ctx, registration, account.email);
  sendJson(res, 200, {
    registration_id: registration.id,
    registration_type: "identity_assertion",
    claim_attempt_id: attempt.id,
    status: "initiated",
    expires_at: isoTime(attempt.expiresAt),
    claim_attempt: block,
  });
}
