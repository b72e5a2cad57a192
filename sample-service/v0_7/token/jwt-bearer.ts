import type { ServerResponse } from "node:http";
import type { ContextV07 } from "../context.ts";
import { sendJson } from "../http/respond.ts";
import type { Registration } from "../store/model.ts";
import { tokenError } from "./error.ts";
import { scopesFor, tokenResponse } from "./scopes.ts";

/** RFC 7523 §2.1 with a service-signed identity_assertion (A7 Step 5; S6 "JWT-bearer grant"). */
export async function jwtBearerGrant(ctx: ContextV07, res: ServerResponse, form: Record<string, string>): Promise<void> {
  if (form.assertion === undefined || form.assertion === "") return tokenError(ctx, res, 400, "invalid_request", "assertion is required");
  if (form.resource !== undefined && !sameResource(ctx, form.resource)) {
    return tokenError(ctx, res, 400, "invalid_target", `resource must be ${ctx.resource}`);
  }
  let claims: { sub: string; jti: string } | undefined = ctx.faults.has("v07-assertion-cache-ignores-header") ? verifiedCache(ctx).get(cacheKey(form.assertion)) : undefined;
  if (claims === undefined) {
    try {
      claims = await ctx.keys.verifyAssertion(form.assertion, ctx.origin, ctx.now(), ctx.config.clockSkewSeconds);
      if (ctx.faults.has("v07-assertion-cache-ignores-header")) verifiedCache(ctx).set(cacheKey(form.assertion), claims);
    } catch {
      claims = undefined;
    }
  }
  if (claims === undefined) {
    const viaProvider = ctx.faults.has("v07-jwt-bearer-accepts-provider-idjag") ? await providerDelegation(ctx, form.assertion) : undefined;
    const code = ctx.faults.has("v07-token-custom-error-code") ? "invalid_assertion" : "invalid_grant";
    if (viaProvider === undefined) return tokenError(ctx, res, 400, code, "the assertion is not a valid identity_assertion of this service");
    return sendJson(res, 200, tokenResponse(ctx, viaProvider, scopesFor(ctx, viaProvider)));
  }
  const registration = ctx.store.registration(claims.sub);
  if (registration === undefined) return tokenError(ctx, res, 400, "invalid_grant", "unknown registration");
  if (registration.revoked) return tokenError(ctx, res, 400, "invalid_grant", "the registration was revoked");
  if (!registration.liveAssertions.has(claims.jti)) return tokenError(ctx, res, 400, "invalid_grant", "this assertion was superseded");
  const expiredUnclaimed = registration.type === "anonymous" && registration.status !== "claimed" && ctx.now() >= registration.claimExpiresAt;
  if (expiredUnclaimed && !ctx.faults.has("v07-expired-registration-assertion-mints")) {
    return tokenError(ctx, res, 400, "invalid_grant", "the registration expired unclaimed");
  }
  // RFC 7523 assertions may be re-exchanged until they expire (TOK-JWTB-02); the fault makes them one-time.
  if (ctx.faults.has("v07-assertion-one-time")) registration.liveAssertions.delete(claims.jti);
  sendJson(res, 200, tokenResponse(ctx, registration, scopesFor(ctx, registration)));
}

/** Fault only: the provider's ID-JAG itself taken as a grant for the registration its (iss, sub) is bound to. */
async function providerDelegation(ctx: ContextV07, assertion: string): Promise<Registration | undefined> {
  try {
    return ctx.store.delegation(await ctx.idJag.verify(assertion));
  } catch {
    return undefined;
  }
}

function sameResource(ctx: ContextV07, value: string): boolean {
  if (ctx.faults.has("v07-resource-trailing-slash-strict")) return value === ctx.origin;
  return value === ctx.resource || value === ctx.origin;
}

/** Fault only: verified assertions remembered by payload and signature (the header left out of the key). */
const verifiedCaches = new WeakMap<ContextV07, Map<string, { sub: string; jti: string }>>();

function verifiedCache(ctx: ContextV07): Map<string, { sub: string; jti: string }> {
  let cache = verifiedCaches.get(ctx);
  if (cache === undefined) verifiedCaches.set(ctx, (cache = new Map()));
  return cache;
}

function cacheKey(jws: string): string {
  return jws.split(".").slice(1).join(".");
}
