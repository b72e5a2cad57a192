import type { HttpClient } from "../../../src/http/client.ts";
import { assert, check, type CheckContext, notTestable, skip } from "../../../src/suite/index.ts";
import { containsSecret } from "../support/claim-parse.ts";
import {
  advertisesAnonymous,
  advertisesVerifiedEmail,
  attachSteps,
  bodyOf,
  type ClaimEndpoints,
  claimEndpoints,
  describeAnswer,
  documentedCode,
  mailMissing,
  ok,
  recordCreated,
  requireAnonymous,
  uniqueAddress,
  userActor,
  waitForClaimMail,
} from "../support/claim-env.ts";
import { allWalks, anonymousWalk, completeClaim, walkName, walkStopped, walksStopped } from "../support/claim-walks.ts";

// Ceremony hygiene: codes bound to their registration, user-side secrets never reach the
// agent, no caching of secrets, stale links dead.

/** A registration waiting for its code: claim_token and the mailed link (or why not). */
async function pendingClaim(ctx: CheckContext, http: HttpClient, endpoints: ClaimEndpoints, tag: string) {
  const email = uniqueAddress(tag);
  const verifiedEmail = advertisesVerifiedEmail(ctx.target);
  const register = await http.postJson(
    endpoints.register,
    verifiedEmail
      ? { type: "identity_assertion", assertion_type: "verified_email", assertion: email, requested_credential_type: "api_key" }
      : { type: "anonymous", requested_credential_type: "api_key" },
  );
  const body = bodyOf(register);
  const type = verifiedEmail ? "email-verification" : "anonymous";
  await recordCreated(ctx.requirement.id, body.registration_id, type, verifiedEmail ? undefined : { type: body.credential_type, value: body.credential });
  if (!ok(register) || typeof body.claim_token !== "string") notTestable(`a ${type} registration answered ${describeAnswer(register)}`);
  if (!verifiedEmail) {
    const claim = await http.postJson(endpoints.claim, { claim_token: body.claim_token, email });
    if (!ok(claim)) notTestable(`/claim answered ${describeAnswer(claim)} (see ANON-02)`);
  }
  const outcome = await waitForClaimMail(email, verifiedEmail ? "verified-email" : "anonymous");
  if (!outcome.mail) mailMissing(outcome);
  const mail = outcome.mail;
  const link = userActor(http, endpoints.challenge).claimLink(mail);
  if (!link) notTestable(`the claim mail to ${email} has no claim link`);
  return { claimToken: body.claim_token, registrationId: body.registration_id, link, type };
}

check("CLM-01", async (ctx) => {
  if (!advertisesVerifiedEmail(ctx.target) && !advertisesAnonymous(ctx.target)) {
    skip("agent_auth.identity_types_supported lists neither anonymous nor identity_assertion with verified_email");
  }
  const endpoints = claimEndpoints(ctx.target);
  const [a, b] = await Promise.all([pendingClaim(ctx, ctx.http, endpoints, "clm-01-a"), pendingClaim(ctx, ctx.http, endpoints, "clm-01-b")]);
  const actor = userActor(ctx.http, endpoints.challenge);
  const codeA = await actor.revealCode(a.link);
  if (!codeA.code) notTestable(`no code for registration A: ${codeA.problem} (see OTP-01)`);
  let codeB = await actor.revealCode(b.link);
  // Two registrations can draw the same 6 digits by chance; then B's code proves nothing.
  for (let i = 0; i < 2 && codeB.code === codeA.code; i++) codeB = await actor.revealCode(b.link);
  if (!codeB.code || codeB.code === codeA.code) notTestable(`no distinct code for registration B: ${codeB.problem ?? "same code"}`);
  const res = await completeClaim(ctx.http, endpoints, a.claimToken, codeB.code);
  if (ok(res)) {
    const body = bodyOf(res);
    await recordCreated(ctx.requirement.id, a.registrationId, a.type, { type: body.credential_type, value: body.credential });
  }
  assert(!ok(res), `/complete accepted registration A's claim_token with the code minted for registration B (${describeAnswer(res)})`, {
    expected: "4xx (otp_invalid)",
    actual: res.status,
  });
  const match = documentedCode(res, ["OTP_INVALID", "CLM"]);
  ctx.note(match.ok ? `Refused with ${match.code}` : `Refused with ${describeAnswer(res)}`);
});

