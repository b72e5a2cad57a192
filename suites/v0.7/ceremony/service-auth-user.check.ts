import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { agentWith, sameSet, strings } from "../support/agent.ts";
import { accounts, answeredWith, bodyOf, confirmedBy, minted, pollClaimGrant, serviceAuthCeremonyFor, turnedAway, userConfirms } from "../support/user-ceremony.ts";

// service_auth, the user's side (v0.7.md §5 SA-05, SA-06): the account named by login_hint signs
// in and confirms; nobody else can.

check("SA-05", async (ctx) => {
  const { confirm, other } = accounts();
  const agent = agentWith(ctx, "identity", "token");
  const ceremony = await serviceAuthCeremonyFor(ctx, agent, confirm.email);
  const result = await userConfirms(ctx, "wrong account", ceremony.block, other, "wrong-account");
  const actual = { outcome: result.outcome, reason: result.reason ?? null, pageStatus: result.pageStatus ?? null, submitStatus: result.submitStatus ?? null };
  assert(result.outcome !== "confirmed", `${other.email} completed the service_auth ceremony for login_hint ${confirm.email}; only the named account may (CL v0.4.0 "Changed")`, { expected: "refused (403 in the reference)", actual });
  assert(turnedAway(result), `The service answered ${result.httpStatus ?? "no status"} to ${other.email} on a ceremony for ${confirm.email}, not a refusal`, { expected: "refused (403 in the reference)", actual });
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(!minted(poll), `After ${other.email} was refused, the claim grant minted tokens for the service_auth registration of ${confirm.email}`, { expected: "authorization_pending", actual: answeredWith(poll) });
});

check("SA-06", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "token");
  const ceremony = await serviceAuthCeremonyFor(ctx, agent, confirm.email);
  const postClaim = strings(bodyOf(ceremony.response).post_claim_scopes);
  await confirmedBy(ctx, "named account confirms", ceremony.block, confirm);
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  const body = bodyOf(poll);
  const details = { expected: { status: 200, scope: postClaim, identity_assertion: "present" }, actual: answeredWith(poll) };
  assert(minted(poll), `After the named account confirmed, the claim grant answered ${poll.status} ${String(body.error ?? "")}, expected 200 with tokens`, details);
  assert(typeof body.identity_assertion === "string", "The claim grant's answer for a confirmed service_auth registration carries no identity_assertion (its first one is due here)", details);
  if (postClaim.length === 0) notTestable("the service_auth registration named no post_claim_scopes to compare the granted scope with (SA-01 judges it)");
  const scope = typeof body.scope === "string" ? body.scope.split(/\s+/).filter(Boolean) : undefined;
  if (scope === undefined) notTestable("the claim grant's token response has no scope (TOK-CLM-02 judges it)");
  assert(sameSet(scope, postClaim), `The confirmed service_auth registration got scope "${scope.join(" ")}", expected the full post_claim_scopes "${postClaim.join(" ")}"`, { ...details, pointer: "/scope" });
});
