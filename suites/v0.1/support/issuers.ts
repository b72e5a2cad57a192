// Checks that need the target to trust two issuers. The set is data (a test pins it); a check in it
// calls twoIssuers() and is skipped, not failed, when the run declares one trusted issuer
// (provider.second.enabled is not true, or provider.mode is key).
import type { MockProviderClient } from "../../../mock-provider/client.ts";
import { HarnessError } from "../../../src/errors.ts";
import { providerClient, providerSettings } from "../../../src/suite/harness-clients.ts";
import { type CheckContext, skip } from "../../../src/suite/index.ts";

/**
 * SIG-10 signs with the other trusted issuer's key; REV-03 revokes a sub at one issuer and keeps
 * it at the other; RPL-03 sends the same jti from both issuers.
 */
export const NEEDS_TWO_ISSUERS: ReadonlySet<string> = new Set(["SIG-10", "REV-03", "RPL-03"]);

/** The second trusted issuer, or a skip naming why the target trusts one. */
export function twoIssuers(ctx: CheckContext): { client: MockProviderClient; issuer: string } {
  if (!NEEDS_TWO_ISSUERS.has(ctx.requirement.id)) {
    throw new HarnessError("internal", `${ctx.requirement.id} uses the second issuer but is not in NEEDS_TWO_ISSUERS`, "NEEDS_TWO_ISSUERS");
  }
  const settings = providerSettings();
  const client = providerClient("second");
  if (!settings?.second || !client) {
    const reason = settings?.oneIssuerReason ?? "no second mock issuer is running";
    skip(`needs two trusted issuers; ${reason} (set provider.second.enabled: true and add the second issuer to the target's trust list to run it)`);
  }
  return { client, issuer: settings.second.issuer };
}
