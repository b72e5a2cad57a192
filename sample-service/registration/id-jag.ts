import type { ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { issueCredential } from "../credentials.ts";
import { sendError, sendJson } from "../http/respond.ts";
import { parseOr400 } from "../http/validate.ts";
import { newRegistrationId } from "../secrets.ts";
import { VerificationError } from "../verify/errors.ts";
import { IdJagRequest, isAssertionCredentialType } from "./schemas.ts";

/** identity_assertion + ID-JAG → a credential at once, bound to (iss, sub, aud); never a refresh token. */
export async function registerWithIdJag(ctx: ServiceContext, body: unknown, res: ServerResponse): Promise<void> {
  const request = parseOr400(IdJagRequest, body, res);
  if (request === undefined) return;
  const credentialType = request.requested_credential_type;
  if (!isAssertionCredentialType(credentialType)) {
    sendError(res, 400, "unsupported_credential_type", "requested_credential_type must be access_token or api_key");
    return;
  }
  let verified;
  try {
    verified = await ctx.idJag.verify(request.assertion);
  } catch (error) {
    if (error instanceof VerificationError) {
      sendError(res, 400, error.code, error.message);
      return;
    }
    throw error;
  }
  const registrationId = newRegistrationId();
  ctx.store.addRegistration({
    id: registrationId,
    type: "agent-provider",
    requestedCredentialType: credentialType,
    claim: null,
    credentialHashes: [],
  });
  const delegation = { iss: verified.iss, sub: verified.sub, aud: verified.aud };
  const credential = issueCredential(ctx, registrationId, credentialType, verified.scopes, delegation);
  sendJson(res, 200, {
    registration_id: registrationId,
    registration_type: "agent-provider",
    ...credential,
    scopes: verified.scopes,
  });
}
