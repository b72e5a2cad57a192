import type { ServerResponse } from "node:http";
import type { ServiceContext } from "../context.ts";
import { issueCredential } from "../credentials.ts";
import { sendError, sendJson } from "../http/respond.ts";
import { parseOr400 } from "../http/validate.ts";
import { newRegistrationId, randomBase62 } from "../secrets.ts";
import { VerificationError } from "../verify/errors.ts";
import { IdJagRequest, isAssertionCredentialType } from "./schemas.ts";

/** The guides' codes, and AUTH.md's names for the same failures (variant errors-auth-md-vocabulary). */
const AUTH_MD_NAMES: Readonly<Record<string, string>> = { invalid_issuer: "issuer_not_enabled", invalid_audience: "audience_mismatch", expired: "credential_expired" };

/** The code an ID-JAG refusal is answered with: the guides' by default, else a fault's or a variant's. */
function refusalCode(ctx: ServiceContext, code: string): string {
  const { faults, variants } = ctx;
  // Fault idjag-mixed-error-vocabulary: AUTH.md's name for one error, the guides' for the rest.
  if (faults.has("idjag-mixed-error-vocabulary") && code === "invalid_audience") return "audience_mismatch";
  // Fault idjag-signature-code-for-claims: failures with a documented code get another one.
  if (faults.has("idjag-signature-code-for-claims") && ["invalid_issuer", "invalid_audience", "expired"].includes(code)) return "invalid_signature";
  if (variants.has("errors-auth-md-vocabulary")) return AUTH_MD_NAMES[code] ?? code;
  // Variant errors-unfixed-codes: what the sources give no code for (typ, missing claims, nbf).
  if (variants.has("errors-unfixed-codes") && code === "invalid_request") return "invalid_signature";
  return code;
}

/** identity_assertion + ID-JAG → a credential at once, bound to (iss, sub, aud); never a refresh token. */
export async function registerWithIdJag(ctx: ServiceContext, body: unknown, res: ServerResponse): Promise<void> {
  const request = parseOr400(IdJagRequest, body, res);
  if (request === undefined) return;
  const { faults } = ctx;
  // Fault idjag-accept-unknown-credential-type: an unknown type silently becomes an api_key.
  const credentialType =
    faults.has("idjag-accept-unknown-credential-type") && !isAssertionCredentialType(request.requested_credential_type)
      ? "api_key"
      : request.requested_credential_type;
  if (!isAssertionCredentialType(credentialType)) {
    sendError(res, 400, "unsupported_credential_type", "requested_credential_type must be access_token or api_key");
    return;
  }
  let verified;
  try {
    verified = await ctx.idJag.verify(request.assertion);
  } catch (error) {
    if (error instanceof VerificationError) {
      sendError(res, 400, refusalCode(ctx, error.code), error.message);
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
  const scopes = faults.has("idjag-scope-not-advertised") ? [...verified.scopes, "admin"] : verified.scopes;
  const storedScopes = faults.has("idjag-credential-unusable") ? [] : scopes;
  const credential = issueCredential(ctx, registrationId, credentialType, storedScopes, delegation);
  if (faults.has("idjag-no-cache-control")) {
    res.removeHeader("Cache-Control");
    res.removeHeader("Pragma");
  }
  sendJson(res, 200, {
    registration_id: registrationId,
    registration_type: faults.has("idjag-wrong-registration-type") ? "agent_provider" : "agent-provider",
    ...credential,
    scopes,
    ...(faults.has("idjag-refresh-token") ? { refresh_token: `rt_${randomBase62(43)}` } : {}),
  });
}
