import { providerClient, providerSettings } from "../../../src/suite/harness-clients.ts";
import { assert, type CheckContext, check, notTestable } from "../../../src/suite/index.ts";
import { idJagCases, runIdJagCase, settle } from "../support/id-jag-forge.ts";
import { judgeAcceptance } from "../support/id-jag-logic.ts";
import { twoIssuers } from "../support/issuers.ts";
import { idJagSetup, invalidateBaseline, mintValid, newSubject, registerAssertion, registered, requireBaseline } from "../support/id-jag-setup.ts";

// Signature and key handling (RFC 7515, RFC 8725, the services guide's "JWKS fetching"). Fetches
// of the provider's JWKS and of the attacker material are read from the mock provider's counters.

function forgeCases(cases: readonly string[]) {
  return async (ctx: CheckContext): Promise<void> => {
    const setup = idJagSetup(ctx);
    const audience = await requireBaseline(ctx, setup);
    await idJagCases(ctx, setup, audience, cases);
  };
}

/** In key mode the target pins the user's JWKS: its fetch behaviour cannot be observed or driven. */
function requireLiveProvider(): void {
  if (providerSettings()?.mode === "key") {
    notTestable("provider.mode is key: the target pins the JWKS, so JWKS fetching and rotation cannot be observed");
  }
}

check("SIG-01", forgeCases(["tampered-payload", "signed-by-unpublished-key"]));
check("SIG-02", forgeCases(["alg-none", "alg-none-capitalised", "alg-none-mixed-case"]));
check("SIG-03", forgeCases(["signature-stripped"]));
check("SIG-04", forgeCases(["alg-hs256-public-key", "alg-hs256-public-jwk"]));
check("SIG-05", forgeCases(["signature-zeroed"]));
check("SIG-06", forgeCases(["embedded-jwk", "x5c-embedded"]));

check("SIG-07", async (ctx) => {
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  await setup.provider.resetStats();
  const outcomes = [await runIdJagCase(ctx, setup, audience, "jku-elsewhere"), await runIdJagCase(ctx, setup, audience, "x5u-elsewhere")];
  const stats = await setup.provider.stats();
  ctx.evidence("attacker fetches", { jku: stats.attackerJwksFetches, x5u: stats.attackerX5uFetches });
  settle(outcomes);
  assert(stats.attackerJwksFetches === 0 && stats.attackerX5uFetches === 0,
    `The target fetched the attacker's key material (jku JWKS ${stats.attackerJwksFetches}×, x5u certificate ${stats.attackerX5uFetches}×)`,
    { expected: "never fetched", actual: { jku: stats.attackerJwksFetches, x5u: stats.attackerX5uFetches } });
});

const UNKNOWN_KID_TOKENS = 3;

check("SIG-08", async (ctx) => {
  requireLiveProvider();
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  await setup.provider.resetStats();
  const outcomes = [];
  for (let i = 0; i < UNKNOWN_KID_TOKENS; i++) outcomes.push(await runIdJagCase(ctx, setup, audience, "unknown-kid"));
  const { jwksFetches } = await setup.provider.stats();
  ctx.evidence("JWKS fetches", { tokens: UNKNOWN_KID_TOKENS, fetches: jwksFetches });
  settle(outcomes);
  assert(jwksFetches <= UNKNOWN_KID_TOKENS,
    `${UNKNOWN_KID_TOKENS} tokens with an unknown kid caused ${jwksFetches} JWKS fetches; at most one refetch per token is expected`,
    { expected: `≤ ${UNKNOWN_KID_TOKENS}`, actual: jwksFetches });
  if (jwksFetches === 0) ctx.note("The target never refetched the JWKS on an unknown kid: rotated keys will be refused until its cache expires (see SIG-09)");
});

check("SIG-09", async (ctx) => {
  requireLiveProvider();
  const setup = idJagSetup(ctx);
  const audience = await requireBaseline(ctx, setup);
  // Rotate the second trusted provider when there is one, so the primary's keys (used by every
  // other check) never change; otherwise rotate the primary and have the baseline re-proven.
  const second = providerClient("second");
  const rotating = second ?? setup.provider;
  const issuer = second ? providerSettings()!.second!.issuer : setup.issuer;
  ctx.evidence("rotated provider", issuer);

  // First a valid token, so the target holds the provider's current JWKS before the rotation.
  const sub = newSubject();
  const before = await registerAssertion(ctx, setup, await mintValid(setup, { audience, subject: sub }, rotating));
  if (!(await registered(ctx, before, { iss: issuer, sub, aud: audience }))) {
    notTestable(`a valid ID-JAG from ${issuer} was refused with ${before.status} before the rotation; is that issuer on the trust list?`);
  }
  // The rotation is undone afterwards: the old key stays published, so a target that never
  // refetches (SIG-09's own finding) still verifies the tokens of the checks that follow.
  const previousKid = (await rotating.keys()).currentKid;
  await rotating.resetStats();
  try {
    const outcome = await runIdJagCase(ctx, setup, audience, "kid-rotation", { provider: rotating, issuer });
    const { jwksFetches } = await rotating.stats();
    ctx.evidence("JWKS fetches after the rotation", jwksFetches);
    settle([outcome]);
    assert(judgeAcceptance(outcome.answers[0]!).kind === "pass", "The token signed with the new key was refused");
  } finally {
    await rotating.use(previousKid);
    if (!second) invalidateBaseline();
  }
});

check("SIG-10", async (ctx) => {
  const setup = idJagSetup(ctx);
  twoIssuers(ctx);
  const audience = await requireBaseline(ctx, setup);
  await idJagCases(ctx, setup, audience, ["signed-by-other-issuer-key"]);
});
check("SIG-11", forgeCases(["crit-unknown"]));
check("SIG-12", forgeCases(["dup-claim-aud", "dup-claim-iss"]));
