import type { HttpResponse } from "../../../src/http/client.ts";
import { getProfile } from "../../../src/profiles/index.ts";
import { assert, blocked, type CheckContext, check, notTestable, skip } from "../../../src/suite/index.ts";
import { bearerChallenge } from "../../../src/protocol/www-authenticate.ts";
import { sameScopeSet } from "../support/claim-parse.ts";
import { attachSteps, bodyOf, describeAnswer, errorOf, ok, requireAnonymous, requireVerifiedEmail, requireWriteProbe, WRITE_PROBE_HOW_TO } from "../support/claim-env.ts";
import { anonymousWalk, verifiedEmailWalk, walkStopped } from "../support/claim-walks.ts";
import { stringArray } from "../support/documents.ts";

// Scopes: pre-claim for the anonymous key until /complete, post-claim after; the claimed
// verified_email credential at post-claim scopes. Judged with the configured api probes, and
// (SCO-07) from the registration's own answer, which needs no route at all.

async function keyedWalk(target: Parameters<typeof anonymousWalk>[0]) {
  const walk = await anonymousWalk(target);
  if (!walk.key) walkStopped(walk, "the anonymous registration returned no key (see ANON-01)");
  return walk;
}

/**
 * What the pre-claim credential gets from the API probes (SCO-01…03 run in v0.1 and v0.7). v0.1:
 * the anonymous walk's key (memoised, its steps attached). v0.7 (SHARED_WITH_V0_1): a fresh
 * anonymous registration's jwt-bearer access_token, through the profile's agent driver.
 */
async function preClaimAnswers(ctx: CheckContext, use: { read?: true; write?: true }): Promise<{ readBefore?: HttpResponse; writeBefore?: HttpResponse }> {
  const driver = getProfile(ctx.target.profile).agent(ctx.http, ctx.target);
  if (!driver.preClaimCredential) {
    const walk = await keyedWalk(ctx.target);
    attachSteps(ctx, walk.steps, ["api:before"]);
    return { ...(walk.readBefore ? { readBefore: walk.readBefore } : {}), ...(walk.writeBefore ? { writeBefore: walk.writeBefore } : {}) };
  }
  const fresh = await driver.preClaimCredential();
  if (!fresh.credential) {
    if (fresh.refusal?.status === 400 && errorOf(fresh.refusal) === "anonymous_not_enabled") skip("the service answers anonymous_not_enabled (anonymous registration is opt-out in v0.7)");
    blocked({
      id: "v07-pre-claim-credential",
      title: "No pre-claim access_token: an anonymous registration exchanged at jwt-bearer gave none",
      evidence: { message: `${fresh.reason ?? "no access_token"} (ANON-01 and TOK-JWTB-01 judge the steps)` },
    });
  }
  return {
    ...(use.read ? { readBefore: await driver.callApi(fresh.credential) } : {}),
    ...(use.write && driver.callWriteApi ? { writeBefore: await driver.callWriteApi(fresh.credential) } : {}),
  };
}

check("SCO-01", async (ctx) => {
  requireAnonymous(ctx.target);
  const walk = await preClaimAnswers(ctx, { read: true });
  const probe = ctx.target.api.read;
  assert(ok(walk.readBefore), `The new anonymous key was refused by ${probe.method} ${probe.url}: ${describeAnswer(walk.readBefore)}`, {
    expected: "2xx",
    actual: walk.readBefore?.status,
  });
});

check("SCO-02", async (ctx) => {
  requireAnonymous(ctx.target);
  const probe = requireWriteProbe(ctx.target);
  const walk = await preClaimAnswers(ctx, { write: true });
  assert(!ok(walk.writeBefore), `The pre-claim anonymous key could write: ${probe.method} ${probe.url} answered ${walk.writeBefore?.status}`, {
    expected: "403",
    actual: walk.writeBefore?.status,
  });
});

check("SCO-03", async (ctx) => {
  requireAnonymous(ctx.target);
  const probe = requireWriteProbe(ctx.target);
  const walk = await preClaimAnswers(ctx, { write: true });
  const res = walk.writeBefore;
  if (!res || ok(res)) notTestable(`the pre-claim key's write was not refused (see SCO-02)`);
  const header = bearerChallenge(res.headers["www-authenticate"]);
  const saysScope = errorOf(res) === "insufficient_scope" || header?.params.error === "insufficient_scope";
  assert(res.status === 403 && saysScope, `The refused write (${probe.method} ${probe.url}) answered ${describeAnswer(res)}, expected 403 insufficient_scope`, {
    expected: '403, error "insufficient_scope"',
    actual: { status: res.status, error: errorOf(res) ?? null, wwwAuthenticate: res.headers["www-authenticate"] ?? null },
  });
});

