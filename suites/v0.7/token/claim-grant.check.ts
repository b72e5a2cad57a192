import { setTimeout as sleep } from "node:timers/promises";
import { assert, check, notTestable, skip } from "../../../src/suite/index.ts";
import { agentWith, errorCode } from "../support/agent.ts";
import { answered, anonymousCeremony, bodyOf } from "../support/ceremony.ts";
import { expiringRegistration, expiryCheckTimeoutMs, secondsLeft, secondsUntil, waitOut } from "../support/expiry.ts";

// The claim polling grant urn:workos:agent-auth:grant-type:claim, agent side (v0.7.md §7.3).

check("TOK-CLM-01", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { reg } = await anonymousCeremony(ctx, agent);
  const poll = await agent.token.claimGrant(reg.claimToken);
  ctx.outcome(poll.status === 200 ? "accepted" : errorCode(poll) === "authorization_pending" ? "pending" : "refused-other-code");
  assert(poll.status === 400 && errorCode(poll) === "authorization_pending" && bodyOf(poll).access_token === undefined, `Polling the claim grant before the user confirms answered ${poll.status} ${errorCode(poll) ?? ""}, expected 400 authorization_pending (AUTH.md v0.7 Step 4c; RFC 8628 §3.5)`, {
    expected: { status: 400, error: "authorization_pending" },
    actual: answered(poll),
  });
});

check("TOK-CLM-05", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { reg, attempt } = await anonymousCeremony(ctx, agent);
  if (attempt.expiresIn === undefined) notTestable("the claim_attempt states no expires_in (CLMEP-02 judges it)");
  const windowLeft = secondsUntil(reg.body.claim_token_expires);
  // The rule is about a closed user_code window while the registration's window is still open.
  if (windowLeft !== undefined && windowLeft <= attempt.expiresIn + 3) {
    notTestable(`the registration's claim window (${Math.round(windowLeft)} s) does not outlast the user_code (${attempt.expiresIn} s): a lone user_code expiry cannot be observed`);
  }
  await waitOut(attempt.expiresIn, "the user_code (claim_attempt.expires_in)");
  const poll = await agent.token.claimGrant(reg.claimToken);
  ctx.outcome(errorCode(poll) === "expired_token" ? "expired" : errorCode(poll) === "authorization_pending" ? "pending" : "other");
  assert(poll.status === 400 && errorCode(poll) === "expired_token", `After the user_code's ${attempt.expiresIn} s the claim grant answered ${poll.status} ${errorCode(poll) ?? ""}, expected 400 expired_token, not endless authorization_pending (AUTH.md v0.7 Step 4c; CL v0.4.0)`, {
    expected: { status: 400, error: "expired_token" },
    actual: answered(poll),
  });
}, { timeoutMs: expiryCheckTimeoutMs() });

check("TOK-CLM-06", async (ctx) => {
  const agent = agentWith(ctx, "identity", "token");
  // No ceremony: only the registration's own claim window can close (the run's shared expiring
  // registration: CLMEP-03 and TOK-JWTB-06 wait for the same one).
  const expiring = await expiringRegistration(agent);
  if (expiring === undefined) skip("the service answers anonymous_not_enabled: no unclaimed anonymous registration to let expire");
  const left = secondsLeft(expiring);
  if (left > -1) await waitOut(Math.max(0, left), "the registration's claim window (claim_token_expires)");
  const poll = await agent.token.claimGrant(expiring.claimToken);
  ctx.outcome(errorCode(poll) === "expired_token" ? "expired" : errorCode(poll) === "authorization_pending" ? "pending" : "other");
  assert(poll.status === 400 && errorCode(poll) === "expired_token", `After claim_token_expires the claim grant answered ${poll.status} ${errorCode(poll) ?? ""}, expected 400 expired_token (AUTH.md v0.7 Errors)`, {
    expected: { status: 400, error: "expired_token" },
    actual: answered(poll),
  });
}, { timeoutMs: expiryCheckTimeoutMs() });

check("TOK-CLM-07", async (ctx) => {
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { reg, attempt } = await anonymousCeremony(ctx, agent);
  // Three polls within about a second, far faster than any interval (5 s in the reference).
  const codes: (string | undefined)[] = [];
  for (let i = 0; i < 3; i++) {
    const poll = await agent.token.claimGrant(reg.claimToken);
    codes.push(errorCode(poll) ?? String(poll.status));
    if (i < 2) await sleep(300);
  }
  ctx.evidence("polls", { interval: attempt.interval ?? null, codes });
  ctx.outcome(codes.includes("slow_down") ? "slow_down" : "never");
  assert(codes.includes("slow_down"), `Three claim-grant polls within a second (interval ${attempt.interval ?? "?"} s) answered ${codes.join(", ")}; polling faster than interval should get slow_down (RFC 8628 §3.5; §15 P15: the reference never sends it)`, {
    expected: "slow_down on a poll faster than interval",
    actual: codes,
  });
});

check("TOK-CLM-09", async (ctx) => {
  const agent = agentWith(ctx, "token");
  const poll = await agent.token.claimGrant(`clt_unknown_${Date.now()}`);
  const code = errorCode(poll);
  ctx.outcome(code === "invalid_grant" ? "invalid_grant" : code === "expired_token" ? "expired_token" : "other");
  // §15 P4: RFC 6749 §5.2 says invalid_grant, the reference and S6 expired_token; either ends the poll.
  if (code === "expired_token") ctx.note("Answered expired_token (the reference's code, §15 P4); RFC 6749 §5.2 would say invalid_grant");
  assert(poll.status === 400 && (code === "invalid_grant" || code === "expired_token"), `An unknown claim_token at the claim grant answered ${poll.status} ${code ?? ""}, expected 400 invalid_grant (RFC 6749 §5.2) or expired_token (the reference, §15 P4)`, {
    expected: { status: 400, error: ["invalid_grant", "expired_token"] },
    actual: answered(poll),
  });
});
