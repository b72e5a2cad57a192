import type { ContextV07 } from "../context.ts";
import { POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES } from "../protocol.ts";
import type { Registration } from "../store/model.ts";

/** TOK-JWTB-05: an anonymous registration not yet claimed (unclaimed or pending) stays at pre-claim scopes. */
export function scopesFor(ctx: ContextV07, registration: Registration): readonly string[] {
  if (registration.type === "service_auth" && ctx.faults.has("v07-service-auth-pre-claim-scope")) return PRE_CLAIM_SCOPES;
  if (registration.type === "identity_assertion" && ctx.faults.has("v07-idjag-scope-not-advertised")) return [...POST_CLAIM_SCOPES, "admin"];
  if (registration.type !== "anonymous" || registration.status === "claimed") return POST_CLAIM_SCOPES;
  if (registration.status === "pending_claim" && ctx.faults.has("v07-pre-claim-cap-ignored-while-pending")) return POST_CLAIM_SCOPES;
  if (registration.status === "unclaimed" && ctx.faults.has("v07-anon-full-scope")) return POST_CLAIM_SCOPES;
  return PRE_CLAIM_SCOPES;
}

/** The RFC 6749 §5.1 token response body. */
export function tokenResponse(ctx: ContextV07, registration: Registration, scopes: readonly string[]): Record<string, unknown> {
  const accessToken = ctx.store.mintAccessToken(registration, scopes, ctx.now(), ctx.config.accessTokenTtlSeconds);
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ctx.config.accessTokenTtlSeconds,
    ...(ctx.faults.has("v07-token-no-scope") ? {} : { scope: scopes.join(" ") }),
    ...(ctx.faults.has("v07-refresh-token-issued") ? { refresh_token: `rt_${accessToken.slice(3)}` } : {}),
  };
}
