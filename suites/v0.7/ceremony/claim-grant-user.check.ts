import type { ActorResult } from "../../../src/actors/v0_7/types.ts";
import type { HttpResponse } from "../../../src/http/client.ts";
import { assert, check, type CheckContext, notTestable, prerequisite, recordActorResult, skip, withUserActor } from "../../../src/suite/index.ts";
import { agentWith, type AnonymousRegistration, exchange } from "../support/agent.ts";
import { mintSet } from "../support/id-jag.ts";
import {
  accounts,
  anonymousCeremonyFor,
  answeredWith,
  bodyOf,
  confirmedBy,
  deadlineOf,
  jwtPayload,
  minted,
  pollClaimGrant,
  type StartedCeremony,
  stepUpCeremonyFor,
  userConfirms,
} from "../support/user-ceremony.ts";

// The claim polling grant after the user's verdict (v0.7.md §7.3 TOK-CLM-02/03/04/08/10/11, and
// TOK-JWTB-08 on the superseded v1 assertion).

/** One confirmed anonymous claim, shared by the checks that only read its outcome. */
interface ConfirmedAnonymousClaim {
  registration: AnonymousRegistration;
  ceremony: StartedCeremony;
  actor: ActorResult;
  /** The first claim-grant poll after the confirmation. */
  poll: HttpResponse;
}

const CONFIRMED_ANONYMOUS_CLAIM = "v07-confirmed-anonymous-claim";

