import type { AgentV07 } from "../../../src/profiles/v0_7/agent.ts";
import { assert, check, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { agentWith, isObject } from "../support/agent.ts";
import { mintSet } from "../support/id-jag.ts";
import { accounts, answeredWith, bodyOf, confirmedBy, freshSubject, idJagForEmail, minted, needsIdentityType, pollClaimGrant, stepUpCeremonyFor } from "../support/user-ceremony.ts";

// Provider revocation of registrations that went through the user ceremony (v0.7.md §9 SET-10,
// SET-11; commit b53c9ed "Revive…", "Clear revocation on step-up").

function eventsAdvertised(ctx: CheckContext): void {
  if (ctx.target.agentAuth?.events_endpoint === undefined) skip("agent_auth advertises no events_endpoint");
  needsIdentityType(ctx, "identity_assertion");
}

/** The provider revokes (iss, sub); a refused SET is SET-01's finding. */
async function revoke(ctx: CheckContext, agent: AgentV07, subject: string): Promise<void> {
  const res = await agent.deliverEvent(await mintSet(ctx, { subject }));
  if (res.status < 200 || res.status >= 300) notTestable(`the provider's revoked-event SET was refused (${res.status}; SET-01 judges it)`);
}

/** A just-in-time provider user bound by a clean ID-JAG: its identity_assertion. */
async function cleanRegistration(ctx: CheckContext, agent: AgentV07, subject: string): Promise<string> {
  const { assertion } = await idJagForEmail(ctx, { email: `${subject}@agents.example.org`, subject });
  const res = await agent.register({ type: "identity_assertion", assertion });
  const body = bodyOf(res);
  if (res.status !== 200 || typeof body.identity_assertion !== "string") notTestable(`a clean ID-JAG registration answered ${res.status} (IDJ-02 judges it)`);
  return body.identity_assertion;
}

check("SET-10", async (ctx) => {
  eventsAdvertised(ctx);
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "token", "events");
  // The identity_assertion of a revoked registration no longer mints.
  const subject = freshSubject();
  const assertion = await cleanRegistration(ctx, agent, subject);
  await revoke(ctx, agent, subject);
  const exchanged = await agent.token.jwtBearer(assertion);
  assert(exchanged.status === 400 && bodyOf(exchanged).error === "invalid_grant", `After the provider revoked the registration, jwt-bearer with its identity_assertion answered ${exchanged.status} ${String(bodyOf(exchanged).error ?? "")}, expected 400 invalid_grant (AUTH.md v0.7 Revocation)`, {
    expected: "400 invalid_grant",
    actual: answeredWith(exchanged),
  });
  // …nor does the claim_token of a confirmed first link the agent had not collected yet.
  const ceremony = await stepUpCeremonyFor(ctx, agent, { email: confirm.email });
  await confirmedBy(ctx, "matched account confirms", ceremony.block, confirm);
  await revoke(ctx, agent, ceremony.subject);
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(!minted(poll), "After the provider revoked the registration, its claim_token still minted tokens at the claim grant (commit b53c9ed)", { expected: "an error, no token", actual: answeredWith(poll) });
});

check("SET-11", async (ctx) => {
  eventsAdvertised(ctx);
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "token", "events");
  // A just-in-time user. The revocation deleted the delegation but not the account the first
  // presentation provisioned, so a service may take that account as existing and ask for the
  // first-link confirmation again (the reference does: c6 store.ts findOrCreateIdJagRegistration),
  // or match it cleanly. Either re-establishes access; a refusal or a registration that stays
  // revoked does not.
  const subject = freshSubject();
  await cleanRegistration(ctx, agent, subject);
  await revoke(ctx, agent, subject);
  const { assertion } = await idJagForEmail(ctx, { email: `${subject}@agents.example.org`, subject });
  const revived = await agent.register({ type: "identity_assertion", assertion });
  const revivedBody = bodyOf(revived);
  if (revived.status === 401 && revivedBody.error === "interaction_required") {
    const claim = isObject(revivedBody.claim) ? revivedBody.claim : {};
    assert(typeof revivedBody.claim_token === "string" && typeof claim.user_code === "string" && typeof claim.verification_uri === "string",
      "After a revocation, a fresh ID-JAG for the just-in-time user answered 401 interaction_required without a ceremony (claim_token, claim.user_code, claim.verification_uri): access cannot be re-established",
      { expected: "401 interaction_required with a claim block, or 200", actual: answeredWith(revived) });
    ctx.note("After the revocation the service asks the just-in-time user to confirm the link again (it takes the provisioned account as existing)");
  } else {
    assert(revived.status === 200 && typeof revivedBody.identity_assertion === "string", `After a revocation, a fresh ID-JAG for the just-in-time user answered ${revived.status} ${String(revivedBody.error ?? "")}, expected 200 (a clean match again; commit b53c9ed "Revive…") or 401 interaction_required (a new first-link ceremony)`, {
      expected: "200 or 401 interaction_required",
      actual: answeredWith(revived),
    });
    const exchanged = await agent.token.jwtBearer(revivedBody.identity_assertion as string);
    assert(minted(exchanged), `The re-established registration's identity_assertion does not mint (jwt-bearer ${exchanged.status} ${String(bodyOf(exchanged).error ?? "")}): the revocation was not cleared`, { expected: 200, actual: answeredWith(exchanged) });
  }
  // An existing account: the delegation was deleted, so the next ID-JAG asks for confirmation again.
  const ceremony = await stepUpCeremonyFor(ctx, agent, { email: confirm.email });
  await confirmedBy(ctx, "matched account confirms", ceremony.block, confirm);
  const collected = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  if (!minted(collected)) notTestable(`the confirmed first link did not mint at the claim grant (${collected.status}; STEP-06 judges it)`);
  await revoke(ctx, agent, ceremony.subject);
  const next = await idJagForEmail(ctx, { email: confirm.email, subject: ceremony.subject });
  const again = await agent.register({ type: "identity_assertion", assertion: next.assertion });
  assert(again.status === 401 && bodyOf(again).error === "interaction_required", `After a revocation, a fresh ID-JAG for the existing account answered ${again.status} ${String(bodyOf(again).error ?? "")}, expected 401 interaction_required (the delegation was deleted; commit b53c9ed)`, {
    expected: "401 interaction_required",
    actual: answeredWith(again),
  });
});
