import type { ServerResponse } from "node:http";
import { issueAssertion, isoTime } from "../claim/ceremony.ts";
import type { ContextV07 } from "../context.ts";
import { sendJson, sendOAuthError } from "../http/respond.ts";
import { PATHS, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES } from "../protocol.ts";

/** `{type:"anonymous"}` (A7 Step 3): a v1 assertion at pre-claim scopes and a claim_token; no access credential. */
export async function registerAnonymous(ctx: ContextV07, res: ServerResponse, requestedCredentialType: unknown): Promise<void> {
  const f = ctx.faults;
  if (f.has("v07-anonymous-disabled-403")) {
    sendOAuthError(res, 403, "forbidden", "anonymous registrations are not accepted");
    return;
  }
  if (!ctx.config.anonymousEnabled) {
    sendOAuthError(res, 400, "anonymous_not_enabled", "this service does not accept anonymous registrations");
    return;
  }
  const registration = ctx.store.createRegistration("anonymous", ctx.now(), ctx.config.claimTtlSeconds, ctx.config.pollIntervalSeconds);
  const claimToken = ctx.store.issueClaimToken(registration, ctx.faults.has("v07-claim-token-short") ? 8 : 32);
  const assertion = await issueAssertion(ctx, registration);
  const mint = (): string => ctx.store.mintAccessToken(registration, PRE_CLAIM_SCOPES, ctx.now(), ctx.config.accessTokenTtlSeconds);
  // REG-02/REG-03: no access credential here, whatever was asked; the faults hand one out.
  const leaked = f.has("v07-registration-returns-access-token") ? { access_token: mint(), token_type: "Bearer" } : {};
  const honoured = requestedCredentialType === "api_key" && f.has("v07-requested-credential-type-honoured") ? { credential: mint(), credential_type: "api_key" } : {};
  sendJson(res, 200, {
    registration_id: registration.id,
    registration_type: "anonymous",
    ...assertion,
    pre_claim_scopes: [...PRE_CLAIM_SCOPES],
    claim_url: `${ctx.origin}${PATHS.claim}`,
    claim_token: claimToken,
    ...(f.has("v07-anon-no-claim-token-expires") ? {} : { claim_token_expires: isoTime(registration.claimExpiresAt) }),
    post_claim_scopes: [...POST_CLAIM_SCOPES],
    ...leaked,
    ...honoured,
  });
}
