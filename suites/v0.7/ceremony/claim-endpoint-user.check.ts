import { assert, check, notTestable } from "../../../src/suite/index.ts";
import { agentWith, registerAnonymous } from "../support/agent.ts";
import {
  accounts,
  anonymousCeremonyFor,
  answeredWith,
  bodyOf,
  claimWithHint,
  confirmedBy,
  idJagForEmail,
  minted,
  needsIdentityType,
  pollClaimGrant,
  skipUnlessV07ClaimBody,
  userCeremonyBlock,
  userConfirms,
} from "../support/user-ceremony.ts";

// The claim endpoint, the user's side (v0.7.md §6 CLMEP-05, CLMEP-06, CLMEP-IDJ-03). CLMEP-03's
// "already claimed → 409" case is part of the agent-side CLMEP-03 check (one catalogue id).

check("CLMEP-05", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony: first } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  const second = await claimWithHint(agent, first.claimToken, confirm.email);
  if (first.claimAttemptId !== undefined && second.claimAttemptId !== undefined) {
    assert(second.claimAttemptId !== first.claimAttemptId, `The re-initiation answered the same claim_attempt_id ${first.claimAttemptId}; a new attempt is due (S6 "claim_attempt_id")`, { expected: "a new claim_attempt_id", actual: answeredWith(second.response) });
  }
  const stale = await userConfirms(ctx, "superseded link", first.block, confirm, "stale-link");
  assert(stale.outcome !== "confirmed", `The superseded attempt's verification_uri and user_code still confirmed the claim (status ${stale.httpStatus ?? "none"}); re-initiation must supersede them (c6 store.ts recordClaimAttempt)`, {
    expected: "refused (404 Link invalid in the reference)",
    actual: { outcome: stale.outcome, pageStatus: stale.pageStatus ?? null, submitStatus: stale.submitStatus ?? null },
  });
  if (second.block.userCode !== first.block.userCode) {
    const oldCode = await userConfirms(ctx, "superseded code on the new link", second.block, confirm, "wrong-code", first.block.userCode);
    assert(oldCode.outcome !== "confirmed", `The superseded user_code confirmed the new attempt (status ${oldCode.httpStatus ?? "none"})`, {
      expected: "refused",
      actual: { outcome: oldCode.outcome, submitStatus: oldCode.submitStatus ?? null },
    });
  }
});

check("CLMEP-06", async (ctx) => {
  const { confirm, other } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony: first } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  // Re-initiate naming the other account: since v0.6 the current attempt's hint decides (commit e81b334).
  const second = await claimWithHint(agent, first.claimToken, other.email);
  const result = await userConfirms(ctx, "newly named account confirms", second.block, other, "approve");
  assert(result.outcome === "confirmed", `After re-initiating with login_hint ${other.email}, that account could not confirm (${result.outcome}${result.reason ? `: ${result.reason}` : ""}, status ${result.httpStatus ?? "none"}); the wrong-account check must follow the current attempt's hint`, {
    expected: "confirmed",
    actual: { outcome: result.outcome, reason: result.reason ?? null, pageStatus: result.pageStatus ?? null, submitStatus: result.submitStatus ?? null },
  });
  const poll = await pollClaimGrant(agent, first.claimToken, second.block.interval);
  assert(minted(poll), `After ${other.email} confirmed the current attempt, the claim grant answered ${poll.status} ${String(bodyOf(poll).error ?? "")}, expected tokens`, { expected: 200, actual: answeredWith(poll) });
});

check("CLMEP-IDJ-03", async (ctx) => {
  const { confirm } = accounts();
  needsIdentityType(ctx, "identity_assertion");
  const agent = agentWith(ctx, "identity", "claim", "token");
  await skipUnlessV07ClaimBody(ctx, agent);
  const registration = await registerAnonymous(ctx, agent);
  if (!registration.claimToken) notTestable("the anonymous registration returned no claim_token (ANON-01 judges it)");
  // An ID-JAG whose verified email is an existing account's, at /claim (A7 Step 4a-alt).
  const { assertion, subject } = await idJagForEmail(ctx, { email: confirm.email });
  const res = await agent.claim({ claimToken: registration.claimToken, assertion });
  const body = bodyOf(res);
  const block = userCeremonyBlock(body.claim_attempt);
  const details = { expected: { status: 200, status_field: "initiated", registration_type: "identity_assertion", claim_attempt: "{user_code, verification_uri, …}" }, actual: answeredWith(res) };
  assert(res.status === 200, `An ID-JAG matching a different existing account at claim_endpoint answered ${res.status} ${String(body.error ?? "")}, expected 200 initiated (A7 Step 4a-alt "Confirmation required (200)"; §15 P10)`, details);
  assert(body.status === "initiated" && block !== undefined, `The answer is not {status:"initiated", claim_attempt{user_code, verification_uri}} (status ${JSON.stringify(body.status)})`, details);
  assert(body.registration_type === "identity_assertion", `registration_type is ${JSON.stringify(body.registration_type)}, expected "identity_assertion"`, { ...details, pointer: "/registration_type" });
  await confirmedBy(ctx, "matched account confirms", block, confirm);
  const poll = await pollClaimGrant(agent, registration.claimToken, block.interval);
  assert(minted(poll), `After ${confirm.email} confirmed, the claim grant answered ${poll.status} ${String(bodyOf(poll).error ?? "")}, expected tokens`, { expected: 200, actual: answeredWith(poll) });
  // (iss, sub) is now bound: the next ID-JAG is a clean match.
  const next = await idJagForEmail(ctx, { email: confirm.email, subject });
  const again = await agent.register({ type: "identity_assertion", assertion: next.assertion });
  assert(again.status === 200, `After the confirmation, the next ID-JAG for the same (iss, sub) answered ${again.status} ${String(bodyOf(again).error ?? "")}, expected 200: (iss, sub) must be bound`, { expected: 200, actual: answeredWith(again) });
});
