import type { ServiceContext } from "./context.ts";
import { newAccessToken, newApiKey } from "./secrets.ts";
import type { CredentialType, Delegation } from "./store.ts";

export interface IssuedCredential {
  credential_type: CredentialType;
  credential: string;
  credential_expires: string | null;
}

/** Mints a credential of `type` for a registration. Access tokens expire; API keys do not. */
export function issueCredential(
  ctx: ServiceContext,
  registrationId: string,
  type: CredentialType,
  scopes: readonly string[],
  delegation: Delegation | null,
  revokeAt: number | null = null,
): IssuedCredential {
  const token = type === "api_key" ? newApiKey() : newAccessToken();
  const expiresAt = type === "access_token" ? ctx.now() + ctx.config.accessTokenTtlSeconds * 1000 : null;
  ctx.store.addCredential(token, { registrationId, type, scopes: [...scopes], expiresAt, revokeAt, revoked: false, delegation });
  return {
    credential_type: type,
    credential: token,
    credential_expires: expiresAt === null ? null : new Date(expiresAt).toISOString(),
  };
}
