import type { ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { issueCredential } from "../credentials.ts";
import { sendError, sendJson } from "../http/respond.ts";
import { parseOr400 } from "../http/validate.ts";
import { PATHS, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES } from "../protocol.ts";
import { newRegistrationId, sha256Hex } from "../secrets.ts";
import { mintClaimToken } from "../faults/fuzz-behaviour.ts";
import { AnonymousRequest } from "./schemas.ts";

/** type: anonymous → an api_key at pre-claim scopes plus a claim_token (AUTH.md Step 3). */
export function registerAnonymous(ctx: ServiceContext, body: unknown, res: ServerResponse): void {
  const request = parseOr400(AnonymousRequest, body, res);
  if (request === undefined) return;
  const { faults } = ctx;
  const credentialType = request.requested_credential_type === "access_token" && faults.has("anon-access-token-accepted") ? "access_token" : "api_key";
  if (request.requested_credential_type !== credentialType) {
    sendError(res, 400, "unsupported_credential_type", "anonymous registrations only issue api_key");
    return;
  }
  const claimToken = mintClaimToken(ctx);
  const claimExpiresAt = ctx.now() + ctx.config.claimTtlSeconds * 1000;
  const registrationId = newRegistrationId();
  ctx.store.addRegistration({
    id: registrationId,
    type: "anonymous",
    requestedCredentialType: credentialType,
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
  // anon-issued-post-claim-scopes: the key starts where only a claimed key may be, and says so.
  const preClaimScopes: readonly string[] = faults.has("anon-key-cannot-read") ? [] : faults.has("anon-issued-post-claim-scopes") ? POST_CLAIM_SCOPES : PRE_CLAIM_SCOPES;
  // anon-key-has-write-scope: the key is granted more than the response admits.
  const grantedScopes = faults.has("anon-key-has-write-scope") ? [...preClaimScopes, "api.write"] : preClaimScopes;
  const credential = issueCredential(ctx, registrationId, credentialType, grantedScopes, null, claimExpiresAt);
  sendJson(res, 200, {
    registration_id: registrationId,
    registration_type: "anonymous",
    ...credential,
    scopes: [...preClaimScopes],
    ...(faults.has("anon-no-claim-url") ? {} : { claim_url: `${ctx.origin}${PATHS.claim}` }),
    claim_token: claimToken,
    claim_token_expires: new Date(claimExpiresAt).toISOString(),
    post_claim_scopes: [...POST_CLAIM_SCOPES],
  });
}