/** Register anonymously, start a ceremony for the confirming account, confirm it, poll once. */
async function confirmedAnonymousClaim(ctx: CheckContext): Promise<ConfirmedAnonymousClaim> {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const claim = await prerequisite(CONFIRMED_ANONYMOUS_CLAIM, async () => {
    const { registration, ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
    const actor = await userConfirms(ctx, "user confirms", ceremony.block, confirm, "approve");
    if (actor.outcome !== "confirmed") {
      return {
        ok: false as const,
        title: `The user actor could not confirm an anonymous claim as ${confirm.email}`,
        evidence: { message: `The ${actor.adapter} actor ended with ${actor.outcome}${actor.reason ? ` (${actor.reason})` : ""}, status ${actor.httpStatus ?? "none"}`, data: { steps: actor.steps } },
      };
    }
    const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
    return { ok: true as const, value: { registration, ceremony, actor, poll } };
  });
  ctx.evidence("confirmed anonymous claim (shared)", { registrationId: claim.registration.registrationId, poll: answeredWith(claim.poll) });
  return claim;
}

const TOKEN_FIELDS = ["access_token", "token_type", "expires_in", "scope", "identity_assertion", "assertion_expires"];

check("TOK-CLM-02", async (ctx) => {
  const { poll } = await confirmedAnonymousClaim(ctx);
  const body = bodyOf(poll);
  const details = { expected: { status: 200, fields: TOKEN_FIELDS }, actual: answeredWith(poll) };
  assert(poll.status === 200, `After the user confirmed, the claim grant answered ${poll.status} ${String(body.error ?? "")}, expected 200 (AUTH.md v0.7 Step 4c)`, details);
  const missing = TOKEN_FIELDS.filter((k) => body[k] === undefined);
  assert(missing.length === 0, `The claim grant's token response lacks ${missing.join(", ")} (AUTH.md v0.7 Step 4c)`, details);
});

check("TOK-CLM-04", async (ctx) => {
  const { confirm } = accounts();
  const { poll, registration } = await confirmedAnonymousClaim(ctx);
  const assertion = bodyOf(poll).identity_assertion;
  if (typeof assertion !== "string") notTestable("the claim grant returned no identity_assertion (TOK-CLM-02 judges it)");
  const claims = jwtPayload(assertion);
  if (!claims) notTestable("the post-claim identity_assertion is not a decodable JWT (REG-04 judges the format)");
  const details = { expected: { email: confirm.email, email_verified: true, sub: registration.registrationId }, actual: { email: claims.email ?? null, email_verified: claims.email_verified ?? null, sub: claims.sub ?? null } };
  assert(typeof claims.email === "string" && claims.email.toLowerCase() === confirm.email.toLowerCase(), `The post-claim assertion's email is ${JSON.stringify(claims.email)}, expected the confirming user's ${confirm.email} (AUTH.md v0.7 Step 4c)`, details);
  assert(claims.email_verified === true, `The post-claim assertion's email_verified is ${JSON.stringify(claims.email_verified)}, expected true`, details);
  assert(claims.sub === registration.registrationId, `The post-claim assertion's sub is ${JSON.stringify(claims.sub)}, expected the registration_id ${registration.registrationId}`, details);
});

check("TOK-CLM-10", async (ctx) => {
  const { poll, ceremony } = await confirmedAnonymousClaim(ctx);
  if (!minted(poll)) notTestable(`the first poll after the confirmation minted nothing (${poll.status}; TOK-CLM-02 judges it)`);
  const agent = agentWith(ctx, "token");
  const again = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(!minted(again), "A repeat poll with the same claim_token after a successful claim response minted another access_token; like an RFC 8628 device code it should grant once (AUTH.md v0.7: do not persist it past Step 4)", {
    expected: "an error (invalid_grant), no token",
    actual: answeredWith(again),
  });
});

check("TOK-JWTB-08", async (ctx) => {
  const { registration, poll } = await confirmedAnonymousClaim(ctx);
  if (!minted(poll)) notTestable(`the claim did not complete at the claim grant (${poll.status}; TOK-CLM-02 judges it)`);
  const postOnly = registration.postClaimScopes.filter((s) => !registration.preClaimScopes.includes(s));
  if (postOnly.length === 0) notTestable("post_claim_scopes adds nothing to pre_claim_scopes: a superseded v1 assertion cannot be told apart by scope");
  const agent = agentWith(ctx, "token");
  const res = await agent.token.jwtBearer(registration.assertion);
  if (res.status !== 200) return; // refused: superseded
  const body = bodyOf(res);
  const scope = typeof body.scope === "string" ? body.scope.split(/\s+/).filter(Boolean) : [];
  const gained = postOnly.filter((s) => scope.includes(s));
  assert(gained.length === 0, `After the claim, the pre-claim (v1) identity_assertion still mints an access_token with post-claim scope ${gained.join(" ")}; AUTH.md v0.7 Step 4c says the v1 assertion "gets superseded"`, {
    expected: "invalid_grant, or pre-claim scopes only",
    actual: answeredWith(res),
  });
});

check("TOK-CLM-03", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  if (!ctx.target.api.read) notTestable("no API probe is configured (api.read): the pre-claim token cannot be tried");
  const { registration, ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  const preClaim = await exchange(agent, registration.assertion);
  const mintedAt = Date.now();
  const before = await agent.api(preClaim.accessToken);
  if (before.status !== 200) notTestable(`the API refused the fresh pre-claim access_token (${before.status}; ANON-04/API-01 judge it)`);
  await confirmedBy(ctx, "user confirms", ceremony.block, confirm);
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  if (!minted(poll)) notTestable(`the claim did not complete at the claim grant (${poll.status}; TOK-CLM-02 judges it)`);
  const after = await agent.api(preClaim.accessToken);
  // A token past its own expires_in says nothing about revocation.
  if (preClaim.expiresIn !== undefined && Date.now() - mintedAt >= preClaim.expiresIn * 1000) {
    notTestable(`the pre-claim access_token expired (expires_in ${preClaim.expiresIn} s) before the claim completed`);
  }
  assert(after.status === 401, `After the anonymous claim completed, the pre-claim access_token still answers ${after.status} at the API; completion revokes every pre-claim token (AUTH.md v0.7 Step 4c)`, {
    expected: 401,
    actual: { status: after.status, body: after.text.slice(0, 200) },
  });
});

check("TOK-CLM-08", async (ctx) => {
  const { confirm } = accounts();
  const agent = agentWith(ctx, "identity", "claim", "token");
  const { ceremony } = await anonymousCeremonyFor(ctx, agent, confirm.email);
  const result = await withUserActor(async (actor) => {
    if (!actor.deny) skip(`the ${actor.kind} user actor has no way to refuse`);
    return actor.deny({ verificationUri: ceremony.block.verificationUri, account: confirm, deadline: deadlineOf(ceremony.block) });
  });
  recordActorResult(ctx, "user refuses", result);
  if (result.outcome === "error" && /no refusal control/.test(result.reason ?? "")) skip("the claim page offers no refusal (no deny button; RFC 8628 access_denied is a MAY)");
  if (!(result.outcome === "refused" && result.reason === "denied")) notTestable(`the user's refusal was not taken (${result.outcome}${result.reason ? `: ${result.reason}` : ""}, status ${result.httpStatus ?? "none"})`);
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(bodyOf(poll).error === "access_denied", `After the user refused on the claim page, the claim grant answered ${poll.status} ${String(bodyOf(poll).error ?? "")}, expected access_denied (RFC 8628 §3.5)`, { expected: "400 access_denied", actual: answeredWith(poll) });
});

check("TOK-CLM-11", async (ctx) => {
  const { confirm } = accounts();
  if (ctx.target.agentAuth?.events_endpoint === undefined) skip("agent_auth advertises no events_endpoint: a provider cannot revoke");
  const agent = agentWith(ctx, "identity", "token", "events");
  const ceremony = await stepUpCeremonyFor(ctx, agent, { email: confirm.email });
  await confirmedBy(ctx, "matched account confirms", ceremony.block, confirm);
  // The provider revokes (iss, sub) before the agent collected its tokens.
  const delivered = await agent.deliverEvent(await mintSet(ctx, { subject: ceremony.subject }));
  if (delivered.status < 200 || delivered.status >= 300) notTestable(`the provider's revoked-event SET was refused (${delivered.status}; SET-01 judges it)`);
  const poll = await pollClaimGrant(agent, ceremony.claimToken, ceremony.block.interval);
  assert(!minted(poll), "After the provider revoked the step-up registration's identity, the claim grant still minted tokens through it (commit b53c9ed)", { expected: "an error, no token", actual: answeredWith(poll) });
});
