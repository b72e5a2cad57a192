import { assert, check, notTestable, skip } from "../../../src/suite/index.ts";
import { agentWith } from "../support/agent.ts";
import {
  accounts,
  answeredWith,
  bodyOf,
  confirmedBy,
  idJagForEmail,
  judgeWrongAccount,
  minted,
  pollClaimGrant,
  stepUpCeremonyFor,
  userCeremonyBlock,
  userConfirms,
  wrongAccountVisit,
} from "../support/user-ceremony.ts";

// First-link confirmation, the user's side (v0.7.md §4.2 STEP-04…07): an ID-JAG whose verified
// email is an existing account's waits for that account holder to confirm on the service's page.

check("STEP-04", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "token");
  const first = await stepUpCeremonyFor(ctx, agent, { email: confirm.email });
  // A second, fresh ID-JAG (new jti) for the same (iss, sub) while the first ceremony is pending.
  const { assertion } = await idJagForEmail(ctx, { email: confirm.email, subject: first.subject });
  const res = await agent.register({ type: "identity_assertion", assertion });
  const body = bodyOf(res);
  const second = userCeremonyBlock(body.claim);
  if (res.status !== 401 || !second || typeof body.claim_token !== "string") {
    notTestable(`the second presentation while pending answered ${res.status} without a new ceremony (STEP-03 judges it)`);
  }
  const details = { expected: "a new claim_token and verification_uri; the previous link and code refused", actual: answeredWith(res) };
  assert(body.claim_token !== first.claimToken, "The second presentation re-issued the same claim_token; a new one is due (S6 \"First-link step-up\")", details);
  assert(second.verificationUri !== first.block.verificationUri, "The second presentation re-issued the same verification_uri; a new one is due and the previous must stop working", details);
  // The previous link, opened by the right account with the previous code.
  const stale = await userConfirms(ctx, "previous link", first.block, confirm, "stale-link");
  assert(stale.outcome !== "confirmed", `The previous verification_uri and user_code still confirmed the link after a second presentation (status ${stale.httpStatus ?? "none"}); they must stop working (c6 store.ts "Prior URL/code stop working")`, {
    expected: "refused (404 Link invalid in the reference)",
    actual: { outcome: stale.outcome, pageStatus: stale.pageStatus ?? null, submitStatus: stale.submitStatus ?? null },
  });
  if (second.userCode !== first.block.userCode) {
    const oldCode = await userConfirms(ctx, "previous code on the new link", second, confirm, "wrong-code", first.block.userCode);
    assert(oldCode.outcome !== "confirmed", `The previous user_code confirmed the new ceremony (status ${oldCode.httpStatus ?? "none"}); only the new code may`, {
      expected: "refused",
      actual: { outcome: oldCode.outcome, submitStatus: oldCode.submitStatus ?? null },
    });
  }
});

check("STEP-05", async (ctx) => {
  const { confirm, other } = accounts();
  const agent = agentWith(ctx, "identity", "token");
  const ceremony = await stepUpCeremonyFor(ctx, agent, { email: confirm.email });
  // Another signed-in user tries to confirm the link meant for `confirm`.
  const result = await userConfirms(ctx, "wrong account", ceremony.block, other, "wrong-account");
  judgeWrongAccount(wrongAccountVisit(result), other.email, confirm.email);
  // Nothing bound: the claim grant does not mint for the ceremony the wrong account tried.
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(!minted(poll), `After ${other.email} was turned away, the claim grant minted tokens for ${confirm.email}'s ceremony`, { expected: "authorization_pending", actual: answeredWith(poll) });
});

check("STEP-06", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "token");
  const ceremony = await stepUpCeremonyFor(ctx, agent, { email: confirm.email });
  await confirmedBy(ctx, "matched account confirms", ceremony.block, confirm);
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  const body = bodyOf(poll);
  const details = { expected: "200 {access_token, …, identity_assertion}", actual: answeredWith(poll) };
  assert(minted(poll), `After the matched account confirmed, the claim grant answered ${poll.status} ${String(body.error ?? "")}, expected 200 with tokens (AUTH.md v0.7 Step 3 "After the user confirms…")`, details);
  assert(typeof body.identity_assertion === "string", "The claim grant's answer after a confirmed first link carries no identity_assertion", details);
  const { assertion } = await idJagForEmail(ctx, { email: confirm.email, subject: ceremony.subject });
  const next = await agent.register({ type: "identity_assertion", assertion });
  assert(next.status === 200 && typeof bodyOf(next).identity_assertion === "string", `After the confirmed first link, the next ID-JAG for the same (iss, sub) answered ${next.status} ${String(bodyOf(next).error ?? "")}, expected 200 (a clean match)`, {
    expected: 200,
    actual: answeredWith(next),
  });
});

/** A display name no trust list holds: it shows on the page only if copied from the token. */
const HOSTILE_NAME = "Totally Trusted Bank Login 7Q3Z";

check("STEP-07", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "token");
  const ceremony = await stepUpCeremonyFor(ctx, agent, {
    email: confirm.email,
    claims: { name: HOSTILE_NAME, client_name: HOSTILE_NAME, agent_platform: HOSTILE_NAME },
  });
  const result = await userConfirms(ctx, "claim page", ceremony.block, confirm, "approve");
  const text = result.claimPageText;
  if (text === undefined) skip(`the ${result.adapter} user actor reports no claim page text (only an HTML-reading actor can see which provider the page names)`);
  ctx.evidence("claim page text", text.slice(0, 1000));
  assert(!text.toLowerCase().includes(HOSTILE_NAME.toLowerCase()), `The claim page names the provider "${HOSTILE_NAME}", a name taken from the ID-JAG's own claims (name / client_name / agent_platform); it must come from the service's trust list (S6 "First-link step-up")`, {
    expected: "no token-supplied name on the page",
    actual: text.slice(0, 300),
  });
});
