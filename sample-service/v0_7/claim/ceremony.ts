import { randomInt } from "node:crypto";
import type { ContextV07 } from "../context.ts";
import { PATHS } from "../protocol.ts";
import type { ClaimAttempt, Registration } from "../store/model.ts";

/** The ceremony block (`claim` / `claim_attempt`) handed to the agent (A7 Step 3/4a). */
export interface CeremonyBlock {
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
}

/** verification_uri goes through our sign-in (first, or from the claim page) and never carries the user_code (PAGE-01). */
export function verificationUri(ctx: ContextV07, attemptToken: string, userCode: string): string {
  const claimPath = `${PATHS.claimPage}?claim_attempt_token=${encodeURIComponent(attemptToken)}`;
  // §15 P11: straight to the claim page (which sends a visitor without a session to sign in) or via /login.
  const uri = ctx.config.choices.verificationUri === "direct" ? `${ctx.origin}${claimPath}` : `${ctx.origin}${PATHS.login}?return_to=${encodeURIComponent(claimPath)}`;
  return ctx.faults.has("v07-user-code-in-verification-uri") ? `${uri}&user_code=${userCode}` : uri;
}

/** Opens a fresh ceremony for `loginHint`; earlier attempts stop working (CLMEP-05). */
export function startCeremony(ctx: ContextV07, registration: Registration, loginHint: string): { attempt: ClaimAttempt; block: CeremonyBlock } {
  const { attempt, attemptToken } = ctx.store.newAttempt(registration, loginHint, ctx.now(), ctx.config.userCodeTtlSeconds, {
    keepOld: ctx.faults.has("v07-superseded-attempt-still-valid"),
    codeDigits: ctx.faults.has("v07-user-code-five-digits") ? 5 : 6,
    sequentialCodes: ctx.faults.has("v07-user-code-sequential"),
  });
  // The bug: a truncated generator (1,000 codes, always 000xyz).
  if (ctx.faults.has("v07-user-code-bruteforceable")) attempt.userCode = String(randomInt(0, 1000)).padStart(6, "0");
  registration.status = "pending_claim";
  registration.pollInterval = ctx.config.pollIntervalSeconds;
  return {
    attempt,
    block: {
      user_code: attempt.userCode,
      verification_uri: verificationUri(ctx, attemptToken, attempt.userCode),
      expires_in: Math.max(0, Math.round((attempt.expiresAt - ctx.now()) / 1000)),
      interval: ctx.config.pollIntervalSeconds,
    },
  };
}

/**
 * The user (or a clean ID-JAG) confirmed: bind the account and any pending provider identity,
 * revoke pre-claim tokens (A7 Step 4c), supersede the v1 assertion and prepare the claim grant's
 * answer (a v2 assertion with the confirming user's email, TOK-CLM-04).
 */
export async function completeClaim(ctx: ContextV07, registration: Registration, email: string): Promise<{ assertion: string; assertionExpires: number }> {
  const account = ctx.store.provisionAccount(email);
  account.hasClaimed = true;
  if (registration.pendingIdentity) {
    registration.identity = registration.pendingIdentity;
    delete registration.pendingIdentity;
    if (!ctx.faults.has("v07-step-up-link-not-bound")) ctx.store.bindDelegation(registration.identity, registration);
  }
  registration.account = account.email;
  registration.status = "claimed";
  registration.revoked = false;
  if (registration.type === "anonymous" && !ctx.faults.has("v07-pre-claim-tokens-survive-claim")) {
    ctx.store.revokeTokensOf(registration.id, true);
  }
  const claims = ctx.faults.has("v07-v2-assertion-no-email") ? {} : { email: account.email, email_verified: true };
  const signed = await ctx.keys.signAssertion(ctx.origin, registration.id, ctx.now(), ctx.config.assertionTtlSeconds, claims);
  if (!ctx.faults.has("v07-v1-assertion-not-superseded")) registration.liveAssertions.clear();
  registration.liveAssertions.add(signed.jti);
  registration.pendingGrant = { assertion: signed.token, assertionExpires: signed.exp };
  registration.claimGrantRedeemed = false;
  return { assertion: signed.token, assertionExpires: signed.exp };
}

/** A freshly signed assertion for a registration whose scopes follow its state (anonymous v1, or a bound ID-JAG). */
export async function issueAssertion(ctx: ContextV07, registration: Registration, extra: Record<string, unknown> = {}): Promise<{ identity_assertion: string; assertion_expires: string }> {
  const signed = await ctx.keys.signAssertion(ctx.origin, registration.id, ctx.now(), ctx.config.assertionTtlSeconds, extra);
  registration.liveAssertions.add(signed.jti);
  return { identity_assertion: signed.token, assertion_expires: new Date(signed.exp * 1000).toISOString() };
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