check("CLM-03", async (ctx) => {
  const { walks, absent } = await allWalks(ctx.target);
  if (walks.length === 0) notTestable(absent.join("; "));
  const problems: string[] = [];
  let secrets = 0;
  for (const walk of walks) {
    attachSteps(ctx, walk.steps, ["register", "claim", "complete", "api"]);
    secrets += walk.userSecrets.length;
    for (const res of walk.agentFacing) {
      for (const secret of walk.userSecrets) {
        if (containsSecret(res.text, secret)) {
          const what = /^[0-9]+$/.test(secret) ? "an OTP" : "a claim_attempt_token";
          problems.push(`${walkName(walk)}: the agent-facing answer from ${new URL(res.url).pathname} (${res.status}) contains ${what}`);
        }
      }
    }
  }
  if (secrets === 0) walksStopped(walks, `no OTP or claim_attempt_token was seen: ${walks.map((w) => w.stopped).filter(Boolean).join("; ")}`);
  assert(problems.length === 0, `User-side secrets reached the agent: ${[...new Set(problems)].join("; ")}`, {
    expected: "OTPs only on the user's page, attempt tokens only in the mail",
    actual: [...new Set(problems)],
  });
});

check("CLM-04", async (ctx) => {
  const { walks, absent } = await allWalks(ctx.target);
  if (walks.length === 0) notTestable(absent.join("; "));
  const problems: string[] = [];
  const missingPragma: string[] = [];
  let seen = 0;
  for (const walk of walks) {
    for (const { label, res } of walk.secretBearing) {
      seen += 1;
      const where = `${walkName(walk)} ${label} (${new URL(res.url).pathname})`;
      const cacheControl = res.headers["cache-control"] ?? "";
      if (!/(^|,)\s*no-store\s*(,|$)/i.test(cacheControl)) problems.push(`${where}: Cache-Control is ${cacheControl ? JSON.stringify(cacheControl) : "absent"}`);
      if (!/no-cache/i.test(res.headers["pragma"] ?? "")) missingPragma.push(where);
    }
    attachSteps(ctx, walk.steps, ["register", "challenge", "complete"]);
  }
  if (seen === 0) walksStopped(walks, `no response carrying a secret was observed: ${walks.map((w) => w.stopped).filter(Boolean).join("; ")}`);
  if (missingPragma.length) ctx.note(`No Pragma: no-cache on ${missingPragma.join(", ")} (RFC 6749 §5.1 asks for it too)`);
  assert(problems.length === 0, `Responses carrying secrets may be cached: ${problems.join("; ")}`, {
    expected: "Cache-Control: no-store",
    actual: problems,
  });
});

check("CLM-05", async (ctx) => {
  requireAnonymous(ctx.target);
  const walk = await anonymousWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["claim", "claim:second", "challenge:superseded"]);
  if (!walk.supersededReveal) {
    if (walk.claim2 && !ok(walk.claim2) && documentedCode(walk.claim2, ["DONE"]).ok) {
      ctx.note(`Not exercised: ${walk.supersededSkipped}`);
      return;
    }
    // A store keeping one mail per registration replaced the first link's mail: no target bug,
    // just nothing left to click (the harness reads mail only as the service stores it).
    if (walk.mail1Overwritten) skip(`The first claim mail was overwritten by the second in the mail store, so its (superseded) link cannot be tried: ${walk.mail1Problem}`);
    if (walk.cause && !walk.mail1) walkStopped(walk, "no claim mail");
    notTestable(walk.supersededSkipped ?? walk.stopped ?? "no superseded link was produced");
  }
  const res = walk.supersededReveal.response;
  assert(!ok(res) && !walk.supersededReveal.code, `The link of a superseded claim attempt still minted a code (${describeAnswer(res)})`, {
    expected: "410 claim_superseded",
    actual: res.status,
  });
  const match = documentedCode(res, ["CLM"]);
  ctx.note(match.ok ? `Refused with ${match.code}` : `Refused with ${describeAnswer(res)} (expected claim_superseded)`);
});
