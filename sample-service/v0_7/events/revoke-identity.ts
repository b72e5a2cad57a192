import type { ContextV07 } from "../context.ts";
import type { ProviderIdentity } from "../store/model.ts";

/**
 * A provider revoked (iss, sub): every access token of its registrations dies, and so does the
 * registrations' ability to mint (their assertions and ceremonies); the delegation is deleted so
 * the next ID-JAG must re-establish it (v0.7.md SET-09/10/11, commit b53c9ed).
 */
export function revokeIdentity(ctx: ContextV07, identity: ProviderIdentity): void {
  const tokensOnly = ctx.faults.has("v07-revoked-registration-can-mint");
  for (const registration of ctx.store.registrationsOf(identity)) {
    if (!ctx.faults.has("v07-set-tokens-survive")) ctx.store.revokeTokensOf(registration.id);
    if (tokensOnly) continue;
    registration.revoked = true;
    registration.liveAssertions.clear();
    for (const attempt of registration.attempts) attempt.superseded = true;
  }
  if (!tokensOnly) ctx.store.deleteDelegation(identity);
}
