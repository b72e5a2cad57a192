import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { registerAnonymous } from "./agent.ts";
import { freshHint } from "./ceremony.ts";

/**
 * Which claim body the target takes (v0.7.md §15 P6), learnt on a throwaway anonymous registration
 * (a pending ceremony would change the answers the check itself looks at). The v0.7-only rows
 * (the type union, the ID-JAG body) skip against a target that takes the v0.6 `{claim_token, email}`.
 */
export async function requireV07ClaimBody(ctx: CheckContext, agent: AgentV07): Promise<void> {
  const reg = await registerAnonymous(ctx, agent);
  if (!reg.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  const res = await agent.claim({ claimToken: reg.claimToken, loginHint: freshHint("shape") });
  if (agent.claimBodyShape === "v0.6") skip("the target takes the v0.6 claim body {claim_token, email} (§15 P6): this v0.7-only rule does not apply");
  if (agent.claimBodyShape !== "v0.7") notTestable(`the login_hint claim body answered ${res.status}: which claim body the target takes is unknown (CLMEP-02 judges it)`);
}
