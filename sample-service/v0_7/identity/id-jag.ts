import type { ServerResponse } from "node:http";
import { isoTime, issueAssertion, startCeremony } from "../claim/ceremony.ts";
import type { ContextV07 } from "../context.ts";
import { quote, sendJson, sendOAuthError } from "../http/respond.ts";
import { PATHS, POST_CLAIM_SCOPES } from "../protocol.ts";
import { identityKey, type Registration } from "../store/model.ts";
import type { VerifiedProviderIdJag } from "../verify/id-jag.ts";
import { matchKey, presentIdJag } from "./present-id-jag.ts";

/**
 * `{type:"identity_assertion", assertion_type: id-jag, assertion}` (A7 Step 3, v0.7.md §4–§4.2):
 * a bound (iss, sub) or a just-in-time user is a clean match (200 + assertion); a verified email of
 * an existing, unlinked account needs the user's confirmation first (401 interaction_required).
 */
export async function registerIdJag(ctx: ContextV07, res: ServerResponse, assertion: string): Promise<void> {
  const verified = await presentIdJag(ctx, res, assertion);
  if (verified === undefined) return;
  const { store, faults: f } = ctx;
  const bound = store.delegation(verified);
  if (bound !== undefined && !f.has("v07-idjag-new-registration-each-time")) {
    await sendClean(ctx, res, bound);
    return;
  }
  const key = matchKey(verified);
  const account = store.account(key);
  const previous = store.registrationsOf(verified).at(-1);
  const needsConfirmation = account !== undefined && account.provisionedBy !== identityKey(verified) && bound === undefined;
  if (needsConfirmation && !f.has("v07-interaction-required-skipped")) {
    if (previous !== undefined && previous.status !== "claimed" && f.has("v07-step-up-mints-while-pending")) {
      await sendClean(ctx, res, previous);
      return;
    }
    await sendStepUp(ctx, res, verified, account.email, previous);
    return;
  }
  // Clean match: a known (iss, sub) revived after a revocation, or a just-in-time user.
  const registration = previous && !f.has("v07-idjag-new-registration-each-time") ? previous : store.createRegistration("identity_assertion", ctx.now(), ctx.config.claimTtlSeconds, ctx.config.pollIntervalSeconds);
  store.provisionAccount(key, verified);
  registration.identity = { iss: verified.iss, sub: verified.sub };
  registration.account = key;
  registration.status = "claimed";
  if (!f.has("v07-set-no-revival")) registration.revoked = false;
  store.bindDelegation(verified, registration);
  await sendClean(ctx, res, registration);
}

async function sendClean(ctx: ContextV07, res: ServerResponse, registration: Registration): Promise<void> {
  const assertion = await issueAssertion(ctx, registration, registration.account ? { email: registration.account, email_verified: true } : {});
  sendJson(res, 200, {
    registration_id: registration.id,
    registration_type: ctx.faults.has("v07-idjag-old-registration-type") ? "agent-provider" : "identity_assertion",
    ...assertion,
    // v07-idjag-scope-not-advertised: the response grants a scope scopes_supported does not list.
    scopes: ctx.faults.has("v07-idjag-scope-not-advertised") ? [...POST_CLAIM_SCOPES, "admin"] : [...POST_CLAIM_SCOPES],
  });
}

/**
 * First-link confirmation (STEP-01/02/04): the registration waits for the matched account to
 * confirm; a second presentation re-issues claim_token and ceremony, and the old ones stop working.
 */
async function sendStepUp(ctx: ContextV07, res: ServerResponse, verified: VerifiedProviderIdJag, accountEmail: string, previous: Registration | undefined): Promise<void> {
  const registration =
    previous ?? ctx.store.createRegistration("identity_assertion", ctx.now(), ctx.config.claimTtlSeconds, ctx.config.pollIntervalSeconds);
  registration.pendingIdentity = { iss: verified.iss, sub: verified.sub, ...(verified.claimedName ? { claimedName: verified.claimedName } : {}) };
  registration.revoked = false;
  registration.claimExpiresAt = ctx.now() + ctx.config.claimTtlSeconds * 1000;
  const claimToken = ctx.store.issueClaimToken(registration);
  const { block } = startCeremony(ctx, registration, accountEmail);
  const description = "this identity matches an existing account; the account holder must confirm the link";
  sendOAuthError(
    res,
    401,
    "interaction_required",
    description,
    { "WWW-Authenticate": `AgentAuth error="interaction_required", error_description=${quote(description)}` },
    {
      registration_id: registration.id,
      registration_type: "identity_assertion",
      claim_url: `${ctx.origin}${PATHS.claim}`,
      claim_token: claimToken,
      claim_token_expires: isoTime(registration.claimExpiresAt),
      post_claim_scopes: [...POST_CLAIM_SCOPES],
      ...(ctx.faults.has("v07-interaction-required-no-ceremony") ? {} : { claim: block }),
    },
  );
}
