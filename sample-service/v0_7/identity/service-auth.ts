import type { ServerResponse } from "node:http";
import { isoTime, issueAssertion, startCeremony } from "../claim/ceremony.ts";
import type { ContextV07 } from "../context.ts";
import { sendJson, sendOAuthError } from "../http/respond.ts";
import { isEmailHint, PATHS, POST_CLAIM_SCOPES } from "../protocol.ts";

/** `{type:"service_auth", login_hint}` (A7 Step 3): a ceremony for the named account; no assertion until confirmed. */
export async function registerServiceAuth(ctx: ContextV07, res: ServerResponse, loginHint: unknown): Promise<void> {
  if (ctx.faults.has("v07-service-auth-disabled-wrong-code")) {
    // The bug: an opted-out type answered like an unknown one, not with service_auth_not_enabled.
    sendOAuthError(res, 400, "invalid_request", "type must be anonymous or identity_assertion");
    return;
  }
  if (!ctx.config.serviceAuthEnabled) {
    sendOAuthError(res, 400, "service_auth_not_enabled", "this service does not accept service_auth registrations");
    return;
  }
  const hintOk = ctx.faults.has("v07-service-auth-hint-not-validated") ? typeof loginHint === "string" : isEmailHint(loginHint);
  if (!hintOk) {
    sendOAuthError(res, 400, "invalid_login_hint", "login_hint must be a recognizable identifier (an email address)");
    return;
  }
  const hint = loginHint as string;
  const registration = ctx.store.createRegistration("service_auth", ctx.now(), ctx.config.claimTtlSeconds, ctx.config.pollIntervalSeconds);
  const claimToken = ctx.store.issueClaimToken(registration);
  const { block } = startCeremony(ctx, registration, hint);
  const early = ctx.faults.has("v07-service-auth-returns-assertion") ? await issueAssertion(ctx, registration) : {};
  sendJson(res, 200, {
    registration_id: registration.id,
    registration_type: "service_auth",
    claim_url: `${ctx.origin}${PATHS.claim}`,
    claim_token: claimToken,
    claim_token_expires: isoTime(registration.claimExpiresAt),
    post_claim_scopes: [...POST_CLAIM_SCOPES],
    claim: block,
    ...early,
  });
}