check("SCO-04", async (ctx) => {
  requireAnonymous(ctx.target);
  requireWriteProbe(ctx.target);
  const walk = await keyedWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["api:before", "claim", "api:after-claim", "api:after-code"]);
  if (ok(walk.writeBefore)) notTestable("the key could already write before the claim (see SCO-02)");
  const rose: string[] = [];
  if (ok(walk.writeAfterClaim)) rose.push("after /claim");
  if (ok(walk.writeAfterCode)) rose.push("after the OTP was minted");
  assert(rose.length === 0, `The anonymous key could write before /complete: ${rose.join(", ")}`, {
    expected: "writes refused until /complete",
    actual: { afterClaim: walk.writeAfterClaim?.status, afterCode: walk.writeAfterCode?.status },
  });
  if (!walk.writeAfterClaim || !walk.writeAfterCode) walkStopped(walk, "the claim did not reach the minted code");
});

check("SCO-05", async (ctx) => {
  requireAnonymous(ctx.target);
  const probe = requireWriteProbe(ctx.target);
  const walk = await keyedWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["complete", "api:after-complete"]);
  if (!walk.ceremony?.completion || !walk.writeAfter) walkStopped(walk, "the anonymous claim did not complete (see ANON-04)");
  assert(ok(walk.writeAfter), `After /complete the same key still cannot write: ${probe.method} ${probe.url} answered ${describeAnswer(walk.writeAfter)}`, {
    expected: "2xx with the same key",
    actual: walk.writeAfter.status,
  });
});

check("SCO-06", async (ctx) => {
  requireVerifiedEmail(ctx.target);
  const walk = await verifiedEmailWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["register", "complete", "api"]);
  const completion = walk.ceremony?.completion;
  if (!completion || !walk.credential) walkStopped(walk, "the verified_email claim issued no credential (see VEM-03)");
  const announced = stringArray(walk.registration.post_claim_scopes);
  if (!announced) notTestable("the registration announced no post_claim_scopes (see VEM-01)");
  const scopes = stringArray(bodyOf(completion.res).scopes);
  assert(scopes && sameScopeSet(scopes, announced), `The claimed credential's scopes ${JSON.stringify(scopes ?? null)} are not the announced post_claim_scopes ${JSON.stringify(announced)}`, {
    expected: announced,
    actual: scopes ?? null,
  });
  const probe = ctx.target.api.write;
  if (!probe) {
    ctx.note(`No api.write probe is configured: only the scopes member was checked. To also judge it by use, ${WRITE_PROBE_HOW_TO}`);
    return;
  }
  if (!ok(walk.read)) notTestable("the claimed credential is not accepted at all (see VEM-04)");
  assert(ok(walk.write), `The claimed credential cannot write: ${probe.method} ${probe.url} answered ${describeAnswer(walk.write)}`, {
    expected: "2xx",
    actual: walk.write?.status,
  });
});

check("SCO-07", async (ctx) => {
  requireAnonymous(ctx.target);
  const walk = await anonymousWalk(ctx.target);
  attachSteps(ctx, walk.steps, ["register"]);
  if (!ok(walk.register)) notTestable(`the anonymous registration answered ${describeAnswer(walk.register)} (see ANON-01)`);
  const granted = stringArray(walk.registration.scopes);
  const postClaim = stringArray(walk.registration.post_claim_scopes);
  if (!granted || !postClaim) notTestable("the anonymous registration did not return scopes and post_claim_scopes as arrays of strings (see ANON-01)");
  const supported = stringArray(ctx.target.prm?.scopes_supported);
  ctx.evidence("scopes", { granted, postClaim, ...(supported ? { scopesSupported: supported } : {}) });
  const outsideSupported = supported ? [...granted, ...postClaim].filter((s) => !supported.includes(s)) : [];
  if (outsideSupported.length) ctx.note(`Scopes outside the PRM scopes_supported: ${[...new Set(outsideSupported)].join(", ")} (see IDJAG-BASE-03 for the same rule on ID-JAG grants).`);
  const dropped = granted.filter((s) => !postClaim.includes(s));
  if (dropped.length) ctx.note(`The claim would drop pre-claim scopes ${dropped.join(", ")} (post_claim_scopes does not list them), though AUTH.md Step 4c calls the swap an upgrade.`);
  const widens = postClaim.filter((s) => !granted.includes(s));
  assert(postClaim.length === 0 || widens.length > 0, `The anonymous key was issued with its post-claim scopes: scopes ${JSON.stringify(granted)} already cover post_claim_scopes ${JSON.stringify(postClaim)}, so the unclaimed key holds what only the claim is to grant`, {
    expected: "scopes (pre-claim) lacking at least one of post_claim_scopes",
    actual: { scopes: granted, post_claim_scopes: postClaim },
  });
});
