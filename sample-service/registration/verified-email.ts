import type { ServerResponse } from "node:http";
import { newClaimAttempt, sendClaimMail } from "../claim/attempts.ts";
import type { ServiceContext } from "../context.ts";
import { issueCredential } from "../credentials.ts";
import { sendError, sendJson } from "../http/respond.ts";
import { parseOr400 } from "../http/validate.ts";
import { PATHS, POST_CLAIM_SCOPES } from "../protocol.ts";
import { newRegistrationId, sha256Hex } from "../secrets.ts";
import { mintClaimToken } from "../faults/fuzz-behaviour.ts";
import type { Registration } from "../store.ts";
import { isAssertionCredentialType, VerifiedEmailRequest } from "./schemas.ts";

/** identity_assertion + verified_email → mail the claim link now; no credential until /complete. */
export async function registerWithVerifiedEmail(ctx: ServiceContext, body: unknown, res: ServerResponse): Promise<void> {
  const request = parseOr400(VerifiedEmailRequest, body, res);
  if (request === undefined) return;
  const credentialType = request.requested_credential_type;
  if (!isAssertionCredentialType(credentialType)) {
    sendError(res, 400, "unsupported_credential_type", "requested_credential_type must be access_token or api_key");
    return;
  }
  const claimToken = mintClaimToken(ctx);
  const claimExpiresAt = ctx.now() + ctx.config.claimTtlSeconds * 1000;
  const { attempt, attemptToken } = newClaimAttempt(request.assertion, claimExpiresAt);
  const registration: Registration = {
    id: newRegistrationId(),
    type: "email-verification",
    requestedCredentialType: credentialType,
    claim: {
      tokenHash: sha256Hex(claimToken),
      expiresAt: claimExpiresAt,
      claimed: false,
      postClaimScopes: [...POST_CLAIM_SCOPES],
      currentAttempt: attempt,
    },
    credentialHashes: [],
  };
  // Stored only once the mail went out: a registration whose mail failed could never be claimed.
  if (!(await sendClaimMail(ctx, { to: request.assertion, attemptToken, claimToken, purpose: "registration", registrationId: registration.id }, res))) return;
  ctx.store.addRegistration(registration);
  const { faults } = ctx;
  sendJson(res, 200, {
    registration_id: registration.id,
    registration_type: "email-verification",
    // vem-credential-before-claim: the bug of handing out the credential before the user's code.
    ...(faults.has("vem-credential-before-claim") ? issueCredential(ctx, registration.id, credentialType, POST_CLAIM_SCOPES, null) : {}),
    claim_url: `${ctx.origin}${PATHS.claim}`,
    claim_token: claimToken,
    ...(faults.has("vem-no-claim-token-expires") ? {} : { claim_token_expires: new Date(claimExpiresAt).toISOString() }),
    post_claim_scopes: [...POST_CLAIM_SCOPES],
  });
}
