import type { ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { issueCredential } from "../credentials.ts";
import { sendError, sendJson } from "../http/respond.ts";
import { parseOr400 } from "../http/validate.ts";
import { PATHS, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES } from "../protocol.ts";
import { newClaimToken, newRegistrationId, sha256Hex } from "../secrets.ts";
import { AnonymousRequest } from "./schemas.ts";

/** type: anonymous → an api_key at pre-claim scopes plus a claim_token (AUTH.md Step 3). */
export function registerAnonymous(ctx: ServiceContext, body: unknown, res: ServerResponse): void {
  const request = parseOr400(AnonymousRequest, body, res);
  if (request === undefined) return;
  if (request.requested_credential_type !== "api_key") {
    sendError(res, 400, "unsupported_credential_type", "anonymous registrations only issue api_key");
    return;
  }
  const claimToken = newClaimToken();
  const claimExpiresAt = ctx.now() + ctx.config.claimTtlSeconds * 1000;
  const registrationId = newRegistrationId();
  ctx.store.addRegistration({
    id: registrationId,
    type: "anonymous",
    requestedCredentialType: "api_key",
    claim: {
      tokenHash: sha256Hex(claimToken),
      expiresAt: claimExpiresAt,
      claimed: false,
      postClaimScopes: [...POST_CLAIM_SCOPES],
      currentAttempt: null,
    },
    credentialHashes: [],
  });
  // The unclaimed key dies with the claim window (agent-services README, anonymous step 5).
  const credential = issueCredential(ctx, registrationId, "api_key", PRE_CLAIM_SCOPES, null, claimExpiresAt);
  sendJson(res, 200, {
    registration_id: registrationId,
    registration_type: "anonymous",
    ...credential,
    scopes: [...PRE_CLAIM_SCOPES],
    claim_url: `${ctx.origin}${PATHS.claim}`,
    claim_token: claimToken,
    claim_token_expires: new Date(claimExpiresAt).toISOString(),
    post_claim_scopes: [...POST_CLAIM_SCOPES],
  });
}
